/**
 * Identity service v2 (research/clearid.md §2.1–2.2): create, read by id, look up by external id,
 * merge PATCH and replacing PUT guarded by the identity's `eTag` (400 without it, 412 when stale),
 * validation, uniqueness of the external id, and soft delete. The rules read members whose place
 * in ClearID's model is settled (names, status, `systemData.externalId`, `eTag`); anything else goes
 * through `restValue`.
 *
 * @module
 */
import type { HttpAnswer } from '../../driver/http/types.ts'
import { setupFailed } from '../server/check-stops.ts'
import { isObject, type Json } from '../server/findings.ts'
import type { Findings } from '../server/findings.ts'
import { defineRestRule } from './define-rest.ts'
import { docs, restDoc } from './sources.ts'
import {
  createRestIdentity,
  deleteIdentity,
  detailOf,
  expectProblem,
  externalIdOf,
  getIdentity,
  lookup,
  patchIdentity,
  putIdentity,
  readRestIdentity,
  restIdentityBody,
  type RestIdentity,
} from './steps.ts'

const AREA = 'rest-identity'
const SYSTEM = '&include=SystemData'

/** `values` equal in `identity`; a finding per member that differs. */
function expectMembers(
  f: Findings,
  answer: HttpAnswer,
  identity: Json,
  expected: Json,
  what: string,
): void {
  for (const [name, value] of Object.entries(expected)) {
    f.check(
      identity[name] === value,
      `${what}: "${name}" must be ${JSON.stringify(value)}`,
      answer,
      value,
      identity[name],
    )
  }
}

function expectedNames(created: RestIdentity): Json {
  return {
    firstName: created.values.ext.firstName,
    lastName: created.values.ext.lastName,
    status: 'Active',
  }
}

export const createIdentity = defineRestRule({
  id: 'REST-IDN-001',
  level: 'MUST',
  title: 'POST …/identities creates the identity and answers it with identityId and eTag',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'identity', 'create'],
  sources: [
    docs.concepts('the identity service creates identities'),
    restDoc('Create, read, look up', 'a create answers 201 with Location and ETag headers'),
  ],
  fix: 'Answer POST /api/v2/accounts/{accountId}/identities with 201 and the stored identity: identityId, eTag, and every member as sent (names, status, systemData.externalId).',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const created = await createRestIdentity(ctx, rest)
    const { answer, body } = created
    f.check(answer.status === 201, 'a create should answer 201 Created', answer, 201, answer.status)
    expectMembers(f, answer, body, expectedNames(created), 'the created identity')
    f.check(
      externalIdOf(body) === created.externalId,
      'the created identity must carry systemData.externalId as sent',
      answer,
      created.externalId,
      externalIdOf(body),
    )
    if (answer.headers.location === undefined)
      f.warning('a 201 should say where the identity is (Location header)', answer)
    return f.list
  },
})

export const readIdentity = defineRestRule({
  id: 'REST-IDN-002',
  level: 'MUST',
  title: 'GET …/identities/{id} reads the identity back as stored, with the same eTag',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'identity', 'read'],
  sources: [docs.concepts('get an identity using your own ID or the ClearID ID')],
  fix: 'Answer GET /api/v2/accounts/{accountId}/identities/{identityId} with 200 and the identity as the last write left it, including its current eTag.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const created = await createRestIdentity(ctx, rest)
    const { answer, identity } = await readRestIdentity(rest, created.id)
    expectMembers(
      f,
      answer,
      identity,
      { identityId: created.id, ...expectedNames(created), eTag: created.eTag },
      'GET by id',
    )
    return f.list
  },
})

