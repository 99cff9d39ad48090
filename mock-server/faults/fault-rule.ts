/**
 * Fault rules as data: what the mock does wrong, to which requests, how often. One validated shape
 * (`FaultRule`) behind three inputs: `createApp({ faults })`, the control plane
 * (`POST /_admin/accounts/{id}/faults`) and the CLI (`--fault "route=POST /Users,status=503"`, see
 * `fault-text.ts`). Bad input throws `FaultSpecError` with a message that says what to change.
 *
 * @module
 */

/**
 * Longest wait any fault may impose, so tests and servers still stop: latency, timeout and slow-body
 * delay each, and latency and timeout together (one request is held at most this long).
 */
export const MAX_FAULT_WAIT_MS = 60_000

export type FaultAction =
  /** Answer this status (4xx/5xx) with a SCIM error, without running the request. */
  | { readonly type: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  /** Drop the connection: `fetch` rejects with a TypeError; over Node the socket is destroyed. */
  | { readonly type: 'reset' }
  /** Never answer until the client gives up, or `maxMs` passes (then the connection drops). */
  | { readonly type: 'timeout'; readonly maxMs: number }
  /** Run the request, then stream the body in `chunkBytes` pieces `delayMs` apart. */
  | { readonly type: 'slow-body'; readonly chunkBytes: number; readonly delayMs: number }
  /** Apply the POST, then answer 409 uniqueness, as a retry of a create that did succeed sees. */
  | { readonly type: 'conflict-after-success' }
  /** GET by id of an identity created less than `withinMs` ago answers 404, once per identity. */
  | { readonly type: 'not-found-after-create'; readonly withinMs: number }

export type FaultType = FaultAction['type'] | 'latency'

export interface FaultRule {
  /** Method in upper case; absent: any method. */
  readonly method?: string
  /** Path under the account's SCIM base: `/Users`, `/Users/*` (one segment), `*` (anything). */
  readonly path?: string
  /** Share of matching requests that get the fault, 0–1 (seeded, so runs repeat). */
  readonly rate: number
  /** Apply to the next N matching requests, then retire. Absent: until removed. */
  readonly next?: number
  /** Added before the request runs (alone, or before the action). */
  readonly latencyMs: number
  readonly action?: FaultAction
  /** Seed of this rule's random sequence for `rate`. */
  readonly seed: number
}

/** The JSON form: what `createApp({ faults })` and `POST …/faults` accept. */
export interface FaultSpec {
  /** `"POST /Users"`, `"/Users/*"`, `"PATCH /Users/:id"`, `"*"`. */
  readonly route?: string
  readonly rate?: number
  readonly next?: number
  /** Milliseconds. */
  readonly latency?: number
  readonly status?: number
  /** Seconds, sent as `Retry-After` with `status`. */
  readonly retryAfter?: number
  readonly reset?: boolean
  /** `true` or the longest wait in milliseconds. */
  readonly timeout?: boolean | number
  readonly slowBody?: boolean | { readonly chunkBytes?: number; readonly delayMs?: number }
  readonly conflictAfterSuccess?: boolean
  /** `true` or the window in milliseconds (default 5000). */
  readonly notFoundAfterCreate?: boolean | number
  readonly seed?: number
}

export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError'
}

const SPEC_KEYS = [
  'route',
  'rate',
  'next',
  'latency',
  'status',
  'retryAfter',
  'reset',
  'timeout',
  'slowBody',
  'conflictAfterSuccess',
  'notFoundAfterCreate',
  'seed',
] as const
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])
const DEFAULT_NOT_FOUND_WINDOW_MS = 5000

