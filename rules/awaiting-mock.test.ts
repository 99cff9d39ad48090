/**
 * The rules the mock does not pass yet (`AWAITING_MOCK_RULES`) fail against it for the reason they
 * were written, and only that. When the mock gains the behaviour, this test fails on purpose: move
 * the rule into `RULES` and its defect switch from `AWAITING_MOCK_DEFECTS` into `DEFECTS`.
 */
import { expect, it } from 'vitest'
import { runConformance } from '../suites/runner/run.ts'
import { inProcessTarget } from '../suites/targets/in-process.ts'
import { AWAITING_MOCK_RULES } from './index.ts'

const WHY: Record<string, RegExp> = {
  'REST-QUERY-001': /\?externalid=.*expected HTTP 200, got 400/,
  'REST-RESET-001': /incremental cycle after the reset failed at update/,
}

it('the awaiting rules fail against the mock, each for its reason', async () => {
  const { report } = await runConformance({
    target: inProcessTarget(),
    rules: AWAITING_MOCK_RULES,
    dialects: ['entra-flag'],
    seed: 1,
    runId: 'await',
    allowWrites: true,
  })
  for (const result of report.results) {
    const messages = result.findings.map((f) => f.message).join('\n')
    expect(
      result.status,
      `${result.ruleId} passes against the mock now: move it into RULES and its switch into DEFECTS`,
    ).toBe('failed')
    expect(messages, result.ruleId).toMatch(WHY[result.ruleId] ?? /^$/)
  }
  expect(report.results.map((r) => r.ruleId).sort()).toEqual(Object.keys(WHY).sort())
})
