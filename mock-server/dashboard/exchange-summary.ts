/**
 * What the live traffic shows of an exchange before anyone opens it: its route (the path with ids
 * replaced, so a filter groups every `PATCH /Users/{id}`) and its verdict (the worst finding of the
 * client audit, or the fault the mock injected). Pure; the views and the stream share it.
 *
 * @module
 */
import type { ExchangeFinding } from '../traffic/client-verification.ts'
import type { TrafficRecord } from '../traffic/record.ts'

/** `error`/`warning`: the worst finding; `ok`: none (info at most); `unjudged`: no client audit. */
export type Verdict = 'error' | 'warning' | 'ok' | 'unjudged'

/** Collections whose second segment is an id (`.search` and `.bulk` are operations, not ids). */
const COLLECTIONS = new Set(['users', 'groups', 'schemas', 'resourcetypes'])

/** `PATCH /Users/{id}`, `GET /Users`, `POST /Users/.search`, `GET /ServiceProviderConfig`. */
export function routeOf(method: string, path: string): string {
  const segments = path.split('?')[0]!.split('/').filter(Boolean)
  const [first, second] = segments
  if (first !== undefined && second !== undefined && COLLECTIONS.has(first.toLowerCase())) {
    if (!second.startsWith('.')) segments[1] = '{id}'
  }
  const shown = segments.length > 3 ? [...segments.slice(0, 3), '…'] : segments
  return `${method.toUpperCase()} /${shown.join('/')}`
}

/** REST collections whose next segment is an id (or an e-mail, for `userPrincipals`). */
const REST_COLLECTIONS = new Set([
  'identities',
  'teams',
  'members',
  'identityprincipals',
  'userprincipals',
])

const REST_PATH = /^\/([^/]+)\/api\/(v\d+)\/accounts\/[^/]+(\/.*)?$/i

/**
 * `GET identityservice v2 /identities/{id}`: a REST call's route, the service and version first
 * and the account left out (the dashboard shows one account), ids replaced as for SCIM.
 */
export function restRouteOf(method: string, path: string): string {
  const match = REST_PATH.exec(path)
  if (!match) return `${method.toUpperCase()} ${path}`
  const segments = (match[3] ?? '').split('/').filter(Boolean)
  for (let i = 1; i < segments.length; i++) {
    if (REST_COLLECTIONS.has(segments[i - 1]!.toLowerCase())) segments[i] = '{id}'
  }
  return `${method.toUpperCase()} ${match[1]} ${match[2]} /${segments.join('/')}`
}

export function verdictOf(findings: readonly ExchangeFinding[] | undefined): Verdict {
  if (findings === undefined) return 'unjudged'
  if (findings.some((f) => f.severity === 'error')) return 'error'
  if (findings.some((f) => f.severity === 'warning')) return 'warning'
  return 'ok'
}

/** `2 errors, 1 warning`; `no finding`; `not judged`. */
export function verdictText(findings: readonly ExchangeFinding[] | undefined): string {
  if (findings === undefined) return 'not judged'
  const errors = findings.filter((f) => f.severity === 'error').length
  const warnings = findings.filter((f) => f.severity === 'warning').length
  const parts = [
    errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '',
    warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
  ].filter(Boolean)
  return parts.length > 0 ? parts.join(', ') : 'no finding'
}

/** What the mock did instead of (or on top of) answering: `503 (fault f1)`, `reset (fault)`. */
export function faultText(record: TrafficRecord): string | undefined {
  const fault = record.fault
  if (!fault) return undefined
  const detail = fault.status !== undefined ? `${fault.status}` : fault.type
  return `${detail} (fault ${fault.id})`
}
