/**
 * ClearID's attribute rules on create (seed; SPEC §2.2): required fields, e-mail and country-code
 * formats, the core externalId that is not the sync key. Each refusal is a 400 `invalidValue` whose
 * detail names the attribute.
 *
 * @module
 */
import {
  badUserBody,
  type BadUserVariant,
  type TolerableUserVariant,
} from '../../fixtures/bad-users.ts'
import { createUserBody } from '../../driver/entra/requests.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import type { ServerCheckContext } from './context.ts'
import { defineServerRule, type ServerRule } from './define.ts'
import { rfc7643, rfc7644, seed, spec } from './sources.ts'
import { createFromBody } from './steps.ts'
import { userValue } from '../../driver/entra/diff.ts'

/** POSTs the variant of a valid Entra body. Flag dialect, so booleans are not what is tested. */
async function postVariant(
  ctx: ServerCheckContext,
  variant: BadUserVariant | TolerableUserVariant,
): Promise<HttpAnswer> {
  const body = createUserBody(ctx.data.user(), 'entra-flag', {
    ...ctx.entra.mapping,
    extensionBooleans: true,
  })
  return ctx.entra.postUser(badUserBody(body, variant))
}

interface RejectionSpec {
  readonly id: string
  readonly title: string
  readonly variants: readonly BadUserVariant[]
  readonly mentions: readonly string[]
  readonly sources: ServerRule['sources']
  readonly fix: string
  readonly tags?: readonly string[]
}

function rejectionRule(spec: RejectionSpec): ServerRule {
  return defineServerRule({
    id: spec.id,
    level: 'MUST',
    title: spec.title,
    profile: 'clearid',
    area: 'create',
    tags: ['create', 'validation', ...(spec.tags ?? [])],
    sources: spec.sources,
    fix: spec.fix,
    writes: true,
    check: async (ctx) => {
      const f = ctx.findings
      for (const variant of spec.variants) {
        const answer = await postVariant(ctx, variant)
        f.scimError(
          answer,
          { status: 400, scimType: 'invalidValue', mentions: spec.mentions },
          `POST /Users (${variant})`,
        )
      }
      return f.list
    },
  })
}

export const requireUserName = rejectionRule({
  id: 'SRV-CREATE-010',
  title: 'A create without userName is refused with 400 invalidValue naming userName',
  variants: ['missing-userName'],
  mentions: ['userName'],
  sources: [rfc7643('4.1.1'), spec('2.2', 'required: userName')],
  fix: 'Refuse a User without userName with 400, scimType "invalidValue", and a detail that names userName.',
})

export const requireDisplayName = rejectionRule({
  id: 'SRV-CREATE-011',
  title: 'A create without displayName is refused with 400 invalidValue naming displayName',
  variants: ['missing-displayName'],
  mentions: ['displayName'],
  sources: [seed('displayName is required in the mapping'), spec('2.2', 'required: displayName')],
  fix: 'Refuse a User without displayName with 400 invalidValue and a detail that names displayName.',
})

export const requireExternalId = rejectionRule({
  id: 'SRV-CREATE-012',
  title:
    'A create without the extension externalId is refused with 400 invalidValue naming externalId',
  variants: ['missing-externalId'],
  mentions: ['externalId'],
  sources: [
    seed('externalId is required and must be unique'),
    spec('2.2', 'required: extension externalId'),
  ],
  fix: 'Refuse a User without urn:…:clearid:2.0:User:externalId with 400 invalidValue naming externalId.',
})

export const requireFirstOrLastName = defineServerRule({
  id: 'SRV-CREATE-013',
  level: 'MUST',
  title: 'firstName or lastName is required; either one alone is enough',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'validation'],
  sources: [
    seed('firstName or lastName must be supplied in the mapping'),
    spec('2.2', 'firstName or lastName required'),
  ],
  fix: 'Refuse a User with neither firstName nor lastName (400 invalidValue naming both); accept one without the other.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const answer = await postVariant(ctx, 'missing-first-and-last-name')
    f.scimError(
      answer,
      { status: 400, scimType: 'invalidValue', mentions: ['firstName', 'lastName'] },
      'POST /Users without firstName and lastName',
    )
    for (const keep of ['firstName', 'lastName'] as const) {
      const drop = keep === 'firstName' ? 'lastName' : 'firstName'
      const values = ctx.data.user({ ext: { [drop]: undefined } })
      const only = await ctx.entra.createUser(values)
      f.status(only, 201, `POST /Users with ${keep} only`)
    }
    return f.list
  },
})

