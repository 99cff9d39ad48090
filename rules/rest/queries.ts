/**
 * How the identity service reads its query: `include=` chooses the nested objects of an answer,
 * query parameter names bind case-insensitively as ASP.NET binds them, and errors are RFC 7807
 * problem details.
 *
 * @module
 */
import { CannotTest } from '../server/check-stops.ts'
import { isObject, type Json } from '../server/findings.ts'
import type { Findings } from '../server/findings.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import { defineRestRule } from './define-rest.ts'
import { docs, restDoc, rfc7807 } from './sources.ts'
import { createRestIdentity, externalIdOf, getIdentity, lookup } from './steps.ts'

const GROUPS = ['companyData', 'privateData', 'systemData', 'userPermissions'] as const

/** Exactly the nested objects of `wanted` are present in `identity`. */
function expectGroups(
  f: Findings,
  answer: HttpAnswer,
  identity: unknown,
  wanted: readonly string[],
  what: string,
): void {
  if (!f.status(answer, 200, what)) return
  const body = isObject(identity) ? identity : {}
  const present = GROUPS.filter((group) => isObject(body[group]))
  f.check(
    present.length === wanted.length && wanted.every((group) => present.includes(group as never)),
    `${what}: the answer must hold exactly the nested objects asked for`,
    answer,
    wanted,
    present,
  )
}

export const includeGroups = defineRestRule({
  id: 'REST-INC-001',
  level: 'MUST',
  title: 'include= chooses the nested objects: none without it, each one named, repeatable',
  profile: 'clearid',
  area: 'rest-include',
  tags: ['rest', 'identity', 'read', 'include'],
  sources: [
    docs.swagger('GET …/identities/{id}?include=SystemData&include=CompanyData…'),
    restDoc('The identity model', 'without include, GET returns no nested objects'),
  ],
  fix: 'Return a nested object (companyData, privateData, systemData, userPermissions) only when include= names it; accept include repeated once per object.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const created = await createRestIdentity(ctx, rest)
    const plain = await getIdentity(rest, created.id)
    expectGroups(f, plain, plain.body, [], 'GET by id without include')
    const system = await getIdentity(rest, created.id, '?include=SystemData')
    expectGroups(f, system, system.body, ['systemData'], 'GET by id with include=SystemData')
    if (system.status === 200)
      f.check(
        externalIdOf(system.body) === created.externalId,
        'include=SystemData must bring systemData.externalId',
        system,
        created.externalId,
        externalIdOf(system.body),
      )
    const two = await getIdentity(rest, created.id, '?include=SystemData&include=CompanyData')
    expectGroups(
      f,
      two,
      two.body,
      ['systemData', 'companyData'],
      'GET by id with include=SystemData&include=CompanyData',
    )
    const found = await lookup(rest, created.externalId, '&include=PrivateData')
    const first: unknown = Array.isArray(found.body) ? (found.body[0] as Json) : undefined
    expectGroups(f, found, first, ['privateData'], 'the lookup with include=PrivateData')
    return f.list
  },
})

export const includeLists = defineRestRule({
  id: 'REST-INC-002',
  level: 'SHOULD',
  title: 'include= takes comma-separated values in any letter case',
  profile: 'clearid',
  area: 'rest-include',
  tags: ['rest', 'identity', 'read', 'include'],
  sources: [
    restDoc(
      'The identity model',
      'include values are case-insensitive; repeat the parameter or separate values with commas',
    ),
  ],
  fix: 'Split include= values on commas and compare them case-insensitively, as ASP.NET binds enum lists.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const created = await createRestIdentity(ctx, rest)
    const answer = await getIdentity(rest, created.id, '?include=systemdata,PRIVATEDATA')
    expectGroups(
      f,
      answer,
      answer.body,
      ['systemData', 'privateData'],
      'GET by id with include=systemdata,PRIVATEDATA',
    )
    return f.list
  },
})

