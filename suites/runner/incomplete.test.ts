import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCommand } from '../../cli/commands/run.ts'
import { REPORT_SCHEMA_VERSION, type ConformanceReport } from '../../reports/model.ts'
import { validateReport } from '../../reports/validate.ts'
import { captureIo, DEPLOYMENT, fakeDeployment, KEY } from '../../testing/suite-support.ts'
import { runConformance } from '../harness.ts'

// A read-only run against a deployment skips the write rules: it must not read as a green PASS.
let out: string
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'cc-incomplete-'))
})
afterEach(() => rm(out, { recursive: true, force: true }))

// Read rules and write rules, all MUST: enough to see both halves without the whole catalogue.
const RULE_ARGS = ['--rule', 'SRV-DISC-001', '--rule', 'SRV-CREATE-001', '--dialect', 'entra-flag']

async function run(extra: string[]) {
  const deployment = fakeDeployment()
  const io = captureIo({ fetch: deployment.fetch })
  const args = ['--target', DEPLOYMENT, '--key', KEY, ...RULE_ARGS, '--out', out, ...extra]
  const code = await runCommand(args, io)
  return { code, io }
}

describe('a URL target without --allow-writes', () => {
  it('is INCOMPLETE, exits 0, and says what did not run and the flag that runs it', async () => {
    const { code, io } = await run(['--format', 'json,md'])
    expect(code).toBe(0)
    expect(io.out.join('')).toContain(
      'INCOMPLETE  no MUST rule failed, but 1 MUST rule did not run',
    )
    expect(io.out.join('')).toContain(
      'Not run: 1 MUST rule (writes not allowed: pass --allow-writes)',
    )
    const report = JSON.parse(
      await readFile(join(out, 'conformance-report.json'), 'utf8'),
    ) as ConformanceReport
    expect(validateReport(report).ok).toBe(true)
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION)
    expect(report.summary.verdict).toBe('incomplete')
    expect(report.summary.notRun).toEqual([
      { reason: 'writes not allowed: pass --allow-writes', count: 1 },
    ])
    const markdown = await readFile(join(out, 'conformance-report.md'), 'utf8')
    expect(markdown).toContain('**Verdict: `INCOMPLETE`**')
    expect(markdown).toContain('Not run: 1 MUST rule (writes not allowed: pass --allow-writes)')
  })

  it('exits 3 with --require-complete', async () => {
    const { code } = await run(['--format', 'json', '--require-complete'])
    expect(code).toBe(3)
  })

  it('passes with --allow-writes, also with --require-complete', async () => {
    const { code, io } = await run(['--format', 'json', '--allow-writes', '--require-complete'])
    expect(code).toBe(0)
    expect(io.out.join('')).toMatch(/^PASS {2}no MUST rule failed/m)
  })

  it('shows in the report of the library runConformance (clearid-conformance/harness)', async () => {
    const deployment = fakeDeployment()
    const options = {
      target: { url: DEPLOYMENT, key: KEY, fetch: deployment.fetch },
      rules: { ids: ['SRV-DISC-001', 'SRV-CREATE-001'] },
      dialects: ['entra-flag'] as const,
    }
    const report = await runConformance(options)
    expect(report.summary.verdict).toBe('incomplete')
    expect(report.summary.notRun).toEqual([
      { reason: 'writes not allowed: pass --allow-writes', count: 1 },
    ])
    const complete = await runConformance({ ...options, allowWrites: true })
    expect(complete.summary.verdict).toBe('pass')
  })
})
