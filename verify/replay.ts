/**
 * Replays a recorded session against a target (by default a fresh in-process mock) and compares
 * every answer with the recorded one. Ids the target assigns replace the recorded ones in later
 * paths, queries and bodies; the key is the target's; recorded faults are re-injected through
 * `X-Mock-Fault` when the target is the mock, and skipped otherwise (a real server has none).
 *
 * @module
 */
import { createApp } from '../mock-server/app.ts'
import type { AppOptions } from '../mock-server/options.ts'
import { bodyDifferences, VOLATILE_PATHS, withoutVolatile } from '../driver/body-compare.ts'
import { IdMap } from './id-map.ts'
import { buildReplayRequest, faultHeaderOf } from './replay-request.ts'
import type { SessionExchange } from '../mock-server/traffic/session.ts'
import type { ReplayTarget } from './replay-target.ts'
import { DEFAULT_MAX_RESPONSE_BYTES, formatBytes, readBodyText } from '../model/read-response.ts'

export type { ReplayTarget } from './replay-target.ts'

export interface ReplayOptions {
  /** Default: a fresh in-process mock with one account. */
  readonly target?: ReplayTarget
  /** Options of the default in-process mock (behaviour switches the recording was made with). */
  readonly appOptions?: AppOptions
  /** Extra body paths to ignore (`detail`, `meta.resourceType`), besides ids and meta times. */
  readonly ignore?: readonly string[]
  /** `recorded`: wait between requests as the client did. Default `none`. */
  readonly timing?: 'none' | 'recorded'
  readonly sleep?: (ms: number) => Promise<void>
}

export interface Outcome {
  readonly status?: number
  readonly error?: string
}

export interface Difference {
  readonly seq: number
  /** `status`, or a JSON pointer into the body. */
  readonly where: string
  readonly expected: unknown
  readonly actual: unknown
}

export interface ReplayStep {
  readonly seq: number
  /** `POST /Users`, as recorded. */
  readonly request: string
  readonly expected: Outcome
  /** Absent when the step was skipped. */
  readonly actual?: Outcome
  readonly skipped?: string
  readonly differences: readonly Difference[]
}

export interface ReplayResult {
  readonly ok: boolean
  readonly steps: readonly ReplayStep[]
  readonly differences: readonly Difference[]
}

const REPLAY_KEY = 'replay-scim-key-0001'

/** A fresh in-process mock to replay against. */
export function inProcessTarget(appOptions: AppOptions = {}): ReplayTarget {
  const app = createApp({ ...appOptions, accounts: [{ id: 'replay', scimKey: REPLAY_KEY }] })
  const baseUrl = 'https://clearid.replay/scim/v2/accounts/replay'
  app.mock.allowedHosts.allow(baseUrl)
  return {
    fetch: async (request) => app.fetch(request),
    baseUrl,
    key: REPLAY_KEY,
    injectFaults: true,
  }
}

export async function replaySession(
  exchanges: readonly SessionExchange[],
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const target = options.target ?? inProcessTarget(options.appOptions)
  const ignore = [...VOLATILE_PATHS, ...(options.ignore ?? [])]
  const ids = new IdMap(target.baseUrl)
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const started = Date.now()
  const steps: ReplayStep[] = []
  for (const exchange of exchanges) {
    if (options.timing === 'recorded')
      await sleep(Math.max(0, started + exchange.offsetMs - Date.now()))
    steps.push(await replayOne(exchange, target, ids, ignore))
  }
  const differences = steps.flatMap((step) => step.differences)
  return { ok: differences.length === 0, steps, differences }
}

async function replayOne(
  exchange: SessionExchange,
  target: ReplayTarget,
  ids: IdMap,
  ignore: readonly string[],
): Promise<ReplayStep> {
  const label = `${exchange.request.method} ${exchange.request.path}`
  const expected = expectedOutcome(exchange, target)
  const skipped = skipReason(exchange, target)
  if (skipped) return { seq: exchange.seq, request: label, expected, skipped, differences: [] }
  ids.learnAccount(exchange.accountId)
  const request = buildReplayRequest(exchange, target, ids, faultHeaderOf(exchange, target))
  let response: Response | undefined
  let error: string | undefined
  try {
    response = await target.fetch(request)
  } catch (caught) {
    error = caught instanceof Error ? caught.message : 'request failed'
  }
  const body = response ? await readBody(response) : undefined
  const actual: Outcome = response ? { status: response.status } : { error: error ?? 'no answer' }
  const differences = compare(exchange, expected, actual, body, ids, ignore)
  if (response) ids.learn(exchange.response?.body, body)
  return { seq: exchange.seq, request: label, expected, actual, differences }
}

function expectedOutcome(exchange: SessionExchange, target: ReplayTarget): Outcome {
  if (exchange.fault?.type === 'conflict-after-success' && !target.injectFaults)
    return { status: 201 }
  if (exchange.response) return { status: exchange.response.status }
  return { error: exchange.error ?? 'no answer' }
}

/** Faults a non-mock target cannot reproduce; the recorded request never reached the application. */
function skipReason(exchange: SessionExchange, target: ReplayTarget): string | undefined {
  const type = exchange.fault?.type
  if (target.injectFaults || type === undefined) return undefined
  if (
    type === 'status' ||
    type === 'reset' ||
    type === 'timeout' ||
    type === 'not-found-after-create'
  ) {
    return `recorded with an injected fault (${type}); the target has no fault injection`
  }
  return undefined
}

function compare(
  exchange: SessionExchange,
  expected: Outcome,
  actual: Outcome,
  body: unknown,
  ids: IdMap,
  ignore: readonly string[],
): Difference[] {
  const seq = exchange.seq
  if (
    expected.status !== actual.status ||
    (expected.status === undefined) !== (actual.status === undefined)
  ) {
    return [
      {
        seq,
        where: 'status',
        expected: expected.status ?? expected.error,
        actual: actual.status ?? actual.error,
      },
    ]
  }
  const recorded = exchange.response
  // A fault's own answer, and a body cut in the recording, are compared by status only.
  if (!recorded || recorded.bodyCut || exchange.fault !== undefined) return []
  const want = withoutVolatile(ids.substitute(recorded.body), ignore)
  const got = withoutVolatile(body, ignore)
  return bodyDifferences(want, got).map((d) => ({
    seq,
    where: `body${d.pointer}`,
    expected: d.expected,
    actual: d.actual,
  }))
}

/**
 * The replayed answer's body, read up to the harness's answer limit: a hostile or broken target
 * cannot make a replay hold more than that in memory.
 */
async function readBody(response: Response): Promise<unknown> {
  const read = await readBodyText(response, DEFAULT_MAX_RESPONSE_BYTES).catch(() => ({
    text: '',
    overLimit: false,
  }))
  if (read.overLimit) {
    return `[a body larger than ${formatBytes(DEFAULT_MAX_RESPONSE_BYTES)}: not read to its end]`
  }
  const text = read.text
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}
