import { describe, expect, it } from 'vitest'
import { restTestApp, scim } from '../control/rest-test-client.ts'
import type { JudgedTraffic } from './judged-traffic.ts'
import { BUDGET_MS, rowsAfter } from './live-stream.ts'

/** A judge that takes `ms` per exchange, as the client audit does with a long history. */
function slowJudge(ms: number): JudgedTraffic {
  return {
    findings: () => {
      const until = performance.now() + ms
      while (performance.now() < until);
      return []
    },
  } as unknown as JudgedTraffic
}

describe('live traffic rows', () => {
  it('one poll judges no more than its budget allows, and the next goes on where it stopped', async () => {
    const app = restTestApp()
    for (let i = 0; i < 12; i++) await scim(app, 'GET', '/Users?count=1')
    const feed = { ctx: app.mock, judged: slowJudge(BUDGET_MS / 2), accountId: 'acme', base: '' }

    const first = rowsAfter(feed, 0)
    expect(first.length).toBeGreaterThan(0)
    expect(first.length).toBeLessThan(12)
    const seen = [...first]
    while (seen.length < 12) {
      const next = rowsAfter(feed, seen.at(-1)!.seq)
      expect(next.length).toBeGreaterThan(0)
      seen.push(...next)
    }
    expect(seen.map((row) => row.seq)).toEqual([...Array(12).keys()].map((i) => i + 1))
  })

  it('sends one row at least, however slow the judge', async () => {
    const app = restTestApp()
    await scim(app, 'GET', '/Users?count=1')
    await scim(app, 'GET', '/Users?count=1')
    const feed = { ctx: app.mock, judged: slowJudge(BUDGET_MS * 2), accountId: 'acme', base: '' }
    expect(rowsAfter(feed, 0).map((row) => row.seq)).toEqual([1])
  })
})
