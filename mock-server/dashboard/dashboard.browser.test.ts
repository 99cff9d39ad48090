/**
 * The dashboard in a real browser (Debian's headless Chromium), against the mock on a real port as
 * `npm start` serves it: the page loads without a console error or a request elsewhere, a SCIM
 * request shows up in the identity table and the live traffic within a second, a fault added on the
 * page answers the next SCIM request, and a phone-sized screen stays usable. Skipped, with the
 * reason, when /usr/bin/chromium is missing; `.ci/run` installs it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dashboardReports } from '../../cli/commands/serve-dashboard.ts'
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from '../../reports/scripts/chromium.ts'
import { clientAudit } from '../../verify/client-audit.ts'
import { createApp, type MockApp } from '../app.ts'
import { startServer, type RunningServer } from '../node/serve.ts'
import { DEV_ADMIN_TOKEN, DEV_CLIENT_SECRET, DEV_SCIM_KEY, devClientId } from '../options.ts'

const available = chromiumAvailable()
if (!available)
  console.warn(
    `Dashboard browser tests skipped: ${CHROMIUM_PATH} not found (apt-get install chromium)`,
  )

const EXT = 'urn:ietf:params:scim:schemas:extension:clearid:2.0:User'
const DESKTOP = { width: 1280, height: 900 }
const PHONE = { width: 390, height: 844 }

function scimUser(externalId: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', EXT],
    userName: `${externalId}@contoso.com`,
    displayName: `Browser ${externalId}`,
    active: true,
    [EXT]: { externalId, firstName: 'Grace', lastName: 'Hopper' },
  }
}

describe.skipIf(!available)('dashboard in Chromium', () => {
  const reportsDir = mkdtempSync(join(tmpdir(), 'dashboard-reports-'))
  let app: MockApp
  let server: RunningServer
  let browser: Browser
  // One page for the whole suite, as a developer keeps it open: a new page costs seconds on a
  // loaded machine, and the live feed must keep up across everything the tests do.
  let page: Page
  const errors: string[] = []
  const elsewhere: string[] = []

  beforeAll(async () => {
    app = createApp({
      trafficAudit: clientAudit,
      dashboard: { reports: dashboardReports(reportsDir) },
    })
    server = await startServer(app, 0)
    browser = await launchChromium()
    page = await browser.newPage({ viewport: DESKTOP })
    page.on('pageerror', (error) => errors.push(String(error)))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) elsewhere.push(request.url())
    })
    await page.goto(`${server.url}/`)
    await page.locator('#live[data-state="on"]').waitFor()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    rmSync(reportsDir, { recursive: true, force: true })
  })

  const tenant = () => `${server.url}/scim/v2/accounts/demo`
  function send(method: string, path: string, body?: unknown, key = DEV_SCIM_KEY) {
    return fetch(`${tenant()}${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/scim+json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
  }
  /** Opens a tab and waits until its fragment is in place (the page marks it aria-busy till then). */
  async function tab(name: string) {
    await page.click(`[data-tab="${name}"]`)
    await page.locator(`#panel-${name}`).waitFor()
    if (name !== 'traffic') await page.locator(`#${name}:not([aria-busy])`).waitFor()
  }

  it('loads with no console error and no request to another origin', async () => {
    await page.locator('#tenant-url').waitFor()
    expect(await page.textContent('#tenant-url')).toBe(tenant())
    expect(await page.locator('#connect').getByText('Development key').isVisible()).toBe(true)
    for (const name of ['identities', 'traffic', 'faults', 'webhooks', 'report', 'overview']) {
      await tab(name)
    }
    expect(errors).toEqual([])
    expect(elsewhere).toEqual([])
  })

  it('shows a SCIM POST in the identity table and in the live traffic within a second', async () => {
    await tab('identities')
    await page.locator('#identities .meta').waitFor()
    const created = await send('POST', '/Users', scimUser('live-1'))
    expect(created.status).toBe(201)
    const since = Date.now()
    const row = page.locator('#identities tr', { hasText: 'live-1@contoso.com' })
    await row.waitFor({ timeout: 1000 })
    const seq = app.mock.traffic.stats('demo').lastSeq
    const exchange = page.locator(`#traffic tr[data-seq="${seq}"]`)
    await exchange.waitFor({ state: 'attached', timeout: 1000 })
    expect(Date.now() - since).toBeLessThan(1000)

    await row.click()
    const detail = page.locator('#identity-detail')
    await detail.getByText('SCIM User').waitFor()
    expect(await detail.locator('pre.json').first().textContent()).toContain(
      '"userName": "live-1@contoso.com"',
    )
    expect(await detail.locator('pre.json').nth(1).textContent()).toContain(
      '"externalId": "live-1"',
    )

    await tab('traffic')
    expect(await exchange.getAttribute('data-route')).toBe('POST /Users')
    expect(await exchange.locator('.status').textContent()).toContain('201')
    await exchange.click()
    const shown = page.locator('#exchange pre.exchange').first()
    await shown.waitFor()
    expect(await shown.textContent()).toContain('authorization: Bearer [REDACTED]')
    expect(await page.locator('#exchange').textContent()).not.toContain(DEV_SCIM_KEY)
    expect(errors).toEqual([])
  })

  it('shows a REST call in the live traffic too, marked as not judged', async () => {
    await tab('traffic')
    const token = await fetch(`${server.url}/sts/connect/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: devClientId('demo'),
        client_secret: DEV_CLIENT_SECRET,
      }).toString(),
    }).then(async (response) => ((await response.json()) as { access_token: string }).access_token)
    const since = Date.now()
    const listed = await fetch(
      `${server.url}/identityservice/api/v3/accounts/demo/identities?externalId=live-1`,
      { headers: { Authorization: `Bearer ${token}` } },
    )
    expect(listed.status).toBe(200)
    const row = page.locator('#traffic tr[data-request]', { hasText: 'externalId=live-1' })
    await row.waitFor({ state: 'attached', timeout: 1000 })
    expect(Date.now() - since).toBeLessThan(1000)
    expect(await row.getAttribute('data-route')).toBe('GET identityservice v3 /identities')
    expect(await row.getAttribute('data-verdict')).toBe('unjudged')
    await row.click()
    await page.locator('#exchange', { hasText: 'HTTP 200' }).waitFor()
    expect(await page.locator('#exchange').textContent()).not.toContain(token)
    expect(errors).toEqual([])
  })

  it('filters the live traffic by route and by verdict', async () => {
    await tab('traffic')
    await send('GET', '/Users?filter=userName+eq+%22nobody%22')
    // No externalId and a string boolean: the client audit finds errors in it.
    await send('POST', '/Users', { userName: 'sloppy@contoso.com', active: 'True' })
    const sloppy = page.locator('#traffic tbody tr', { hasText: '400' }).first()
    await sloppy.waitFor()
    expect(await sloppy.getAttribute('data-verdict')).toBe('error')
    const shown = (attribute: string) =>
      page.$$eval(
        '#traffic tbody tr:not([hidden])',
        (rows, name) => rows.map((r) => r.getAttribute(name)),
        attribute,
      )
    await page.selectOption('#traffic-filter select[name=verdict]', 'error')
    const verdicts = await shown('data-verdict')
    expect(verdicts.length).toBeGreaterThan(0)
    expect(new Set(verdicts)).toEqual(new Set(['error']))
    await page.selectOption('#traffic-filter select[name=verdict]', '')
    await page.selectOption('#traffic-filter select[name=route]', 'GET /Users')
    expect(new Set(await shown('data-route'))).toEqual(new Set(['GET /Users']))
    await page.selectOption('#traffic-filter select[name=route]', '')
    expect(errors).toEqual([])
  })

  it('adds a fault from the page, and the next SCIM request answers it', async () => {
    await tab('faults')
    const input = page.locator('#faults input[name="text"]')
    await input.fill('route=POST /Users,status=503,next=1')
    // Another fault arrives meanwhile (the CLI, a test): the tab refreshes, the typing stays.
    const other = await fetch(`${server.url}/_admin/accounts/demo/faults`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEV_ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'route=DELETE /Groups/*,status=500,next=1' }),
    })
    expect(other.status).toBe(201)
    await page.locator('#fault-list tr', { hasText: 'DELETE /Groups' }).waitFor()
    expect(await input.inputValue()).toBe('route=POST /Users,status=503,next=1')
    await page.click('#faults button[type="submit"]')
    await page.locator('#fault-list tr', { hasText: 'POST /Users' }).waitFor()

    const refused = await send('POST', '/Users', scimUser('fault-1'))
    expect(refused.status).toBe(503)
    // Used once, the fault retires, and the page hears of it.
    await page.locator('#fault-list tr', { hasText: 'POST /Users' }).waitFor({ state: 'detached' })
    await page.click('#faults button:has-text("Remove all")')
    await page.locator('#no-faults').waitFor()
    expect((await send('POST', '/Users', scimUser('fault-1'))).status).toBe(201)
    await tab('traffic')
    await page.locator('#traffic tr[data-fault="yes"]', { hasText: '503' }).first().waitFor()
    expect(errors).toEqual([])
  })

  it('generates a SCIM key on the page, shown once, and the old key stops working', async () => {
    await tab('overview')
    page.once('dialog', (dialog) => void dialog.accept())
    await page.click('text=Generate a new SCIM key')
    const box = page.locator('#new-key')
    await box.waitFor()
    await box.locator('[data-reveal]').click()
    // A new identity makes the live feed reload the overview: the key stays shown, revealed.
    const issued = (await box.locator('[data-copy]').getAttribute('data-copy')) ?? ''
    const reloaded = page.waitForResponse((r) => r.url().endsWith('/overview'))
    expect((await send('POST', '/Users', scimUser('key-1'), issued)).status).toBe(201)
    await reloaded
    await box.locator('.secret', { hasNotText: '•' }).waitFor({ timeout: 2000 })
    const key = (await box.locator('.secret').textContent()) ?? ''
    expect(key.length).toBeGreaterThan(20)
    expect((await send('GET', '/Users', undefined, DEV_SCIM_KEY)).status).toBe(401)
    expect((await send('GET', '/Users', undefined, key)).status).toBe(200)
    // The development key back, for the tests after this one.
    app.mock.accounts.setScimKey('demo', 'Development key', DEV_SCIM_KEY)
    expect(errors).toEqual([])
  })

  it('shows the client report of the traffic, its filters working in the frame', async () => {
    await tab('report')
    await page.click('[data-report$="/report/client"]')
    const frame = page.frameLocator('#report-frame')
    await frame.locator('#filters').waitFor()
    expect(await frame.locator('article.rule').count()).toBeGreaterThan(10)
    expect(await page.locator('#report').textContent()).toContain('npm run conformance writes one')
    expect(errors).toEqual([])
  })

  it('stays usable on a phone: no sideways scrolling, every tab in reach, details open', async () => {
    await page.setViewportSize(PHONE)
    try {
      const sideways = () =>
        page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        )
      for (const name of ['overview', 'identities', 'traffic', 'faults', 'webhooks', 'report']) {
        const box = await page.locator(`[data-tab="${name}"]`).boundingBox()
        expect(box && box.x >= 0 && box.x + box.width <= PHONE.width, name).toBe(true)
        await tab(name)
        expect(await sideways(), name).toBeLessThanOrEqual(0)
      }
      await tab('identities')
      await page.locator('#identities tbody tr').first().click()
      await page.locator('#identity-detail pre.json').first().waitFor()
      expect(await sideways()).toBeLessThanOrEqual(0)
      await tab('traffic')
      await page.locator('#traffic tbody tr').first().click()
      await page.locator('#exchange pre.exchange').first().waitFor()
      expect(await sideways()).toBeLessThanOrEqual(0)
      expect(errors).toEqual([])
    } finally {
      await page.setViewportSize(DESKTOP)
    }
  })

  it('asks for the admin token when the page does not carry it', async () => {
    const guarded = createApp({
      adminToken: 'guarded-admin-token',
      dashboard: { tokenInPage: false },
    })
    const other = await startServer(guarded, 0)
    try {
      await page.goto(`${other.url}/`)
      const form = page.locator('#signin')
      await form.waitFor()
      expect(await page.locator('.tabs').isHidden()).toBe(true)
      await form.locator('input[name="token"]').fill('not-the-token')
      await form.locator('button').click()
      await page.locator('#signin-error', { hasText: 'not accepted' }).waitFor()
      await form.locator('input[name="token"]').fill('guarded-admin-token')
      await form.locator('button').click()
      await page.locator('#tenant-url').waitFor()
      expect(await page.textContent('#tenant-url')).toBe(`${other.url}/scim/v2/accounts/demo`)
      expect(await page.evaluate(() => sessionStorage.getItem('clearid-admin-token'))).toBe(
        'guarded-admin-token',
      )
    } finally {
      await page.goto('about:blank')
      await other.close()
    }
  })
})
