/**
 * The Microsoft Graph v1.0 reads the fake source answers, under `{root}` = `…/v1.0`:
 * `/users`, `/users/delta`, `/users/{id | userPrincipalName}`, `/users/{id}/manager`,
 * `/users/{id}/photo/$value`, `/groups`, `/groups/{id}`, `/groups/{id}/members`,
 * `/groups/{id}/transitiveMembers`, `/applications`, `/applications/{id}`,
 * `/applications/{id}/extensionProperties` and
 * `POST /directoryObjects/getAvailableExtensionProperties`. Writes go through the control plane;
 * a Graph write answers 403 as it does for an app holding only Read permissions.
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { MockContext } from '../context.ts'
import { READ_ROLES } from './graph-constants.ts'
import {
  APPLICATION_CATALOG,
  directoryObjectCatalog,
  GROUP_CATALOG,
  userCatalog,
} from './graph-catalogs.ts'
import { deltaPage } from './graph-delta.ts'
import { forbidden, graphError, resourceNotFound } from './graph-errors.ts'
import { extensionResource, ownerAppId } from './graph-extensions.ts'
import { listPage, type Row } from './graph-list.ts'
import type { StoredObject } from './graph-objects.ts'
import {
  contextOf,
  project,
  readQuery,
  type Catalog,
  type GraphQuery,
  type QueryOption,
} from './graph-query.ts'
import { errorAnswer } from '../errors/render-error.ts'
import { graphAuth, graphJson, graphTrace, requireRole, setGraphTrace } from './graph-request.ts'
import type { GraphTenant, MemberType } from './graph-tenant.ts'

/** The service root a response links to: `https://graph.microsoft.com/v1.0`, or the mock's mount. */
export type GraphRoot = (c: Context) => string

const LIST: readonly QueryOption[] = ['select', 'filter', 'top', 'skiptoken', 'count']

function query(
  c: Context,
  allowed: readonly QueryOption[],
  catalog: Catalog,
  tenant?: GraphTenant,
): GraphQuery {
  return readQuery({
    url: new URL(c.req.url),
    consistencyLevel: c.req.header('consistencylevel'),
    allowed,
    catalog,
    ...(tenant ? { managerCatalog: userCatalog(tenant) } : {}),
  })
}

function userResource(
  tenant: GraphTenant,
  user: StoredObject,
  q: GraphQuery,
  defaults: readonly string[],
): Record<string, unknown> {
  const body: Record<string, unknown> = project(user.props, q.select ?? defaults)
  if (q.expandManager) {
    const manager = tenant.managerOf(user.id)
    if (manager) {
      body.manager = {
        '@odata.type': '#microsoft.graph.user',
        ...project(manager.props, q.expandManager.select ?? defaults),
      }
    }
  }
  return body
}

const typeName = (type: MemberType) => `#microsoft.graph.${type}`

/** A member: its type and its properties (a `$select`ed name of the other type is left out). */
function memberResource(
  member: { object: StoredObject; type: MemberType },
  q: GraphQuery,
  tenant: GraphTenant,
) {
  const own = member.type === 'user' ? userCatalog(tenant) : GROUP_CATALOG
  const select = q.select ? q.select.filter((name) => own.property(name)) : own.defaults
  return { '@odata.type': typeName(member.type), ...project(member.object.props, select) }
}

