/**
 * PUT (RFC 7644 §3.5.1): a full replacement with the same validation as POST (SPEC §2.3).
 *
 * @module
 */
import { badUserBody } from '../../fixtures/bad-users.ts'
import type { UserOverrides } from '../../fixtures/test-data.ts'
import type { ClearIdUserValues } from '../../fixtures/workforce.ts'
import { userValue } from '../../driver/entra/diff.ts'
import { createUserBody } from '../../driver/entra/requests.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import type { ServerCheckContext } from './context.ts'
import { defineServerRule } from './define.ts'
import type { Findings } from './findings.ts'
import { type ErrorExpectation } from './findings.ts'
import { rfc7644, spec } from './sources.ts'
import { createUser, readUser, type CreatedUser } from './steps.ts'
import { resourcePath } from '../../driver/http/resource-path.ts'

function put(ctx: ServerCheckContext, id: string, body: unknown): Promise<HttpAnswer> {
  return ctx.http.send({ method: 'PUT', path: resourcePath('Users', id), body })
}

/** PUTs `next` over `user`, then expects each value in the answer and on a fresh GET. */
async function expectReplaced(
  ctx: ServerCheckContext,
  f: Findings,
  user: CreatedUser,
  next: ClearIdUserValues,
  expected: readonly [string, unknown][],
): Promise<void> {
  const answer = await put(ctx, user.id, createUserBody(next, 'entra-flag'))
  if (!f.status(answer, 200, 'PUT /Users/{id}')) return
  const read = await readUser(ctx, user.id)
  for (const [where, a, resource] of [
    ['PUT response', answer, answer.body],
    ['GET after PUT', read.answer, read.resource],
  ] as const) {
    for (const [name, value] of expected) {
      const actual = userValue(resource, name)
      f.check(
        actual === value,
        `${where}: ${name} should be ${value === undefined ? 'cleared' : JSON.stringify(value)}`,
        a,
        value ?? '(absent)',
        actual ?? '(absent)',
      )
    }
  }
}

/** New values for the same identity: same userName and externalId, everything else regenerated. */
function replacement(ctx: ServerCheckContext, user: CreatedUser, overrides: UserOverrides = {}) {
  return ctx.data.user({
    ...overrides,
    userName: user.values.userName,
    ext: { externalId: user.values.ext.externalId, ...overrides.ext },
  })
}

export const putReplaces = defineServerRule({
  id: 'SRV-PUT-001',
  level: 'MUST',
  title: 'PUT replaces the identity with the values sent',
  profile: 'rfc',
  area: 'put',
  tags: ['put'],
  sources: [rfc7644('3.5.1'), spec('2.3', 'PUT replaces with the same validation as POST')],
  fix: 'Treat PUT as a full replacement: store the body as the new identity, keeping id and meta.created.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const next = replacement(ctx, user, { active: false })
    await expectReplaced(ctx, f, user, next, [
      ['displayName', next.displayName],
      ['active', false],
    ])
    return f.list
  },
})

export const putClearsOmitted = defineServerRule({
  id: 'SRV-PUT-004',
  level: 'MUST',
  title: 'PUT replaces the ClearID extension: new values stored, omitted attributes cleared',
  profile: 'clearid',
  area: 'put',
  tags: ['put', 'extension'],
  sources: [rfc7644('3.5.1'), spec('2.3', 'PUT replaces')],
  fix: 'Replace the whole ClearID extension on PUT: attributes the body leaves out are cleared, not kept.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const next = replacement(ctx, user, { ext: { middleName: undefined, description: undefined } })
    await expectReplaced(ctx, f, user, next, [
      ['lastName', next.ext.lastName],
      ['jobTitle', next.ext.jobTitle],
      ['middleName', undefined],
      ['description', undefined],
    ])
    return f.list
  },
})

async function expectPutRefused(
  ctx: ServerCheckContext,
  f: Findings,
  user: CreatedUser,
  body: unknown,
  expectation: ErrorExpectation,
  what: string,
): Promise<void> {
  const answer = await put(ctx, user.id, body)
  f.scimError(answer, expectation, what)
  const read = await readUser(ctx, user.id)
  for (const name of ['userName', 'displayName', 'email'] as const) {
    const before = userValue(user.resource, name)
    const after = userValue(read.resource, name)
    f.check(
      after === before,
      `${what}: a refused PUT must change nothing, but ${name} changed`,
      read.answer,
      before,
      after,
    )
  }
}

export const putValidates = defineServerRule({
  id: 'SRV-PUT-002',
  level: 'MUST',
  title: 'PUT applies the create rules: required fields, formats and uniqueness',
  profile: 'clearid',
  area: 'put',
  tags: ['put', 'validation', 'uniqueness'],
  sources: [rfc7644('3.5.1'), spec('2.3', 'PUT replaces with the same validation as POST')],
  fix: 'Validate a PUT body exactly like a POST body (400 invalidValue for missing or malformed values, 409 uniqueness for duplicates) and keep the stored identity when it fails.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const other = await createUser(ctx)
    const user = await createUser(ctx)
    const base = () =>
      createUserBody(
        ctx.data.user({
          userName: user.values.userName,
          ext: { externalId: user.values.ext.externalId },
        }),
        'entra-flag',
      )
    await expectPutRefused(
      ctx,
      f,
      user,
      badUserBody(base(), 'missing-displayName'),
      { status: 400, scimType: 'invalidValue', mentions: ['displayName'] },
      'PUT without displayName',
    )
    await expectPutRefused(
      ctx,
      f,
      user,
      badUserBody(base(), 'invalid-email'),
      { status: 400, scimType: 'invalidValue', mentions: ['email'] },
      'PUT with an invalid email',
    )
    await expectPutRefused(
      ctx,
      f,
      user,
      { ...base(), userName: other.values.userName },
      { status: 409, scimType: 'uniqueness' },
      "PUT with another identity's userName",
    )
    return f.list
  },
})

export const putUnknownId = defineServerRule({
  id: 'SRV-PUT-003',
  level: 'MUST',
  title: 'PUT of an unknown id answers 404 and creates nothing',
  profile: 'rfc',
  area: 'put',
  tags: ['put', 'errors'],
  sources: [rfc7644('3.5.1'), rfc7644('3.12')],
  fix: 'Answer PUT /Users/{unknown id} with 404; PUT never creates.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const values = ctx.data.user()
    const answer = await put(ctx, ctx.data.guid(), createUserBody(values, 'entra-flag'))
    f.scimError(answer, { status: 404 }, 'PUT /Users/{unknown id}')
    const lookup = await ctx.entra.findUser('userName', values.userName)
    const list = f.listResponse(lookup, 'lookup after PUT to an unknown id')
    if (list)
      f.check(
        list.totalResults === 0,
        'PUT to an unknown id must not create the identity',
        lookup,
        0,
        list.totalResults,
      )
    return f.list
  },
})