export const lookupByExternalId = defineRestRule({
  id: 'REST-IDN-003',
  level: 'MUST',
  title:
    'GET …/identities?externalId= finds exactly that identity; a case variant or unknown id finds nothing',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'identity', 'read', 'lookup'],
  sources: [
    docs.swagger('GET /api/v2/accounts/{accountId}/identities: list identities by external id'),
  ],
  fix: 'Answer GET …/identities?externalId=<id> with 200 and an array holding the one identity whose systemData.externalId is <id>, compared exactly (case included), and [] when there is none.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const created = await createRestIdentity(ctx, rest)
    await createRestIdentity(ctx, rest)
    const found = await lookup(rest, created.externalId, SYSTEM)
    if (f.status(found, 200, 'GET …/identities?externalId=<created>')) {
      const list = Array.isArray(found.body) ? found.body : undefined
      f.check(
        list?.length === 1 && isObject(list[0]) && list[0].identityId === created.id,
        'the lookup must answer an array with exactly the identity of that external id',
        found,
        [{ identityId: created.id }],
        Array.isArray(list) ? list.map((i) => (isObject(i) ? i.identityId : i)) : found.body,
      )
      f.check(
        externalIdOf(list?.[0]) === created.externalId,
        'the identity found must carry that systemData.externalId (include=SystemData)',
        found,
        created.externalId,
        externalIdOf(list?.[0]),
      )
    }
    // External ids are compared exactly: a case variant names another identity (none here).
    const variant = await lookup(rest, created.externalId.toUpperCase())
    if (f.status(variant, 200, 'GET …/identities?externalId=<created, upper case>'))
      f.check(
        Array.isArray(variant.body) && variant.body.length === 0,
        'the lookup must compare external ids exactly: a case variant finds nothing',
        variant,
        [],
        variant.body,
      )
    const none = await lookup(rest, `${created.externalId}-nobody`)
    if (f.status(none, 200, 'GET …/identities?externalId=<unknown>'))
      f.check(
        Array.isArray(none.body) && none.body.length === 0,
        'a lookup of an unknown external id must answer an empty array',
        none,
        [],
        none.body,
      )
    return f.list
  },
})

export const patchMerges = defineRestRule({
  id: 'REST-IDN-004',
  level: 'MUST',
  title: 'PATCH with the eTag merges: sent members change, the others stay, the eTag moves on',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'identity', 'patch', 'etag'],
  sources: [
    restDoc(
      'Update',
      'PATCH takes a partial identity with its eTag and merges it, under application/json-patch+json as ClearID clients send it',
    ),
  ],
  fix: 'Apply a PATCH body as a merge: change the members sent, keep every other member, accept it under application/json-patch+json, and give the identity a new eTag.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const created = await createRestIdentity(ctx, rest)
    const lastName = `${String(created.values.ext.lastName)}-merged`
    const patched = await patchIdentity(rest, created.id, {
      eTag: created.eTag,
      status: 'Inactive',
      lastName,
    })
    if (!f.status(patched, 200, 'PATCH {eTag, status, lastName}')) return f.list
    const { answer, identity } = await readRestIdentity(rest, created.id)
    expectMembers(
      f,
      answer,
      identity,
      {
        status: 'Inactive',
        lastName,
        firstName: created.values.ext.firstName,
        email: created.values.ext.email,
      },
      'after the PATCH',
    )
    f.check(
      identity.eTag !== created.eTag,
      'the PATCH must give the identity a new eTag',
      answer,
      `not ${created.eTag}`,
      identity.eTag,
    )
    return f.list
  },
})

