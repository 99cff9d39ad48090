/**
 * The SCIM surface: what every request under `/scim/v2/accounts/{accountId}` passes through before
 * its route, in this order:
 *
 * 1. the traffic recorder, outermost, so it sees every answer, refusals and faults included;
 * 2. registered faults, before authentication, as a load balancer fails before the application;
 * 3. the `scimSteps` a caller added (`components.ts`), none by default;
 * 4. on a request that can carry a body, reading it within `behaviour.maxBodyBytes`: 413 as soon as
 *    it is over, before the mock does any work of its own (`http/read-body.ts`);
 * 5. SCIM key authentication, then the request's own `X-Mock-Fault` header when the app honours it;
 * 6. on `PATCH` and `PUT /Users/{id}`, a pending SCIM reset; on the reads of Users, its view.
 *
 * Each route is registered with one handler that runs these steps and then the route, and a SCIM
 * path that no route serves runs the same steps before its 404. One handler per route keeps the
 * common request synchronous end to end (`http/pipeline.ts` says why that matters).
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { RouterRoute } from 'hono/types'
import { component, type AppComponents } from '../components.ts'
import type { MockContext } from '../context.ts'
import { scimResetGate } from '../control/scim-reset-gate.ts'
import { scimResetView } from '../control/scim-reset-view.ts'
import { errorAnswer } from '../errors/render-error.ts'
import { pipeline, type Answer, type Endpoint, type Step } from '../http/pipeline.ts'
import { bodyLimitOf, bodyLimitStep } from '../http/read-body.ts'
import { clientVerificationSteps } from '../traffic/client-verification.ts'
import { scimAuth } from './scim-auth.ts'

export interface ScimSurface {
  /** Every route of the SCIM routes, as one handler each. */
  readonly routes: Hono
  /** The answer for a SCIM path no route serves (from `app.notFound`). */
  readonly unmatched: (c: Context) => Answer
}

/**
 * `routes` (route modules register endpoints only: cross-cutting work belongs in the steps above)
 * behind the surface; `unmatched` is the endpoint for paths none of them serves.
 */
export function scimSurface(
  ctx: MockContext,
  routes: Hono,
  unmatched: Endpoint,
  components: AppComponents = {},
): ScimSurface {
  const { recorder, faults, authenticated } = clientVerificationSteps(ctx)
  const added = components.scimSteps?.(ctx) ?? []
  const body = bodyLimitStep(() => bodyLimitOf(ctx.behaviour))
  const auth = authenticated(component(components.scimAuth, scimAuth(ctx), ctx))
  // A GET route never reads a body: its chain has no body step at all.
  const readSteps: Step[] = [recorder, faults, ...added, auth]
  const writeSteps: Step[] = [recorder, faults, ...added, body, auth]
  const userWriteSteps = [...writeSteps, scimResetGate(ctx)]
  const userGetSteps = [...readSteps, scimResetView(ctx)]
  const userSearchSteps = [...writeSteps, scimResetView(ctx)]
  const surfaced = new Hono()
  for (const route of routes.routes) {
    const routeSteps = isUserWrite(route)
      ? userWriteSteps
      : isUserRead(route)
        ? route.method === 'GET'
          ? userGetSteps
          : userSearchSteps
        : route.method === 'GET'
          ? readSteps
          : writeSteps
    const chain = pipeline(routeSteps, endpointOf(route), errorAnswer)
    surfaced.on(route.method, route.path, chain)
    // `/Users/?filter=…` is the list too: clients that join a base and a path with a slash send it,
    // and a 404 there reads as "no such user" (SRV-READ-004).
    if (route.method === 'GET' && /\/(Users|Groups)$/.test(route.path)) {
      surfaced.on('GET', `${route.path}/`, chain)
    }
  }
  return { routes: surfaced, unmatched: pipeline(writeSteps, unmatched, errorAnswer) }
}

const isUserWrite = (route: RouterRoute): boolean =>
  (route.method === 'PATCH' || route.method === 'PUT') && route.path.endsWith('/Users/:id')

/** GET by id, the list and `POST /Users/.search`: what a pending reset's view applies to. */
const isUserRead = (route: RouterRoute): boolean =>
  (route.method === 'GET' && /\/Users(\/:id)?$/.test(route.path)) ||
  (route.method === 'POST' && route.path.endsWith('/Users/.search'))

/** A route handler as an endpoint: it answers and never calls `next`. */
function endpointOf(route: RouterRoute): Endpoint {
  const handler = route.handler
  const noNext = (): Promise<void> => {
    throw new Error(`The SCIM route ${route.method} ${route.path} called next().`)
  }
  return (c) => {
    const answer = handler(c, noNext) as unknown
    if (answer instanceof Response) return answer
    if (answer instanceof Promise) return answer.then(responseOf(route))
    return responseOf(route)(answer)
  }
}

const responseOf =
  (route: RouterRoute) =>
  (answer: unknown): Response => {
    if (answer instanceof Response) return answer
    throw new Error(`The SCIM route ${route.method} ${route.path} returned no response.`)
  }
