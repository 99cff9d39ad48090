/**
 * What the harness runs against: the embedded mock (no port) or any SCIM base URL with a key. A
 * target is a `fetch` plus the endpoints of one account (and optionally a second one for the
 * cross-account checks).
 *
 * @module
 */
import type { ReportTarget } from '../../reports/model.ts'
import { redactUrl } from '../../model/redact.ts'
import type { AccountEndpoint } from '../../driver/http/scim-http.ts'
import type { FetchLike } from '../../driver/http/types.ts'

export interface Target {
  readonly kind: 'in-process' | 'url'
  readonly description: string
  readonly main: AccountEndpoint
  readonly other?: AccountEndpoint
  readonly fetch: FetchLike
  /** Frees what the target holds (a server started for it). */
  close?(): Promise<void>
}

/** The target as the report shows it: no key, no credentials in the URL. */
export function reportTarget(target: Target): ReportTarget {
  return { kind: target.kind, url: redactUrl(target.main.baseUrl), description: target.description }
}
