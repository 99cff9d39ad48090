import { describe, expect, it } from 'vitest'
import { RULES } from '../../rules/index.ts'
import { fakeDeployment } from '../../testing/suite-support.ts'
import { validateReport } from '../../reports/validate.ts'
import { runConformance, type RunOptions } from './run.ts'
import { runInitialCycleScenario } from './scenario.ts'
import { selectRules } from './select.ts'

// Every long path, interrupted, returns a report marked interrupted and cleans up: none throws.
const options = (
  target: RunOptions['target'],
  extra: Partial<RunOptions> = {},
): RunOptions & { users: number; dialect: 'entra-flag' } => ({
  target,
  rules: selectRules(RULES, { ids: ['SRV-CREATE'] }),
  dialects: ['entra-flag'],
  seed: 1,
  runId: 'intr',
  allowWrites: true,
  concurrency: 4,
  users: 40,
  dialect: 'entra-flag',
  ...extra,
})

const isCreate = (request: Request) =>
  request.method === 'POST' && new URL(request.url).pathname.endsWith('/Users')

/** A deployment that aborts `stop` at its `after`th create (the requests in flight still land). */
function interruptedAfter(after: number, stop: AbortController, abandonAfterDeletes?: number) {
  const abandon = new AbortController()
  let creates = 0
  let deletes = 0
  const deployment = fakeDeployment({}, (request) => {
    if (isCreate(request) && ++creates === after) stop.abort()
    if (request.method === 'DELETE' && ++deletes === abandonAfterDeletes) abandon.abort()
    return undefined
  })
  return { deployment, abandon }
}

describe('the sizing scenario, interrupted', () => {
  it('stops starting users, cleans up all it created, and reports how far it got', async () => {
    const stop = new AbortController()
    const { deployment } = interruptedAfter(10, stop)
    const progress: number[] = []
    const outcome = await runInitialCycleScenario({
      ...options(deployment.target(), { signal: stop.signal }),
      progress: { users: (done) => progress.push(done) },
    })
    const [result] = outcome.report.results
    expect(result?.status).toBe('skipped')
    expect(result?.reason).toMatch(/^interrupted before this rule finished; \d+ of 40 users/)
    expect(outcome.report.run.interrupted).toEqual({ during: 'scenario' })
    expect(outcome.report.summary.verdict).toBe('incomplete')
    expect(outcome.sizing.provisioned).toBeGreaterThanOrEqual(10)
    expect(outcome.sizing.provisioned).toBeLessThan(40)
    expect(outcome.cleanup.created).toBe(outcome.sizing.provisioned)
    expect(outcome.cleanup.failed).toEqual([])
    expect(await deployment.liveUsers()).toBe(0)
    expect(progress[0]).toBe(0)
    expect(progress.at(-1)).toBe(outcome.sizing.provisioned)
    expect(validateReport(JSON.parse(JSON.stringify(outcome.report))).ok).toBe(true)
  })

  it('abandons cleanup on the second signal and lists every identity left', async () => {
    const stop = new AbortController()
    const { deployment, abandon } = interruptedAfter(10, stop, 2)
    const cleanupProgress: [number, number][] = []
    const outcome = await runInitialCycleScenario({
      ...options(deployment.target(), {
        signal: stop.signal,
        abandonCleanup: abandon.signal,
        concurrency: 1,
      }),
      progress: { cleanup: (done, total) => cleanupProgress.push([done, total]) },
    })
    const { cleanup } = outcome
    expect(cleanup.abandoned).toBe(true)
    expect(cleanup.deleted).toBe(2)
    expect(cleanup.failed).toHaveLength(cleanup.created - 2)
    for (const left of cleanup.failed) {
      expect(left.error).toBe('not deleted: cleanup was abandoned')
      expect(left.userName).toMatch(/^cc-intr-/)
      expect(left.path).toBe(`/Users/${left.id}`)
    }
    expect(await deployment.liveUsers()).toBe(cleanup.failed.length)
    expect(outcome.report.run.interrupted).toEqual({ during: 'scenario', cleanupAbandoned: true })
    expect(cleanupProgress).toEqual([
      [0, cleanup.created],
      [1, cleanup.created],
      [2, cleanup.created],
    ])
  })

  it('reports a scenario interrupted before its cycle began', async () => {
    const stop = new AbortController()
    stop.abort()
    const deployment = fakeDeployment()
    const outcome = await runInitialCycleScenario(
      options(deployment.target(), { signal: stop.signal }),
    )
    expect(outcome.report.run.interrupted).toEqual({ during: 'preflight' })
    expect(outcome.report.results[0]?.status).toBe('skipped')
    expect(deployment.requests).toHaveLength(0)
  })
})

describe('the rules, interrupted before they start', () => {
  it('skips every rule and still returns a report instead of throwing', async () => {
    const stop = new AbortController()
    stop.abort()
    const deployment = fakeDeployment()
    const outcome = await runConformance(options(deployment.target(), { signal: stop.signal }))
    expect(outcome.report.run.interrupted).toEqual({ during: 'preflight' })
    expect(outcome.report.results.length).toBeGreaterThan(0)
    for (const result of outcome.report.results) {
      expect(result.status).toBe('skipped')
      expect(result.reason).toBe('interrupted before this rule started')
    }
    expect(deployment.requests).toHaveLength(0)
  })

  it('marks the phase it came in', async () => {
    const stop = new AbortController()
    const { deployment } = interruptedAfter(2, stop)
    const outcome = await runConformance(options(deployment.target(), { signal: stop.signal }))
    expect(outcome.report.run.interrupted).toEqual({ during: 'rules' })
    expect(await deployment.liveUsers()).toBe(0)
  })
})
