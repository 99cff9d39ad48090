/**
 * `npm run sensitivity`: runs the catalogue once per defect switch of the mock and prints which
 * switches the harness catches, the failures of rules a switch does not name, and the score (server rules proven /
 * server rules). Exits 1 below 100 %, when a switch goes unnoticed, or when a switch is imprecise.
 *
 * @module
 */
import { evaluateAll, type DefectVerdict } from './evaluate.ts'

function row(verdict: DefectVerdict): string {
  const caught = verdict.failed.length > 0 && verdict.missed.length === 0
  const parts = [
    caught ? 'yes' : 'NO ',
    verdict.defect.id.padEnd(42),
    verdict.defect.breaks.join(' '),
  ]
  if (verdict.missed.length > 0) parts.push(`\n      not failing: ${verdict.missed.join(' ')}`)
  if (verdict.unrelated.length > 0)
    parts.push(`\n      failures of rules it does not name: ${verdict.unrelated.join(' ')}`)
  return parts.join('  ')
}

const started = performance.now()
console.log('caught  defect                                      targeted rules')
const report = await evaluateAll(undefined, (verdict) => console.log(row(verdict)))
const percent = (report.score * 100).toFixed(1)
console.log('')
console.log(
  `Score: ${report.proven.length}/${report.serverRules.length} server rules proven (${percent} %), ${report.verdicts.length} defect switches, ${((performance.now() - started) / 1000).toFixed(1)} s`,
)
if (report.uncovered.length > 0) console.log(`No switch names: ${report.uncovered.join(' ')}`)
if (report.unnoticed.length > 0) console.log(`Unnoticed switches: ${report.unnoticed.join(' ')}`)
process.exitCode = report.ok ? 0 : 1