type Json = Readonly<Record<string, unknown>>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Validates one spec (JSON) into a rule. Throws `FaultSpecError` naming the bad field. */
export function toFaultRule(spec: unknown): FaultRule {
  if (!isObject(spec))
    throw new FaultSpecError('A fault must be a JSON object such as {"status":503}.')
  const unknown = Object.keys(spec).filter((key) => !(SPEC_KEYS as readonly string[]).includes(key))
  if (unknown.length > 0) {
    throw new FaultSpecError(
      `Unknown fault field ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(', ')}; known fields: ${SPEC_KEYS.join(', ')}.`,
    )
  }
  const latencyMs = integer(spec.latency, 'latency', 0, MAX_FAULT_WAIT_MS) ?? 0
  const action = actionOf(spec, latencyMs)
  if (action?.type === 'timeout' && latencyMs + action.maxMs > MAX_FAULT_WAIT_MS) {
    throw new FaultSpecError(
      `latency and timeout together may hold a request at most ${MAX_FAULT_WAIT_MS} ms; got ${latencyMs} + ${action.maxMs}. Shorten one of them.`,
    )
  }
  if (!action && latencyMs === 0) {
    throw new FaultSpecError(
      'A fault needs an effect: latency, status, reset, timeout, slowBody, conflictAfterSuccess or notFoundAfterCreate.',
    )
  }
  const route = routeOf(spec.route, action)
  const next = integer(spec.next, 'next', 1, 1_000_000)
  const rate = number(spec.rate, 'rate', 0, 1) ?? 1
  const seed = integer(spec.seed, 'seed', 0, 2 ** 32 - 1) ?? 1
  return {
    ...route,
    rate,
    ...(next === undefined ? {} : { next }),
    latencyMs,
    ...(action && { action }),
    seed,
  }
}

function actionOf(spec: Json, latencyMs: number): FaultAction | undefined {
  const actions: FaultAction[] = []
  const status = integer(spec.status, 'status', 400, 599)
  const retryAfter = integer(spec.retryAfter, 'retryAfter', 0, 3600)
  if (retryAfter !== undefined && status === undefined) {
    throw new FaultSpecError('retryAfter needs a status (usually 429 or 503).')
  }
  if (status !== undefined) {
    actions.push({
      type: 'status',
      status,
      ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    })
  }
  if (flag(spec.reset, 'reset')) actions.push({ type: 'reset' })
  // `timeout` alone waits what the latency leaves of the longest wait.
  const longest = Math.max(1, MAX_FAULT_WAIT_MS - latencyMs)
  const timeout = flagOrInteger(spec.timeout, 'timeout', 1, MAX_FAULT_WAIT_MS, longest)
  if (timeout !== undefined) actions.push({ type: 'timeout', maxMs: timeout })
  const slow = slowBodyOf(spec.slowBody)
  if (slow) actions.push(slow)
  if (flag(spec.conflictAfterSuccess, 'conflictAfterSuccess')) {
    actions.push({ type: 'conflict-after-success' })
  }
  const window = flagOrInteger(
    spec.notFoundAfterCreate,
    'notFoundAfterCreate',
    1,
    3_600_000,
    DEFAULT_NOT_FOUND_WINDOW_MS,
  )
  if (window !== undefined) actions.push({ type: 'not-found-after-create', withinMs: window })
  if (actions.length > 1) {
    throw new FaultSpecError(
      `A fault has one effect besides latency; got ${actions.map((a) => a.type).join(' and ')}. Add one fault per effect.`,
    )
  }
  return actions[0]
}

function slowBodyOf(value: unknown): FaultAction | undefined {
  if (value === undefined || value === false) return undefined
  if (value === true) return { type: 'slow-body', chunkBytes: 16, delayMs: 100 }
  if (!isObject(value)) {
    throw new FaultSpecError('slowBody must be true or {"chunkBytes": n, "delayMs": ms}.')
  }
  return {
    type: 'slow-body',
    chunkBytes: integer(value.chunkBytes, 'slowBody.chunkBytes', 1, 65_536) ?? 16,
    delayMs: integer(value.delayMs, 'slowBody.delayMs', 0, 10_000) ?? 100,
  }
}

