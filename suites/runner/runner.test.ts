import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCommand } from '../../cli/commands/run.ts'
import type { Step } from '../../mock-server/http/pipeline.ts'
import type { ConformanceReport } from '../../reports/model.ts'
import { validateReport } from '../../reports/validate.ts'
import { RULES } from '../../rules/index.ts'
import { selectRules } from './select.ts'
import { runConformance, type RunOptions } from './run.ts'
import {
  captureIo,
  DEPLOYMENT,
  fakeDeployment,
  KEY,
  writesIn,
} from '../../testing/suite-support.ts'

let out: string
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'cc-runner-'))
})
afterEach(() => rm(out, { recursive: true, force: true }))

const base = (
  target: RunOptions['target'],
  ids: string[],
  extra: Partial<RunOptions> = {},
): RunOptions => ({
  target,
  rules: selectRules(RULES, { ids }),
  dialects: ['entra-default', 'entra-flag'],
  seed: 1,
  runId: 'test',
  allowWrites: true,
  concurrency: 1,
  ...extra,
})

async function readReport(): Promise<ConformanceReport> {
  return JSON.parse(
    await readFile(join(out, 'conformance-report.json'), 'utf8'),
  ) as ConformanceReport
}

describe('dry run', () => {
  it('sends nothing and prints every request it would send, secrets redacted', async () => {
    const deployment = fakeDeployment()
    const io = captureIo()
    const code = await runCommand(
      [
        '--target',
        DEPLOYMENT,
        '--key',
        KEY,
        '--dry-run',
        '--allow-writes',
        '--rule',
        'SRV-CREATE-001',
        '--rule',
        'SRV-DISC-001',
        '--out',
        out,
      ],
      io,
    )
    expect(code).toBe(0)
    expect(deployment.requests).toHaveLength(0)
    const printed = io.out.join('')
    expect(printed).toContain(`POST ${DEPLOYMENT}/Users`)
    expect(printed).toContain(`GET ${DEPLOYMENT}/ServiceProviderConfig`)
    expect(printed).toContain('"userName":"cc-')
    expect(printed).toContain('nothing was sent')
    expect(io.text()).not.toContain(KEY)
  })

  it('plans no write without --allow-writes', async () => {
    const io = captureIo({ fetch: () => Promise.reject(new Error('must not be called')) })
    const code = await runCommand(
      ['--target', DEPLOYMENT, '--key', KEY, '--dry-run', '--out', out],
      io,
    )
    expect(code).toBe(0)
    const lines = io.out
      .join('')
      .split('\n')
      .filter((l) => /^(POST|PUT|PATCH|DELETE) /.test(l))
    expect(lines.filter((l) => !l.includes('/.search'))).toEqual([])
  })
})