export const putReplaces = defineRestRule({
  id: 'REST-IDN-005',
  level: 'MUST',
  title: 'PUT with the eTag replaces the identity: members left out are cleared',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'identity', 'put', 'etag'],
  sources: [
    restDoc('Update', 'PUT replaces the identity: members you do not send are cleared'),
    docs.concepts('the identity service updates identities'),
  ],
  fix: 'Treat PUT as a full replacement: store exactly the members sent (with the current eTag) and clear the ones left out.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const created = await createRestIdentity(ctx, rest, {
      middleName: 'Kept-Only-If-Sent',
      description: 'Cleared by the PUT',
    })
    const { middleName: _m, description: _d, email: _e, ...kept } = restIdentityBody(created.values)
    const replaced = await putIdentity(rest, created.id, {
      ...kept,
      lastName: `${String(created.values.ext.lastName)}-replaced`,
      eTag: created.eTag,
    })
    if (!f.status(replaced, 200, 'PUT without middleName, description and email')) return f.list
    const { answer, identity } = await readRestIdentity(rest, created.id, '?include=SystemData')
    for (const name of ['middleName', 'description', 'email'])
      f.check(
        identity[name] === null || identity[name] === undefined,
        `"${name}" was left out of the PUT and must be cleared`,
        answer,
        null,
        identity[name],
      )
    expectMembers(
      f,
      answer,
      identity,
      { lastName: `${String(created.values.ext.lastName)}-replaced` },
      'after the PUT',
    )
    f.check(
      externalIdOf(identity) === created.externalId,
      'systemData.externalId was sent and must stay',
      answer,
      created.externalId,
      externalIdOf(identity),
    )
    return f.list
  },
})

export const staleETag = defineRestRule({
  id: 'REST-IDN-006',
  level: 'MUST',
  title: 'A PATCH or PUT with a stale eTag answers 412 and changes nothing',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'identity', 'etag', 'patch', 'put'],
  sources: [
    restDoc('Update', 'a stale eTag answers 412 (a mock choice; 409 would be the alternative)'),
  ],
  fix: "Compare the eTag sent with the identity's current one and refuse the write with 412 Precondition Failed when they differ; a lost update must not happen.",
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const created = await createRestIdentity(ctx, rest)
    const first = await patchIdentity(rest, created.id, { eTag: created.eTag, middleName: 'First' })
    if (first.status !== 200)
      setupFailed(
        'change the identity once (PATCH with its eTag)',
        `HTTP ${first.status}${detailOf(first)}`,
        first,
      )
    const stalePatch = await patchIdentity(rest, created.id, {
      eTag: created.eTag,
      middleName: 'Stale',
    })
    expectProblem(f, stalePatch, 412, 'PATCH with the eTag from before the last change')
    const stalePut = await putIdentity(rest, created.id, {
      ...restIdentityBody(created.values),
      middleName: 'Stale',
      eTag: created.eTag,
    })
    expectProblem(f, stalePut, 412, 'PUT with the eTag from before the last change')
    const { answer, identity } = await readRestIdentity(rest, created.id)
    f.check(
      identity.middleName === 'First',
      'the refused writes must change nothing',
      answer,
      'First',
      identity.middleName,
    )
    return f.list
  },
})

export const eTagRequired = defineRestRule({
  id: 'REST-IDN-007',
  level: 'MUST',
  title: 'A PATCH or PUT without an eTag answers 400 and changes nothing',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'identity', 'etag', 'patch', 'put', 'bad-input'],
  sources: [
    restDoc(
      'Update',
      "both need the identity's current eTag in the body; a missing eTag answers 400",
    ),
  ],
  fix: "Refuse a PATCH or PUT whose body has no eTag with 400, naming eTag: a write that skips the concurrency check can overwrite another client's change.",
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const created = await createRestIdentity(ctx, rest)
    const patch = await patchIdentity(rest, created.id, { middleName: 'No-ETag' })
    expectProblem(f, patch, 400, 'PATCH without eTag')
    const put = await putIdentity(rest, created.id, {
      ...restIdentityBody(created.values),
      middleName: 'No-ETag',
    })
    expectProblem(f, put, 400, 'PUT without eTag')
    const { answer, identity } = await readRestIdentity(rest, created.id)
    f.check(
      identity.middleName !== 'No-ETag' && identity.eTag === created.eTag,
      'the refused writes must change nothing',
      answer,
      { eTag: created.eTag },
      { eTag: identity.eTag, middleName: identity.middleName },
    )
    return f.list
  },
})

