/**
 * Reading identities (RFC 7644 §3.4.1–§3.4.2): by id with full `meta`, 404 with a SCIM error for an
 * unknown id, and a well-formed list.
 *
 * @module
 */
import { defineServerRule } from './define.ts'
import { isObject, type Json } from './findings.ts'
import { entraTutorial, okta, rfc7643, rfc7644, spec } from './sources.ts'
import { createUser, readUser, usersQuery } from './steps.ts'
import { resourcePath } from '../../driver/http/resource-path.ts'
import { SCIM_ERROR_SCHEMA } from '../../model/scim-protocol.ts'

const META_KEYS = ['resourceType', 'created', 'lastModified', 'location'] as const

export const readById = defineServerRule({
  id: 'SRV-READ-001',
  level: 'MUST',
  title: 'GET /Users/{id} returns the identity with id, schemas and full meta',
  profile: 'rfc',
  area: 'read',
  tags: ['read'],
  sources: [
    rfc7644('3.4.1'),
    rfc7643('3.1'),
    spec('2.3', 'meta: resourceType, created, lastModified, location, version'),
    okta('Check the user was created (GET by id)'),
  ],
  fix: 'Answer GET /Users/{id} with 200 and the resource: the same id, schemas, and meta with resourceType, created, lastModified, location, and version when etag is supported.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const { answer, resource } = await readUser(ctx, user.id)
    f.check(resource.id === user.id, '"id" must be the requested id', answer, user.id, resource.id)
    f.check(
      Array.isArray(resource.schemas) && resource.schemas.length > 0,
      '"schemas" must be present',
      answer,
      'schemas',
      resource.schemas,
    )
    const meta: Json = isObject(resource.meta) ? resource.meta : {}
    // RFC 7643 §3.1 ties meta.version to ETag support: required only when the server offers it.
    const etag = ctx.discovery.serviceProviderConfig?.etag
    const keys = isObject(etag) && etag.supported === true ? [...META_KEYS, 'version'] : META_KEYS
    for (const key of keys) {
      f.check(
        typeof meta[key] === 'string' && meta[key] !== '',
        `meta.${key} must be present`,
        answer,
        `meta.${key}`,
        meta[key],
      )
    }
    const created = Date.parse(String(meta.created))
    const modified = Date.parse(String(meta.lastModified))
    f.check(
      !Number.isNaN(created) && !Number.isNaN(modified) && created <= modified,
      'meta.created must be a date-time not after meta.lastModified',
      answer,
      'created <= lastModified',
      [meta.created, meta.lastModified],
    )
    return f.list
  },
})

export const readUnknownId = defineServerRule({
  id: 'SRV-READ-002',
  level: 'MUST',
  title: 'GET of an unknown id answers 404 with a SCIM error',
  profile: 'rfc',
  area: 'read',
  tags: ['read', 'read-only', 'errors'],
  sources: [
    rfc7644('3.12'),
    entraTutorial('unknown id: 404'),
    okta('Get a user that does not exist (404)'),
  ],
  fix: 'Answer GET /Users/{unknown id} with 404 and a SCIM Error body with a detail.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    const answer = await ctx.http.send({
      method: 'GET',
      path: resourcePath('Users', ctx.data.guid()),
    })
    const what = 'GET /Users/{unknown id}'
    if (!f.scimError(answer, { status: 404 }, what)) return f.list
    // Any JSON object passed before: a SCIM Error names its schema (RFC 7644 §3.12), which tells a
    // client it reached a SCIM endpoint and the user is gone, not a proxy's or a router's 404.
    const body = isObject(answer.body) ? answer.body : {}
    const schemas = Array.isArray(body.schemas) ? body.schemas : []
    f.check(
      schemas.includes(SCIM_ERROR_SCHEMA),
      `${what}: the 404 body must be a SCIM Error (schemas ["${SCIM_ERROR_SCHEMA}"])`,
      answer,
      [SCIM_ERROR_SCHEMA],
      body.schemas ?? '(absent)',
    )
    return f.list
  },
})

export const listShape = defineServerRule({
  id: 'SRV-READ-003',
  level: 'MUST',
  title:
    'GET /Users answers a ListResponse with totalResults, startIndex, itemsPerPage and Resources',
  profile: 'rfc',
  area: 'read',
  tags: ['read', 'read-only', 'paging'],
  sources: [
    rfc7644('3.4.2'),
    entraTutorial('ListResponse with Resources, startIndex and itemsPerPage'),
    okta('GET /Users?count=1&startIndex=1'),
  ],
  fix: 'Answer GET /Users with the ListResponse schema, integer totalResults, startIndex and itemsPerPage, and a "Resources" array whose members carry id, schemas and meta.resourceType.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    const answer = await ctx.http.send({ method: 'GET', path: '/Users?startIndex=1&count=2' })
    const list = f.listResponse(answer, 'GET /Users?startIndex=1&count=2')
    if (!list) return f.list
    f.check(
      list.startIndex === 1,
      'startIndex must be echoed as the integer 1',
      answer,
      1,
      list.startIndex,
    )
    f.check(
      list.itemsPerPage === list.Resources.length,
      'itemsPerPage must be the number of resources on the page',
      answer,
      list.Resources.length,
      list.itemsPerPage,
    )
    for (const resource of list.Resources) {
      const meta = isObject(resource.meta) ? resource.meta : {}
      f.check(
        typeof resource.id === 'string' &&
          Array.isArray(resource.schemas) &&
          meta.resourceType === 'User',
        'each resource needs id, schemas and meta.resourceType "User"',
        answer,
        'id, schemas, meta.resourceType',
        { id: resource.id, schemas: resource.schemas, meta },
      )
    }
    return f.list
  },
})

export const trailingSlashList = defineServerRule({
  id: 'SRV-READ-004',
  level: 'SHOULD',
  title: 'GET /Users/?filter=… (a trailing slash) is not answered 404',
  profile: 'clearid',
  area: 'read',
  tags: ['read', 'read-only', 'filter'],
  // No RFC makes "/Users/" name the Users endpoint, but clients build URLs by joining a base with a
  // slash, and a 404 reads as "no such user": a client then creates a duplicate.
  sources: [spec('2.1', 'the SCIM base answers a trailing slash like the path without one')],
  fix: 'Route /Users/ like /Users (or redirect it there); never answer it 404.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    const path = `/Users/${usersQuery(`userName eq "${ctx.data.guid()}"`).slice('/Users'.length)}`
    const answer = await ctx.http.send({ method: 'GET', path })
    f.check(
      answer.status !== 404,
      'GET /Users/?filter=…: a trailing slash must not turn the list into a 404',
      answer,
      '200 with a ListResponse',
      answer.status,
    )
    if (answer.status === 200) f.listResponse(answer, 'GET /Users/?filter=…')
    return f.list
  },
})
