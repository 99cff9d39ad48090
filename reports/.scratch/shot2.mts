import { readFileSync } from 'node:fs'
import { renderHtml } from '../renderers/html.ts'
import { launchChromium } from '../scripts/chromium.ts'
const r = JSON.parse(readFileSync('fixtures/reports/sample-report.json', 'utf8'))
const html = renderHtml(r)
const b = await launchChromium()
const w = Number(process.argv[2])
const p = await b.newPage({ viewport: { width: w, height: 1000 } })
await p.setContent(html)
await p.locator('#r-SRV-CREATE-004 .transcript > summary').click()
await p.locator('#r-SRV-CREATE-004').scrollIntoViewIfNeeded()
const box = await p.evaluate(() => { const r = document.querySelector('#r-SRV-CREATE-004')!.getBoundingClientRect(); return { y: r.top + window.scrollY, height: r.height } })
console.log(await p.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]))
await p.screenshot({ path: process.argv[3], fullPage: true, clip: { x: 0, y: box!.y, width: w, height: Math.min(1400, box!.height) } })
await b.close()