export const deleteThenGone = defineRestRule({
  id: 'REST-IDN-008',
  level: 'MUST',
  title: 'DELETE answers 204; then GET answers 404, the lookup is empty, a second DELETE 404',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'identity', 'delete'],
  sources: [
    docs.deleting('a deleted identity is removed; its audit and search data are kept'),
    restDoc('Delete', 'DELETE answers 204; then GET by id answers 404 and the lookup returns []'),
  ],
  fix: 'Answer DELETE …/identities/{id} with 204; afterwards answer GET by id and a second DELETE with 404, and leave the identity out of the lookup by external id.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const created = await createRestIdentity(ctx, rest)
    const deleted = await deleteIdentity(rest, created.id)
    if (!f.status(deleted, [204, 200], 'DELETE …/identities/{id}')) return f.list
    f.check(
      deleted.status === 204,
      'a DELETE should answer 204 No Content',
      deleted,
      204,
      deleted.status,
    )
    expectProblem(f, await getIdentity(rest, created.id), 404, 'GET by id after the DELETE')
    const found = await lookup(rest, created.externalId)
    if (f.status(found, 200, 'the lookup by external id after the DELETE'))
      f.check(
        Array.isArray(found.body) && found.body.length === 0,
        'a deleted identity must not be found by its external id',
        found,
        [],
        found.body,
      )
    expectProblem(f, await deleteIdentity(rest, created.id), 404, 'a second DELETE')
    return f.list
  },
})

export const validation = defineRestRule({
  id: 'REST-IDN-009',
  level: 'MUST',
  title: 'A create without firstName and lastName answers 400 naming them, and creates nothing',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'identity', 'create', 'bad-input', 'validation'],
  sources: [
    restDoc('Validation', 'firstName or lastName is required'),
    docs.concepts('an identity is a person with a name'),
  ],
  fix: 'Refuse an identity with neither firstName nor lastName with 400 problem details whose detail or errors name firstName/lastName; store nothing.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const values = ctx.data.user()
    const { firstName: _f, lastName: _l, ...body } = restIdentityBody(values)
    const answer = await rest.http.send({
      service: 'identity',
      method: 'POST',
      path: rest.http.identitiesPath(),
      body,
    })
    if (expectProblem(f, answer, 400, 'POST an identity without firstName and lastName')) {
      const text = answer.text.toLowerCase()
      f.check(
        text.includes('firstname') || text.includes('lastname'),
        'the error must name firstName or lastName so the caller knows what to fix',
        answer,
        'firstName/lastName named',
        answer.body,
      )
    }
    const found = await lookup(rest, String(values.ext.externalId))
    f.check(
      found.status === 200 && Array.isArray(found.body) && found.body.length === 0,
      'a refused create must store nothing',
      found,
      [],
      found.body,
    )
    return f.list
  },
})

export const duplicateExternalId = defineRestRule({
  id: 'REST-IDN-010',
  level: 'MUST',
  title: 'A second identity with a taken systemData.externalId answers 409',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'identity', 'create', 'uniqueness'],
  sources: [
    restDoc('Validation', 'a duplicate systemData.externalId answers 409'),
    docs.swagger('identities are looked up by their external id'),
  ],
  fix: 'Keep systemData.externalId unique in an account: refuse a create that reuses one with 409 Conflict and store nothing.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const created = await createRestIdentity(ctx, rest)
    const twin = ctx.data.user()
    const answer = await rest.http.send({
      service: 'identity',
      method: 'POST',
      path: rest.http.identitiesPath(),
      body: restIdentityBody(twin, { systemData: { externalId: created.externalId } }),
    })
    expectProblem(f, answer, 409, 'POST a second identity with the same systemData.externalId')
    const found = await lookup(rest, created.externalId)
    f.check(
      found.status === 200 && Array.isArray(found.body) && found.body.length === 1,
      'the external id must still name exactly one identity',
      found,
      1,
      Array.isArray(found.body) ? found.body.length : found.body,
    )
    return f.list
  },
})
