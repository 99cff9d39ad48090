/**
 * The dashboard at `/`: the page and its files (public, they hold no data), and under
 * `/_dashboard/accounts/{id}/` the fragments each tab shows and the live feed, behind the control
 * plane's admin token. Every action the page takes (a new key, seeding, a fault, a webhook) is a
 * request to the control plane itself (`/_admin/`), so the dashboard adds no second way to change
 * anything. The fragments are HTML for this page, not an API: the control plane's JSON is that.
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import { cloneIdentity } from '../../model/identity.ts'
import { DEV_SCIM_KEY } from '../options.ts'
import { randomSecret } from '../accounts/secrets.ts'
import type { MockContext } from '../context.ts'
import { adminAuth } from '../control/admin-auth.ts'
import { publicBaseOf } from '../control/public-base.ts'
import { ApiError } from '../errors/api-error.ts'
import { purgeExpiredDeletions } from '../identity-changes.ts'
import { ALL_SECTIONS, toRestIdentity } from '../rest/identity-shape.ts'
import { IDENTITY_V2_MOUNT } from '../rest/identity-routes.ts'
import { toScimUser } from '../scim/user-resource.ts'
import { STS_MOUNT, TOKEN_PATH } from '../sts/constants.ts'
import { logRange } from '../webhooks/delivery-log.ts'
import { SCRIPT } from './client-script.ts'
import { STYLE } from './client-style.ts'
import { DASHBOARD_HEADERS, dashboardCsp } from './csp.ts'
import type { DashboardReports } from './dashboard-options.ts'
import { faultsView } from './fault-views.ts'
import { ICON } from './icon.ts'
import { searchIdentities } from './identity-search.ts'
import { identityDetail, identityTable } from './identity-views.ts'
import { JudgedTraffic } from './judged-traffic.ts'
import { liveStream } from './live-stream.ts'
import { segment, type Markup } from './markup.ts'
import { overviewView } from './overview-view.ts'
import { reportChoices } from './report-views.ts'
import { shellPage } from './shell-page.ts'
import { exchangeDetail, requestDetail } from './traffic-views.ts'
import { deliveryLogView, webhooksView } from './webhook-views.ts'

export const DASHBOARD_MOUNT = '/_dashboard'

export interface DashboardSetup {
  readonly adminToken: string
  readonly tokenInPage: boolean
  readonly reports?: DashboardReports
  /** `allowInsecureLoopbackWebhooks`, to say on the Webhooks tab which URLs are taken. */
  readonly insecureLoopbackWebhooks: boolean
}

const FRAGMENT_HEADERS = { ...DASHBOARD_HEADERS, 'Cache-Control': 'no-store' }
const ASSET_HEADERS = { ...DASHBOARD_HEADERS, 'Cache-Control': 'no-cache' }

/** Mounts the page at `/` and its routes under `/_dashboard`. */
export function installDashboard(app: Hono, ctx: MockContext, setup: DashboardSetup): void {
  const inline = setup.reports?.inline
  app.get('/', (c) => {
    const nonce = randomSecret(16)
    const page = shellPage({
      nonce,
      ...(setup.tokenInPage && { adminToken: setup.adminToken }),
    })
    return c.html(page, 200, {
      ...FRAGMENT_HEADERS,
      'Content-Security-Policy': dashboardCsp(nonce, inline),
    })
  })
  app.route(DASHBOARD_MOUNT, dashboardRouter(ctx, setup))
}