export const emailFormat = rejectionRule({
  id: 'SRV-CREATE-014',
  title: 'An invalid email is refused with 400 invalidValue naming email',
  variants: ['invalid-email'],
  mentions: ['email'],
  sources: [
    seed('email must be a valid e-mail format'),
    spec('2.2', 'email: a pragmatic address check'),
  ],
  fix: 'Check email with a pragmatic local@domain.tld test and refuse other values with 400 invalidValue naming email.',
})

export const secondaryEmailFormat = rejectionRule({
  id: 'SRV-CREATE-015',
  title: 'An invalid secondaryEmail is refused with 400 invalidValue naming secondaryEmail',
  variants: ['invalid-secondary-email'],
  mentions: ['secondaryEmail'],
  sources: [
    seed('secondaryEmail must be a valid e-mail format'),
    spec('2.2', 'secondaryEmail: a pragmatic address check'),
  ],
  fix: 'Check secondaryEmail like email and refuse invalid values with 400 invalidValue naming secondaryEmail.',
})

export const countryCodeFormat = rejectionRule({
  id: 'SRV-CREATE-016',
  title: 'A countryCode that is not exactly three letters is refused with 400 invalidValue',
  variants: ['country-code-two-letters', 'country-code-four-letters', 'country-code-digits'],
  mentions: ['countryCode'],
  sources: [seed('countryCode must be a 3-letter code'), spec('2.2', 'countryCode: ^[A-Za-z]{3}$')],
  fix: 'Accept only ^[A-Za-z]{3}$ for countryCode ("US", "USAA" and "840" are refused) with 400 invalidValue naming countryCode.',
})

export const countryCodeNonIso = defineServerRule({
  id: 'SRV-CREATE-017',
  level: 'SHOULD',
  title: 'A three-letter countryCode that is not ISO alpha-3 is accepted and stored as sent',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'validation', 'round-trip'],
  sources: [
    spec(
      '2.2',
      'a 3-letter value that is not an upper-case ISO 3166-1 alpha-3 code is accepted with a warning',
    ),
  ],
  fix: 'Accept any three letters for countryCode (warn, do not refuse, when it is not an upper-case ISO code) and return it exactly as sent.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const values = ctx.data.user({ ext: { countryCode: 'xqz' } })
    const user = await createFromBody(ctx, values)
    f.check(
      userValue(user.resource, 'countryCode') === 'xqz',
      'countryCode must be stored exactly as sent',
      user.answer,
      'xqz',
      userValue(user.resource, 'countryCode'),
    )
    return f.list
  },
})

export const coreExternalIdOnly = rejectionRule({
  id: 'SRV-CREATE-018',
  title: 'A core externalId alone is not taken as the sync key: 400 invalidValue naming externalId',
  variants: ['core-external-id-only'],
  mentions: ['externalId'],
  sources: [
    seed('externalId is a SystemData field of the ClearID extension'),
    spec('2.2', 'core externalId is not accepted as the sync key'),
  ],
  fix: 'Read the sync key only from urn:…:clearid:2.0:User:externalId; a body with only the core externalId lacks the required key (400 invalidValue naming externalId).',
})

export const wrongTypes = defineServerRule({
  id: 'SRV-CREATE-019',
  level: 'MUST',
  title: 'Values of the wrong JSON type are refused with 400',
  profile: 'rfc',
  area: 'create',
  tags: ['create', 'validation', 'bad-input'],
  sources: [rfc7643('2.3'), rfc7644('3.12')],
  fix: 'Check each attribute against its schema type: a number for userName, an array for displayName or for active is a 400 (invalidValue or invalidSyntax), never stored and never a 500.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const cases: [string, (body: Record<string, unknown>) => Record<string, unknown>][] = [
      ['userName as a number', (b) => ({ ...b, userName: 4711 })],
      ['displayName as an array', (b) => ({ ...b, displayName: ['Ada', 'Lovelace'] })],
      ['active as an array', (b) => ({ ...b, active: [true] })],
    ]
    for (const [label, alter] of cases) {
      const body = createUserBody(ctx.data.user(), ctx.dialect, ctx.entra.mapping)
      const answer = await ctx.entra.postUser(alter(body))
      f.scimError(
        answer,
        { status: 400, scimType: ['invalidValue', 'invalidSyntax'] },
        `POST /Users with ${label}`,
      )
    }
    return f.list
  },
})
