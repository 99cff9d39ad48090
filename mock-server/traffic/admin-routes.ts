/**
 * Control-plane routes of client verification, mounted by the admin router at
 * `/_admin/accounts/{accountId}` (behind its admin token and account check):
 *
 * - `GET /traffic[?since=seq]`, `GET /traffic.ndjson`, `DELETE /traffic`: the recorded exchanges;
 * - `GET /audit`: the client compliance report (`run.judged: 'client'`) over them;
 * - `GET|POST|DELETE /faults`, `DELETE /faults/{faultId}`: the account's fault rules.
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { FaultSpecError, toFaultRule, type FaultRule } from '../faults/fault-rule.ts'
import { faultRuleFromText } from '../faults/fault-text.ts'
import { readJsonBody } from '../http/read-json-body.ts'
import type { TrafficAuditor } from './client-verification.ts'
import { toNdjson } from './session.ts'

const BODY_LIMITS = { maxBytes: 64 * 1024, maxDepth: 16, mediaTypes: ['application/json'] }
const MAX_FAULTS_PER_REQUEST = 50

export function clientVerificationAdminRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  const auditors = new Map<string, TrafficAuditor>()
  const account = (c: Context) => c.req.param('accountId') ?? ''

  app.get('/traffic', (c) => {
    const since = Number(c.req.query('since') ?? 0)
    const records = ctx.traffic.records(account(c), Number.isFinite(since) ? since : 0)
    return c.json({ account: account(c), ...ctx.traffic.stats(account(c)), records })
  })
  app.get('/traffic.ndjson', (c) =>
    c.body(toNdjson(ctx.traffic.records(account(c))), 200, {
      'Content-Type': 'application/x-ndjson',
    }),
  )
  app.delete('/traffic', (c) => {
    ctx.traffic.clear(account(c))
    auditors.delete(account(c))
    return c.body(null, 204)
  })
  app.get('/audit', (c) => {
    const id = account(c)
    const makeAuditor = ctx.trafficAudit
    if (makeAuditor === undefined) {
      throw new ApiError(
        501,
        'This mock records traffic but has no client audit: pass `trafficAudit: clientAudit` ' +
          "(from 'clearid-conformance/verify') to createApp, or run `clearid-conformance verify-client`.",
      )
    }
    const auditor = auditors.get(id) ?? makeAuditor()
    auditors.set(id, auditor)
    const tenantUrl = `${new URL(c.req.url).origin}/scim/v2/accounts/${id}`
    return c.json(auditor.audit(ctx.traffic.records(id), { accountId: id, tenantUrl }) as object)
  })
  app.get('/faults', (c) => c.json({ faults: ctx.faults.list(account(c)) }))
  app.post('/faults', async (c) => {
    const rules = faultRulesOf(await readJsonBody(c, BODY_LIMITS))
    const faults = rules.map((rule) => ctx.faults.add(rule, account(c)))
    return c.json({ faults }, 201)
  })
  app.delete('/faults', (c) => {
    ctx.faults.clear(account(c))
    return c.body(null, 204)
  })
  app.delete('/faults/:faultId', (c) => {
    if (!ctx.faults.remove(account(c), c.req.param('faultId'))) {
      throw new ApiError(404, `No fault "${c.req.param('faultId').slice(0, 40)}" on this account.`)
    }
    return c.body(null, 204)
  })
  return app
}

/** A spec, a list of specs, or `{ "text": "status=503,next=2" }`; all validated before any is added. */
function faultRulesOf(body: unknown): FaultRule[] {
  const items = Array.isArray(body) ? body : [body]
  if (items.length === 0 || items.length > MAX_FAULTS_PER_REQUEST) {
    throw new ApiError(400, `Send 1 to ${MAX_FAULTS_PER_REQUEST} faults per request.`)
  }
  return items.map((item, index) => {
    try {
      const text =
        typeof item === 'object' && item !== null && 'text' in item
          ? (item as { text: unknown }).text
          : undefined
      return typeof text === 'string' ? faultRuleFromText(text) : toFaultRule(item)
    } catch (error) {
      if (!(error instanceof FaultSpecError)) throw error
      const where = items.length > 1 ? `Fault ${index + 1}: ` : ''
      throw new ApiError(400, `${where}${error.message}`)
    }
  })
}
