/**
 * Client rules about credentials: every request carries the account's SCIM key, and a client that
 * is refused stops instead of hammering.
 *
 * @module
 */
import { defineClientRule, type TrafficRecord } from './client-rule.ts'
import { describeRequest, statusOf } from './inspect/requests.ts'
import { entraQuarantine, entraTutorial, rfc7644, spec } from './sources.ts'

/** This many 401 answers in a row count as hammering. */
export const HAMMER_STREAK = 5

const was401 = (record: TrafficRecord | undefined): boolean =>
  record !== undefined && statusOf(record) === 401

const none401 = (session: readonly TrafficRecord[]) =>
  session.some(was401) ? undefined : 'No request was answered 401.'

export const bearerKey = defineClientRule({
  id: 'CLI-AUTH-001',
  level: 'MUST',
  title: "Every request carries the account's SCIM key as a Bearer token",
  profile: 'clearid',
  area: 'auth',
  tags: ['auth'],
  sources: [
    spec('2.1', 'Auth: Authorization: Bearer <SCIM key>; missing or invalid key: 401'),
    rfc7644('2'),
    entraTutorial('the Secret Token is sent as a bearer token'),
  ],
  fix: 'Put the account\'s SCIM key (ClearID: Administration > SCIM Integration > Generate key) in the client\'s secret token setting so every request sends "Authorization: Bearer <key>". Regenerating the key revokes the old one at once.',
  notApplicable: none401,
  check: (exchange) => {
    if (statusOf(exchange) !== 401) return []
    const header = exchange.request.headers.authorization
    if (header === undefined) {
      return [
        {
          key: 'none',
          message: `${describeRequest(exchange)} was sent without an Authorization header and answered 401.`,
        },
      ]
    }
    const scheme = header.split(/\s+/)[0] ?? ''
    if (scheme.toLowerCase() !== 'bearer') {
      return [
        {
          key: 'scheme',
          message: `${describeRequest(exchange)} used the "${scheme}" scheme; ClearID expects "Bearer <SCIM key>" and answered 401.`,
        },
      ]
    }
    return [
      {
        key: 'invalid',
        message: `${describeRequest(exchange)} sent a Bearer key this account does not accept (401): it is wrong, revoked by a newer key, or another account's.`,
      },
    ]
  },
})

export const stopAfter401 = defineClientRule({
  id: 'CLI-AUTH-002',
  level: 'SHOULD',
  title: 'Stops after repeated 401 answers instead of hammering',
  profile: 'entra',
  area: 'auth',
  tags: ['auth', 'resilience'],
  sources: [
    entraQuarantine('401 is treated as invalid credentials and the job is quarantined'),
    spec('2.1', 'Missing or invalid key: 401'),
  ],
  fix: 'Treat 401 as a configuration error: stop the cycle, report invalid credentials and wait for an administrator to fix the key, instead of sending request after request with the same key.',
  notApplicable: none401,
  check: (exchange, history) => {
    if (!was401(exchange)) return []
    const streak = history.slice(-(HAMMER_STREAK - 1))
    if (streak.length < HAMMER_STREAK - 1 || !streak.every(was401)) return []
    // Reported when the streak reaches the threshold, not again for every further 401.
    if (was401(history[history.length - HAMMER_STREAK])) return []
    const first = streak[0] ?? exchange
    const seconds = ((exchange.t - first.t) / 1000).toFixed(1)
    return [
      {
        key: 'streak',
        message: `${HAMMER_STREAK} requests in a row were answered 401 within ${seconds} s; the client kept sending with a key the account refuses.`,
      },
    ]
  },
})
