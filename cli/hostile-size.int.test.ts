/**
 * A server that answers with a body that does not end (64 MiB here, streamed with backpressure)
 * cannot exhaust the harness's memory: it stops reading at the response limit and hangs up, records
 * a finding on the rule that got the answer, still cleans up, and the CLI exits 2 saying which flag
 * raises the limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConformanceReport } from '../reports/model.ts'
import { runConformance } from '../suites/harness.ts'
import { startHostileServer, type HostileServer } from '../testing/hostile-scim.ts'
import { runCliInTemp } from '../testing/cli-run.ts'

const KEY = `cc-size-${crypto.randomUUID()}`
const MiB = 1024 * 1024
const HUGE = 64 * MiB
/** Past the limit: what the kernel's socket buffers and Node's queues may hold on loopback. */
const SLACK = 16 * MiB

let server: HostileServer
beforeAll(async () => {
  server = await startHostileServer({
    key: KEY,
    // SRV-INPUT-001 sends one PATCH (truncated JSON): its answer never ends.
    tamper: ({ request, answer }) =>
      request.method === 'PATCH' ? { stream: { status: 400, totalBytes: HUGE } } : answer,
  })
})
afterAll(() => server.close())

function findingsOf(report: ConformanceReport, ruleId: string): string[] {
  return report.results
    .filter((result) => result.ruleId === ruleId)
    .flatMap((result) => result.findings.map((finding) => finding.message))
}

describe('an answer that does not end', () => {
  it('is read up to the default limit only, and the rule that got it says so', async () => {
    const before = server.streamed.length
    const report = await runConformance({
      target: { url: server.baseUrl, key: KEY },
      rules: { ids: ['SRV-INPUT-001'] },
      allowWrites: true,
    })
    const streamed = server.streamed.slice(before)
    expect(streamed).toHaveLength(1)
    expect(streamed[0]).toBeLessThan(4 * MiB + SLACK)
    expect(findingsOf(report, 'SRV-INPUT-001').join('\n')).toMatch(/larger than 4 MiB/)
    expect(report.run.options?.responsesOverLimit).toEqual({ count: 1, limitBytes: 4 * MiB })
    expect(await server.liveUsers()).toBe(0)
  })

  it('makes the CLI clean up, write its report and exit 2 naming --max-response-bytes', async () => {
    const before = server.streamed.length
    const run = await runCliInTemp([
      'run',
      '--target',
      server.baseUrl,
      '--key',
      KEY,
      '--allow-writes',
      '--rule',
      'SRV-INPUT-001',
      '--max-response-bytes',
      '1MiB',
      '--format',
      'json',
    ])
    expect(run.code, run.stderr).toBe(2)
    expect(run.stderr).toMatch(/1 answer was larger than 1 MiB/)
    expect(run.stderr).toContain('--max-response-bytes')
    expect(run.stdout).toContain('Cleanup: 1 identities created')
    expect(server.streamed.slice(before)[0]).toBeLessThan(1 * MiB + SLACK)
    expect(findingsOf(run.report!, 'SRV-INPUT-001').join('\n')).toMatch(/larger than 1 MiB/)
    expect(await server.liveUsers()).toBe(0)
  })
})
