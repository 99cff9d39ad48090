/**
 * Principal service v2 (ClearID's portal users), in the shapes of the SailPoint connector
 * (fernando-delosrios/ClearID, src/http-client.ts): `GET identityPrincipals/{identityId}`,
 * `PUT userPrincipals/{email}` to grant portal access with role `user` or `admin`, `DELETE
 * userPrincipals/{principalId}` to take it away. Every write goes to the identity's SCIM booleans
 * `hasWebPortalAccess` and `isAdmin` (`principal.ts`), through the REST write path: a new version,
 * the same validation, an `IdentityUpdated` event.
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import { isValidEmail } from '../../model/validate.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { nextVersion } from '../identity-changes.ts'
import { authorizeBearer } from '../rest/bearer-auth.ts'
import { liveIdentity } from '../rest/live-identity.ts'
import { commitIdentity } from '../rest/identity-writes.ts'
import { readRestBody } from '../rest/rest-body.ts'
import type { StoredIdentity } from '../../model/identity.ts'
import { readPrincipalGrant } from './principal-body.ts'
import { accessFor, principalView, type PrincipalRole } from './principal.ts'

export const PRINCIPAL_SERVICE = '/principalservice/api/v2'
export const PRINCIPAL_MOUNT = `${PRINCIPAL_SERVICE}/accounts/:accountId`

/** Routes under `PRINCIPAL_MOUNT` (the bearer check runs before them). */
export function principalRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  const account = (c: Context) => c.req.param('accountId') ?? ''
  app.get('/identityPrincipals/:identityId', (c) => {
    const identity = liveIdentity(ctx, account(c), c.req.param('identityId'))
    return c.json(principalView(identity, ctx.principals.principalIdOf(identity)))
  })
  app.put('/userPrincipals/:email', (c) => putPrincipal(ctx, c, account(c), c.req.param('email')))
  app.delete('/userPrincipals/:email', (c) =>
    deletePrincipal(ctx, c, account(c), c.req.param('email')),
  )
  return app
}

type PrincipalWrite = (
  ctx: MockContext,
  c: Context,
  accountId: string,
  principalId: string,
) => Response | Promise<Response>

const ENCODED_PATH = /^\/?accounts\/([^/]+)\/userPrincipals\/([^/]+)$/

/**
 * The same PUT and DELETE with the path's slashes percent-encoded, under `PRINCIPAL_SERVICE`. The
 * SailPoint connector builds these URLs with `encodeURIComponent` over the whole path
 * (`/api/v2/%2Faccounts%2F{a}%2FuserPrincipals%2F{email}`). Whether ClearID's gateway decodes `%2F`
 * is not known (ASP.NET Core itself does not); the mock accepts it so the connector can be
 * exercised, and docs/rest-api.md says so.
 */
export function encodedPrincipalRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  const handle =
    (write: PrincipalWrite) =>
    async (c: Context): Promise<Response> => {
      const match = ENCODED_PATH.exec(c.req.param('encodedPath') ?? '')
      if (!match) {
        throw new ApiError(404, `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`)
      }
      const [, accountId = '', email = ''] = match
      await authorizeBearer(ctx, c, accountId)
      return write(ctx, c, accountId, email)
    }
  app.put('/:encodedPath', handle(putPrincipal))
  app.delete('/:encodedPath', handle(deletePrincipal))
  return app
}

async function putPrincipal(
  ctx: MockContext,
  c: Context,
  accountId: string,
  email: string,
): Promise<Response> {
  if (!isValidEmail(email)) {
    throw new ApiError(
      400,
      `The user principal "${email.slice(0, 100)}" is not an e-mail address: ClearID names portal users by e-mail.`,
    )
  }
  const grant = readPrincipalGrant(await readRestBody(ctx, c))
  // Body first: the look-ups, the checks and the write below run in one synchronous step.
  const identity = ctx.store.get(accountId, grant.identityId)
  if (!identity || identity.deleted) {
    throw new ApiError(
      400,
      `identityId: no identity with id "${grant.identityId.slice(0, 100)}" exists in this account.`,
      { errors: { identityId: ['Unknown identity.'] } },
    )
  }
  const holder = ctx.principals.holderOf(accountId, email)
  if (holder && holder.id !== identity.id) {
    throw new ApiError(
      409,
      `The user principal "${email.slice(0, 100)}" already belongs to identity ${holder.id}; delete it there first.`,
    )
  }
  const updated = withAccess(ctx, identity, grant.roles)
  ctx.principals.name(accountId, updated.id, email)
  return c.json(principalView(updated, email))
}

function deletePrincipal(
  ctx: MockContext,
  c: Context,
  accountId: string,
  principalId: string,
): Response {
  const holder = ctx.principals.holderOf(accountId, principalId)
  if (!holder) {
    throw new ApiError(
      404,
      `No user principal "${principalId.slice(0, 100)}" exists in account "${accountId.slice(0, 64)}".`,
    )
  }
  withAccess(ctx, holder, [])
  return c.body(null, 204)
}

/** Writes the SCIM booleans `roles` imply, when they change; returns the identity as it is then. */
function withAccess(
  ctx: MockContext,
  identity: StoredIdentity,
  roles: readonly PrincipalRole[],
): StoredIdentity {
  const wanted = accessFor(roles)
  const { hasWebPortalAccess, isAdmin } = identity.attributes
  if (
    (hasWebPortalAccess ?? false) === wanted.hasWebPortalAccess &&
    (isAdmin ?? false) === wanted.isAdmin
  ) {
    return identity
  }
  const fields = {
    userName: identity.userName,
    displayName: identity.displayName,
    active: identity.active,
    attributes: { ...identity.attributes, ...wanted },
  }
  return commitIdentity(ctx, nextVersion(ctx, identity, fields, 'rest'), 'IdentityUpdated', 'rest')
}
