/**
 * Screenshots of the sample report for the README: `docs/report-html.png` (desktop, full page)
 * and `docs/report-html-mobile.png` (phone width). Run from the repository root:
 *
 *     npx tsx reports/scripts/screenshot.ts
 *
 * @module
 */
import { readFile } from 'node:fs/promises'
import { renderHtml } from '../renderers/html.ts'
import { validateReport } from '../validate.ts'
import { launchChromium } from './chromium.ts'

const SAMPLE = 'fixtures/reports/sample-report.json'

// The phone shot is one tall screen, not the whole page: a 12,000-pixel strip helps no reader.
const SHOTS = [
  { path: 'docs/report-html.png', width: 1280, height: 900, scale: 1, fullPage: true },
  { path: 'docs/report-html-mobile.png', width: 390, height: 1300, scale: 2, fullPage: false },
] as const

async function main(): Promise<void> {
  const checked = validateReport(JSON.parse(await readFile(SAMPLE, 'utf8')))
  if (!checked.ok) throw new Error(`${SAMPLE}: ${checked.errors.join('; ')}`)
  const html = renderHtml(checked.report)
  const browser = await launchChromium()
  try {
    for (const shot of SHOTS) {
      const page = await browser.newPage({
        viewport: { width: shot.width, height: shot.height },
        deviceScaleFactor: shot.scale,
        colorScheme: 'light',
      })
      await page.setContent(html, { waitUntil: 'load' })
      await page.screenshot({ path: shot.path, fullPage: shot.fullPage })
      await page.close()
      console.log(shot.path)
    }
  } finally {
    await browser.close()
  }
}

await main()