export const queryNamesCase = defineRestRule({
  id: 'REST-QUERY-001',
  level: 'MUST',
  title: 'Query parameter names bind in any letter case: ?externalid= finds the identity',
  profile: 'clearid',
  area: 'rest-query',
  tags: ['rest', 'identity', 'read', 'lookup'],
  sources: [
    docs.powershellSample('the sample looks identities up with …/identities?externalid=<id>'),
    restDoc('Validation', 'member names match case-insensitively, as ASP.NET does'),
  ],
  fix: "Bind query parameter names case-insensitively (externalId, externalid, EXTERNALID; include, Include), as ASP.NET Core does: Genetec's own sample sends ?externalid=.",
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const created = await createRestIdentity(ctx, rest)
    for (const [name, include] of [
      ['externalid', 'include'],
      ['EXTERNALID', 'INCLUDE'],
    ] as const) {
      const answer = await lookup(rest, created.externalId, `&${include}=SystemData`, name)
      const what = `GET …/identities?${name}=<id>&${include}=SystemData`
      if (!f.status(answer, 200, what)) continue
      const first = Array.isArray(answer.body) ? answer.body[0] : undefined
      f.check(
        Array.isArray(answer.body) &&
          answer.body.length === 1 &&
          isObject(first) &&
          first.identityId === created.id,
        `${what}: must find the identity`,
        answer,
        [{ identityId: created.id }],
        answer.body,
      )
      f.check(
        isObject(first) && isObject(first.systemData),
        `${what}: ${include}= must be honoured`,
        answer,
        'systemData',
        isObject(first) ? Object.keys(first) : first,
      )
    }
    return f.list
  },
})

const PROBLEM_TYPES = /^application\/(problem\+)?json\b/i

export const problemDetails = defineRestRule({
  id: 'REST-ERR-001',
  level: 'SHOULD',
  title: 'Errors of the identity service are RFC 7807 problem details with the HTTP status',
  profile: 'clearid',
  area: 'rest-errors',
  tags: ['rest', 'errors', 'read-only'],
  sources: [
    rfc7807('3'),
    restDoc('Validation', 'errors are problem details whose errors object names REST paths'),
  ],
  fix: 'Answer errors with a JSON problem details body (application/problem+json): "status" equal to the HTTP status, a "title", and a "detail" that says what to change.',
  writes: false,
  check: async (ctx, rest) => {
    const f = ctx.findings
    // Each probe is sent once the one before it answered: started together, their order on the
    // wire (and in the run's traffic) would follow the scheduler, and one seed would not give one
    // sequence of requests.
    const probes: [string, () => Promise<HttpAnswer>][] = [
      ['GET an unknown identity', () => getIdentity(rest, ctx.data.guid())],
      [
        'GET …/identities without externalId',
        () =>
          rest.http.send({ service: 'identity', method: 'GET', path: rest.http.identitiesPath() }),
      ],
    ]
    let judged = 0
    for (const [what, send] of probes) {
      const answer = await send()
      if (answer.status < 400) {
        f.info(`${what}: answered ${answer.status}, not an error; nothing to judge`, answer)
        continue
      }
      judged += 1
      const type = answer.headers['content-type'] ?? ''
      f.check(
        PROBLEM_TYPES.test(type),
        `${what}: the error should be application/problem+json`,
        answer,
        'application/problem+json',
        type || '(absent)',
      )
      const body = isObject(answer.body) ? answer.body : undefined
      f.check(
        body?.status === answer.status,
        `${what}: "status" must be the HTTP status as a number`,
        answer,
        answer.status,
        body?.status,
      )
      f.check(
        typeof body?.title === 'string' && body.title !== '',
        `${what}: a problem details body needs a "title"`,
        answer,
        'a title',
        body?.title,
      )
    }
    // No error answer, no error body: a pass would claim what was never seen.
    if (judged === 0)
      throw new CannotTest(
        'no probe was answered with an error, so there was no error body to judge',
      )
    return f.list
  },
})
