import { readFileSync } from 'node:fs'
import { renderHtml } from '../renderers/html.ts'
import { launchChromium } from '../scripts/chromium.ts'
const r = JSON.parse(readFileSync('fixtures/reports/sample-report.json', 'utf8'))
const html = renderHtml(r)
const b = await launchChromium()
const [w, y, h, out, scale] = [Number(process.argv[2]), Number(process.argv[3]), Number(process.argv[4]), process.argv[5], Number(process.argv[6] ?? 1)]
const p = await b.newPage({ viewport: { width: w, height: 900 }, deviceScaleFactor: scale })
const msgs: string[] = []
p.on('console', (m) => msgs.push(m.text()))
p.on('pageerror', (e) => msgs.push(String(e)))
await p.setContent(html)
await p.screenshot({ path: out, fullPage: true, clip: { x: 0, y, width: w, height: h } })
console.log(msgs.join('\n'))
await b.close()
