/**
 * What the harness's webhook receiver got: every callback, in arrival order. The in-process target
 * fills it through the mock's `webhookFetch` (no port); over HTTP a loopback server fills it
 * (`suites/targets/webhook-receiver.ts`). Each rule configures its own path under the inbox URL, so
 * rules running side by side read only their own callbacks.
 *
 * @module
 */

export interface ReceivedCallback {
  readonly url: string
  readonly method: string
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>
  readonly bodyText: string
  /** The parsed body, or undefined when it is not JSON. */
  readonly body: unknown
}

export class WebhookInbox {
  readonly #received: ReceivedCallback[] = []
  readonly #waiters = new Set<() => void>()

  /** `url`: the base URL a webhook is configured with (the receiver's address as the target sees it). */
  constructor(readonly url: string) {}

  /** The URL for one rule's webhook: the inbox URL plus a path of its own. */
  urlFor(name: string): string {
    return `${this.url.replace(/\/+$/, '')}/${encodeURIComponent(name)}`
  }

  record(callback: ReceivedCallback): void {
    this.#received.push(callback)
    for (const wake of this.#waiters) wake()
  }

  /** Callbacks that arrived at `url` (exactly, query excluded). */
  at(url: string): ReceivedCallback[] {
    const wanted = url.split('?')[0]
    return this.#received.filter((cb) => cb.url.split('?')[0] === wanted)
  }

  /** Resolves once `count` callbacks arrived at `url`, or after `timeoutMs` with what came. */
  async waitFor(url: string, count: number, timeoutMs: number): Promise<ReceivedCallback[]> {
    if (this.at(url).length >= count) return this.at(url)
    await new Promise<void>((resolve) => {
      const done = () => {
        if (this.at(url).length < count) return
        finish()
      }
      const timer = setTimeout(finish, timeoutMs)
      function finish() {
        clearTimeout(timer)
        waiters.delete(done)
        resolve()
      }
      const waiters = this.#waiters
      waiters.add(done)
    })
    return this.at(url)
  }
}

/** Lower-case header names of a `Headers` or a plain record. */
export function headerRecord(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers)
  for (const [name, value] of entries) out[name.toLowerCase()] = value
  return out
}

export function parsedBody(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown)
  } catch {
    return undefined
  }
}
