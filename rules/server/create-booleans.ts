/**
 * Booleans in both Entra dialects (SPEC §2.2; research/entra.md Q2): `active` accepts "True"/"False"
 * strings, the extension booleans need the SCIM 2.0 flag (real JSON booleans), every other value is
 * refused, and booleans always come back as JSON booleans.
 *
 * @module
 */
import { CLEARID_USER_EXTENSION, ENTRA_SCIM2_FLAG } from '../../model/attributes.ts'
import { userValue } from '../../driver/entra/diff.ts'
import { createUserBody } from '../../driver/entra/requests.ts'
import type { ServerCheckContext } from './context.ts'
import { defineServerRule } from './define.ts'
import { isObject } from './findings.ts'
import { entraCompat, rfc7643, seed, spec } from './sources.ts'
import { createFromBody } from './steps.ts'

const BOOLEAN_EXTENSIONS = ['hasExtendedTime', 'hasWebPortalAccess', 'isAdmin'] as const

export const activeStrings = defineServerRule({
  id: 'SRV-CREATE-030',
  level: 'MUST',
  title: 'active as "True"/"False" strings (any case) is accepted and returned as a JSON boolean',
  profile: 'entra',
  area: 'create',
  tags: ['create', 'entra', 'booleans', 'entra-default'],
  sources: [
    entraCompat('booleans are sent as strings without the aadOptscim062020 flag'),
    spec('2.2', 'active accepts JSON booleans and the strings "True"/"False" in any case'),
  ],
  fix: 'Coerce "True"/"False" (case-insensitive) for active and always return active as a JSON boolean.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    for (const [sent, expected] of [
      ['True', true],
      ['False', false],
      ['true', true],
      ['FALSE', false],
    ] as const) {
      const values = ctx.data.user()
      const user = await createFromBody(ctx, values, (body) => ({ ...body, active: sent }))
      f.check(
        user.resource.active === expected,
        `active "${sent}" must be returned as the JSON boolean ${expected}`,
        user.answer,
        expected,
        user.resource.active,
      )
    }
    return f.list
  },
})

export const extensionBooleanStrings = defineServerRule({
  id: 'SRV-CREATE-031',
  level: 'MUST',
  title: 'Extension booleans sent as strings are refused with 400 invalidValue',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'booleans', 'entra-default'],
  // The seed says booleans "work only with the flag": refusing a string is the MUST. What the
  // detail says is advice to the admin, checked by SRV-CREATE-034 as a SHOULD.
  sources: [
    seed('boolean fields only work with the SCIM 2.0 feature flag'),
    spec('2.2', 'a string value for an extension boolean: 400 invalidValue'),
  ],
  fix: 'Refuse "True"/"False" for hasExtendedTime, hasWebPortalAccess and isAdmin with 400 and scimType invalidValue.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    for (const name of BOOLEAN_EXTENSIONS) {
      f.scimError(
        await postStringBoolean(ctx, name),
        { status: 400, scimType: 'invalidValue' },
        `POST /Users with ${name} "True"`,
      )
    }
    return f.list
  },
})

export const extensionBooleanFlagNamed = defineServerRule({
  id: 'SRV-CREATE-034',
  level: 'SHOULD',
  title:
    'The refusal of a string extension boolean names the attribute and the aadOptscim062020 flag',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'booleans', 'entra-default', 'errors'],
  sources: [
    spec(
      '2.2',
      'a string value for an extension boolean: 400 invalidValue naming aadOptscim062020',
    ),
  ],
  fix: `Say in the detail which attribute was refused and tell the admin to add ?${ENTRA_SCIM2_FLAG} to the Tenant URL.`,
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    for (const name of BOOLEAN_EXTENSIONS) {
      const answer = await postStringBoolean(ctx, name)
      // Only the detail is judged here: a missing refusal is SRV-CREATE-031's finding.
      if (answer.status !== 400) continue
      f.scimError(
        answer,
        { status: 400, mentions: [name, ENTRA_SCIM2_FLAG] },
        `POST /Users with ${name} "True"`,
      )
    }
    return f.list
  },
})

/** POST /Users in the default dialect with only `name` sent as the string "True". */
async function postStringBoolean(ctx: ServerCheckContext, name: string) {
  const values = ctx.data.user()
  // Only the attribute under test carries a string: the others are left out of the mapping.
  const body = createUserBody(values, 'entra-default', {
    extensionBooleans: false,
    declareExtension: false,
  })
  const ext = { ...(body[CLEARID_USER_EXTENSION] as Record<string, unknown>), [name]: 'True' }
  return ctx.entra.postUser({ ...body, [CLEARID_USER_EXTENSION]: ext })
}

export const extensionBooleansReal = defineServerRule({
  id: 'SRV-CREATE-032',
  level: 'MUST',
  title: 'Extension booleans sent as JSON booleans are accepted and returned as JSON booleans',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'booleans', 'entra-flag', 'round-trip'],
  sources: [seed('boolean fields only work with the SCIM 2.0 feature flag'), rfc7643('2.3.2')],
  fix: 'Accept true/false for hasExtendedTime, hasWebPortalAccess and isAdmin and return them as JSON booleans.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    for (const flag of [true, false]) {
      const values = ctx.data.user({
        ext: { hasExtendedTime: flag, hasWebPortalAccess: flag, isAdmin: flag },
      })
      const body = createUserBody(values, 'entra-flag', {
        extensionBooleans: true,
        declareExtension: false,
      })
      const answer = await ctx.entra.postUser(body)
      if (!f.status(answer, 201, `POST /Users with extension booleans ${flag}`)) continue
      for (const name of BOOLEAN_EXTENSIONS) {
        const actual = userValue(answer.body, name)
        f.check(
          actual === flag,
          `${name} must come back as the JSON boolean ${flag}`,
          answer,
          flag,
          actual,
        )
      }
    }
    return f.list
  },
})

export const otherBooleanValues = defineServerRule({
  id: 'SRV-CREATE-033',
  level: 'MUST',
  title: 'Values that are neither booleans nor "True"/"False" are refused for boolean attributes',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'booleans', 'validation'],
  sources: [rfc7643('2.3.2'), spec('2.2', 'any other value for a boolean: 400 invalidValue')],
  fix: 'Refuse "yes", 1, 0, "maybe" and similar for active and the extension booleans with 400 invalidValue.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const cases: [string, unknown][] = [
      ['active', 'yes'],
      ['active', 1],
      ['isAdmin', 'maybe'],
      ['hasExtendedTime', 0],
    ]
    for (const [name, value] of cases) {
      const body = createUserBody(ctx.data.user(), 'entra-flag', {
        extensionBooleans: true,
        declareExtension: false,
      })
      const ext = isObject(body[CLEARID_USER_EXTENSION]) ? body[CLEARID_USER_EXTENSION] : {}
      const altered =
        name === 'active'
          ? { ...body, active: value }
          : { ...body, [CLEARID_USER_EXTENSION]: { ...ext, [name]: value } }
      const answer = await ctx.entra.postUser(altered)
      f.scimError(
        answer,
        { status: 400, scimType: 'invalidValue' },
        `POST /Users with ${name} ${JSON.stringify(value)}`,
      )
    }
    return f.list
  },
})
