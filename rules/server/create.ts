/**
 * Creating identities the way Entra does (research/entra.md §1.2, §2.3): 201 with the full resource
 * and `Location`, and every value coming back exactly as sent.
 *
 * @module
 */
import { CLEARID_USER_EXTENSION, CORE_USER_SCHEMA } from '../../model/attributes.ts'
import { createUserBody } from '../../driver/entra/requests.ts'
import { expectRoundTrip, sentValues } from './compare.ts'
import { defineServerRule } from './define.ts'
import { isObject } from './findings.ts'
import { entraTutorial, msValidator, okta, rfc7643, rfc7644, spec } from './sources.ts'
import { sameUrl, urlEndsWith } from './same-url.ts'
import { createUser, readUser } from './steps.ts'

export const createFullUser = defineServerRule({
  id: 'SRV-CREATE-001',
  level: 'MUST',
  title: 'Creating a full Entra-style user answers 201 with the resource, meta and Location',
  profile: 'rfc',
  area: 'create',
  tags: ['create', 'entra'],
  sources: [
    rfc7644('3.3'),
    rfc7643('3.1'),
    msValidator('Create a new User'),
    okta('Create Okta user with realistic values'),
  ],
  msValidatorTest: 'Create a new User',
  fix: 'Answer POST /Users with 201, the full resource (id, schemas, meta.resourceType "User", meta.created, meta.lastModified, meta.location) and a Location header equal to meta.location.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const values = ctx.data.user()
    const answer = await ctx.entra.createUser(values)
    if (!f.status(answer, 201, 'POST /Users')) return f.list
    const body = isObject(answer.body) ? answer.body : {}
    const id = body.id
    f.check(
      typeof id === 'string' && id !== '',
      '"id" must be a non-empty string',
      answer,
      'string id',
      id,
    )
    const schemas = Array.isArray(body.schemas) ? body.schemas : []
    f.check(
      schemas.includes(CORE_USER_SCHEMA),
      `"schemas" must contain ${CORE_USER_SCHEMA}`,
      answer,
      CORE_USER_SCHEMA,
      body.schemas,
    )
    const meta = isObject(body.meta) ? body.meta : {}
    f.check(
      meta.resourceType === 'User',
      'meta.resourceType must be "User"',
      answer,
      'User',
      meta.resourceType,
    )
    for (const key of ['created', 'lastModified']) {
      const value = meta[key]
      f.check(
        typeof value === 'string' && !Number.isNaN(Date.parse(value)),
        `meta.${key} must be a date-time`,
        answer,
        'RFC 3339 date-time',
        value,
      )
    }
    const location = meta.location
    f.check(
      typeof location === 'string' &&
        typeof id === 'string' &&
        urlEndsWith(location, `/Users/${id}`),
      'meta.location must be the URL of the new resource',
      answer,
      `…/Users/${String(id)}`,
      location,
    )
    f.check(
      typeof location === 'string' &&
        answer.headers.location !== undefined &&
        sameUrl(answer.headers.location, location),
      'the Location header must equal meta.location',
      answer,
      location,
      answer.headers.location ?? '(absent)',
    )
    return f.list
  },
})

export const createRoundTrip = defineServerRule({
  id: 'SRV-CREATE-002',
  level: 'MUST',
  title: 'Every value sent on create comes back exactly as sent',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'entra', 'round-trip'],
  sources: [
    entraTutorial('values sent should be stored and returned in the same format'),
    spec('2.2', 'values are stored and returned exactly as sent, booleans as JSON booleans'),
    msValidator('Create a new User'),
  ],
  msValidatorTest: 'Create a new User',
  fix: 'Store values exactly as received (no trimming, re-casing or reformatting of phone numbers, codes or names) and return them unchanged; return booleans as JSON booleans.',
  writes: true,
  perDialect: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const expected = sentValues(user.values, ctx.dialect, ctx.entra.mapping)
    expectRoundTrip(f, user.answer, user.resource, expected, 'POST response')
    const { answer, resource } = await readUser(ctx, user.id)
    expectRoundTrip(f, answer, resource, expected, 'GET /Users/{id}')
    const lookup = await ctx.entra.findUser('userName', user.values.userName)
    const list = f.listResponse(lookup, 'GET /Users?filter=userName eq "<new user>"')
    if (
      list &&
      f.check(
        list.totalResults === 1,
        'the new user must be found by userName',
        lookup,
        1,
        list.totalResults,
      )
    ) {
      expectRoundTrip(f, lookup, list.Resources[0], expected, 'filter result')
    }
    return f.list
  },
})

export const createDeclaredExtension = defineServerRule({
  id: 'SRV-CREATE-003',
  level: 'MUST',
  title: 'Extension data is accepted whether or not its URN is listed in "schemas"',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'entra', 'extension'],
  sources: [
    entraTutorial('the custom extension URN is not added to "schemas" in requests'),
    rfc7643('3'),
  ],
  fix: 'Read the ClearID extension object from its URN key even when "schemas" lists only the core User URN (Entra never adds custom extension URNs), and also when it is listed.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    for (const declare of [false, true]) {
      const values = ctx.data.user()
      const body = createUserBody(values, ctx.dialect, {
        ...ctx.entra.mapping,
        declareExtension: declare,
      })
      const answer = await ctx.entra.postUser(body)
      const what = declare
        ? 'POST /Users with the extension URN in schemas'
        : 'POST /Users without the extension URN in schemas'
      if (!f.status(answer, 201, what)) continue
      const ext = isObject(answer.body) ? answer.body[CLEARID_USER_EXTENSION] : undefined
      f.check(
        isObject(ext) && ext.externalId === values.ext.externalId,
        `${what}: the extension attributes must be stored`,
        answer,
        values.ext.externalId,
        isObject(ext) ? ext.externalId : ext,
      )
    }
    return f.list
  },
})

export const createIgnoresReadOnly = defineServerRule({
  id: 'SRV-CREATE-004',
  level: 'SHOULD',
  title: 'A client-supplied id and meta are ignored on create',
  profile: 'rfc',
  area: 'create',
  tags: ['create', 'entra'],
  sources: [rfc7643('3.1'), entraTutorial('Entra may send a readOnly meta {resourceType} in POST')],
  fix: 'Ignore "id" and "meta" in request bodies (they are readOnly): assign the id yourself and build meta from the stored resource.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const values = ctx.data.user()
    const clientId = ctx.data.guid()
    const body = {
      ...createUserBody(values, ctx.dialect, ctx.entra.mapping),
      id: clientId,
      meta: { resourceType: 'User' },
    }
    const answer = await ctx.entra.postUser(body)
    if (!f.status(answer, 201, 'POST /Users with id and meta')) return f.list
    const resource = isObject(answer.body) ? answer.body : {}
    f.check(
      resource.id !== clientId,
      'the server must assign the id, not take the client value',
      answer,
      'a server-assigned id',
      resource.id,
    )
    const meta = isObject(resource.meta) ? resource.meta : {}
    f.check(
      typeof meta.created === 'string',
      "meta must be the server's (with created)",
      answer,
      'meta.created',
      meta.created,
    )
    return f.list
  },
})
