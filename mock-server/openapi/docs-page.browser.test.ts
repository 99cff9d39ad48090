/**
 * `/_mock/docs` in a real browser (Debian's headless Chromium), offline: every request the page
 * makes is answered by the app in-process, and any request for another origin is refused and
 * recorded. The page must render the whole document under its CSP and send working SCIM requests,
 * Entra dialect examples included. Skipped, with the reason, when /usr/bin/chromium is missing.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from '../../reports/scripts/chromium.ts'
import { ENTRA_SCIM2_FLAG } from '../../model/attributes.ts'
import type { MockApp } from '../app.ts'
import { KEY, testApp } from '../test/scim-test-client.ts'

const ORIGIN = 'http://localhost'
const SCIM = '/scim/v2/accounts/{accountId}'
const available = chromiumAvailable()
if (!available)
  console.warn(
    `Docs page browser tests skipped: ${CHROMIUM_PATH} not found (apt-get install chromium)`,
  )

describe.skipIf(!available)('/_mock/docs in Chromium, offline', () => {
  let app: MockApp
  let browser: Browser
  let page: Page
  const errors: string[] = []
  const outside: string[] = []
  const sent: string[] = []

  beforeAll(async () => {
    app = testApp()
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    page.on('pageerror', (error) => errors.push(String(error)))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await page.route('**/*', async (route) => {
      const request = route.request()
      if (!request.url().startsWith(`${ORIGIN}/`)) {
        outside.push(request.url())
        return route.abort()
      }
      sent.push(`${request.method()} ${request.url().slice(ORIGIN.length)}`)
      const body = request.postData()
      const res = await app.request(request.url(), {
        method: request.method(),
        headers: await request.allHeaders(),
        ...(body ? { body } : {}),
      })
      await route.fulfill({
        status: res.status,
        headers: Object.fromEntries(res.headers),
        body: Buffer.from(await res.arrayBuffer()),
      })
    })
    await page.goto(`${ORIGIN}/_mock/docs`)
    await page.waitForSelector('nav button')
  })

  afterAll(async () => {
    await browser?.close()
  })

  /** Opens an operation, fills its fields and sends it; returns the status line and body. */
  async function send(
    operation: string,
    fields: Record<string, string>,
    example?: string,
  ): Promise<{ status: string; body: string }> {
    const [method, path] = operation.split(' ')
    await page.click(`nav button[data-key="${method!.toLowerCase()} ${SCIM}${path!}"]`)
    if (example) await page.selectOption('#view select', { label: example })
    for (const [name, value] of Object.entries(fields)) {
      await page.fill(`#view input[aria-label="${name}"]`, value)
    }
    await page.click('#view button.send')
    await page.waitForSelector('#view .status')
    const status = (await page.textContent('#view .status')) ?? ''
    const body = (await page.textContent('#view pre:last-of-type')) ?? ''
    return { status, body }
  }

  it('renders every tag of the document, SCIM first, with no error and nothing fetched elsewhere', async () => {
    const doc = (await (await app.request('/_mock/openapi.json')).json()) as {
      tags: { name: string }[]
    }
    const headings = await page.$$eval('nav h2', (nodes) => nodes.map((n) => n.textContent))
    expect(headings).toEqual(doc.tags.map((t) => t.name))
    expect(headings[0]).toBe('SCIM users')
    expect(errors).toEqual([])
    expect(outside).toEqual([])
  })

  it('lists users with the SCIM key, keeping the commas of a filter', async () => {
    await page.fill('#scim', KEY)
    const { status, body } = await send('GET /Users', {
      accountId: 'acme',
      filter: 'userName eq "a,b@example.com"',
    })
    expect(status).toMatch(/^200/)
    expect(JSON.parse(body)).toMatchObject({ totalResults: 0, Resources: [] })
    expect(sent.at(-1)).toBe(
      `GET /scim/v2/accounts/acme/Users?filter=${new URLSearchParams({ filter: 'userName eq "a,b@example.com"' }).toString().slice('filter='.length)}`,
    )
  })

  it(`creates a user and PATCHes it with the ${ENTRA_SCIM2_FLAG} example`, async () => {
    const created = await send(
      'POST /Users',
      { accountId: 'acme' },
      `Entra with ?${ENTRA_SCIM2_FLAG}`,
    )
    expect(created.status).toMatch(/^201/)
    const id = (JSON.parse(created.body) as { id: string }).id
    const patched = await send(
      'PATCH /Users/{id}',
      { accountId: 'acme', id },
      `Entra with ?${ENTRA_SCIM2_FLAG}: update`,
    )
    expect(patched.status).toMatch(/^200/)
    expect(JSON.parse(patched.body)).toMatchObject({ id, displayName: 'Ada King' })
    const disabled = await send(
      'PATCH /Users/{id}',
      { accountId: 'acme', id },
      'Entra, default dialect: disable',
    )
    expect(JSON.parse(disabled.body)).toMatchObject({ id, active: false })
    expect(errors).toEqual([])
    expect(outside).toEqual([])
  })
})
