/**
 * `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9) on reads and lists, with core and
 * URN-qualified extension paths; id, schemas and meta always come back.
 *
 * @module
 */
import { CLEARID_USER_EXTENSION } from '../../model/attributes.ts'
import { extensionOf, memberOf } from '../../driver/entra/diff.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import { defineServerRule } from './define.ts'
import type { Findings } from './findings.ts'
import { rfc7643, rfc7644, spec } from './sources.ts'
import { createUser, readUser, usersQuery } from './steps.ts'

const FIRST_NAME = `${CLEARID_USER_EXTENSION}:firstName`

function present(
  f: Findings,
  answer: HttpAnswer,
  resource: unknown,
  names: readonly string[],
  what: string,
) {
  for (const name of names) {
    f.check(
      memberOf(resource, name) !== undefined,
      `${what}: "${name}" must be returned`,
      answer,
      name,
      '(absent)',
    )
  }
}

function absent(
  f: Findings,
  answer: HttpAnswer,
  resource: unknown,
  names: readonly string[],
  what: string,
) {
  for (const name of names) {
    const value = memberOf(resource, name)
    f.check(
      value === undefined,
      `${what}: "${name}" must not be returned`,
      answer,
      '(absent)',
      value,
    )
  }
}

export const attributesParameter = defineServerRule({
  id: 'SRV-PROJ-001',
  level: 'MUST',
  title: 'attributes=userName returns userName and the always-returned attributes only',
  profile: 'rfc',
  area: 'projection',
  tags: ['projection', 'read'],
  sources: [rfc7644('3.4.2.5'), rfc7643('7')],
  fix: 'With ?attributes=…, return only the listed attributes plus those whose "returned" is "always" (id).',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const { answer, resource } = await readUser(ctx, user.id, '?attributes=userName')
    const what = 'GET /Users/{id}?attributes=userName'
    present(f, answer, resource, ['id', 'userName'], what)
    absent(f, answer, resource, ['displayName', 'active', CLEARID_USER_EXTENSION], what)
    return f.list
  },
})

export const excludedAttributesParameter = defineServerRule({
  id: 'SRV-PROJ-002',
  level: 'MUST',
  title: 'excludedAttributes=displayName removes displayName and keeps the rest',
  profile: 'rfc',
  area: 'projection',
  tags: ['projection', 'read'],
  sources: [rfc7644('3.4.2.5')],
  fix: 'With ?excludedAttributes=…, return the default attributes minus the listed ones.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const { answer, resource } = await readUser(ctx, user.id, '?excludedAttributes=displayName')
    const what = 'GET /Users/{id}?excludedAttributes=displayName'
    absent(f, answer, resource, ['displayName'], what)
    present(f, answer, resource, ['id', 'userName', 'active'], what)
    return f.list
  },
})

export const projectionOnLists = defineServerRule({
  id: 'SRV-PROJ-003',
  level: 'MUST',
  title: 'attributes and excludedAttributes apply to filtered lists too',
  profile: 'rfc',
  area: 'projection',
  tags: ['projection', 'filter'],
  sources: [rfc7644('3.4.2.5'), rfc7644('3.4.2')],
  fix: 'Apply attributes/excludedAttributes to every resource of a ListResponse, not only to GET by id.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const filter = `userName eq "${user.values.userName}"`
    const cases: [Record<string, string>, string[], string[]][] = [
      [{ attributes: 'displayName' }, ['id', 'displayName'], ['userName', CLEARID_USER_EXTENSION]],
      [{ excludedAttributes: 'displayName' }, ['id', 'userName'], ['displayName']],
    ]
    for (const [params, wanted, unwanted] of cases) {
      const answer = await ctx.http.send({ method: 'GET', path: usersQuery(filter, params) })
      const what = `GET /Users?filter=…&${Object.keys(params)[0]}=displayName`
      const list = f.listResponse(answer, what)
      const resource = list?.Resources[0]
      if (!f.check(resource !== undefined, `${what}: the user must be found`, answer)) continue
      present(f, answer, resource, wanted, what)
      absent(f, answer, resource, unwanted, what)
    }
    return f.list
  },
})

export const alwaysReturned = defineServerRule({
  id: 'SRV-PROJ-004',
  level: 'MUST',
  title: 'id and schemas are returned whatever attributes or excludedAttributes say',
  profile: 'rfc',
  area: 'projection',
  tags: ['projection'],
  sources: [rfc7643('3.1'), rfc7643('7'), spec('2.3', 'attributes / excludedAttributes')],
  fix: 'Always return id (returned "always") and schemas, even when attributes omits them or excludedAttributes lists them; returning meta too helps clients that read meta.resourceType.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    for (const query of ['?attributes=displayName', '?excludedAttributes=id,schemas,meta']) {
      const { answer, resource } = await readUser(ctx, user.id, query)
      present(f, answer, resource, ['id', 'schemas'], `GET /Users/{id}${query}`)
      if (memberOf(resource, 'meta') === undefined) {
        f.warning(
          `GET /Users/{id}${query}: meta was left out; clients reading meta.resourceType lose it`,
          answer,
        )
      }
    }
    return f.list
  },
})

export const extensionProjection = defineServerRule({
  id: 'SRV-PROJ-005',
  level: 'MUST',
  title: 'URN-qualified extension paths work in attributes and excludedAttributes',
  profile: 'clearid',
  area: 'projection',
  tags: ['projection'],
  sources: [rfc7644('3.4.2.5'), rfc7643('3.3')],
  fix: 'Resolve "urn:…:clearid:2.0:User:firstName" in attributes/excludedAttributes to the extension sub-attribute.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const only = await readUser(ctx, user.id, `?attributes=${encodeURIComponent(FIRST_NAME)}`)
    const onlyExt = extensionOf(only.resource)
    f.check(
      memberOf(onlyExt, 'firstName') === user.values.ext.firstName,
      'attributes=<URN>:firstName must return firstName',
      only.answer,
      user.values.ext.firstName,
      memberOf(onlyExt, 'firstName'),
    )
    f.check(
      memberOf(onlyExt, 'lastName') === undefined,
      'attributes=<URN>:firstName must not return lastName',
      only.answer,
      '(absent)',
      memberOf(onlyExt, 'lastName'),
    )
    absent(f, only.answer, only.resource, ['displayName'], `attributes=${FIRST_NAME}`)
    const without = await readUser(
      ctx,
      user.id,
      `?excludedAttributes=${encodeURIComponent(FIRST_NAME)}`,
    )
    const withoutExt = extensionOf(without.resource)
    f.check(
      memberOf(withoutExt, 'firstName') === undefined,
      'excludedAttributes=<URN>:firstName must drop firstName',
      without.answer,
      '(absent)',
      memberOf(withoutExt, 'firstName'),
    )
    f.check(
      memberOf(withoutExt, 'lastName') === user.values.ext.lastName,
      'excludedAttributes=<URN>:firstName must keep lastName',
      without.answer,
      user.values.ext.lastName,
      memberOf(withoutExt, 'lastName'),
    )
    return f.list
  },
})
