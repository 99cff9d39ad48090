/**
 * PATCH safety (SPEC §2.3): all operations apply atomically, ClearID's invariants are re-checked
 * after the last one, a refused PATCH changes nothing, and broken requests get the right `scimType`.
 *
 * @module
 */
import { CLEARID_USER_EXTENSION, ENTRA_SCIM2_FLAG } from '../../model/attributes.ts'
import { userValue } from '../../driver/entra/diff.ts'
import type { ServerCheckContext } from './context.ts'
import { defineServerRule } from './define.ts'
import type { Findings } from './findings.ts'
import { type ErrorExpectation } from './findings.ts'
import { expectPatched, patchBody } from './patch.ts'
import { msValidator, rfc7644, seed, spec } from './sources.ts'
import { createUser, readUser, type CreatedUser } from './steps.ts'

const ext = (name: string) => `${CLEARID_USER_EXTENSION}:${name}`

/** PatchOp bodies that are broken as PatchOps (RFC 7644 §3.5.2). */
export const MALFORMED_PATCHES: readonly [string, unknown][] = [
  ['no Operations', { schemas: patchBody([]).schemas }],
  ['Operations not an array', { ...patchBody([]), Operations: { op: 'replace' } }],
  ['unknown op', patchBody([{ op: 'frobnicate', path: 'displayName', value: 'x' }])],
  ['replace without value', patchBody([{ op: 'replace', path: 'displayName' }])],
]

/** Sends a PATCH that must be refused, then checks the identity did not change. */
async function expectRefusedUnchanged(
  ctx: ServerCheckContext,
  f: Findings,
  user: CreatedUser,
  body: unknown,
  expectation: ErrorExpectation,
  what: string,
): Promise<void> {
  const answer = await ctx.entra.patchRaw(user.id, body)
  f.scimError(answer, expectation, what)
  const read = await readUser(ctx, user.id)
  for (const name of [
    'userName',
    'displayName',
    'firstName',
    'lastName',
    'email',
    'countryCode',
  ] as const) {
    const before = userValue(user.resource, name)
    const after = userValue(read.resource, name)
    f.check(
      after === before,
      `${what}: a refused PATCH must change nothing, but ${name} changed`,
      read.answer,
      before,
      after,
    )
  }
}

export const patchAtomic = defineServerRule({
  id: 'SRV-PATCH-009',
  level: 'MUST',
  title: 'A PATCH whose later operation is invalid changes nothing',
  profile: 'clearid',
  area: 'patch',
  tags: ['patch', 'atomicity'],
  sources: [rfc7644('3.5.2'), spec('2.3', 'all operations of one request apply atomically')],
  fix: 'Apply the operations to a copy and store it only when every operation and every invariant passed; otherwise answer 400 and keep the stored identity.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const body = patchBody([
      { op: 'Replace', path: 'displayName', value: 'Must Not Stick' },
      { op: 'Replace', path: ext('email'), value: 'broken-address' },
    ])
    await expectRefusedUnchanged(
      ctx,
      f,
      user,
      body,
      { status: 400, scimType: 'invalidValue', mentions: ['email'] },
      'PATCH (valid op, then invalid email)',
    )
    return f.list
  },
})

export const patchInvariants = defineServerRule({
  id: 'SRV-PATCH-010',
  level: 'MUST',
  title: 'Removing both firstName and lastName is refused; removing one is fine',
  profile: 'clearid',
  area: 'patch',
  tags: ['patch', 'atomicity', 'validation'],
  sources: [
    seed('firstName or lastName must be supplied'),
    spec('2.3', 'invariants are re-checked after the last operation'),
  ],
  fix: 'Re-check the cross-field rule (firstName or lastName) on the result of all operations; refuse with 400 invalidValue and keep the identity.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const both = patchBody([
      { op: 'Remove', path: ext('firstName') },
      { op: 'Remove', path: ext('lastName') },
    ])
    await expectRefusedUnchanged(
      ctx,
      f,
      user,
      both,
      { status: 400, scimType: 'invalidValue' },
      'PATCH removing firstName and lastName',
    )
    const one = await ctx.entra.patchRaw(
      user.id,
      patchBody([{ op: 'remove', path: ext('firstName') }]),
    )
    await expectPatched(
      ctx,
      f,
      user,
      one,
      [
        ['firstName', undefined],
        ['lastName', user.values.ext.lastName],
      ],
      'PATCH removing firstName only',
    )
    return f.list
  },
})