function dashboardRouter(ctx: MockContext, setup: DashboardSetup): Hono {
  const app = new Hono()
  const judged = new JudgedTraffic(ctx)
  const asset = (type: string, text: string) => (c: Context) =>
    c.body(text, 200, { ...ASSET_HEADERS, 'Content-Type': type })
  app.get('/app.js', asset('text/javascript; charset=utf-8', SCRIPT))
  app.get('/app.css', asset('text/css; charset=utf-8', STYLE))
  app.get('/icon.svg', asset('image/svg+xml', ICON))

  const auth = adminAuth(setup.adminToken)
  app.use('/accounts/*', auth)
  app.use('/report/*', auth)
  app.use('/accounts/:accountId/*', async (c, next) => {
    const id = c.req.param('accountId')
    if (!ctx.accounts.get(id))
      throw new ApiError(404, `Account "${id.slice(0, 64)}" does not exist.`)
    await next()
  })
  const account = (c: Context) => c.req.param('accountId') ?? ''
  const base = (c: Context) => `${DASHBOARD_MOUNT}/accounts/${segment(account(c))}`
  const fragment = (c: Context, markup: Markup) => c.html(markup, 200, FRAGMENT_HEADERS)

  app.get('/accounts/:accountId/overview', (c) => {
    const id = account(c)
    purgeExpiredDeletions(ctx, id)
    const origin = publicBaseOf(ctx, c)
    const key = ctx.accounts.get(id)?.scimKey
    const all = ctx.store.count(id, true)
    const live = ctx.store.count(id, false)
    const reset = ctx.scimResets.status(id)
    return fragment(
      c,
      overviewView({
        accountId: id,
        tenantUrl: `${origin}/scim/v2/accounts/${id}`,
        tokenEndpoint: `${origin}${STS_MOUNT}${TOKEN_PATH}`,
        ...(key && { scimKey: { name: key.name, createdUtc: key.createdAt } }),
        ...(ctx.accounts.verifyScimKey(id, DEV_SCIM_KEY) && { developmentKey: DEV_SCIM_KEY }),
        integrations: ctx.integrations.list(id).map((i) => ({
          name: i.name,
          clientId: i.clientId,
          keyGeneratedUtc: i.credential?.generatedAt ?? null,
        })),
        identities: live,
        deletedIdentities: all - live,
        ...(reset && { reset }),
        traffic: { ...ctx.traffic.stats(id), enabled: ctx.traffic.enabled },
        audit: judged.judges,
        faultHeaders: ctx.faults.headersEnabled,
      }),
    )
  })

  app.get('/accounts/:accountId/identities', (c) => {
    const page = searchIdentities(ctx.store, account(c), {
      q: c.req.query('q') ?? '',
      page: Number(c.req.query('page') ?? 1),
      includeDeleted: c.req.query('deleted') === '1',
    })
    return fragment(c, identityTable(base(c), page))
  })

  app.get('/accounts/:accountId/identities/:identityId', (c) => {
    const id = account(c)
    const identity = ctx.store.get(id, c.req.param('identityId'))
    if (!identity) throw new ApiError(404, 'No identity with this id in the account.')
    const origin = publicBaseOf(ctx, c)
    const scimBase = `${origin}/scim/v2/accounts/${id}`
    const restBase = `${origin}${IDENTITY_V2_MOUNT.replace(':accountId', id)}`
    return fragment(
      c,
      identityDetail({
        identity,
        scim: toScimUser(cloneIdentity(identity), scimBase),
        rest: toRestIdentity(identity, ALL_SECTIONS),
        scimUrl: `${scimBase}/Users/${identity.id}`,
        restUrl: `${restBase}/identities/${identity.id}?include=${[...ALL_SECTIONS].join(',')}`,
      }),
    )
  })

  app.get('/accounts/:accountId/traffic/:seq', (c) => {
    const id = account(c)
    const seq = exchangeNumber(c.req.param('seq'))
    const records = ctx.traffic.records(id)
    const index = records.findIndex((r) => r.seq === seq)
    const record = records[index]
    if (!record) {
      throw new ApiError(
        404,
        `Exchange #${String(seq).slice(0, 20)} is not in the traffic log, which keeps the last ${ctx.traffic.capacity}.`,
      )
    }
    return fragment(c, exchangeDetail(record, judged.findings(id, records, index)))
  })

  app.get('/accounts/:accountId/requests/:seq', (c) => {
    const seq = exchangeNumber(c.req.param('seq'))
    const entry = ctx.requestLog.after(account(c), seq - 1).find((e) => e.seq === seq)
    if (!entry) {
      throw new ApiError(
        404,
        `REST request #${seq} is not in the request log, which keeps the last ones only.`,
      )
    }
    return fragment(c, requestDetail(entry))
  })

  app.get('/accounts/:accountId/live', (c) => {
    const since = Number(c.req.query('since') ?? 0)
    const requestsSince = Number(c.req.query('requestsSince') ?? 0)
    return liveStream(c, {
      ctx,
      judged,
      accountId: account(c),
      base: base(c),
      since: Number.isFinite(since) ? since : 0,
      requestsSince: Number.isFinite(requestsSince) ? requestsSince : 0,
    })
  })

  app.get('/accounts/:accountId/faults', (c) =>
    fragment(c, faultsView(account(c), ctx.faults.list(account(c)), ctx.faults.headersEnabled)),
  )

  app.get('/accounts/:accountId/webhooks', (c) =>
    fragment(
      c,
      webhooksView(account(c), ctx.webhooks.list(account(c)), setup.insecureLoopbackWebhooks),
    ),
  )
  app.get('/accounts/:accountId/webhooks/:webhookId/log', (c) => {
    const webhook = ctx.webhooks.require(account(c), c.req.param('webhookId'))
    const entries = ctx.webhooks.log.query(webhook.id, logRange(undefined, undefined, ctx.clock()))
    return fragment(c, deliveryLogView(webhook, entries.slice(0, 200)))
  })

  app.get('/accounts/:accountId/report', async (c) => {
    const latest = await setup.reports?.latest?.()
    return fragment(
      c,
      reportChoices({
        accountId: account(c),
        renders: setup.reports !== undefined,
        audits: ctx.trafficAudit !== undefined,
        ...(latest && { latest: 'error' in latest ? latest : { source: latest.source } }),
      }),
    )
  })
  app.get('/accounts/:accountId/report/client', (c) => {
    const reports = renderer(setup)
    const id = account(c)
    const auditor = judged.auditor(id)
    if (!auditor) {
      throw new ApiError(501, 'This mock has no client audit: pass trafficAudit to createApp.')
    }
    const report = auditor.audit(ctx.traffic.records(id), {
      accountId: id,
      tenantUrl: `${publicBaseOf(ctx, c)}/scim/v2/accounts/${id}`,
    })
    return reportPage(c, reports, reports.render(report))
  })
  app.get('/report/latest', async (c) => {
    const reports = renderer(setup)
    if (!reports.latest) throw new ApiError(404, 'This mock knows of no conformance report.')
    const latest = await reports.latest()
    if ('error' in latest) throw new ApiError(404, latest.error)
    return reportPage(c, reports, reports.render(latest.report))
  })
  return app
}

function renderer(setup: DashboardSetup): DashboardReports {
  if (!setup.reports) {
    throw new ApiError(501, 'This mock renders no report: pass dashboard.reports to createApp.')
  }
  return setup.reports
}

/** A report page as the frame gets it; fetched with the token, never navigated to. */
function reportPage(c: Context, reports: DashboardReports, page: string): Response {
  const { style, script } = reports.inline
  return c.html(page, 200, {
    ...FRAGMENT_HEADERS,
    'Content-Security-Policy': `sandbox allow-scripts; default-src 'none'; style-src ${style.join(' ')}; script-src ${script.join(' ')}; frame-ancestors 'self'`,
  })
}

/** `1`, `2`, `3`…: the number in `/traffic/{seq}` and `/requests/{seq}`. */
function exchangeNumber(text: string): number {
  if (!/^[1-9]\d{0,14}$/.test(text)) {
    throw new ApiError(400, `"${text.slice(0, 20)}" is not an exchange number (1, 2, 3…).`)
  }
  return Number(text)
}