/** Routes default to where an action makes sense: creates for the 409, reads by id for the 404. */
function routeOf(
  value: unknown,
  action: FaultAction | undefined,
): Pick<FaultRule, 'method' | 'path'> {
  if (value === undefined) {
    if (action?.type === 'conflict-after-success') return { method: 'POST', path: '/Users' }
    if (action?.type === 'not-found-after-create') return { method: 'GET', path: '/Users/*' }
    return {}
  }
  if (typeof value !== 'string')
    throw new FaultSpecError('route must be a string such as "POST /Users".')
  const parsed = parseRoute(value)
  if (
    action?.type === 'conflict-after-success' &&
    parsed.method !== undefined &&
    parsed.method !== 'POST'
  ) {
    throw new FaultSpecError('conflictAfterSuccess applies to creates: use route "POST /Users".')
  }
  if (
    action?.type === 'not-found-after-create' &&
    parsed.method !== undefined &&
    parsed.method !== 'GET'
  ) {
    throw new FaultSpecError(
      'notFoundAfterCreate applies to reads by id: use route "GET /Users/*".',
    )
  }
  return parsed
}

/** `"POST /Users"` → method and path pattern; `:name` segments read as `*`. */
export function parseRoute(text: string): Pick<FaultRule, 'method' | 'path'> {
  const match = /^\s*(?:([A-Za-z]+|\*)\s+)?(\/\S*|\*)\s*$/.exec(text)
  if (!match?.[2]) {
    throw new FaultSpecError(
      `route "${text.slice(0, 80)}" is not "[METHOD] /path" (for example "POST /Users" or "/Users/*").`,
    )
  }
  const method = match[1]?.toUpperCase()
  if (method !== undefined && method !== '*' && !METHODS.has(method)) {
    throw new FaultSpecError(`route method "${method.slice(0, 20)}" is not an HTTP method.`)
  }
  const path =
    match[2] === '*' ? undefined : match[2].replace(/\/:[^/]+/g, '/*').replace(/\/$/, '') || '/'
  return {
    ...(method === undefined || method === '*' ? {} : { method }),
    ...(path === undefined ? {} : { path }),
  }
}

function integer(value: unknown, field: string, min: number, max: number): number | undefined {
  const read = number(value, field, min, max)
  if (read !== undefined && !Number.isInteger(read)) {
    throw new FaultSpecError(`${field} must be a whole number from ${min} to ${max}.`)
  }
  return read
}

function number(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new FaultSpecError(
      `${field} must be a number from ${min} to ${max}; got ${describe(value)}.`,
    )
  }
  return value
}

function flag(value: unknown, field: string): boolean {
  if (value === undefined) return false
  if (typeof value !== 'boolean') throw new FaultSpecError(`${field} must be true or false.`)
  return value
}

function flagOrInteger(
  value: unknown,
  field: string,
  min: number,
  max: number,
  fallback: number,
): number | undefined {
  if (value === undefined || value === false) return undefined
  if (value === true) return fallback
  return integer(value, field, min, max)
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 40 ? `${text.slice(0, 37)}...` : text
}

/** A one-line description of a rule, for CLI output and error details. */
export function describeFault(rule: FaultRule): string {
  const parts: string[] = []
  if (rule.method !== undefined || rule.path !== undefined) {
    parts.push(`${rule.method ?? '*'} ${rule.path ?? '*'}`)
  }
  if (rule.latencyMs > 0) parts.push(`latency ${rule.latencyMs} ms`)
  if (rule.action) parts.push(describeAction(rule.action))
  if (rule.rate < 1) parts.push(`rate ${rule.rate}`)
  if (rule.next !== undefined) parts.push(`next ${rule.next}`)
  return parts.join(', ')
}

export function describeAction(action: FaultAction): string {
  switch (action.type) {
    case 'status':
      return action.retryAfterSeconds === undefined
        ? `status ${action.status}`
        : `status ${action.status} (Retry-After ${action.retryAfterSeconds} s)`
    case 'reset':
      return 'connection reset'
    case 'timeout':
      return `timeout (at most ${action.maxMs} ms)`
    case 'slow-body':
      return `slow body (${action.chunkBytes} bytes every ${action.delayMs} ms)`
    case 'conflict-after-success':
      return '409 after a successful create'
    case 'not-found-after-create':
      return `404 for identities created less than ${action.withinMs} ms ago`
  }
}
