/**
 * The HTML report in a real browser (Debian's headless Chromium): filters hide and show the right
 * rules, a failed rule's transcript expands on click, and the layout fits a phone. Skipped, with
 * the reason, when /usr/bin/chromium is missing; `.ci/run` installs it.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from '../scripts/chromium.ts'
import { sampleReport } from '../test/builders.ts'
import { renderHtml } from './html.ts'

const available = chromiumAvailable()
if (!available)
  console.warn(`HTML browser tests skipped: ${CHROMIUM_PATH} not found (apt-get install chromium)`)

describe.skipIf(!available)('HTML report in Chromium', () => {
  const sample = sampleReport()
  const html = renderHtml(sample)
  let browser: Browser
  let page: Page
  const errors: string[] = []
  const requests: string[] = []

  beforeAll(async () => {
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    page.on('pageerror', (error) => errors.push(String(error)))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('request', (request) => {
      if (!request.url().startsWith('about:') && !request.url().startsWith('data:'))
        requests.push(request.url())
    })
    await page.setContent(html, { waitUntil: 'load' })
  })

  afterAll(async () => {
    await browser?.close()
  })

  const visibleIds = async () =>
    page.$$eval('article.rule', (rules) =>
      rules.filter((r) => (r as HTMLElement).offsetParent !== null).map((r) => r.id),
    )
  const reset = async () => {
    await page.click('#filters button[type=reset]')
    await page.waitForFunction(
      () => document.querySelectorAll('article.rule.filtered-out').length === 0,
    )
  }

  it('runs its script without errors, CSP violations or network requests', async () => {
    expect(await page.isVisible('#filters')).toBe(true)
    expect(errors).toEqual([])
    expect(requests).toEqual([])
    expect(await page.textContent('#shown')).toBe(
      `Showing ${sample.results.length} of ${sample.results.length}`,
    )
  })

  it('filters by status', async () => {
    for (const status of ['passed', 'waived', 'skipped', 'not-applicable']) {
      await page.uncheck(`#filters input[name=status][value="${status}"]`)
    }
    const ids = await visibleIds()
    expect(ids).toHaveLength(sample.summary.counts.failed)
    expect(ids).toContain('r-SRV-FILTER-001--entra-flag')
    expect(ids).not.toContain('r-SRV-DISC-001')
    await reset()
    expect(await visibleIds()).toHaveLength(sample.results.length)
  })

  it('filters by level', async () => {
    await page.uncheck('#filters input[name=level][value=MUST]')
    await page.uncheck('#filters input[name=level][value=SHOULD]')
    const ids = await visibleIds()
    expect(ids.sort()).toEqual(['r-SRV-BULK-001', 'r-SRV-ETAG-001'])
    await reset()
  })

  it('filters by area, combined with status, and says when nothing matches', async () => {
    await page.selectOption('#filters select[name=area]', 'patch')
    expect((await visibleIds()).sort()).toEqual([
      'r-SRV-PATCH-003--entra-default',
      'r-SRV-PATCH-003--entra-flag',
      'r-SRV-PATCH-007--entra-default',
      'r-SRV-PATCH-009--entra-flag',
    ])
    await page.uncheck('#filters input[name=status][value=waived]')
    expect(await visibleIds()).not.toContain('r-SRV-PATCH-007--entra-default')
    await page.selectOption('#filters select[name=area]', 'discovery')
    await page.uncheck('#filters input[name=status][value=passed]')
    expect(await visibleIds()).toEqual([])
    expect(await page.isVisible('#empty')).toBe(true)
    await reset()
    expect(await page.isVisible('#empty')).toBe(false)
  })

  it('filters by search text', async () => {
    await page.fill('#filters input[name=q]', 'case-insensitively')
    expect((await visibleIds()).sort()).toEqual([
      'r-SRV-FILTER-001--entra-default',
      'r-SRV-FILTER-001--entra-flag',
    ])
    await page.fill('#filters input[name=q]', '')
    await reset()
  })

  it('expands a failed rule’s transcript on click', async () => {
    const rule = page.locator('#r-SRV-CREATE-004')
    const transcript = rule.locator('details.transcript').first()
    const text = 'UQ_Identity_ExternalId'
    expect(await transcript.getAttribute('open')).toBeNull()
    expect(await rule.getByText(text).isVisible()).toBe(false)
    await transcript.locator('summary').click()
    expect(await transcript.getAttribute('open')).toBe('')
    expect(await rule.getByText(text).isVisible()).toBe(true)
    expect(await rule.locator('.transcript-body').innerText()).toContain(
      'HTTP 500 Internal Server Error',
    )
  })

  it('reveals a rule when a baseline change links to it, even when filtered out', async () => {
    await page.uncheck('#filters input[name=status][value=passed]')
    await page.click('#changes a[href="#r-SRV-DELETE-001"]')
    await page.waitForFunction(
      () => !document.getElementById('r-SRV-DELETE-001')?.classList.contains('filtered-out'),
    )
    expect(await page.locator('#r-SRV-DELETE-001 > details').getAttribute('open')).toBe('')
    await reset()
  })

  const DESKTOP = { width: 1280, height: 900 }
  const PHONE = { width: 390, height: 844 }

  it('shows the first failed rule within the first screen, on a desktop and on a phone', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const fresh = await browser.newPage({ viewport })
      await fresh.setContent(html, { waitUntil: 'load' })
      const entry = fresh.locator('#failed-summary .summary-item').first()
      expect(await entry.locator('.rule-id').textContent()).toBe('SRV-AUTH-001')
      const box = await entry.boundingBox()
      // The whole entry (id, title, finding), not only its top edge, before any scrolling.
      expect(box?.y).toBeGreaterThan(0)
      expect((box?.y ?? Infinity) + (box?.height ?? 0), `${viewport.width} px wide`).toBeLessThan(
        viewport.height,
      )
      // The card it stands for is screens further down.
      const card = await fresh.locator('#r-SRV-AUTH-001').boundingBox()
      expect(card?.y).toBeGreaterThan(viewport.height)
      await fresh.close()
    }
  })

  it('scrolls from a summary entry to its rule, opened, even when filters hide it', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const fresh = await browser.newPage({ viewport })
      await fresh.setContent(html, { waitUntil: 'load' })
      await fresh.uncheck('#filters input[name=status][value=failed]')
      await fresh.locator('#failed-summary a[href="#r-SRV-CREATE-004"]').click()
      await fresh.waitForFunction(() => {
        const rule = document.getElementById('r-SRV-CREATE-004')
        const top = rule?.getBoundingClientRect().top ?? Infinity
        return !rule?.classList.contains('filtered-out') && top >= 0 && top < 40
      })
      expect(await fresh.locator('#r-SRV-CREATE-004 > details').getAttribute('open')).toBe('')
      expect(await fresh.evaluate(() => window.scrollY)).toBeGreaterThan(viewport.height)
      expect(await fresh.getByText("The rule's own fix").first().isVisible()).toBe(true)
      await fresh.close()
    }
  })

  it('fits a phone screen without horizontal scrolling', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 800 } })
    await phone.setContent(html, { waitUntil: 'load' })
    const [scroll, client] = await phone.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ])
    expect(scroll).toBeLessThanOrEqual(client ?? 0)
    await phone.close()
  })

  it('expands every detail and hides the filters when printed', async () => {
    const print = await browser.newPage()
    await print.setContent(html, { waitUntil: 'load' })
    await print.emulateMedia({ media: 'print' })
    expect(await print.isVisible('#filters')).toBe(false)
    await print.evaluate(() => window.dispatchEvent(new Event('beforeprint')))
    expect(
      await print.$$eval('details', (all) => all.every((d) => (d as HTMLDetailsElement).open)),
    ).toBe(true)
    expect(await print.getByText('UQ_Identity_ExternalId').first().isVisible()).toBe(true)
    await print.close()
  })
})
