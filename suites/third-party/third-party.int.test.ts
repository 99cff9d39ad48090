/**
 * Runs the harness (rfc and entra profiles, both dialects) against two real third-party SCIM
 * servers (SCIMMY: strict RFC; Better Auth: Entra-lenient) and checks that it reports exactly the
 * failures their expectation files list. Every failure blamed on a server is first shown with a
 * direct request (probes.ts), so a harness bug cannot hide behind a server's name.
 *
 * @module
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RULES } from '../../rules/index.ts'
import type { RunOutcome } from '../runner/run.ts'
import { keyOf, loadExpectations, type Expectations } from './expectations.ts'
import type { RunningServer } from './listen.ts'
import { PROBES, type ProbeId } from './probes.ts'
import { failedKeys, runHarness, THIRD_PARTY_SERVERS, type ThirdPartyName } from './targets.ts'

const NAMES = Object.keys(THIRD_PARTY_SERVERS) as ThirdPartyName[]

function probesOf(expectations: Expectations): ProbeId[] {
  const ids = new Set<ProbeId>(expectations.knownBehaviours)
  for (const entry of expectations.failed) if (entry.cause === 'server') ids.add(entry.probe)
  for (const entry of expectations.missedByHarness) ids.add(entry.probe)
  return [...ids].sort()
}

describe.each(NAMES)('third-party server %s', (name) => {
  const start = THIRD_PARTY_SERVERS[name]
  const expectations = loadExpectations(name)

  describe('its behaviour, by direct request', () => {
    let server: RunningServer
    beforeAll(async () => {
      server = await start()
    })
    afterAll(() => server.close())

    for (const id of probesOf(expectations)) {
      it(`${id}: ${PROBES[id].description}`, async () => {
        const result = await PROBES[id].run(server)
        expect(result.holds, result.observed).toBe(true)
      })
    }
  })

  describe('the harness against it', () => {
    let server: RunningServer
    let outcome: RunOutcome
    beforeAll(async () => {
      server = await start()
      outcome = await runHarness(name, server, expectations)
    })
    afterAll(() => server.close())

    it('names only rules of the catalogue, in the profiles judged', () => {
      for (const entry of [...expectations.failed, ...expectations.missedByHarness]) {
        const rule = RULES.find((candidate) => candidate.id === entry.rule)
        expect(rule, entry.rule).toBeDefined()
        expect(expectations.profiles, entry.rule).toContain(rule?.profile)
        expect(rule?.perDialect === true, `${entry.rule}: dialect given iff per dialect`).toBe(
          entry.dialect !== undefined,
        )
      }
      const keys = expectations.failed.map(keyOf)
      expect(new Set(keys).size, 'an entry is listed twice').toBe(keys.length)
    })

    it('ran: some rules passed and everything it created was deleted', () => {
      expect(outcome.report.summary.counts.passed).toBeGreaterThan(0)
      expect(outcome.cleanup.failed).toEqual([])
    })

    it('reports every failure that is a real behaviour of the server', () => {
      const failed = new Set(failedKeys(outcome))
      const missing = expectations.failed
        .filter((entry) => entry.cause === 'server' && !failed.has(keyOf(entry)))
        .map((entry) => `${keyOf(entry)}: ${entry.reason}`)
      expect(missing).toEqual([])
    })

    it('still misses the defects a harness bug hides (move them to "failed" once it reports them)', () => {
      const failed = new Set(failedKeys(outcome))
      const reported = expectations.missedByHarness
        .filter((entry) => failed.has(keyOf(entry)))
        .map((entry) => `${keyOf(entry)}: ${entry.reason}`)
      expect(reported).toEqual([])
    })

    const skip = expectations.skipExact
    it.skipIf(skip !== undefined)(
      `reports exactly the expected failures${skip === undefined ? '' : ` (skipped: ${skip})`}`,
      () => {
        expect(failedKeys(outcome)).toEqual(expectations.failed.map(keyOf).sort())
      },
    )
  })
})
