/**
 * What a run will create, told before it sends anything: the rules that write and can run against
 * the target, per dialect where they run per dialect; and a run over the cap is refused whole.
 */
import { describe, expect, it } from 'vitest'
import { runCommand } from '../../cli/commands/run.ts'
import { CATALOGUE_CREATES, CREATES, createsOf } from '../../rules/creates.ts'
import { RULES } from '../../rules/index.ts'
import type { ServerRule } from '../../rules/server/define.ts'
import {
  captureIo,
  DEPLOYMENT,
  fakeDeployment,
  KEY,
  REST_CLIENT_ID,
  REST_ORIGIN,
  REST_SECRET,
} from '../../testing/suite-support.ts'
import { createCapProblem, createsNeeded } from './create-need.ts'
import { RUN_DEFAULTS } from './run-id.ts'

const both = ['entra-default', 'entra-flag'] as const

describe('createsNeeded', () => {
  const target = fakeDeployment().target({ rest: true })

  it('is nothing without writes', () => {
    expect(createsNeeded({ target, rules: RULES, dialects: both, allowWrites: false })).toBe(0)
  })

  it('counts a rule per dialect only when it runs per dialect', () => {
    const cycle = RULES.filter((rule) => rule.id === 'SRV-CYCLE-001')
    const once = RULES.filter((rule) => rule.id === 'SRV-PAGE-001')
    const need = (rules: readonly ServerRule[], dialects: readonly (typeof both)[number][]) =>
      createsNeeded({ target, rules, dialects, allowWrites: true })
    expect(need(cycle, both)).toBe(2 * (CREATES['SRV-CYCLE-001'] ?? 0))
    expect(need(cycle, ['entra-flag'])).toBe(CREATES['SRV-CYCLE-001'])
    expect(need(once, both)).toBe(CREATES['SRV-PAGE-001'])
  })

  it('leaves out the rules the target cannot run: REST rules without a REST API, control-plane rules without one', () => {
    const scimOnly = fakeDeployment().target()
    const scimRules = RULES.filter((rule) => rule.surface === 'scim')
    expect(
      createsNeeded({ target: scimOnly, rules: RULES, dialects: both, allowWrites: true }),
    ).toBe(createsOf(scimRules, 2))
    // A deployment has no control plane: the reset and webhook rules do not apply.
    const all = createsNeeded({ target, rules: RULES, dialects: both, allowWrites: true })
    expect(all).toBeLessThan(CATALOGUE_CREATES)
    expect(all).toBeGreaterThan(createsOf(scimRules, 2))
  })

  it('fits the whole catalogue under the default cap', () => {
    expect(RUN_DEFAULTS.maxCreates).toBe(CATALOGUE_CREATES)
    expect(createCapProblem(CATALOGUE_CREATES, RUN_DEFAULTS.maxCreates)).toBeUndefined()
  })
})

describe('run over the cap', () => {
  it('is refused before any request, with what it needs and how to fit', async () => {
    const deployment = fakeDeployment()
    const io = captureIo({ env: { CLEARID_CLIENT_SECRET: REST_SECRET }, fetch: deployment.fetch })
    const args = ['--target', DEPLOYMENT, '--key', KEY, '--rest-target', REST_ORIGIN]
    const code = await runCommand(
      [...args, '--client-id', REST_CLIENT_ID, '--allow-writes', '--max-creates', '20'],
      io,
    )
    expect(code).toBe(2)
    expect(deployment.requests).toEqual([])
    expect(io.err.join('')).toMatch(
      /the selected rules create up to (\d+) identities \(SCIM and REST together\).*--max-creates is 20: nothing was sent\. Raise --max-creates to \1/,
    )
  })
})
