/**
 * Attributes outside the ClearID mapping (SPEC §2.2): unsupported seed fields, unknown extension
 * attributes and core attributes ClearID does not use are ignored and never stored; names and URNs
 * match case-insensitively and come back with the catalogue's spelling.
 *
 * @module
 */
import { CLEARID_USER_EXTENSION, CORE_USER_SCHEMA } from '../../model/attributes.ts'
import { badUserBody, type TolerableUserVariant } from '../../fixtures/bad-users.ts'
import { extensionOf, memberOf } from '../../driver/entra/diff.ts'
import { createUserBody } from '../../driver/entra/requests.ts'
import type { ServerCheckContext } from './context.ts'
import { defineServerRule } from './define.ts'
import type { Findings } from './findings.ts'
import { isObject } from './findings.ts'
import { rfc7643, seed, spec } from './sources.ts'
import { readUser } from './steps.ts'

/** Creates with the variant, then checks that none of `absent` is returned (POST and GET). */
async function expectIgnored(
  ctx: ServerCheckContext,
  variant: TolerableUserVariant,
  absent: { readonly core: readonly string[]; readonly ext: readonly string[] },
): Promise<Findings> {
  const f = ctx.findings
  const body = badUserBody(createUserBody(ctx.data.user(), ctx.dialect, ctx.entra.mapping), variant)
  const answer = await ctx.entra.postUser(body)
  if (!f.status(answer, 201, `POST /Users (${variant})`)) return f
  const id = isObject(answer.body) ? String(answer.body.id) : ''
  const { answer: read, resource } = await readUser(ctx, id)
  for (const [where, a, r] of [
    ['POST response', answer, answer.body],
    ['GET /Users/{id}', read, resource],
  ] as const) {
    for (const name of absent.core) {
      f.check(
        memberOf(r, name) === undefined,
        `${where}: "${name}" must not be stored or returned`,
        a,
        '(absent)',
        memberOf(r, name),
      )
    }
    for (const name of absent.ext) {
      const value = memberOf(extensionOf(r), name)
      f.check(
        value === undefined,
        `${where}: extension "${name}" must not be stored or returned`,
        a,
        '(absent)',
        value,
      )
    }
  }
  return f
}

export const unsupportedIgnored = defineServerRule({
  id: 'SRV-CREATE-040',
  level: 'SHOULD',
  title: 'Unsupported seed attributes (dates, id references) are ignored and not stored',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'attributes'],
  sources: [
    seed(
      'not supported: birthday, activationDateUtc, … siteId, provisioningAttributes, customFields',
    ),
    spec('2.2', 'unsupported attributes: ignored, not stored, warned'),
  ],
  fix: 'Accept the request but drop birthday, siteId and the other unsupported fields; never store or return them.',
  writes: true,
  check: async (ctx) =>
    (await expectIgnored(ctx, 'unsupported-attribute', { core: [], ext: ['birthday', 'siteId'] }))
      .list,
})

export const unknownIgnored = defineServerRule({
  id: 'SRV-CREATE-041',
  level: 'SHOULD',
  title: 'Unknown extension attributes in a create body are ignored and not stored',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'attributes'],
  // A value in a body is ignored; a PATCH path naming no attribute is refused (SRV-PATCH-019): one
  // behaviour, written in README "Behaviour choices".
  sources: [spec('2.2', 'unknown attributes: ignored, not stored, warned')],
  fix: 'Drop extension attributes that are not in the ClearID catalogue instead of storing them.',
  writes: true,
  check: async (ctx) =>
    (await expectIgnored(ctx, 'unknown-attribute', { core: [], ext: ['favouriteBuilding'] })).list,
})

export const unusedCoreIgnored = defineServerRule({
  id: 'SRV-CREATE-042',
  level: 'SHOULD',
  title: 'Core attributes ClearID does not use (title, emails, name) are ignored',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'attributes', 'entra'],
  sources: [
    seed('active, userName and displayName are the only core fields used'),
    spec('2.2', 'unsupported core attributes: ignored'),
  ],
  fix: 'Ignore core attributes other than userName, displayName and active (Entra default mappings send emails, name and title).',
  writes: true,
  check: async (ctx) =>
    (
      await expectIgnored(ctx, 'unused-core-attributes', {
        core: ['title', 'emails', 'name'],
        ext: [],
      })
    ).list,
})

/**
 * Creates a user whose body spells names (and, for the ClearID check, URNs) oddly, and checks the
 * catalogue spelling comes back: core attributes always, extension attributes with `extension`.
 */
async function oddCaseCreate(ctx: ServerCheckContext, extension: boolean) {
  const urnCase = (urn: string) => (extension ? urn.toUpperCase() : urn)
  const f = ctx.findings
  const values = ctx.data.user()
  const body = {
    schemas: [urnCase(CORE_USER_SCHEMA)],
    USERNAME: values.userName,
    DisplayName: values.displayName,
    Active: true,
    [urnCase(CLEARID_USER_EXTENSION)]: {
      EXTERNALID: values.ext.externalId,
      FirstName: values.ext.firstName,
      LASTNAME: values.ext.lastName,
    },
  }
  const answer = await ctx.entra.postUser(body)
  if (!f.status(answer, 201, 'POST /Users with odd-case names')) return f.list
  const resource = isObject(answer.body) ? answer.body : {}
  const ext = isObject(resource[CLEARID_USER_EXTENSION])
    ? (resource[CLEARID_USER_EXTENSION] as Record<string, unknown>)
    : {}
  const expected: [string, unknown, unknown][] = [
    ['userName', values.userName, resource.userName],
    ['displayName', values.displayName, resource.displayName],
    ['active', true, resource.active],
  ]
  if (extension) {
    for (const name of ['externalId', 'firstName', 'lastName'] as const) {
      expected.push([name, values.ext[name], ext[name]])
    }
  }
  for (const [name, want, got] of expected) {
    f.check(
      got === want,
      `"${name}" must be returned in catalogue spelling (under the catalogue URN) with the sent value`,
      answer,
      want,
      got,
    )
  }
  return f.list
}

export const namesCaseInsensitive = defineServerRule({
  id: 'SRV-CREATE-043',
  level: 'MUST',
  title: 'Attribute names match case-insensitively and come back in catalogue spelling',
  profile: 'rfc',
  area: 'create',
  tags: ['create', 'case', 'attributes'],
  sources: [
    rfc7643('2.1'),
    spec('2.2', 'names match case-insensitively; returned with the catalogue spelling'),
  ],
  fix: 'Match attribute names case-insensitively (RFC 7643 §2.1: USERNAME is userName) and return them spelled as in the schema.',
  writes: true,
  check: (ctx) => oddCaseCreate(ctx, false),
})

export const urnsCaseInsensitive = defineServerRule({
  id: 'SRV-CREATE-044',
  level: 'MUST',
  title: 'Schema URNs and extension attribute names in any case are recognised',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'case', 'attributes'],
  sources: [spec('2.2', 'attribute names and schema URNs match case-insensitively')],
  fix: 'Compare the core User URN, the ClearID extension URN and its attribute names case-insensitively, and return the catalogue spelling.',
  writes: true,
  check: (ctx) => oddCaseCreate(ctx, true),
})
