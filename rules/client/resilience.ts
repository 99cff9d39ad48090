/**
 * Client rules about surviving a misbehaving server (fault injection, or a real outage): honour
 * Retry-After, retry transient failures with back-off, and recover from the SCIM-specific traps,
 * a 409 on a create that did succeed and a 404 for a user created a moment ago.
 *
 * @module
 */
import { defineClientRule, type ClientFinding, type TrafficRecord } from './client-rule.ts'
import { earlierCreates, keysOfBody, lookupFinds, sameIdentity } from './inspect/lookups.ts'
import {
  describeRequest,
  endOf,
  isCreate,
  isTransientFailure,
  retryAfterMs,
  statusOf,
  userIdOf,
} from './inspect/requests.ts'
import {
  createAfterMiss,
  failureLabel,
  operationKey,
  operationShape,
  retriedFailure,
} from './inspect/retries.ts'
import { entraLogs, entraTutorial, rfc9110, spec } from './sources.ts'

/** Retries sooner than this after a failure count as immediate. */
export const MIN_BACKOFF_MS = 250

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 1000 ? 3 : 1)} s`

const anyFailure = (session: readonly TrafficRecord[]) =>
  session.some(isTransientFailure)
    ? undefined
    : 'No request failed with 429, 5xx or a dropped connection.'

export const honoursRetryAfter = defineClientRule({
  id: 'CLI-RETRY-001',
  level: 'MUST',
  title: 'Waits as long as Retry-After asks',
  profile: 'entra',
  area: 'resilience',
  tags: ['resilience', 'throttling'],
  sources: [
    rfc9110('10.2.3'),
    entraLogs('TooManyRequests (429) is retried; the job pauses for the Retry-After period'),
  ],
  fix: 'After a 429 or 503 with Retry-After, send nothing to the account until that many seconds have passed (the header may also be an HTTP date).',
  notApplicable: (session) =>
    session.some((r) => retryAfterMs(r) !== undefined)
      ? undefined
      : 'No answer carried Retry-After.',
  check: (exchange, history) => {
    for (let i = history.length - 1; i >= 0; i--) {
      const paused = history[i]
      const wait = paused === undefined ? undefined : retryAfterMs(paused)
      if (paused === undefined || wait === undefined || endOf(paused) > exchange.t) continue
      const until = endOf(paused) + wait - Math.max(100, wait * 0.05)
      if (exchange.t >= until) return []
      // Only the first request inside the pause is the flaw.
      if (history.slice(i + 1).some((r) => r.t >= endOf(paused) && r.t < until)) return []
      const gap = exchange.t - endOf(paused)
      return [
        {
          key: 'early',
          message: `${describeRequest(exchange)} came ${seconds(gap)} after a ${statusOf(paused)} that asked to wait ${seconds(wait)} (Retry-After).`,
          expected: `≥ ${seconds(wait)}`,
          actual: seconds(gap),
        },
      ]
    }
    return []
  },
})

export const retriesTransient = defineClientRule({
  id: 'CLI-RETRY-002',
  level: 'SHOULD',
  title: 'Retries transient failures (429, 5xx, dropped connections)',
  profile: 'entra',
  area: 'resilience',
  tags: ['resilience', 'retry'],
  sources: [
    entraLogs('failed operations are escrowed and retried'),
    entraTutorial('429 and 5xx are retried'),
  ],
  fix: 'Keep the change and retry it later with back-off; for a write, look the user up before retrying so a request that did reach the server is not applied twice.',
  notApplicable: anyFailure,
  check: () => [],
  conclude: (session) => session.flatMap((record, i) => reactionTo(record, i, session)),
})

/** Whether the first failure of an operation was retried, and how it ended. */
function reactionTo(
  record: TrafficRecord,
  index: number,
  session: readonly TrafficRecord[],
): ClientFinding[] {
  if (!isTransientFailure(record) || retriedFailure(record, session.slice(0, index))) return []
  const key = operationKey(record)
  const attempts = session.slice(index + 1).filter((r) => operationKey(r) === key)
  const shape = operationShape(record)
  const fault = record.fault ? ` (fault ${record.fault.id})` : ''
  if (attempts.length === 0) {
    const read = record.request.method === 'GET'
    return [
      {
        ...(read && { severity: 'info' as const }),
        key: `gave-up ${shape}`,
        record,
        message: `${describeRequest(record)} failed with ${failureLabel(record)}${fault} and was not retried in this session.`,
      },
    ]
  }
  const last =
    attempts.find((r) => !isTransientFailure(r)) ?? attempts[attempts.length - 1] ?? record
  const outcome = isTransientFailure(last)
    ? `still failing after ${attempts.length} retries`
    : `answered ${failureLabel(last)} on attempt ${attempts.indexOf(last) + 2}`
  return [
    {
      severity: 'info',
      key: `retried ${shape}`,
      record,
      message: `${describeRequest(record)} failed with ${failureLabel(record)}${fault}; retried, ${outcome}, ${seconds(last.t - endOf(record))} later.`,
    },
  ]
}

export const backsOff = defineClientRule({
  id: 'CLI-RETRY-003',
  level: 'SHOULD',
  title: 'Backs off between retries',
  profile: 'entra',
  area: 'resilience',
  tags: ['resilience', 'retry'],
  sources: [
    entraLogs('escrowed operations are retried on a schedule that grows'),
    spec('3', '429 Retry-After honoured; back-off'),
  ],
  fix: `Wait before retrying (at least ${MIN_BACKOFF_MS} ms) and grow the wait after each failure, e.g. double it with some jitter, up to a cap.`,
  notApplicable: (session) =>
    session.some((r, i) => retriedFailure(r, session.slice(0, i)) !== undefined)
      ? undefined
      : 'No failed request was retried.',
  check: (exchange, history) => {
    const failed = retriedFailure(exchange, history)
    // After a Retry-After the wait is CLI-RETRY-001's concern.
    if (!failed || retryAfterMs(failed) !== undefined) return []
    const gap = exchange.t - endOf(failed)
    const shape = operationShape(exchange)
    if (gap < MIN_BACKOFF_MS) {
      return [
        {
          key: `immediate ${shape}`,
          message: `${describeRequest(exchange)} was retried ${seconds(gap)} after it failed with ${failureLabel(failed)}.`,
          expected: `≥ ${MIN_BACKOFF_MS} ms`,
          actual: `${Math.round(gap)} ms`,
        },
      ]
    }
    const previous = retriedFailure(failed, history.slice(0, history.indexOf(failed)))
    const before = previous === undefined ? undefined : failed.t - endOf(previous)
    if (before === undefined || gap > before) return []
    return [
      {
        key: `flat ${shape}`,
        message: `${describeRequest(exchange)} was retried after ${seconds(gap)}, no longer than the wait before (${seconds(before)}): the client does not back off.`,
      },
    ]
  },
})

export const adoptAfterConflict = defineClientRule({
  id: 'CLI-RETRY-004',
  level: 'SHOULD',
  title: 'After a 409 on a create that may have succeeded, looks the identity up',
  profile: 'entra',
  area: 'resilience',
  tags: ['resilience', 'retry', 'create'],
  sources: [
    entraLogs('a retry can itself produce a 409'),
    spec('2.2', '409 uniqueness: look the identity up by filter and update it'),
  ],
  fix: 'When a create is answered 409 after an earlier attempt failed or timed out, query GET /Users?filter=externalId eq "…" and adopt the user that comes back instead of failing or creating again.',
  notApplicable: (session) =>
    session.some((r, i) => conflictAfterAttempt(r, session.slice(0, i)))
      ? undefined
      : 'No create that may have succeeded was answered 409.',
  check: () => [],
  conclude: (session) =>
    session.flatMap((record, i) => {
      if (!conflictAfterAttempt(record, session.slice(0, i))) return []
      const keys = keysOfBody(record)
      const after = session.slice(i + 1)
      const lookup = after.findIndex((r) => lookupFinds(r, keys))
      const again = after.findIndex((r) => isCreate(r) && sameIdentity(keysOfBody(r), keys))
      if (lookup !== -1 && (again === -1 || lookup < again)) return []
      const what =
        again === -1
          ? 'the client did not look the identity up afterwards'
          : 'the client created it again instead of looking it up'
      return [
        {
          key: 'no-adopt',
          record,
          message: `${describeRequest(record)} was answered 409 although the identity was created by this client; ${what}.`,
        },
      ]
    }),
})

function conflictAfterAttempt(record: TrafficRecord, history: readonly TrafficRecord[]): boolean {
  if (!isCreate(record) || statusOf(record) !== 409) return false
  if (record.fault?.type === 'conflict-after-success') return true
  return earlierCreates(history, keysOfBody(record)).some(
    (r) => isTransientFailure(r) || r.fault !== undefined,
  )
}

export const noRecreateAfter404 = defineClientRule({
  id: 'CLI-RETRY-005',
  level: 'SHOULD',
  title: 'After a 404 for a user created moments ago, does not create it again',
  profile: 'entra',
  area: 'resilience',
  tags: ['resilience', 'create'],
  sources: [
    entraTutorial('the id returned by the create is cached and used for every later operation'),
    spec('2.2', 'a created identity is readable by id'),
  ],
  fix: 'Keep the id the create returned; if a read straight after the create answers 404, read it again later (or look it up by externalId) instead of creating the user a second time.',
  notApplicable: (session) =>
    session.some(
      (r) => statusOf(r) === 404 && userIdOf(r) !== undefined && r.request.method === 'GET',
    )
      ? undefined
      : 'No read by id was answered 404.',
  check: (exchange, history) => {
    const miss = createAfterMiss(exchange, history)
    if (!miss) return []
    const delay = seconds(miss.missed.t - endOf(miss.created))
    return [
      {
        key: 're-create',
        message: `${describeRequest(exchange)} created the user again after GET /Users/${miss.id} answered 404 ${delay} after its create; the first user still exists.`,
      },
    ]
  },
})