describe('safety against a deployment', () => {
  it('sends no write without --allow-writes and reports write rules as skipped', async () => {
    const deployment = fakeDeployment()
    const io = captureIo({ fetch: deployment.fetch })
    const code = await runCommand(['--target', DEPLOYMENT, '--key', KEY, '--out', out], io)
    expect(code).toBe(0)
    expect(writesIn(deployment.requests)).toEqual([])
    const report = await readReport()
    const skipped = report.results.filter((r) => r.status === 'skipped')
    expect(skipped.length).toBeGreaterThan(50)
    for (const result of skipped)
      expect(result.reason).toBe('writes not allowed: pass --allow-writes')
    expect(report.results.filter((r) => r.status === 'passed').length).toBeGreaterThan(15)
    expect(JSON.stringify(report)).not.toContain(KEY)
    expect(validateReport(report).ok).toBe(true)
  })

  it('cleans up everything it created even when a request fails mid-run', async () => {
    const deployment = fakeDeployment({}, (_request, index) => {
      if (index === 5) throw new TypeError('fetch failed')
      return undefined
    })
    const outcome = await runConformance(
      base(deployment.target(), ['SRV-CREATE-02', 'SRV-FILTER-001']),
    )
    expect(
      outcome.report.results.some(
        (r) => r.status === 'failed' && r.findings.some((f) => /No answer/.test(f.message)),
      ),
    ).toBe(true)
    expect(outcome.cleanup.created).toBeGreaterThan(3)
    expect(outcome.cleanup.failed).toEqual([])
    expect(outcome.cleanup.unanswered).toBe(1)
    expect(await deployment.liveUsers()).toBe(0)
    expect(outcome.report.run.options?.cleanup).toMatchObject({
      created: outcome.cleanup.created,
      failed: [],
    })
  })

  it('cleans up after an interruption and skips what it did not run', async () => {
    const controller = new AbortController()
    const deployment = fakeDeployment({}, (_request, index) => {
      if (index === 12) controller.abort()
      return undefined
    })
    const outcome = await runConformance(
      base(deployment.target(), ['SRV-CREATE', 'SRV-PATCH'], { signal: controller.signal }),
    )
    expect(
      outcome.report.results.some(
        (r) => r.status === 'skipped' && /interrupted/.test(r.reason ?? ''),
      ),
    ).toBe(true)
    expect(outcome.cleanup.created).toBeGreaterThan(0)
    expect(outcome.cleanup.failed).toEqual([])
    expect(await deployment.liveUsers()).toBe(0)
  })

  it('stops at the creation cap and reports the capped rules as skipped', async () => {
    const deployment = fakeDeployment()
    const outcome = await runConformance(
      base(deployment.target(), ['SRV-CREATE-02'], { maxCreates: 3 }),
    )
    expect(writesIn(deployment.requests).filter((r) => r.method === 'POST')).toHaveLength(3)
    expect(
      outcome.report.results.some(
        (r) => r.status === 'skipped' && /create cap/.test(r.reason ?? ''),
      ),
    ).toBe(true)
    expect(await deployment.liveUsers()).toBe(0)
  })

  it('honours 429 Retry-After and retries', async () => {
    let throttled = 0
    const deployment = fakeDeployment({}, (request) => {
      if (request.method === 'POST' && throttled < 2) {
        throttled += 1
        return new Response(
          JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: '429',
            detail: 'slow down',
          }),
          {
            status: 429,
            headers: { 'Retry-After': '1', 'Content-Type': 'application/scim+json' },
          },
        )
      }
      return undefined
    })
    const waits: number[] = []
    const outcome = await runConformance(
      base(deployment.target(), ['SRV-CREATE-001'], { sleep: async (ms) => void waits.push(ms) }),
    )
    expect(waits).toEqual([1000, 1000])
    expect(outcome.report.results.every((r) => r.status === 'passed')).toBe(true)
  })
})

describe('exit codes', () => {
  it('0 when no MUST rule fails', async () => {
    expect(await runCommand(['--rule', 'SRV-DISC', '--out', out], captureIo())).toBe(0)
  })

  it('1 when a MUST rule fails', async () => {
    // A server that labels its SCIM bodies application/json.
    const plainJson: Step = async (_c, next) => {
      const answer = await next()
      const headers = new Headers(answer.headers)
      headers.set('content-type', 'application/json')
      return new Response(answer.body, { status: answer.status, headers })
    }
    const deployment = fakeDeployment({ components: { scimSteps: () => [plainJson] } })
    const io = captureIo({ fetch: deployment.fetch })
    expect(
      await runCommand(
        ['--target', DEPLOYMENT, '--key', KEY, '--rule', 'SRV-ERR-002', '--out', out],
        io,
      ),
    ).toBe(1)
    expect(io.out.join('')).toContain('FAIL')
  })

  it('2 on a usage error', async () => {
    const io = captureIo()
    expect(await runCommand(['--level', 'SOMETIMES'], io)).toBe(2)
    expect(io.err.join('')).toMatch(/--level: unknown value "SOMETIMES"/)
    expect(await runCommand(['--rule', 'SRV-NOPE'], captureIo())).toBe(2)
    expect(await runCommand(['--target', DEPLOYMENT], captureIo())).toBe(2)
  })

  it('2 with a clear message when the target is unreachable', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ECONNREFUSED' },
    })
    const io = captureIo({ fetch: () => Promise.reject(refused) })
    expect(await runCommand(['--target', DEPLOYMENT, '--key', KEY, '--out', out], io)).toBe(2)
    expect(io.err.join('')).toMatch(/cannot reach the target: fetch failed \(ECONNREFUSED\)/)
  })

  it('2 when the target refuses the key', async () => {
    const deployment = fakeDeployment()
    const io = captureIo({ fetch: deployment.fetch })
    expect(
      await runCommand(['--target', DEPLOYMENT, '--key', 'not-the-key', '--out', out], io),
    ).toBe(2)
    expect(io.err.join('')).toMatch(/refused the SCIM key \(HTTP 401\)/)
    expect(io.text()).not.toContain('not-the-key')
  })
})
