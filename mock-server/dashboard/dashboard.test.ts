import { describe, expect, it } from 'vitest'
import { clientAudit } from '../../verify/client-audit.ts'
import { createApp, type MockApp } from '../app.ts'
import {
  accessToken,
  ACME,
  ADMIN,
  admin,
  api,
  restIdentity,
  restTestApp,
  scim,
  scimUser,
  send,
  SCIM,
  V2,
} from '../control/rest-test-client.ts'
import { DEV_ADMIN_TOKEN, DEV_SCIM_KEY, type AppOptions } from '../options.ts'
import type { DashboardReports } from './dashboard-options.ts'

const D = '/_dashboard/accounts/acme'
const FAKE_REPORTS: DashboardReports = {
  render: (report) =>
    `<!DOCTYPE html><title>report</title><pre>${JSON.stringify((report as { summary?: unknown }).summary)}</pre>`,
  inline: { style: ["'sha256-style'"], script: ["'sha256-script'"] },
}

function dashboardApp(options: AppOptions = {}): MockApp {
  return restTestApp({ trafficAudit: clientAudit, ...options })
}

/**
 * Markup with its layout whitespace collapsed (the templates are formatted as HTML), so an
 * assertion reads the markup, not the indentation.
 */
const flat = (text: string) => text.replace(/\s+/g, ' ')

/** The page or a fragment as the browser gets it (with the admin token), its text flattened. */
async function page(app: MockApp, path: string, token: string | undefined = ADMIN) {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {}
  const response = await send(app, path, { headers })
  return { ...response, text: flat(response.text) }
}
const fragment = page

describe('the dashboard page', () => {
  it('is served at / with a policy that runs only its own script and stylesheet', async () => {
    const page = await fragment(createApp(), '/', undefined)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const csp = page.headers.get('content-security-policy') ?? ''
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1] ?? ''
    expect(nonce.length).toBeGreaterThanOrEqual(16)
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain(`style-src 'nonce-${nonce}'`)
    expect(csp).toContain("connect-src 'self'")
    expect(csp).not.toContain('unsafe')
    expect(page.text).toContain(`<script src="/_dashboard/app.js" nonce="${nonce}" defer>`)
    expect(page.text).toContain(
      `<link rel="stylesheet" href="/_dashboard/app.css" nonce="${nonce}" />`,
    )
    // No inline script or style anywhere: every <script> has a src, no style attribute.
    expect(page.text.match(/<script(?![^>]*\ssrc=)/g)).toBeNull()
    expect(page.text).not.toMatch(/\sstyle=|<style/)
    // A fresh nonce per page.
    const again = (await fragment(createApp(), '/', undefined)).headers.get(
      'content-security-policy',
    )
    expect(again).not.toBe(csp)
  })

  it('carries the admin token only when it is the documented development token', async () => {
    const defaults = await fragment(createApp(), '/', undefined)
    expect(defaults.text).toContain(
      `<meta name="clearid-admin-token" content="${DEV_ADMIN_TOKEN}" />`,
    )
    const configured = await fragment(dashboardApp(), '/', undefined)
    expect(configured.text).not.toContain(ADMIN)
    expect(configured.text).not.toContain('clearid-admin-token" content')
    const refused = await fragment(createApp({ dashboard: { tokenInPage: false } }), '/', undefined)
    expect(refused.text).not.toContain(DEV_ADMIN_TOKEN)
  })

  it('is off when the control plane is off, or when asked', async () => {
    for (const app of [createApp({ adminToken: false }), createApp({ dashboard: false })]) {
      const page = await send(app, '/')
      expect(page.status).toBe(404)
      expect(page.body.detail).toBe('No route for GET /.')
      expect((await send(app, '/_dashboard/app.js')).status).toBe(404)
    }
  })

  it('serves its script, stylesheet and icon with their types and no sniffing', async () => {
    const app = createApp()
    for (const [path, type] of [
      ['/_dashboard/app.js', 'text/javascript'],
      ['/_dashboard/app.css', 'text/css'],
      ['/_dashboard/icon.svg', 'image/svg+xml'],
    ] as const) {
      const asset = await send(app, path)
      expect(asset.status, path).toBe(200)
      expect(asset.headers.get('content-type')).toContain(type)
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })
})

