/**
 * Load for the benchmark servers, and how it is measured.
 *
 * The measure is server CPU time per request at equal offered load: every server of a comparison
 * gets the same requests at the same fixed rate, at the same time (one autocannon instance each,
 * started together), and each server's CPU time over the round (`process.cpuUsage`, read over IPC)
 * is divided by the requests it answered. The load generator and the servers share the machine's
 * two cores, so a throughput race measures the generator as much as the servers (the bare route's
 * server idled a fifth of the time in the throughput bench this replaced); a fixed rate that every
 * server sustains takes the generator out of the result, and a round that missed its rate is
 * flagged. Running the servers side by side means the machine's drift (other work runs on it) hits
 * them alike; a ratio is taken per round, then the median over the rounds. The capacity a server
 * would have with a core to itself is one second over its CPU per request.
 *
 * @module
 */
import autocannon from 'autocannon'
import { createFaker } from '../fixtures/seeded-faker.ts'
import { workforceUser } from '../fixtures/workforce.ts'
import { createUserBody, patchUserBody } from '../driver/entra/requests.ts'
import { benchExternalId, benchId, benchUserName } from './seed-identities.ts'
import { statsOf, type BenchServer } from './server-process.ts'

export const BENCH_KEY = 'bench-key'
export const USERS_PATH = '/scim/v2/accounts/bench/Users'
const HEADERS = {
  Authorization: `Bearer ${BENCH_KEY}`,
  'Content-Type': 'application/scim+json; charset=utf-8',
}

export type Workload = 'filter-externalId' | 'filter-userName' | 'post' | 'patch'

export const WORKLOADS: Readonly<Record<Workload, string>> = {
  'filter-externalId': 'GET /Users?filter=externalId eq',
  'filter-userName': 'GET /Users?filter=userName eq',
  post: 'POST /Users (Entra default body)',
  patch: 'PATCH /Users/{id} (one Replace)',
}

/**
 * Entra default-dialect create bodies (the workforce generator, every attribute mapped), with `@@`
 * where each request puts its own number: userName, e-mail and externalId stay unique.
 */
const createTemplates = ((): string[] => {
  const faker = createFaker(7, 'bench')
  return Array.from({ length: 100 }, (_, seq) => {
    const values = workforceUser(faker, { prefix: 'cc-bench-', externalIdPrefix: 'cc-bench-', seq })
    const body = createUserBody(
      {
        ...values,
        userName: 'cc-bench-@@@contoso.example',
        ext: { ...values.ext, externalId: 'cc-bench-@@', email: 'cc-bench-@@@contoso.example' },
      },
      'entra-default',
    )
    return JSON.stringify(body)
  })
})()

let sent = 0

/** The requests of one workload against `server`, as autocannon options. */
export function requestsOf(workload: Workload, server: BenchServer): autocannon.Options {
  const random = () => Math.floor(Math.random() * server.seeded)
  const url = `${server.url}${USERS_PATH}`
  const get = (path: () => string): autocannon.Options => ({
    url,
    headers: HEADERS,
    requests: [{ setupRequest: (request) => ({ ...request, path: path() }) }],
  })
  const filter = (attribute: string, value: (i: number) => string) => () =>
    `${USERS_PATH}?filter=${encodeURIComponent(`${attribute} eq "${value(random())}"`)}`
  switch (workload) {
    case 'filter-externalId':
      return get(filter('externalId', benchExternalId))
    case 'filter-userName':
      return get(filter('userName', benchUserName))
    case 'post':
      return {
        url,
        method: 'POST',
        headers: HEADERS,
        requests: [
          {
            setupRequest: (request) => {
              sent++
              const template = createTemplates[sent % createTemplates.length]!
              const body = template.replaceAll('@@', `${process.pid}x${sent}`)
              return { ...request, method: 'POST', path: USERS_PATH, body }
            },
          },
        ],
      }
    case 'patch':
      return {
        url,
        method: 'PATCH',
        headers: HEADERS,
        requests: [
          {
            setupRequest: (request) => {
              sent++
              const change = {
                attribute: 'displayName',
                value: `Patched ${sent}`,
                op: 'replace' as const,
              }
              const body = JSON.stringify(patchUserBody([change] as const, 'entra-default'))
              return {
                ...request,
                method: 'PATCH',
                path: `${USERS_PATH}/${benchId(random())}`,
                body,
              }
            },
          },
        ],
      }
  }
}

/** Requests in flight per server. */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)

export interface RoundResult {
  /** Requests answered per second. */
  readonly rps: number
  /** Answered over offered: well below 1, the round did not get its load. */
  readonly achieved: number
  /** Server CPU time per answered request, µs. */
  readonly cpuPerRequest: number
  /** Server CPU use over the round, in cores. */
  readonly busy: number
  readonly p99: number
  /** Answers other than 2xx, and errors. */
  readonly failures: number
}

/**
 * One round: each server gets `workload` at `rate` requests/s for `seconds`, all at once.
 * `rate` 0: as fast as autocannon goes (then `achieved` is 1).
 */
export async function round(
  servers: readonly BenchServer[],
  workload: Workload,
  rate: number,
  seconds: number,
): Promise<RoundResult[]> {
  const before = await Promise.all(servers.map((server) => statsOf(server)))
  const started = performance.now()
  const results = await Promise.all(
    servers.map((server) =>
      autocannon({
        ...requestsOf(workload, server),
        connections: CONNECTIONS,
        duration: seconds,
        ...(rate > 0 && { overallRate: rate }),
      }),
    ),
  )
  const elapsed = (performance.now() - started) / 1000
  const after = await Promise.all(servers.map((server) => statsOf(server)))
  return results.map((result, i) => {
    const cpu = after[i]!.cpuMicros - before[i]!.cpuMicros
    const answered = result['2xx']
    return {
      rps: answered / elapsed,
      achieved: rate > 0 ? answered / elapsed / rate : 1,
      cpuPerRequest: cpu / Math.max(1, answered),
      busy: cpu / 1e6 / elapsed,
      p99: result.latency.p99,
      failures: result.non2xx + result.errors + result.timeouts,
    }
  })
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Rounds of equal length: median rate, CPU and use; worst p99 and achieved rate; all failures. */
export function combined(rounds: readonly RoundResult[]): RoundResult {
  return {
    rps: median(rounds.map((r) => r.rps)),
    achieved: Math.min(...rounds.map((r) => r.achieved)),
    cpuPerRequest: median(rounds.map((r) => r.cpuPerRequest)),
    busy: median(rounds.map((r) => r.busy)),
    p99: Math.max(...rounds.map((r) => r.p99)),
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
  }
}

/** The median over rounds of `pick(server a's round) / pick(server b's round)`. */
export function pairedRatio(
  a: readonly RoundResult[],
  b: readonly RoundResult[],
  pick: (round: RoundResult) => number = (round) => round.cpuPerRequest,
): number {
  return median(a.map((round, i) => pick(round) / pick(b[i]!)))
}

/** "load average 3.1 2.9 2.5" from /proc/loadavg: other work on the machine, printed with figures. */
export async function loadAverage(): Promise<string> {
  const { readFile } = await import('node:fs/promises')
  const text = await readFile('/proc/loadavg', 'utf8').catch(() => '')
  return text ? `load average ${text.split(' ').slice(0, 3).join(' ')}` : 'load average unknown'
}
