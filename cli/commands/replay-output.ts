/**
 * The text `replay` prints: one line per exchange, differences indented under it, and a summary.
 *
 * @module
 */
import type { Outcome, ReplayResult } from '../../verify/replay.ts'
import { redactString } from '../../model/redact.ts'

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 100 ? `${text.slice(0, 97)}...` : text
}

const outcome = (o: Outcome | undefined): string =>
  o === undefined ? '-' : (o.status?.toString() ?? o.error ?? 'no answer')

export function describeResult(result: ReplayResult, where: string): string {
  const lines: string[] = []
  let matched = 0
  let skipped = 0
  for (const step of result.steps) {
    const head = `#${step.seq}  ${step.request}`
    if (step.skipped !== undefined) {
      skipped++
      lines.push(`${head}  skipped: ${step.skipped}`)
    } else if (step.differences.length === 0) {
      matched++
      lines.push(`${head}  ${outcome(step.actual)}  ok`)
    } else {
      lines.push(`${head}  expected ${outcome(step.expected)}, got ${outcome(step.actual)}`)
      for (const d of step.differences.filter((x) => x.where !== 'status')) {
        lines.push(`      ${d.where}: expected ${show(d.expected)}, got ${show(d.actual)}`)
      }
    }
  }
  const differed = result.steps.length - matched - skipped
  lines.push(
    '',
    `Replayed ${result.steps.length} exchanges against ${where}: ${matched} matched, ${differed} differed, ${skipped} skipped.`,
  )
  return `${lines.map(redactString).join('\n')}\n`
}
