/**
 * Screenshots of the mock's dashboard for the README: `docs/dashboard.png` (desktop: the live
 * traffic with one exchange open) and `docs/dashboard-mobile.png` (phone width: the identities).
 * The mock is served as `npm start` serves it, with seeded identities and a short provisioning
 * session (an Entra-like client, a sloppy one, an injected 503 and its retry). Run from the
 * repository root:
 *
 *     npx tsx testing/dashboard-screenshot.ts
 *
 * @module
 */
import type { Page } from 'playwright-core'
import { dashboardReports } from '../cli/commands/serve-dashboard.ts'
import { createApp } from '../mock-server/app.ts'
import { startServer } from '../mock-server/node/serve.ts'
import { DEV_ADMIN_TOKEN, DEV_SCIM_KEY } from '../mock-server/options.ts'
import { launchChromium } from '../reports/scripts/chromium.ts'
import { clientAudit } from '../verify/client-audit.ts'

const EXT = 'urn:ietf:params:scim:schemas:extension:clearid:2.0:User'
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User'

const app = createApp({ trafficAudit: clientAudit, dashboard: { reports: dashboardReports() } })
const server = await startServer(app, 0)
const tenant = `${server.url}/scim/v2/accounts/demo`

async function call(base: string, token: string, method: string, path: string, body?: unknown) {
  const type = base === tenant ? 'application/scim+json' : 'application/json'
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': type },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  return response.status === 204 ? undefined : ((await response.json()) as Record<string, unknown>)
}
const scim = (method: string, path: string, body?: unknown) =>
  call(tenant, DEV_SCIM_KEY, method, path, body)
const admin = (method: string, path: string, body?: unknown) =>
  call(`${server.url}/_admin/accounts/demo`, DEV_ADMIN_TOKEN, method, path, body)

function user(n: number, name: string) {
  const [first, last] = name.split(' ')
  const userName = `${name.toLowerCase().replace(' ', '.')}@contoso.com`
  return {
    schemas: [CORE, EXT],
    userName,
    displayName: name,
    active: true,
    [EXT]: { externalId: `0f1e2d3c-${n}`, firstName: first, lastName: last, email: userName },
  }
}

/** A provisioning session: Entra's look-up, create and update; a sloppy client; a fault. */
async function session(): Promise<void> {
  await admin('POST', '/identities/seed', { faker: { seed: 42, count: 240 } })
  const people = ['Adele Vance', 'Alex Wilber', 'Diego Siciliani', 'Grady Archie', 'Lee Gu']
  for (const [i, name] of people.entries()) {
    const body = user(i, name)
    await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${body.userName}"`)}`)
    const created = await scim('POST', '/Users', body)
    await scim('PATCH', `/Users/${String(created?.id)}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: `${EXT}:jobTitle`, value: 'Engineer' }],
    })
  }
  await scim('POST', '/Users', { userName: 'megan.bowen@contoso.com', active: 'True' })
  await admin('POST', '/faults', { text: 'route=POST /Users,status=503,retry-after=1,next=1' })
  await scim('POST', '/Users', user(9, 'Nestor Wilke'))
  await scim('POST', '/Users', user(9, 'Nestor Wilke'))
  await scim('GET', '/Users?startIndex=1&count=100')
}

async function shoot(page: Page, path: string, fullPage: boolean): Promise<void> {
  await page.waitForTimeout(400) // let the fresh-row highlight fade
  await page.screenshot({ path, fullPage })
  console.log(path)
}

const browser = await launchChromium()
try {
  const desktop = await browser.newPage({
    viewport: { width: 1280, height: 1000 },
    colorScheme: 'light',
  })
  await desktop.goto(`${server.url}/#traffic`)
  await desktop.locator('#live[data-state="on"]').waitFor()
  await session()
  const sloppy = desktop.locator('#traffic tbody tr', { hasText: '400' }).first()
  await sloppy.waitFor()
  await sloppy.click()
  await desktop.locator('#exchange pre.exchange').first().waitFor()
  // The detail scrolls into view, smoothly; once it is there, back to the top for the shot.
  await desktop.waitForTimeout(800)
  await desktop.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }))
  await shoot(desktop, 'docs/dashboard.png', false)

  const phone = await browser.newPage({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    colorScheme: 'light',
  })
  await phone.goto(`${server.url}/#identities`)
  await phone.locator('#identities tbody tr').first().waitFor()
  await shoot(phone, 'docs/dashboard-mobile.png', false)
} finally {
  await browser.close()
  await server.close()
}
