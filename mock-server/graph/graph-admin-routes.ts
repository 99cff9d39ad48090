/**
 * The fake Graph source on the control plane, `/_admin/graph/tenants/…` (admin token): create
 * tenants, seed them with faker, load and save Graph export files, add, edit and remove users,
 * groups, memberships and managers, define directory extension properties, register app
 * credentials (the secret is shown once), and set Graph faults. Graph tenants are not ClearID
 * accounts: a tenant is named by its Directory (tenant) ID, as ClearID's connection settings do.
 *
 * @module
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { publicBaseOf } from '../control/public-base.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { readUpload } from '../http/read-upload.ts'
import { bodyLimitOf, readBody } from '../http/read-body.ts'
import { readRestBody } from '../rest/rest-body.ts'
import { appView, type GraphAppSeed } from './graph-apps.ts'
import { GRAPH_MOUNT, GRAPH_VERSION, LOGIN_MOUNT } from './graph-constants.ts'
import { extensionName, extensionResource, ownerAppId } from './graph-extensions.ts'
import { exportTenant, loadExport, parseGraphExport } from './graph-export.ts'
import { faultView } from './graph-faults.ts'
import { checkSeedOptions, seededExport } from './graph-seed.ts'
import type { GraphTenant } from './graph-tenant.ts'
import { readProps } from './graph-values.ts'

declare module 'hono' {
  interface ContextVariableMap {
    graphTenant: GraphTenant
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

async function objectBody(ctx: MockContext, c: Context): Promise<Record<string, unknown>> {
  const body = await readRestBody(ctx, c)
  if (!isObject(body)) throw new ApiError(400, 'Send a JSON object.')
  return body
}

function tenantView(ctx: MockContext, c: Context, tenant: GraphTenant): Record<string, unknown> {
  const base = publicBaseOf(ctx, c)
  return {
    id: tenant.id,
    displayName: tenant.displayName,
    domains: tenant.domains,
    tokenEndpoint: `${base}${LOGIN_MOUNT}/${tenant.id}/oauth2/v2.0/token`,
    graphBaseUrl: `${base}${GRAPH_MOUNT}/${GRAPH_VERSION}`,
    users: tenant.users.size,
    groups: tenant.groups.size,
    apps: tenant.apps.list().map(appView),
    extensions: tenant.extensions.list().map((e) => e.name),
    faults: tenant.faults.list().map(faultView),
  }
}

function appSeed(body: Record<string, unknown>): GraphAppSeed {
  const text = (name: string) => {
    const value = body[name]
    if (value === undefined) return undefined
    if (typeof value !== 'string' || value === '' || value.length > 256) {
      throw new ApiError(400, `${name} must be a non-empty string.`, {
        errors: { [name]: ['A string.'] },
      })
    }
    return value
  }
  const roles = body.roles
  if (
    roles !== undefined &&
    (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string'))
  ) {
    throw new ApiError(400, 'roles must be an array of Application permission names.', {
      errors: { roles: ['For example ["User.Read.All", "Group.Read.All"].'] },
    })
  }
  const appId = text('appId')
  const displayName = text('displayName')
  const secret = text('secret')
  const secretExpires = text('secretExpires')
  return {
    ...(appId === undefined ? {} : { appId }),
    ...(displayName === undefined ? {} : { displayName }),
    ...(roles === undefined ? {} : { roles: roles as string[] }),
    ...(secret === undefined ? {} : { secret }),
    ...(secretExpires === undefined ? {} : { secretExpires }),
  }
}

/** A new user or group: its properties, and the id the caller chose (a GUID), if any. */
function newObject(
  type: 'user' | 'group',
  body: Record<string, unknown>,
): { id: string | undefined; props: ReturnType<typeof readProps>['props'] } {
  const { id, ...rest } = body
  if (id !== undefined && typeof id !== 'string') {
    throw new ApiError(400, 'id must be a GUID string.', { errors: { id: ['A GUID.'] } })
  }
  const { props } = readProps(type, rest, { unknown: 'reject', path: type, keepReadOnly: false })
  return { id, props }
}

/** The app new extensions go on: that of the existing ones, else the first registered app. */
function defaultExtensionOwner(tenant: GraphTenant): string | undefined {
  const existing = tenant.extensions.list()[0]
  return existing ? ownerAppId(existing.name) : tenant.apps.list()[0]?.appId
}

/** Graph takes profile photos up to 4 MB. */
const GRAPH_PHOTO_LIMIT = 4 * 1024 * 1024

/** Paths (below `/_admin`) whose body is a photo these routes read themselves, as bytes. */
export function isGraphPhotoRoute(path: string): boolean {
  return /\/graph\/tenants\/[^/]+\/users\/[^/]+\/photo\/?$/.test(path)
}

