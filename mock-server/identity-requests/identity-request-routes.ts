/**
 * Identity requests on the control plane: `/_admin/accounts/{accountId}/identity-requests`. ClearID
 * takes requests in its self-service portal, which the mock does not emulate, so they are made and
 * decided here: `POST` makes one (Pending), `POST …/{id}/approve` stores the requested identity,
 * `…/deny` and `…/cancel` close it. Each change sends the `IdentityRequestCreated` or
 * `IdentityRequestUpdated` webhooks.
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { bodyLimitOf, readBody } from '../http/read-body.ts'
import { buildIdentity, commitIdentity } from '../rest/identity-writes.ts'
import { parseRestIdentity } from '../rest/parse-identity.ts'
import { readRestBody } from '../rest/rest-body.ts'
import { checkText } from '../webhooks/webhook-config.ts'
import { identityRequestView } from './identity-request.ts'

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function identityRequestRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  const requests = ctx.identityRequests
  const account = (c: Context) => c.req.param('accountId') ?? ''
  const requestOf = (c: Context) => requests.require(account(c), c.req.param('requestId') ?? '')

  app.get('/', (c) =>
    c.json({ identityRequests: requests.list(account(c)).map(identityRequestView) }),
  )

  app.post('/', async (c) => {
    const body = await readRestBody(ctx, c)
    if (!isObject(body)) {
      throw new ApiError(
        400,
        'The body must be a JSON object: {"requester", "reason", "template" (optional), "identity": <REST identity>}.',
      )
    }
    const requester = checkText('requester', body.requester, true, 256)
    const reason = checkText('reason', body.reason, true, 1024)
    const template =
      body.template === undefined || body.template === null
        ? null
        : checkText('template', body.template, true, 256)
    // Validated now, as the portal's wizard checks the form; uniqueness is checked on approval.
    const proposed = inIdentity(() =>
      buildIdentity(ctx, account(c), parseRestIdentity(body.identity), 'rest'),
    )
    const request = requests.create(account(c), { requester, reason, template, proposed })
    return c.json(identityRequestView(request), 201, {
      Location: `${c.req.path.replace(/\/$/, '')}/${request.id}`,
    })
  })

  app.get('/:requestId', (c) => c.json(identityRequestView(requestOf(c))))

  app.post('/:requestId/approve', async (c) => {
    const reason = checkText('reason', (await decisionBody(ctx, c)).reason, true, 1024)
    // Body first: the check, the store and the decision below run in one synchronous step.
    const request = requestOf(c)
    requests.assertPending(request)
    const now = ctx.clock().toISOString()
    const identity = commitIdentity(
      ctx,
      { ...request.proposed, created: now, lastModified: now },
      'IdentityCreated',
      'rest',
    )
    return c.json(identityRequestView(requests.approve(request, identity, reason)))
  })

  app.post('/:requestId/deny', async (c) => {
    // ClearID asks for the reason of a denial.
    const reason = checkText('reason', (await decisionBody(ctx, c)).reason, true, 1024)
    return c.json(identityRequestView(requests.deny(requestOf(c), reason)))
  })

  app.post('/:requestId/cancel', async (c) => {
    const raw = (await decisionBody(ctx, c)).reason
    const reason = raw === undefined || raw === null ? null : checkText('reason', raw, true, 1024)
    return c.json(identityRequestView(requests.cancel(requestOf(c), reason)))
  })
  return app
}

/** `{"reason": …}`; an empty body is an empty object. */
async function decisionBody(ctx: MockContext, c: Context): Promise<Record<string, unknown>> {
  if ((await readBody(c, bodyLimitOf(ctx.behaviour))).text.trim() === '') return {}
  const body = await readRestBody(ctx, c)
  if (!isObject(body))
    throw new ApiError(400, 'The body must be a JSON object such as {"reason": "…"}.')
  return body
}

/** Errors of the requested identity name their path under `identity.`. */
function inIdentity<T>(run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    const errors = Object.fromEntries(
      Object.entries(error.options.errors ?? {}).map(([path, messages]) => [
        `identity.${path}`,
        messages,
      ]),
    )
    throw new ApiError(error.status, `identity: ${error.detail}`, { errors })
  }
}
