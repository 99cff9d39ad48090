/**
 * SCIM requests go straight to a router that holds only the SCIM routes.
 *
 * Why: the app's own router holds every route of the mock, and one REST route
 * (`/principalservice/api/v2/:encodedPath`) is a pattern Hono's RegExpRouter cannot hold, so the
 * whole app falls back to the TrieRouter, which walks the path segment by segment. The SCIM routes
 * alone fit the RegExpRouter (one regular expression per method). Entra's per-user look-up is the
 * request the mock serves most; this saves it the app-wide match (BENCHMARKS.md).
 *
 * The SCIM routes stay registered on the app as well, so `app.routes` lists them and a request this
 * check does not recognise (a percent-encoded `/scim/` path, say) still reaches them there.
 *
 * @module
 */
import { Hono } from 'hono'
import { errorAnswer } from '../errors/render-error.ts'
import { SCIM_MOUNT } from './scim-router.ts'
import type { ScimSurface } from './scim-surface.ts'

const PREFIX = '/scim/v2/accounts/'
const SLASH = 0x2f
const QUESTION_MARK = 0x3f
const HASH = 0x23

/** Puts the SCIM routes' own router in front of `app.fetch`, for paths under an account's SCIM base. */
export function dispatchScimFirst(app: Hono, scim: ScimSurface): void {
  const scimApp = new Hono()
  scimApp.route(SCIM_MOUNT, scim.routes)
  scimApp.notFound(scim.unmatched)
  scimApp.onError(errorAnswer)
  const dispatch = app.fetch
  app.fetch = (request, env, executionCtx) =>
    isAccountScimUrl(request.url)
      ? scimApp.fetch(request, env, executionCtx)
      : dispatch(request, env, executionCtx)
}

/** Whether the path of `url` is `/scim/v2/accounts/{something}…`, as received (not decoded). */
export function isAccountScimUrl(url: string): boolean {
  const scheme = url.indexOf('://')
  const path = scheme === -1 ? -1 : url.indexOf('/', scheme + 3)
  if (path === -1 || !url.startsWith(PREFIX, path)) return false
  const at = path + PREFIX.length
  if (at >= url.length) return false
  const next = url.charCodeAt(at)
  return next !== SLASH && next !== QUESTION_MARK && next !== HASH
}
