/**
 * The preview: what ClearID would make of each row (an identity, its credentials) and, when the
 * target was read (`--against`), whether that creates, updates or leaves an identity alone. The
 * first entries are kept for the console; every entry can be streamed to a file as it is made.
 *
 * @module
 */
import type { Classifier } from '../driver/rest/known-identities.ts'
import type { SyncCredential } from '../model/sync/credentials.ts'
import type { MappedIdentity } from '../model/sync/mapped-identity.ts'
import type { AttributeValue, JsonValue } from '../model/identity.ts'

export type PreviewOutcome = 'create' | 'update' | 'unchanged' | 'refused' | 'sync'

export interface PreviewEntry {
  readonly file: string
  readonly row: number
  readonly outcome: PreviewOutcome
  readonly externalId?: string
  readonly displayName: string
  readonly active?: boolean
  readonly attributes: Readonly<Record<string, AttributeValue>>
  readonly rest: Readonly<Record<string, JsonValue>>
  readonly credentials: readonly SyncCredential[]
  /** Why the row is refused. */
  readonly errors?: readonly string[]
  /** For an update: the fields whose values change. */
  readonly changes?: readonly string[]
}

export interface PreviewTotals {
  rows: number
  identities: number
  credentials: number
  refused: number
  create: number
  update: number
  unchanged: number
}

/** A Base64 picture is summarized: the preview shows its size, not kilobytes of text. */
function lean(rest: Readonly<Record<string, JsonValue>>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = { ...rest }
  const picture = out.picture
  if (
    picture &&
    typeof picture === 'object' &&
    !Array.isArray(picture) &&
    picture.kind === 'base64'
  )
    out.picture = { kind: 'base64', bytes: picture.bytes ?? 0 }
  return out
}

export class PreviewCollector {
  readonly totals: PreviewTotals = {
    rows: 0,
    identities: 0,
    credentials: 0,
    refused: 0,
    create: 0,
    update: 0,
    unchanged: 0,
  }
  readonly first: PreviewEntry[] = []
  readonly #keep: number
  /** External IDs of identities earlier rows made (with their names). */
  readonly #named = new Set<string>()
  readonly #classify?: Classifier
  readonly #sink?: (entry: PreviewEntry) => void

  constructor(
    options: { keep?: number; classify?: Classifier; sink?: (entry: PreviewEntry) => void } = {},
  ) {
    this.#keep = options.keep ?? 20
    if (options.classify) this.#classify = options.classify
    if (options.sink) this.#sink = options.sink
  }

  add(
    file: string,
    row: number,
    identity: MappedIdentity,
    credentials: readonly SyncCredential[],
    credentialErrors: readonly string[],
  ): void {
    this.totals.rows++
    const verdict = this.#classify?.(identity)
    // A row updating an identity that exists (on the target, or made by an earlier row) may leave
    // out what only a new identity needs: the upload validates the merged identity.
    const exists =
      (verdict !== undefined && verdict.outcome !== 'create') ||
      (identity.externalId !== undefined && this.#named.has(identity.externalId))
    const errors = [
      ...identity.issues
        .filter((i) => i.severity === 'error' && !(exists && i.newOnly))
        .map((i) => i.message),
      ...credentialErrors,
    ]
    let outcome: PreviewOutcome = 'sync'
    let changes: string[] | undefined
    if (errors.length > 0) {
      outcome = 'refused'
      this.totals.refused++
    } else {
      this.totals.identities++
      this.totals.credentials += credentials.length
      if (identity.externalId !== undefined) this.#named.add(identity.externalId)
      if (verdict) {
        outcome = verdict.outcome
        changes = verdict.changes
        this.totals[verdict.outcome]++
      }
    }
    if (this.first.length >= this.#keep && !this.#sink) return
    const entry: PreviewEntry = {
      file,
      row,
      outcome,
      ...(identity.externalId !== undefined && { externalId: identity.externalId }),
      displayName: identity.displayName,
      ...(identity.active !== undefined && { active: identity.active }),
      attributes: identity.attributes,
      rest: lean(identity.rest),
      credentials,
      ...(errors.length > 0 && { errors }),
      ...(changes && changes.length > 0 && { changes }),
    }
    if (this.first.length < this.#keep) this.first.push(entry)
    this.#sink?.(entry)
  }
}
