import { createHash } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dashboardReports } from './serve-dashboard.ts'

const dir = mkdtempSync(join(tmpdir(), 'serve-dashboard-'))
const good = join(dir, 'good')
const bad = join(dir, 'bad')

beforeAll(() => {
  mkdirSync(good)
  mkdirSync(bad)
  copyFileSync('fixtures/reports/sample-report.json', join(good, 'conformance-report.json'))
  writeFileSync(join(bad, 'conformance-report.json'), '{"schemaVersion": "1.0.0"}')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

describe('the reports serve gives the dashboard', () => {
  it('says where a conformance report will come from while there is none', async () => {
    const latest = await dashboardReports(join(dir, 'none')).latest?.()
    expect(latest).toEqual({
      error: `No conformance report at ${join(dir, 'none', 'conformance-report.json')} yet: npm run conformance writes one.`,
    })
  })

  it('reads the latest report run wrote, and says what is wrong with a broken one', async () => {
    const latest = await dashboardReports(good).latest?.()
    expect(latest && 'source' in latest && latest.source).toBe(
      join(good, 'conformance-report.json'),
    )
    const broken = await dashboardReports(bad).latest?.()
    expect(broken && 'error' in broken && broken.error).toMatch(/is not a valid conformance report/)
  })

  it('renders pages whose only inline style and script are the ones the dashboard allows', async () => {
    const reports = dashboardReports(good)
    const latest = await reports.latest?.()
    if (!latest || !('report' in latest)) throw new Error('the sample report did not load')
    const page = reports.render(latest.report)
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => sha256(m[1]!))
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => sha256(m[1]!))
    expect(styles).toEqual(reports.inline.style)
    expect(scripts).toEqual(reports.inline.script)
  })
})
