/**
 * Whole provisioning cycles as Entra runs them (research/entra.md §1): initial, incremental, and the
 * repeat cycle that must find nothing to change because every value round-trips.
 *
 * @module
 */
import type { ClearIdUserValues } from '../../fixtures/workforce.ts'
import type { EntraClient } from '../../driver/entra/client.ts'
import {
  incrementalCycle,
  initialCycle,
  repeatCycle,
  type LinkedUser,
  type StepFailure,
} from '../../driver/provisioning.ts'
import type { ServerCheckContext } from './context.ts'
import { defineServerRule } from './define.ts'
import type { Findings } from './findings.ts'
import { entraTutorial, logicApp, spec } from './sources.ts'

export function reportFailures(f: Findings, failures: readonly StepFailure[], what: string): void {
  for (const failure of failures) {
    f.error(`${what}, ${failure.step} of ${failure.userName}: ${failure.message}`, failure.answer)
  }
}

/**
 * Entra as ClearID's setup configures it: matching on userName, then on the extension externalId
 * (ClearID's synchronization key), with Entra's exact Content-Type. ClearID-profile rules only: a
 * plain SCIM server need not filter on a ClearID extension.
 */
export function clearIdEntra(ctx: ServerCheckContext, entra = ctx.entra): EntraClient {
  return entra.exact().withMapping({ matchOn: ['userName', 'externalId'] })
}

/**
 * The initial cycle for three users as a real directory holds them: one sparse (most optional
 * attributes empty, so never sent), and, in the default dialect, one POSTed with JSON booleans as
 * Microsoft's examples show while the others carry "True". Bodies carry Entra's exact Content-Type.
 */
export async function provision(
  ctx: ServerCheckContext,
  f: Findings,
  entra = ctx.entra.exact(),
): Promise<LinkedUser[] | undefined> {
  const [full, sparse, jsonBooleans] = [
    ctx.data.user(),
    ctx.data.user({ sparse: true }),
    ctx.data.user(),
  ]
  const first = await initialCycle(entra, [full, sparse])
  const second = await initialCycle(entra.withMapping({ createBooleans: 'json' }), [jsonBooleans])
  reportFailures(f, [...first.failures, ...second.failures], 'initial cycle')
  return f.failed ? undefined : [...first.linked, ...second.linked]
}

/** What changed at the source between cycles: a new title, department and display name. */
function changedSource(ctx: ServerCheckContext, source: ClearIdUserValues): ClearIdUserValues {
  const next = ctx.data.user()
  return {
    ...source,
    displayName: next.displayName,
    ext: { ...source.ext, jobTitle: next.ext.jobTitle, departmentName: next.ext.departmentName },
  }
}

/**
 * After the PATCHes, Entra's next cycle must find nothing to change in `attributes` (all mapped
 * ones when not given: a rule of the entra profile judges only the core attributes).
 */
export async function expectConverged(
  f: Findings,
  entra: EntraClient,
  users: readonly LinkedUser[],
  what: string,
  attributes?: readonly string[],
): Promise<void> {
  const check = await repeatCycle(entra, users)
  reportFailures(f, check.failures, `${what}, read-back`)
  for (const diff of check.diffs) {
    const changes = diff.changes.filter((c) => !attributes || attributes.includes(c.attribute))
    f.check(
      changes.length === 0,
      `${what}: ${diff.user.source.userName} still differs in ${changes.map((c) => c.attribute).join(', ')}`,
      diff.read,
      [],
      changes,
    )
  }
}

export const initialCycleRule = defineServerRule({
  id: 'SRV-CYCLE-001',
  level: 'MUST',
  title:
    'Initial cycle: each lookup finds nothing, each create succeeds, and a second lookup links it',
  profile: 'entra',
  area: 'cycles',
  tags: ['cycles', 'entra', 'create', 'filter'],
  sources: [
    entraTutorial('initial cycle: query by the matching attribute, create when nothing matches'),
    logicApp('Create_User_Test'),
  ],
  fix: 'Answer the matching lookup with 200 and an empty list for new users, create with 201 and an id, and find the created user by the same lookup afterwards.',
  writes: true,
  perDialect: true,
  check: async (ctx) => {
    const f = ctx.findings
    const linked = await provision(ctx, f)
    if (!linked) return f.list
    const again = await initialCycle(
      ctx.entra,
      linked.map((u) => u.source),
    )
    reportFailures(f, again.failures, 'second initial cycle')
    for (const user of again.linked) {
      const first = linked.find((u) => u.source.userName === user.source.userName)
      f.check(
        first?.id === user.id,
        `the second cycle must match ${user.source.userName} to the same id instead of creating it again`,
        undefined,
        first?.id,
        user.id,
      )
    }
    return f.list
  },
})

export const incrementalCycleRule = defineServerRule({
  id: 'SRV-CYCLE-002',
  level: 'MUST',
  title: 'Incremental cycle: GET by id, PATCH the diff, and the changes are stored',
  profile: 'clearid',
  area: 'cycles',
  tags: ['cycles', 'entra', 'patch'],
  sources: [
    entraTutorial('incremental cycle: GET /Users/{id}, then PATCH the differences'),
    logicApp('Update_User_Test'),
  ],
  fix: 'Return the stored values on GET by id and apply the PATCH Entra builds from its diff.',
  writes: true,
  perDialect: true,
  check: async (ctx) => {
    const f = ctx.findings
    const entra = clearIdEntra(ctx)
    const linked = await provision(ctx, f, entra)
    if (!linked) return f.list
    const updated = linked.map((u) => ({ id: u.id, source: changedSource(ctx, u.source) }))
    const cycle = await incrementalCycle(entra, updated)
    reportFailures(f, cycle.failures, 'incremental cycle')
    await expectConverged(f, entra, updated, 'after the PATCH')
    return f.list
  },
})

export const repeatCycleRule = defineServerRule({
  id: 'SRV-CYCLE-003',
  level: 'MUST',
  title: 'Repeat cycle: nothing changed at the source means nothing to PATCH',
  profile: 'clearid',
  area: 'cycles',
  tags: ['cycles', 'entra', 'round-trip'],
  sources: [
    entraTutorial('if values do not round-trip, Entra PATCHes them again every cycle'),
    spec('2.2', 'values are stored and returned exactly as sent'),
  ],
  fix: 'Return every provisioned value exactly as it was sent (and booleans as JSON booleans) so Entra computes an empty diff.',
  writes: true,
  perDialect: true,
  check: async (ctx) => {
    const f = ctx.findings
    const entra = clearIdEntra(ctx)
    const linked = await provision(ctx, f, entra)
    if (!linked) return f.list
    const cycle = await repeatCycle(entra, linked)
    reportFailures(f, cycle.failures, 'repeat cycle')
    for (const diff of cycle.diffs) {
      f.check(
        diff.changes.length === 0,
        `${diff.user.source.userName} would be PATCHed again: ${diff.changes.map((c) => c.attribute).join(', ')} did not round-trip`,
        diff.read,
        [],
        diff.changes,
      )
    }
    return f.list
  },
})
