/**
 * `/Users` (RFC 7644 §3.3–§3.6) with ClearID's rules (SPEC §2.2): create, read, list and search,
 * replace, patch, soft delete. Every write validates the whole resulting identity before storing it,
 * so a refused request changes nothing.
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { Identity } from '../../../model/identity.ts'
import { validateIdentityFields } from '../../../model/validate.ts'
import {
  component,
  type AppComponents,
  type SaveUser,
  type ValidateUser,
} from '../../components.ts'
import type { MockContext } from '../../context.ts'
import { badRequest, conflict, notFound } from '../../errors/api-error.ts'
import type { IdentityEventType } from '../../events.ts'
import { bodyLimitOf, readBody, type RequestBody } from '../../http/read-body.ts'
import { parseJsonBody, readJsonBody, type BodyLimits } from '../../http/read-json-body.ts'
import { requestHeader } from '../../http/request-header.ts'
import { nextVersion, saveIdentity, softDeleted } from '../../identity-changes.ts'
import { UniquenessConflict } from '../../store/identity-store.ts'
import { SCIM_CONTENT_TYPE, SCIM_LIST_SCHEMA } from '../../../model/scim-protocol.ts'
import { listQueryFromParams, listQueryFromSearch, type ListQuery } from '../list-query.ts'
import { parseUserBody } from '../parse-user.ts'
import { applyPatch, type UserState } from '../patch/apply-patch.ts'
import { projectResource } from '../projection.ts'
import { queryParams, scimJson, scimText } from '../respond.ts'
import { searchUsers } from '../search-users.ts'
import { scimUserJson, userListJson } from '../user-json.ts'
import { etagOf, toScimUser, userLocation } from '../user-resource.ts'
import { warningsOf } from '../request-warnings.ts'
import { checkIfMatch } from '../if-match.ts'
import { scimBaseOf } from '../scim-base.ts'

const MEDIA_TYPES = [SCIM_CONTENT_TYPE, 'application/json']

/** How a write is checked and stored: the mock's own, or what `components` makes of them. */
interface Writes {
  readonly validate: ValidateUser
  readonly save: SaveUser
}

export function usersRoutes(ctx: MockContext, components: AppComponents = {}): Hono {
  const app = new Hono()
  const writes: Writes = {
    validate: component(components.validateUser, validateIdentityFields, ctx),
    save: component(
      components.saveUser,
      (identity, type) => saveIdentity(ctx, identity, type),
      ctx,
    ),
  }
  const limits = (): BodyLimits => ({
    ...bodyLimitOf(ctx.behaviour),
    maxDepth: ctx.behaviour.maxJsonDepth,
    mediaTypes: MEDIA_TYPES,
  })
  const body = (c: Context) => readJsonBody(c, limits())
  const json = (c: Context, sent: RequestBody) => parseJsonBody(c, sent, limits())
  const account = (c: Context) => c.req.param('accountId') ?? ''

  app.get('/', (c) => list(ctx, c, listQueryFromParams(queryParams(c), ctx.behaviour)))
  app.post('/.search', async (c) => list(ctx, c, listQueryFromSearch(await body(c), ctx.behaviour)))

  app.post('/', async (c) => {
    const warn = warningsOf(c)
    const fields = parseUserBody(await body(c), ctx.behaviour, warn)
    const now = ctx.clock().toISOString()
    const identity: Identity = {
      id: ctx.ids(),
      accountId: account(c),
      userName: fields.userName ?? '',
      displayName: fields.displayName ?? '',
      active: fields.active ?? true,
      attributes: fields.attributes,
      created: now,
      lastModified: now,
      version: 1,
      deleted: false,
      source: 'scim',
    }
    assertValid(identity, writes)
    save(writes, identity, 'IdentityCreated')
    const base = scimBaseOf(c)
    return scimText(c, scimUserJson(identity, base), 201, {
      Location: userLocation(base, identity.id),
      ETag: etagOf(identity),
    })
  })

  app.get('/:id', (c) => {
    const identity = live(ctx, account(c), c.req.param('id'))
    const params = queryParams(c)
    const query = listQueryFromParams(params, ctx.behaviour)
    if (requestHeader(c, 'if-none-match') === etagOf(identity)) return c.body(null, 304)
    const headers = { ETag: etagOf(identity) }
    if (query.attributes.length === 0 && query.excludedAttributes.length === 0) {
      return scimText(c, scimUserJson(identity, scimBaseOf(c)), 200, headers)
    }
    const resource = projectResource(
      toScimUser(identity, scimBaseOf(c)),
      query.attributes,
      query.excludedAttributes,
    )
    return scimJson(c, resource, 200, headers)
  })

  // PUT and PATCH read the whole body first; the look-up, the If-Match check and the write then run
  // as one synchronous step, so no other request can change the user in between (no lost update,
  // no PATCH that brings a deleted user back).
  app.put('/:id', async (c) => {
    const sent = await readBody(c, limits())
    const current = live(ctx, account(c), c.req.param('id'))
    checkIfMatch(c, current)
    const fields = parseUserBody(json(c, sent), ctx.behaviour, warningsOf(c))
    const next = scimVersion(ctx, current, {
      userName: fields.userName ?? '',
      displayName: fields.displayName ?? '',
      active: fields.active ?? true,
      attributes: fields.attributes,
    })
    return written(writes, c, next, 200)
  })

  app.patch('/:id', async (c) => {
    const sent = await readBody(c, limits())
    const current = live(ctx, account(c), c.req.param('id'))
    checkIfMatch(c, current)
    const state = applyPatch(stateOf(current), json(c, sent), {
      behaviour: ctx.behaviour,
      warn: warningsOf(c),
    })
    return written(writes, c, scimVersion(ctx, current, state), ctx.behaviour.patchResponse)
  })

  app.delete('/:id', (c) => {
    const current = live(ctx, account(c), c.req.param('id'))
    checkIfMatch(c, current)
    writes.save(softDeleted(ctx, current, 'scim'), 'IdentityDeleted')
    return c.body(null, 204)
  })

  return app
}

