/**
 * Recorded id → replayed id, learned from answers (a created user's `id`, list `Resources` by
 * position) and applied to every later path, query and body, so a replayed PATCH hits the user
 * the replayed POST created. The recorded account's base path maps to the target's as well.
 *
 * @module
 */
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export class IdMap {
  readonly #map = new Map<string, string>()
  readonly #targetPath: string

  constructor(targetBaseUrl: string) {
    this.#targetPath = new URL(targetBaseUrl).pathname.replace(/\/$/, '')
  }

  get size(): number {
    return this.#map.size
  }

  /** The recorded account's SCIM base path becomes the target's in error details and locations. */
  learnAccount(accountId: string): void {
    const recorded = `/scim/v2/accounts/${accountId}`
    if (recorded !== this.#targetPath) this.#map.set(recorded, this.#targetPath)
  }

  learn(recorded: unknown, actual: unknown): void {
    if (!isRecord(recorded) || !isRecord(actual)) return
    this.#pair(recorded.id, actual.id)
    const before = recorded.Resources
    const after = actual.Resources
    if (!Array.isArray(before) || !Array.isArray(after)) return
    before.forEach((item, i) => {
      if (isRecord(item) && isRecord(after[i]))
        this.#pair(item.id, (after[i] as Record<string, unknown>).id)
    })
  }

  #pair(from: unknown, to: unknown): void {
    if (typeof from === 'string' && typeof to === 'string' && from.length >= 8 && from !== to) {
      this.#map.set(from, to)
    }
  }

  /** Replaces every recorded id inside `text`. */
  substituteText(text: string): string {
    let out = text
    for (const [from, to] of this.#map) {
      if (out.includes(from)) out = out.split(from).join(to)
      const encoded = encodeURIComponent(from)
      if (encoded !== from && out.includes(encoded))
        out = out.split(encoded).join(encodeURIComponent(to))
    }
    return out
  }

  /** Replaces recorded ids in every string of a JSON value. */
  substitute(value: unknown): unknown {
    if (this.#map.size === 0) return value
    if (typeof value === 'string') return this.substituteText(value)
    if (Array.isArray(value)) return value.map((item) => this.substitute(item))
    if (!isRecord(value)) return value
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) out[key] = this.substitute(item)
    return out
  }
}