export function graphApiRoutes(ctx: MockContext, root: GraphRoot): Hono {
  const app = new Hono()
  app.use('/v1.0/*', graphTrace(ctx, 'graph'))
  app.use('/v1.0/*', graphAuth(ctx))

  const users = (c: Context) => requireRole(c, READ_ROLES.users)
  const groups = (c: Context) => requireRole(c, READ_ROLES.groups)
  const applications = (c: Context) => requireRole(c, READ_ROLES.applications)

  app.get('/v1.0/users', (c) => {
    const tenant = users(c)
    const catalog = userCatalog(tenant)
    const q = query(c, [...LIST, 'expand'], catalog, tenant)
    return graphJson(
      c,
      listPage(c, {
        rows: tenant.users.sorted(),
        query: q,
        tenantId: tenant.id,
        url: `${root(c)}/users`,
        context: contextOf(root(c), 'users', q.select),
        render: (user) => userResource(tenant, user, q, catalog.defaults),
      }),
    )
  })

  for (const path of [
    '/v1.0/users/delta',
    '/v1.0/users/microsoft.graph.delta',
    '/v1.0/users/delta()',
  ]) {
    app.get(path, (c) => {
      const tenant = users(c)
      const catalog = userCatalog(tenant)
      const q = query(c, ['select', 'filter', 'skiptoken', 'deltatoken'], catalog)
      return graphJson(c, deltaPage(c, tenant, q, catalog, root(c)))
    })
  }

  app.get('/v1.0/users/:id', (c) => {
    const tenant = users(c)
    const catalog = userCatalog(tenant)
    const q = query(c, ['select', 'expand'], catalog, tenant)
    const user = tenant.user(c.req.param('id'))
    if (!user) throw resourceNotFound(c.req.param('id'))
    return graphJson(c, {
      '@odata.context': contextOf(root(c), 'users', q.select, true),
      ...userResource(tenant, user, q, catalog.defaults),
    })
  })

  app.get('/v1.0/users/:id/manager', (c) => {
    const tenant = users(c)
    const catalog = userCatalog(tenant)
    const q = query(c, ['select'], catalog)
    const user = tenant.user(c.req.param('id'))
    if (!user) throw resourceNotFound(c.req.param('id'))
    const manager = tenant.managerOf(user.id)
    if (!manager) throw resourceNotFound('manager')
    return graphJson(c, {
      '@odata.context': contextOf(root(c), 'directoryObjects', undefined, true),
      '@odata.type': '#microsoft.graph.user',
      ...project(manager.props, q.select ?? catalog.defaults),
    })
  })

  // The photo's bytes; a user without one gets Graph's 404 `ImageNotFound`.
  app.get('/v1.0/users/:id/photo/$value', (c) => {
    const tenant = users(c)
    query(c, [], userCatalog(tenant))
    const user = tenant.user(c.req.param('id'))
    if (!user) throw resourceNotFound(c.req.param('id'))
    const photo = tenant.photoOf(user.id)
    if (!photo) throw graphError(404, 'ImageNotFound', 'The user has no profile photo.')
    return c.body(photo.bytes.slice().buffer, 200, {
      'Content-Type': photo.contentType,
      'Content-Length': String(photo.bytes.length),
    })
  })

  app.get('/v1.0/groups', (c) => {
    const tenant = groups(c)
    const q = query(c, LIST, GROUP_CATALOG)
    return graphJson(
      c,
      listPage(c, {
        rows: tenant.groups.sorted(),
        query: q,
        tenantId: tenant.id,
        url: `${root(c)}/groups`,
        context: contextOf(root(c), 'groups', q.select),
        render: (group) => project(group.props, q.select ?? GROUP_CATALOG.defaults),
      }),
    )
  })

  app.get('/v1.0/groups/:id', (c) => {
    const tenant = groups(c)
    const q = query(c, ['select'], GROUP_CATALOG)
    const group = tenant.groups.get(c.req.param('id'))
    if (!group) throw resourceNotFound(c.req.param('id'))
    return graphJson(c, {
      '@odata.context': contextOf(root(c), 'groups', q.select, true),
      ...project(group.props, q.select ?? GROUP_CATALOG.defaults),
    })
  })

  for (const relation of ['members', 'transitiveMembers'] as const) {
    app.get(`/v1.0/groups/:id/${relation}`, (c) => {
      const tenant = groups(c)
      const q = query(c, ['select', 'top', 'skiptoken', 'count'], directoryObjectCatalog(tenant))
      const group = tenant.groups.get(c.req.param('id'))
      if (!group) throw resourceNotFound(c.req.param('id'))
      const members =
        relation === 'members' ? tenant.membersOf(group.id) : tenant.transitiveMembersOf(group.id)
      const rows = members.map((m) => ({ id: m.object.id, props: m.object.props, member: m }))
      return graphJson(
        c,
        listPage(c, {
          rows,
          query: q,
          tenantId: tenant.id,
          url: `${root(c)}/groups/${group.id}/${relation}`,
          context: contextOf(root(c), 'directoryObjects'),
          render: (row) => memberResource(row.member, q, tenant),
        }),
      )
    })
  }

  app.get('/v1.0/applications', (c) => {
    const tenant = applications(c)
    const q = query(c, LIST, APPLICATION_CATALOG)
    return graphJson(
      c,
      listPage(c, {
        rows: applicationRows(tenant),
        query: q,
        tenantId: tenant.id,
        url: `${root(c)}/applications`,
        context: contextOf(root(c), 'applications', q.select),
        render: (row) => project(row.props, q.select ?? APPLICATION_CATALOG.defaults),
      }),
    )
  })

  app.get('/v1.0/applications/:id', (c) => {
    const tenant = applications(c)
    const q = query(c, ['select'], APPLICATION_CATALOG)
    const row = applicationRows(tenant).find((r) => r.id === c.req.param('id').toLowerCase())
    if (!row) throw resourceNotFound(c.req.param('id'))
    return graphJson(c, {
      '@odata.context': contextOf(root(c), 'applications', q.select, true),
      ...project(row.props, q.select ?? APPLICATION_CATALOG.defaults),
    })
  })

  app.get('/v1.0/applications/:id/extensionProperties', (c) => {
    const tenant = applications(c)
    query(c, [], APPLICATION_CATALOG)
    const row = applicationRows(tenant).find((r) => r.id === c.req.param('id').toLowerCase())
    if (!row) throw resourceNotFound(c.req.param('id'))
    const owned = tenant.extensions.list().filter((e) => ownerAppId(e.name) === row.props.appId)
    return graphJson(c, {
      '@odata.context': `${root(c)}/$metadata#applications('${row.id}')/extensionProperties`,
      value: owned.map(extensionResource),
    })
  })

  app.post('/v1.0/directoryObjects/getAvailableExtensionProperties', (c) => {
    const tenant = applications(c)
    return graphJson(c, {
      '@odata.context': `${root(c)}/$metadata#Collection(microsoft.graph.extensionProperty)`,
      value: tenant.extensions.list().map(extensionResource),
    })
  })

  // Anything else under /v1.0: a write gets Graph's answer to a read-only app, a read of a path
  // the fake does not serve gets Graph's answer to an unknown segment.
  app.all('/v1.0/*', (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') throw forbidden()
    const segment = c.req.path.split('/v1.0/')[1]?.split('/').at(-1) ?? ''
    throw graphError(
      400,
      'BadRequest',
      `Resource not found for the segment '${segment.slice(0, 100)}'.`,
    )
  })
  // Outside /v1.0 (`/beta`, …): the fake serves v1.0 only.
  app.all('*', (c) => {
    setGraphTrace(ctx, c, 'graph')
    throw graphError(
      400,
      'BadRequest',
      `Invalid version: the fake Graph source serves v1.0 only (${c.req.path.slice(0, 100)}).`,
    )
  })
  app.onError(errorAnswer)
  return app
}

interface ApplicationRow extends Row {
  readonly id: string
}

/**
 * The tenant's applications: its app registrations, and the apps that own directory extensions
 * without being registered here (as Entra's "Tenant Schema Extension App"); those take their app id
 * as object id.
 */
function applicationRows(tenant: GraphTenant): ApplicationRow[] {
  const rows = new Map<string, ApplicationRow>()
  for (const app of tenant.apps.list()) {
    rows.set(app.appId, {
      id: app.objectId,
      props: {
        id: app.objectId,
        appId: app.appId,
        displayName: app.displayName,
        signInAudience: 'AzureADMyOrg',
      },
    })
  }
  for (const extension of tenant.extensions.list()) {
    const appId = ownerAppId(extension.name)
    if (rows.has(appId)) continue
    rows.set(appId, {
      id: appId,
      props: {
        id: appId,
        appId,
        displayName: extension.appDisplayName,
        signInAudience: 'AzureADMyOrg',
      },
    })
  }
  return [...rows.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