describe('the dashboard fragments', () => {
  it('need the admin token, as the control plane does, and an account that exists', async () => {
    const app = dashboardApp()
    for (const path of [
      `${D}/overview`,
      `${D}/identities`,
      `${D}/live`,
      '/_dashboard/report/latest',
    ]) {
      const anonymous = await send(app, path)
      expect(anonymous.status, path).toBe(401)
      expect(anonymous.headers.get('www-authenticate')).toContain('Bearer')
      expect((await fragment(app, path, 'wrong-token')).status, path).toBe(401)
    }
    const unknown = await fragment(app, '/_dashboard/accounts/nobody/overview')
    expect(unknown.status).toBe(404)
    expect(unknown.body.detail).toBe('Account "nobody" does not exist.')
  })

  it('shows what a client needs to connect, and a SCIM key only when it is the development key', async () => {
    const app = dashboardApp()
    const overview = await fragment(app, `${D}/overview`)
    expect(overview.status).toBe(200)
    expect(overview.headers.get('cache-control')).toBe('no-store')
    expect(overview.text).toContain('http://localhost/scim/v2/accounts/acme')
    expect(overview.text).toContain(ACME.clientId)
    expect(overview.text).toContain('http://localhost/sts/connect/token')
    expect(overview.text).not.toContain(ACME.scimKey)
    expect(overview.text).not.toContain(ACME.clientSecret)

    const dev = createApp()
    const devOverview = await fragment(dev, '/_dashboard/accounts/demo/overview', DEV_ADMIN_TOKEN)
    expect(devOverview.text).toContain(`data-secret="${DEV_SCIM_KEY}"`)
  })

  it('lists identities newest first with their source, and escapes what clients sent', async () => {
    const app = dashboardApp()
    expect((await scim(app, 'POST', '/Users', scimUser('e-1'))).status).toBe(201)
    const hostile = scimUser('e-2', {}, { displayName: '<img src=x onerror=alert(1)>' })
    expect((await scim(app, 'POST', '/Users', hostile)).status).toBe(201)
    const token = await accessToken(app)
    expect((await api(app, token, 'POST', V2, restIdentity('e-3'))).status).toBe(201)
    const seeded = await admin(app, 'POST', '/accounts/acme/identities/seed', {
      faker: { seed: 7, count: 2 },
    })
    expect(seeded.status).toBe(201)

    const list = await fragment(app, `${D}/identities`)
    expect(list.text).toContain('1–5 of <b id="identity-total">5</b> identities, newest first')
    expect(list.text).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(list.text).not.toContain('<img src=x')
    const sources = [...list.text.matchAll(/badge source-(\w+)/g)].map((m) => m[1])
    expect(sources).toEqual(['seed', 'seed', 'rest', 'scim', 'scim'])

    const search = await fragment(app, `${D}/identities?q=E-1`)
    expect(search.text).toContain('1–1 of <b id="identity-total">1</b> matches for <q>e-1</q>')
  })

  it('shows one identity as SCIM and as REST, side by side', async () => {
    const app = dashboardApp()
    const created = await scim(app, 'POST', '/Users', scimUser('e-9', { email: 'e9@example.com' }))
    const detail = await fragment(app, `${D}/identities/${created.body.id}`)
    expect(detail.status).toBe(200)
    const [scimSide, restSide] = detail.text.split('<h4>REST identity</h4>')
    expect(scimSide).toContain('&quot;userName&quot;: &quot;e-9@example.com&quot;')
    expect(scimSide).toContain(`GET http://localhost${SCIM}/Users/${created.body.id}`)
    expect(restSide).toContain(`&quot;identityId&quot;: &quot;${created.body.id}&quot;`)
    expect(restSide).toContain('&quot;externalId&quot;: &quot;e-9&quot;')
    expect(restSide).not.toContain('userName')
    expect(detail.text).toContain('Last written through SCIM.')
    expect((await fragment(app, `${D}/identities/not-an-id`)).status).toBe(404)
  })

  it('shows an exchange with the client audit’s findings and no secret', async () => {
    const app = dashboardApp()
    // A string boolean and no externalId: findings; the key also sent where it does not belong.
    await send(app, `${SCIM}/Users`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${ACME.scimKey}`,
        'Content-Type': 'application/scim+json',
        'X-Debug': ACME.scimKey,
      },
      body: JSON.stringify({ userName: 'x@example.com', active: 'True' }),
    })
    const seq = app.mock.traffic.stats('acme').lastSeq
    const detail = await fragment(app, `${D}/traffic/${seq}`)
    expect(detail.status).toBe(200)
    expect(detail.text).toContain('CLI-ATTR-002')
    expect(detail.text).toContain('sev-error')
    expect(detail.text).toContain('authorization: Bearer [REDACTED]')
    expect(detail.text).not.toContain(ACME.scimKey)
    const gone = await fragment(app, `${D}/traffic/${seq + 5}`)
    expect(gone.status).toBe(404)
    expect(gone.body.detail).toContain('keeps the last 1000')
    const odd = await fragment(app, `${D}/traffic/abc`)
    expect(odd.status).toBe(400)
    expect(odd.body.detail).toBe('"abc" is not an exchange number (1, 2, 3…).')
  })

  it('says an exchange is not judged when the mock has no client audit', async () => {
    const app = restTestApp()
    await scim(app, 'GET', '/Users')
    const detail = await fragment(app, `${D}/traffic/1`)
    expect(detail.text).toContain('Not judged')
  })

  it('lists faults with a way to remove the account’s own', async () => {
    const app = dashboardApp({ faults: [{ route: 'GET /Users', latency: 1 }] })
    const added = await admin(app, 'POST', '/accounts/acme/faults', {
      text: 'route=POST /Users,status=503,next=2',
    })
    const id = added.body.faults[0].id as string
    const faults = await fragment(app, `${D}/faults`)
    expect(faults.text).toContain(
      `data-call="DELETE" data-url="/_admin/accounts/acme/faults/${id}"`,
    )
    expect(faults.text).toContain('every account (option faults)')
    expect(
      faults.text.match(/data-call="DELETE" data-url="\/_admin\/accounts\/acme\/faults\/f/g),
    ).toHaveLength(1)
  })

  it('shows webhooks without their app key, and a webhook’s delivery log', async () => {
    const app = dashboardApp({ webhookFetch: async () => new Response(null, { status: 200 }) })
    const hook = await admin(app, 'POST', '/accounts/acme/webhooks', {
      name: 'HR sync',
      url: 'https://receiver.example/hook',
      event: 'IdentityCreated',
      appKey: 'webhook-app-key-1234',
    })
    expect(hook.status).toBe(201)
    await scim(app, 'POST', '/Users', scimUser('e-4'))
    await app.mock.webhooks.drain()
    const list = await fragment(app, `${D}/webhooks`)
    expect(list.text).toContain('https://receiver.example/hook')
    expect(list.text).toContain('app key set')
    expect(list.text).not.toContain('webhook-app-key-1234')
    const log = await fragment(app, `${D}/webhooks/${hook.body.webhookId}/log`)
    expect(log.text).toContain('IdentityCreated')
    expect(log.text).toContain('200 OK')
  })
})

describe('the live feed', () => {
  async function* events(response: Response) {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let buffer = ''
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        buffer += value
        let end
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.*)$/m.exec(block)?.[1]
          const data = /^data: (.*)$/m.exec(block)?.[1]
          if (event) yield { event, data: JSON.parse(data ?? 'null') }
        }
      }
    } finally {
      await reader.cancel()
    }
  }

  it('sends each new exchange as a row with its verdict, and says when identities change', async () => {
    const app = dashboardApp()
    // Counts the feed's identity listeners, to see it stop listening when the page goes.
    const subscribe = app.mock.events.subscribe.bind(app.mock.events)
    let listening = 0
    app.mock.events.subscribe = (listener) => {
      listening++
      const unsubscribe = subscribe(listener)
      return () => {
        listening--
        return unsubscribe()
      }
    }
    await scim(app, 'GET', '/Users')
    const response = await app.request(`${D}/live?since=1`, {
      headers: { Authorization: `Bearer ${ADMIN}` },
    })
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    const seen: string[] = []
    let row: { seq: number; route: string; verdict: string; html: string } | undefined
    for await (const { event, data } of events(response)) {
      seen.push(event)
      if (event === 'hello') {
        expect(data).toEqual({ lastSeq: 1, lastRequestSeq: 1, judged: true })
        await scim(app, 'POST', '/Users', scimUser('live-1'))
      }
      if (event === 'traffic') row = data.rows[0]
      if (seen.includes('traffic') && seen.includes('identities')) break
    }
    expect(seen[0]).toBe('hello')
    // The exchange before `since` is not sent again.
    expect(row).toMatchObject({ seq: 2, route: 'POST /Users', verdict: 'ok' })
    expect(flat(row?.html ?? '')).toContain('<b class="method">POST</b>')
    expect(flat(row?.html ?? '')).toContain('<span class="status s2xx">201</span>')
    // The page went away (the reader was cancelled): the feed no longer listens.
    expect(listening).toBe(0)
  })

  it('sends each REST call as a row of its own, and shows it on click without its secrets', async () => {
    const app = dashboardApp()
    const token = await accessToken(app)
    await api(app, token, 'POST', V2, restIdentity('rest-1'))
    const response = await app.request(`${D}/live?requestsSince=1`, {
      headers: { Authorization: `Bearer ${ADMIN}` },
    })
    const rows: { seq: number; route: string; verdict: string; html: string }[] = []
    for await (const { event, data } of events(response)) {
      if (event === 'hello') {
        await scim(app, 'GET', '/Users')
        await api(app, token, 'GET', `${V2}/${'0'.repeat(8)}?access_token=${token}`)
      }
      if (event === 'requests') rows.push(...data.rows)
      if (rows.length > 0) break
    }
    // The POST before `requestsSince` is not sent again, and the SCIM GET is a traffic row.
    expect(rows.map(({ seq, route, verdict }) => ({ seq, route, verdict }))).toEqual([
      { seq: 3, route: 'GET identityservice v2 /identities/{id}', verdict: 'unjudged' },
    ])
    expect(rows[0]!.html).not.toContain(token)
    const detail = await page(app, `${D}/requests/3`)
    expect(detail.status).toBe(200)
    expect(detail.text).toContain('HTTP 404')
    expect(detail.text).toContain('access_token=')
    expect(detail.text).not.toContain(token)
    expect((await page(app, `${D}/requests/99`)).status).toBe(404)
    expect((await page(app, `${D}/requests/x`)).status).toBe(400)
  })

  it('tells the page when the faults change, even when a fault comes and goes between two looks', async () => {
    const app = dashboardApp()
    const response = await app.request(`${D}/live`, {
      headers: { Authorization: `Bearer ${ADMIN}` },
    })
    const seen: string[] = []
    for await (const { event } of events(response)) {
      seen.push(event)
      if (event === 'hello') {
        // Added and used up at once: the list is empty before and after.
        await admin(app, 'POST', '/accounts/acme/faults', {
          text: 'route=GET /Users,status=503,next=1',
        })
        expect((await scim(app, 'GET', '/Users')).status).toBe(503)
      }
      if (event === 'faults') break
    }
    expect(seen).toEqual(['hello', 'traffic', 'faults'])
    expect(app.mock.faults.list('acme')).toEqual([])
  })
})

describe('the Report tab', () => {
  it('renders the client report of the account’s traffic with the renderer passed in', async () => {
    const app = dashboardApp({ dashboard: { reports: FAKE_REPORTS } })
    await scim(app, 'GET', '/Users')
    const page = await fragment(app, `${D}/report/client`)
    expect(page.status).toBe(200)
    expect(page.text).toMatch(/^<!DOCTYPE html><title>report<\/title><pre>\{"verdict"/)
    expect(page.headers.get('content-security-policy')).toBe(
      "sandbox allow-scripts; default-src 'none'; style-src 'sha256-style'; script-src 'sha256-script'; frame-ancestors 'self'",
    )
    // The page that frames it allows exactly the report's inline code, nothing else.
    const csp = (await send(app, '/')).headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/script-src 'nonce-[^']+' 'sha256-script';/)
    expect(csp).toMatch(/style-src 'nonce-[^']+' 'sha256-style';/)
  })

  it('says what is missing rather than failing', async () => {
    const bare = restTestApp()
    const choices = await fragment(bare, `${D}/report`)
    expect(choices.text).toContain('This mock renders no report')
    const page = await fragment(bare, `${D}/report/client`)
    expect(page.status).toBe(501)
    expect(page.body.detail).toContain('dashboard.reports')

    const missing = dashboardApp({
      dashboard: {
        reports: { ...FAKE_REPORTS, latest: async () => ({ error: 'No report yet.' }) },
      },
    })
    expect((await fragment(missing, `${D}/report`)).text).toContain('No report yet.')
    const latest = await fragment(missing, '/_dashboard/report/latest')
    expect(latest.status).toBe(404)
    expect(latest.body.detail).toBe('No report yet.')
  })
})
