/**
 * `rules/creates.ts` says how many identities each rule tries to create; a run is refused before
 * it starts when they do not fit under `--max-creates`. Each rule here runs on its own against the
 * mock, and what it attempted must be what the table says.
 */
import { expect, it } from 'vitest'
import { DIALECTS } from '../reports/model.ts'
import { CATALOGUE_CREATES, CREATES } from '../rules/creates.ts'
import { RULES } from '../rules/index.ts'
import { runConformance } from './runner/run.ts'
import { inProcessTarget } from './targets/in-process.ts'

it('counts what each rule creates, and the catalogue in both dialects', async () => {
  const target = inProcessTarget()
  const measured: Record<string, number> = {}
  let total = 0
  for (const rule of RULES) {
    for (const dialect of rule.perDialect ? DIALECTS : (['entra-flag'] as const)) {
      const { createsAttempted } = await runConformance({
        target,
        rules: [rule],
        dialects: [dialect],
        seed: 1,
        runId: 'creates',
        allowWrites: true,
      })
      total += createsAttempted
      if (createsAttempted > 0) measured[rule.id] = createsAttempted
    }
  }
  expect(measured).toEqual(CREATES)
  expect(total).toBe(CATALOGUE_CREATES)
}, 120_000)
