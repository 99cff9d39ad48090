/**
 * PATCH of the ClearID extension attributes in both Entra dialects: what an incremental cycle
 * sends for a changed title, department or phone (research/entra.md §2.4), URN-prefixed paths with
 * the flag off, one path-less value object keyed by URN-qualified paths with the flag on.
 *
 * @module
 */
import type { AttributeChange } from '../../driver/entra/requests.ts'
import type { ServerCheckContext } from './context.ts'
import { defineServerRule } from './define.ts'
import { expectPatched } from './patch.ts'
import { entraCompat, msValidator, seed, spec } from './sources.ts'
import { createUser } from './steps.ts'

/** Changes Entra would send in an incremental cycle: replacements plus one add. */
function extensionChanges(ctx: ServerCheckContext): AttributeChange[] {
  const next = ctx.data.user()
  const changes: AttributeChange[] = [
    { attribute: 'displayName', value: next.displayName, op: 'replace' },
    { attribute: 'jobTitle', value: String(next.ext.jobTitle), op: 'replace' },
    { attribute: 'departmentName', value: String(next.ext.departmentName), op: 'replace' },
    { attribute: 'phoneNumberPrimary', value: String(next.ext.phoneNumberPrimary), op: 'replace' },
    { attribute: 'middleName', value: String(next.ext.middleName), op: 'add' },
  ]
  if (ctx.entra.mapping.extensionBooleans) {
    changes.push({ attribute: 'isAdmin', value: !next.ext.isAdmin, op: 'replace' })
  }
  return changes
}

export const patchExtensionDialect = defineServerRule({
  id: 'SRV-PATCH-018',
  level: 'MUST',
  title: 'An incremental PATCH of ClearID extension attributes in the Entra dialect is applied',
  profile: 'clearid',
  area: 'patch',
  tags: ['patch', 'entra', 'extension'],
  sources: [
    entraCompat(
      'flag off: one op per attribute with a URN path; flag on: one path-less replace keyed by URN-qualified paths',
    ),
    seed('every field is prefixed with urn:ietf:params:scim:schemas:extension:clearid:2.0:User'),
    spec('2.3', "PATCH with Entra's two dialects, both accepted"),
    msValidator('Patch User - Replace Attributes (Verbose)'),
  ],
  msValidatorTest: 'Patch User - Replace Attributes (Verbose)',
  fix: 'Resolve "urn:…:clearid:2.0:User:<attribute>" both as a PATCH path and as a key of a path-less value object; add and replace set the value; booleans arrive as JSON booleans with the flag.',
  writes: true,
  perDialect: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx, { ext: { middleName: undefined } })
    const changes = extensionChanges(ctx)
    const answer = await ctx.entra.patchUser(user.id, changes)
    const expected = changes.map((c): [string, unknown] => [c.attribute, c.value])
    await expectPatched(ctx, f, user, answer, expected, `PATCH /Users/{id} (${ctx.dialect})`)
    return f.list
  },
})
