/**
 * Maintenance tool: runs the harness against the third-party servers and prints how its failures
 * differ from fixtures/third-party/*.expected.json, with the first error of each unexpected one.
 * Use it when the harness changes: `npx tsx suites/third-party/diff-expectations.ts [name…]`.
 *
 * @module
 */
import { resultKey } from '../../reports/result-key.ts'
import { keyOf, loadExpectations } from './expectations.ts'
import { failedKeys, runHarness, THIRD_PARTY_SERVERS, type ThirdPartyName } from './targets.ts'

const names = process.argv.slice(2)
const selected = (Object.keys(THIRD_PARTY_SERVERS) as ThirdPartyName[]).filter(
  (name) => names.length === 0 || names.includes(name),
)

for (const name of selected) {
  const expectations = loadExpectations(name)
  const server = await THIRD_PARTY_SERVERS[name]()
  try {
    const outcome = await runHarness(name, server, expectations)
    const failed = new Set(failedKeys(outcome))
    const expected = new Map(expectations.failed.map((entry) => [keyOf(entry), entry]))
    console.log(`== ${name}: ${JSON.stringify(outcome.report.summary.counts)}`)
    for (const result of outcome.report.results) {
      const key = resultKey(result)
      if (result.status !== 'failed') continue
      const first = result.findings.find((finding) => finding.severity === 'error')
      const label = expected.has(key) ? 'expected failure' : 'unexpected failure'
      console.log(`${label} ${key} (${result.profile}): ${first?.message ?? ''}`)
    }
    for (const [key, entry] of expected) {
      if (!failed.has(key)) console.log(`no longer fails ${key} (${entry.cause}): ${entry.reason}`)
    }
  } finally {
    await server.close()
  }
}