function list(ctx: MockContext, c: Context, query: ListQuery): Response {
  const base = scimBaseOf(c)
  const page = searchUsers(ctx, c.req.param('accountId') ?? '', query, base)
  if (query.attributes.length === 0 && query.excludedAttributes.length === 0) {
    return scimText(c, userListJson(page.identities, base, page.totalResults, query.startIndex))
  }
  const resources = page.identities.map((identity) =>
    projectResource(toScimUser(identity, base), query.attributes, query.excludedAttributes),
  )
  return scimJson(c, {
    schemas: [SCIM_LIST_SCHEMA],
    totalResults: page.totalResults,
    startIndex: query.startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  })
}

/** A live (not deleted) identity of the account, or 404. */
function live(ctx: MockContext, accountId: string, id: string): Identity {
  const identity = ctx.store.get(accountId, id)
  if (!identity || identity.deleted) {
    throw notFound(`No User with id "${id.slice(0, 100)}" exists in this account.`)
  }
  return identity
}

function stateOf(identity: Identity): UserState {
  return {
    userName: identity.userName,
    displayName: identity.displayName,
    active: identity.active,
    attributes: { ...identity.attributes },
  }
}

const scimVersion = (ctx: MockContext, current: Identity, state: UserState): Identity =>
  nextVersion(ctx, current, state, 'scim')

function written(writes: Writes, c: Context, identity: Identity, status: 200 | 204): Response {
  assertValid(identity, writes)
  save(writes, identity, 'IdentityUpdated')
  const headers = { ETag: etagOf(identity) }
  if (status === 204) return c.body(null, 204, headers)
  return scimText(c, scimUserJson(identity, scimBaseOf(c)), 200, headers)
}

function assertValid(identity: Identity, writes: Writes): void {
  const [issue] = writes.validate(identity)
  if (issue) throw badRequest('invalidValue', issue.message, issue.attribute)
}

function save(writes: Writes, identity: Identity, type: IdentityEventType): void {
  try {
    writes.save(identity, type)
  } catch (error) {
    if (!(error instanceof UniquenessConflict)) throw error
    const what =
      error.attribute === 'userName'
        ? `userName "${error.value.slice(0, 100)}" is already used by another identity in this account (userName is compared case-insensitively)`
        : `externalId "${error.value.slice(0, 100)}" is already used by another identity in this account`
    throw conflict(
      `${what}. Look the identity up by filter and update it instead of creating it again.`,
      error.attribute,
    )
  }
}