export function graphAdminRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  const tenantOf = (c: Context) => c.get('graphTenant')

  app.get('/tenants', (c) =>
    c.json({ tenants: ctx.graph.list().map((t) => tenantView(ctx, c, t)) }),
  )

  app.post('/tenants', async (c) => {
    const body = await objectBody(ctx, c)
    const apps = body.apps === undefined ? [] : body.apps
    if (!Array.isArray(apps)) throw new ApiError(400, 'apps must be an array of app registrations.')
    const { tenant, secrets } = ctx.graph.create({
      id: typeof body.id === 'string' ? body.id : crypto.randomUUID(),
      ...(typeof body.domain === 'string' ? { domain: body.domain } : {}),
      ...(typeof body.displayName === 'string' ? { displayName: body.displayName } : {}),
      apps: apps.map((a) => appSeed(isObject(a) ? a : {})),
      ...(body.seed === undefined ? {} : { seed: checkSeedOptions(body.seed) }),
    })
    await tenant.ready()
    return c.json({ ...tenantView(ctx, c, tenant), clientSecrets: secrets }, 201, {
      Location: `${c.req.path.replace(/\/$/, '')}/${tenant.id}`,
      'Cache-Control': 'no-store',
    })
  })

  const withTenant: MiddlewareHandler = async (c, next) => {
    const name = c.req.param('tenant') ?? ''
    const tenant = ctx.graph.get(name)
    if (!tenant) throw new ApiError(404, `Graph tenant "${name.slice(0, 64)}" does not exist.`)
    await tenant.ready()
    c.set('graphTenant', tenant)
    await next()
  }
  // `/*` also matches the tenant itself (`/tenants/{tenant}`).
  app.use('/tenants/:tenant/*', withTenant)

  app.get('/tenants/:tenant', (c) => c.json(tenantView(ctx, c, tenantOf(c))))
  app.delete('/tenants/:tenant', (c) => {
    ctx.graph.remove(tenantOf(c).id)
    return c.body(null, 204)
  })

  // Content: seed, import, export.
  app.post('/tenants/:tenant/seed', async (c) => {
    const tenant = tenantOf(c)
    const options = checkSeedOptions(await objectBody(ctx, c))
    const content = await seededExport(tenant.domains[0] as string, options)
    return c.json(loadExport(tenant, parseGraphExport(content)))
  })
  app.post('/tenants/:tenant/import', async (c) => {
    const parsed = parseGraphExport(await readRestBody(ctx, c))
    return c.json(loadExport(tenantOf(c), parsed))
  })
  app.get('/tenants/:tenant/export', (c) => c.json(exportTenant(tenantOf(c))))

  // Users and managers.
  app.post('/tenants/:tenant/users', async (c) => {
    const { id, props } = newObject('user', await objectBody(ctx, c))
    const user = tenantOf(c).createUser({ ...props, ...(id === undefined ? {} : { id }) })
    return c.json(user.props, 201)
  })
  app.get('/tenants/:tenant/users/:id', (c) => {
    const user = tenantOf(c).user(c.req.param('id'))
    if (!user) throw new ApiError(404, `No user "${c.req.param('id').slice(0, 100)}".`)
    return c.json({ ...user.props, manager: tenantOf(c).managerOf(user.id)?.id ?? null })
  })
  app.patch('/tenants/:tenant/users/:id', async (c) => {
    const tenant = tenantOf(c)
    const { props } = readProps('user', await objectBody(ctx, c), {
      unknown: 'reject',
      path: 'user',
      keepReadOnly: false,
    })
    const changed = tenant.updateUser(c.req.param('id'), props)
    return c.json({ changed, user: tenant.user(c.req.param('id'))?.props })
  })
  app.delete('/tenants/:tenant/users/:id', (c) => {
    tenantOf(c).deleteUser(c.req.param('id'), c.req.query('permanent') === 'true')
    return c.body(null, 204)
  })
  app.put('/tenants/:tenant/users/:id/manager', async (c) => {
    const body = await objectBody(ctx, c)
    if (typeof body.id !== 'string') throw new ApiError(400, 'Send {"id": "<manager user id>"}.')
    tenantOf(c).setManager(c.req.param('id'), body.id)
    return c.body(null, 204)
  })
  app.delete('/tenants/:tenant/users/:id/manager', (c) => {
    tenantOf(c).setManager(c.req.param('id'), null)
    return c.body(null, 204)
  })

  // Photos: a change of one is no change of the user (users delta does not report it).
  app.put('/tenants/:tenant/users/:id/photo', async (c) => {
    const contentType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase()
    if (contentType !== 'image/jpeg' && contentType !== 'image/png')
      throw new ApiError(
        415,
        'Send the photo as its bytes, with Content-Type image/jpeg or image/png.',
      )
    const bytes = await readUpload(
      c,
      GRAPH_PHOTO_LIMIT,
      "Graph's limit for a profile photo",
      'send a smaller photo.',
    )
    if (bytes.length === 0) throw new ApiError(400, 'The photo is empty.')
    tenantOf(c).setPhoto(c.req.param('id'), { bytes, contentType })
    return c.body(null, 204)
  })
  app.delete('/tenants/:tenant/users/:id/photo', (c) => {
    tenantOf(c).setPhoto(c.req.param('id'), null)
    return c.body(null, 204)
  })

  // Groups and memberships.
  app.post('/tenants/:tenant/groups', async (c) => {
    const { id, props } = newObject('group', await objectBody(ctx, c))
    const group = tenantOf(c).createGroup({ ...props, ...(id === undefined ? {} : { id }) })
    return c.json(group.props, 201)
  })
  app.patch('/tenants/:tenant/groups/:id', async (c) => {
    const tenant = tenantOf(c)
    const { props } = readProps('group', await objectBody(ctx, c), {
      unknown: 'reject',
      path: 'group',
      keepReadOnly: false,
    })
    const changed = tenant.updateGroup(c.req.param('id'), props)
    return c.json({ changed, group: tenant.groups.get(c.req.param('id'))?.props })
  })
  app.delete('/tenants/:tenant/groups/:id', (c) => {
    tenantOf(c).deleteGroup(c.req.param('id'))
    return c.body(null, 204)
  })
  app.get('/tenants/:tenant/groups/:id/members', (c) =>
    c.json({
      members: tenantOf(c)
        .membersOf(c.req.param('id'))
        .map((m) => ({
          id: m.object.id,
          type: m.type,
          displayName: m.object.props.displayName ?? null,
        })),
    }),
  )
  app.post('/tenants/:tenant/groups/:id/members', async (c) => {
    const body = await objectBody(ctx, c)
    if (typeof body.id !== 'string') throw new ApiError(400, 'Send {"id": "<user or group id>"}.')
    const type = tenantOf(c).addMember(c.req.param('id'), body.id)
    return c.json({ id: body.id, type }, 201)
  })
  app.delete('/tenants/:tenant/groups/:id/members/:member', (c) => {
    if (!tenantOf(c).removeMember(c.req.param('id'), c.req.param('member'))) {
      throw new ApiError(
        404,
        `"${c.req.param('member').slice(0, 64)}" is not a member of the group.`,
      )
    }
    return c.body(null, 204)
  })

  // Directory extension properties.
  app.post('/tenants/:tenant/extensions', async (c) => {
    const tenant = tenantOf(c)
    const body = await objectBody(ctx, c)
    if (typeof body.name !== 'string') {
      throw new ApiError(400, 'Send {"name": "costCenter"} (or a full extension_<appId>_<name>).')
    }
    const owner = typeof body.appId === 'string' ? body.appId : defaultExtensionOwner(tenant)
    if (!body.name.startsWith('extension_') && owner === undefined) {
      throw new ApiError(400, 'Name the owning app: {"name": "costCenter", "appId": "<GUID>"}.')
    }
    const name = body.name.startsWith('extension_')
      ? body.name
      : extensionName(owner as string, body.name)
    const app = tenant.apps.get(ownerAppId(name))
    const property = tenant.extensions.define(name, {
      ...(typeof body.dataType === 'string' ? { dataType: body.dataType } : {}),
      ...(app ? { appDisplayName: app.displayName } : {}),
    })
    return c.json(extensionResource(property), 201)
  })

  // App registrations and secrets.
  app.get('/tenants/:tenant/apps', (c) => c.json({ apps: tenantOf(c).apps.list().map(appView) }))
  app.post('/tenants/:tenant/apps', async (c) => {
    const { app, secret } = tenantOf(c).apps.register(appSeed(await objectBody(ctx, c)))
    return c.json({ ...appView(app), clientSecret: secret }, 201, { 'Cache-Control': 'no-store' })
  })
  app.post('/tenants/:tenant/apps/:appId/secrets', async (c) => {
    const tenant = tenantOf(c)
    const app = tenant.apps.get(c.req.param('appId'))
    if (!app)
      throw new ApiError(404, `No app "${c.req.param('appId').slice(0, 64)}" in the tenant.`)
    const empty = (await readBody(c, bodyLimitOf(ctx.behaviour))).text.trim() === ''
    const seed = empty ? {} : appSeed(await objectBody(ctx, c))
    const secret = tenant.apps.addSecret(app, seed.secret, seed.secretExpires)
    return c.json({ ...appView(app), clientSecret: secret }, 201, { 'Cache-Control': 'no-store' })
  })
  app.delete('/tenants/:tenant/apps/:appId', (c) => {
    if (!tenantOf(c).apps.remove(c.req.param('appId'))) {
      throw new ApiError(404, `No app "${c.req.param('appId').slice(0, 64)}" in the tenant.`)
    }
    return c.body(null, 204)
  })

  // Faults.
  app.get('/tenants/:tenant/faults', (c) =>
    c.json({ faults: tenantOf(c).faults.list().map(faultView) }),
  )
  app.post('/tenants/:tenant/faults', async (c) => {
    const fault = tenantOf(c).faults.add(await objectBody(ctx, c))
    return c.json(faultView(fault), 201)
  })
  app.delete('/tenants/:tenant/faults', (c) => c.json({ removed: tenantOf(c).faults.clear() }))
  app.delete('/tenants/:tenant/faults/:id', (c) => {
    if (!tenantOf(c).faults.remove(c.req.param('id'))) {
      throw new ApiError(404, `No fault "${c.req.param('id').slice(0, 64)}".`)
    }
    return c.body(null, 204)
  })
  return app
}
