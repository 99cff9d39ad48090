/**
 * Builds the request a replay sends for one recorded exchange: target URL with ids substituted,
 * the recorded headers minus transport and secret ones, the target's key in place of the
 * redacted one (or a wrong key where the recording was refused), and the fault to re-inject.
 *
 * @module
 */
import type { InjectedFault } from '../mock-server/faults/fault-step.ts'
import type { IdMap } from './id-map.ts'
import type { ReplayTarget } from './replay-target.ts'
import type { SessionExchange } from '../mock-server/traffic/session.ts'

const DROPPED_HEADERS = new Set([
  'authorization',
  'host',
  'content-length',
  'connection',
  'transfer-encoding',
  'accept-encoding',
  'x-mock-fault',
  'cookie',
])

/** A key no account has, for exchanges whose recorded key was refused. */
const WRONG_KEY = 'replay-wrong-key-0000'

export function buildReplayRequest(
  exchange: SessionExchange,
  target: ReplayTarget,
  ids: IdMap,
  faultHeader: string | undefined,
): Request {
  const { method, path, query, body } = exchange.request
  const url = `${target.baseUrl.replace(/\/$/, '')}${ids.substituteText(path)}${query ? `?${ids.substituteText(query)}` : ''}`
  const headers = new Headers()
  for (const [name, value] of Object.entries(exchange.request.headers)) {
    if (!DROPPED_HEADERS.has(name.toLowerCase()) && !value.includes('[REDACTED]'))
      headers.set(name, value)
  }
  if (exchange.auth === 'sent') headers.set('authorization', `Bearer ${target.key}`)
  if (exchange.auth === 'rejected') headers.set('authorization', `Bearer ${WRONG_KEY}`)
  if (faultHeader !== undefined) headers.set('x-mock-fault', faultHeader)
  const init: RequestInit = { method, headers }
  if (body !== undefined && method !== 'GET' && method !== 'HEAD') {
    init.body = typeof body === 'string' ? body : ids.substituteText(JSON.stringify(body))
  }
  return new Request(url, init)
}

/** The `X-Mock-Fault` value that reproduces a recorded fault on the mock. */
export function faultHeaderOf(exchange: SessionExchange, target: ReplayTarget): string | undefined {
  const fault = exchange.fault
  if (!fault || !target.injectFaults) return undefined
  return headerFor(fault)
}

function headerFor(fault: InjectedFault): string | undefined {
  switch (fault.type) {
    case 'status':
      return fault.retryAfterSeconds === undefined
        ? `status=${fault.status ?? 503}`
        : `status=${fault.status ?? 503},retry-after=${fault.retryAfterSeconds}`
    case 'reset':
      return 'reset'
    // The client gave up on the recorded request; a short wait reproduces "no answer".
    case 'timeout':
      return 'timeout=50'
    case 'conflict-after-success':
      return 'conflict-after-success'
    case 'not-found-after-create':
      return '404-after-create=3600000'
    case 'latency':
    case 'slow-body':
      return undefined
  }
}