export const patchInvalidPath = defineServerRule({
  id: 'SRV-PATCH-011',
  level: 'MUST',
  title: 'A malformed PATCH path answers 400 invalidPath',
  profile: 'rfc',
  area: 'patch',
  tags: ['patch', 'errors'],
  // RFC 7644 §3.12 defines invalidPath for a path "invalid or malformed". Whether a well-formed
  // path naming an attribute the server does not know is an error, the RFC leaves open: that is
  // SRV-PATCH-019, a ClearID choice.
  sources: [rfc7644('3.5.2'), rfc7644('3.12'), spec('2.3', 'malformed path: 400 invalidPath')],
  fix: 'Answer a path that does not parse (an unclosed filter, a filter without a value) with 400 and scimType "invalidPath".',
  writes: true,
  check: async (ctx) => (await expectPathsRefused(ctx, ['displayName[value eq'])).list,
})

export const patchUnknownPath = defineServerRule({
  id: 'SRV-PATCH-019',
  level: 'SHOULD',
  title: 'A PATCH path naming no attribute of a User answers 400 invalidPath',
  profile: 'clearid',
  area: 'patch',
  tags: ['patch', 'errors', 'attributes'],
  // Agrees with SRV-CREATE-041 (unknown attributes in a body are ignored): a value nobody reads
  // can be dropped, but a path is the operation's address; a server that answered 200 would tell
  // the admin an update took place that never did (README "Behaviour choices").
  sources: [spec('2.3', 'a path naming no attribute: 400 invalidPath')],
  fix: 'Answer a path naming no attribute of a ClearID User (core or extension) with 400 and scimType "invalidPath", so the admin fixes the attribute mapping.',
  writes: true,
  check: async (ctx) =>
    (
      await expectPathsRefused(ctx, [
        'noSuchAttribute',
        `${CLEARID_USER_EXTENSION}:noSuchAttribute`,
      ])
    ).list,
})

async function expectPathsRefused(
  ctx: ServerCheckContext,
  paths: readonly string[],
): Promise<Findings> {
  const f = ctx.findings
  const user = await createUser(ctx)
  for (const path of paths) {
    const body = patchBody([{ op: 'replace', path, value: 'x' }])
    await expectRefusedUnchanged(
      ctx,
      f,
      user,
      body,
      { status: 400, scimType: 'invalidPath' },
      `PATCH path "${path}"`,
    )
  }
  return f
}

export const patchMalformed = defineServerRule({
  id: 'SRV-PATCH-012',
  level: 'MUST',
  title: 'A malformed PATCH body answers 400 and changes nothing',
  profile: 'rfc',
  area: 'patch',
  tags: ['patch', 'errors', 'bad-input'],
  sources: [rfc7644('3.5.2'), rfc7644('3.12'), spec('2.3', 'malformed: 400 invalidSyntax')],
  fix: 'Validate the PatchOp envelope: schemas with the PatchOp URN, an Operations array, a known op, a value for add/replace; answer 400 invalidSyntax otherwise.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    for (const [label, body] of MALFORMED_PATCHES) {
      await expectRefusedUnchanged(
        ctx,
        f,
        user,
        body,
        { status: 400, scimType: 'invalidSyntax', scimTypeAdvisory: true },
        `PATCH with ${label}`,
      )
    }
    return f.list
  },
})

export const patchValidation = defineServerRule({
  id: 'SRV-PATCH-013',
  level: 'MUST',
  title: 'PATCH values are validated like create values',
  profile: 'clearid',
  area: 'patch',
  tags: ['patch', 'validation', 'booleans'],
  sources: [seed('email, countryCode and boolean rules'), spec('2.2', 'format and boolean rules')],
  fix: 'Run the same attribute checks on PATCH as on POST: e-mail format, three-letter countryCode, extension booleans only as JSON booleans (naming the aadOptscim062020 flag).',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const cases: [string, Record<string, unknown>, readonly string[]][] = [
      ['an invalid email', { op: 'Replace', path: ext('email'), value: 'no-at-sign' }, ['email']],
      [
        'a two-letter countryCode',
        { op: 'Replace', path: ext('countryCode'), value: 'DE' },
        ['countryCode'],
      ],
      [
        'isAdmin as "True"',
        { op: 'Replace', path: ext('isAdmin'), value: 'True' },
        ['isAdmin', ENTRA_SCIM2_FLAG],
      ],
    ]
    for (const [label, operation, mentions] of cases) {
      await expectRefusedUnchanged(
        ctx,
        f,
        user,
        patchBody([operation]),
        { status: 400, scimType: 'invalidValue', mentions },
        `PATCH with ${label}`,
      )
    }
    return f.list
  },
})

