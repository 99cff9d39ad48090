/**
 * Uniqueness per account (SPEC §2.2): extension `externalId` exact, `userName` case-insensitive; a
 * duplicate is 409 `uniqueness` (RFC 7644 §3.3, §3.12).
 *
 * @module
 */
import { defineServerRule } from './define.ts'
import { msValidator, okta, rfc7643, rfc7644, seed, spec } from './sources.ts'
import { createUser } from './steps.ts'

export const duplicateUserName = defineServerRule({
  id: 'SRV-CREATE-020',
  level: 'MUST',
  title: 'Creating a second user with the same userName answers 409 uniqueness',
  profile: 'rfc',
  area: 'create',
  tags: ['create', 'uniqueness'],
  sources: [
    rfc7644('3.3'),
    rfc7644('3.12'),
    msValidator('Create a duplicate User'),
    okta('Create the same user again (409)'),
  ],
  msValidatorTest: 'Create a duplicate User',
  fix: 'Refuse a create whose userName already exists in the account with 409 and scimType "uniqueness".',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const first = await createUser(ctx)
    const answer = await ctx.entra.createUser(ctx.data.user({ userName: first.values.userName }))
    f.scimError(
      answer,
      { status: 409, scimType: 'uniqueness' },
      'POST /Users with an existing userName',
    )
    return f.list
  },
})

export const duplicateUserNameCase = defineServerRule({
  id: 'SRV-CREATE-021',
  level: 'MUST',
  title: 'userName uniqueness ignores case: a case variant answers 409 uniqueness',
  // RFC 7643 §4.1.1 declares userName caseExact false: an RFC rule, which ClearID's SPEC repeats.
  profile: 'rfc',
  area: 'create',
  tags: ['create', 'uniqueness', 'case'],
  sources: [rfc7643('4.1.1'), spec('2.2', 'userName unique per account, case-insensitive')],
  fix: 'Compare userName case-insensitively when checking uniqueness; "ADA@X" and "ada@x" are the same user.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const first = await createUser(ctx)
    const answer = await ctx.entra.createUser(
      ctx.data.user({ userName: first.values.userName.toUpperCase() }),
    )
    f.scimError(
      answer,
      { status: 409, scimType: 'uniqueness' },
      'POST /Users with an upper-cased existing userName',
    )
    return f.list
  },
})

export const duplicateExternalId = defineServerRule({
  id: 'SRV-CREATE-022',
  level: 'MUST',
  title: 'Creating a second user with the same extension externalId answers 409 uniqueness',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'uniqueness'],
  sources: [
    seed('externalId is required and must be unique'),
    spec('2.2', 'extension externalId unique (exact)'),
  ],
  fix: 'Refuse a create whose extension externalId already exists in the account with 409 "uniqueness".',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const first = await createUser(ctx)
    const answer = await ctx.entra.createUser(
      ctx.data.user({ ext: { externalId: first.values.ext.externalId } }),
    )
    f.scimError(
      answer,
      { status: 409, scimType: 'uniqueness' },
      'POST /Users with an existing externalId',
    )
    return f.list
  },
})

export const externalIdCaseExact = defineServerRule({
  id: 'SRV-CREATE-023',
  level: 'SHOULD',
  title: 'externalId is case-exact: a case variant is a different key',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'uniqueness', 'case'],
  sources: [rfc7643('3.1'), spec('2.2', 'extension externalId unique (exact)')],
  fix: 'Compare externalId exactly (caseExact true), so an upper-cased objectId is a different identity.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const first = await createUser(ctx)
    const upper = String(first.values.ext.externalId).toUpperCase()
    const answer = await ctx.entra.createUser(ctx.data.user({ ext: { externalId: upper } }))
    f.status(answer, 201, 'POST /Users with an upper-cased existing externalId')
    return f.list
  },
})