export const patchUniqueness = defineServerRule({
  id: 'SRV-PATCH-014',
  level: 'MUST',
  title: "PATCH onto another identity's userName or externalId answers 409 uniqueness",
  profile: 'clearid',
  area: 'patch',
  tags: ['patch', 'uniqueness'],
  sources: [
    rfc7644('3.5.2'),
    spec('2.2', 'uniqueness per account: externalId exact, userName case-insensitive'),
  ],
  fix: 'Check uniqueness on every write, not only on create: a PATCH that would duplicate a userName (any case) or externalId is 409 uniqueness and changes nothing.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const first = await createUser(ctx)
    const second = await createUser(ctx)
    const cases: [string, Record<string, unknown>][] = [
      [
        'userName (other case)',
        { op: 'Replace', path: 'userName', value: first.values.userName.toUpperCase() },
      ],
      [
        'externalId',
        { op: 'Replace', path: ext('externalId'), value: first.values.ext.externalId },
      ],
    ]
    for (const [label, operation] of cases) {
      await expectRefusedUnchanged(
        ctx,
        f,
        second,
        patchBody([operation]),
        { status: 409, scimType: 'uniqueness' },
        `PATCH onto an existing ${label}`,
      )
    }
    return f.list
  },
})

export const patchUnknownId = defineServerRule({
  id: 'SRV-PATCH-015',
  level: 'MUST',
  title: 'PATCH of an unknown id answers 404',
  profile: 'rfc',
  area: 'patch',
  tags: ['patch', 'errors'],
  sources: [rfc7644('3.5.2'), rfc7644('3.12')],
  fix: 'Answer PATCH /Users/{unknown id} with 404 and a SCIM error.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const answer = await ctx.entra.patchRaw(
      ctx.data.guid(),
      patchBody([{ op: 'replace', path: 'displayName', value: 'Nobody' }]),
    )
    f.scimError(answer, { status: 404 }, 'PATCH /Users/{unknown id}')
    return f.list
  },
})

export const patchSameAttributeInOrder = defineServerRule({
  id: 'SRV-PATCH-016',
  level: 'SHOULD',
  title: 'Several operations on one attribute apply in order',
  profile: 'clearid',
  area: 'patch',
  tags: ['patch'],
  sources: [rfc7644('3.5.2'), msValidator('Patch User - Multiple Ops on same attribute (preview)')],
  msValidatorTest: 'Patch User - Multiple Ops on same attribute',
  fix: 'Apply PATCH operations sequentially, each on the result of the previous one.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const body = patchBody([
      { op: 'remove', path: ext('middleName') },
      { op: 'add', path: ext('middleName'), value: 'First' },
      { op: 'replace', path: ext('middleName'), value: 'Final' },
    ])
    await expectPatched(
      ctx,
      f,
      user,
      await ctx.entra.patchRaw(user.id, body),
      [['middleName', 'Final']],
      'PATCH remove, add, replace on middleName',
    )
    return f.list
  },
})

export const patchDifferentAttributes = defineServerRule({
  id: 'SRV-PATCH-017',
  level: 'SHOULD',
  title: 'Several operations on different attributes all apply',
  profile: 'rfc',
  area: 'patch',
  tags: ['patch'],
  sources: [
    rfc7644('3.5.2'),
    msValidator('Patch User - Multiple Ops on different attributes (preview)'),
  ],
  msValidatorTest: 'Patch User - Multiple Ops on different attributes',
  fix: 'Apply every operation of the request, not only the first.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const userName = `${ctx.data.prefix}multi-${user.values.userName.slice(ctx.data.prefix.length)}`
    const body = patchBody([
      { op: 'replace', path: 'active', value: false },
      { op: 'replace', path: 'userName', value: userName },
      { op: 'replace', path: 'displayName', value: 'Multi Op' },
    ])
    await expectPatched(
      ctx,
      f,
      user,
      await ctx.entra.patchRaw(user.id, body),
      [
        ['active', false],
        ['userName', userName],
        ['displayName', 'Multi Op'],
      ],
      'PATCH with three operations',
    )
    return f.list
  },
})
