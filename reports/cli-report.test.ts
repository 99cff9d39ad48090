/** `report diff` and `report render` (cli/commands/report.ts), through their exit codes and output. */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reportCommand } from '../cli/commands/report.ts'
import type { ConformanceReport } from './model.ts'
import { BASELINE_PATH, report, result, SAMPLE_PATH, WAIVERS_PATH } from './test/builders.ts'

let dir: string

async function run(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await reportCommand(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

async function save(name: string, value: unknown): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value), 'utf8')
  return path
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-cli-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('report diff', () => {
  it('exits 1 when a MUST rule newly fails, and names it', async () => {
    const res = await run('diff', BASELINE_PATH, SAMPLE_PATH)
    expect(res.code).toBe(1)
    expect(res.stdout).toContain('SRV-FILTER-001 [entra-flag]')
    expect(res.stdout).toContain('REGRESSION: 2 MUST rule(s) newly failing')
  })

  it('exits 0 when only SHOULD rules newly fail', async () => {
    const base = await save('b.json', report([result({ ruleId: 'SRV-S', level: 'SHOULD' })]))
    const next = await save(
      'n.json',
      report([result({ ruleId: 'SRV-S', level: 'SHOULD', status: 'failed' })]),
    )
    const res = await run('diff', base, next, '--format', 'json')
    expect(res.code).toBe(0)
    expect(JSON.parse(res.stdout)).toMatchObject({
      mustRegressions: 0,
      newlyFailing: [{ key: 'SRV-S', level: 'SHOULD' }],
    })
  })

  it('exits 0 comparing a report with itself', async () => {
    expect((await run('diff', SAMPLE_PATH, SAMPLE_PATH, '--format', 'md')).code).toBe(0)
  })

  it('exits 2 naming the file when a report is invalid', async () => {
    const broken = await save('broken.json', { schemaVersion: '1.0', run: {}, results: [] })
    const res = await run('diff', BASELINE_PATH, broken)
    expect(res.code).toBe(2)
    expect(res.stderr).toContain(`report ${broken} is not a valid conformance report`)
    expect(res.stderr).toContain('missing required field "summary"')
  })

  it('exits 2 naming the file when it is not JSON or missing', async () => {
    const notJson = await save('not.json', '{ nope')
    const a = await run('diff', notJson, SAMPLE_PATH)
    expect(a.code).toBe(2)
    expect(a.stderr).toContain(`report ${notJson} is not valid JSON`)
    const b = await run('diff', SAMPLE_PATH, join(dir, 'missing.json'))
    expect(b.code).toBe(2)
    expect(b.stderr).toContain('missing.json: no such file')
  })

  it('exits 2 on usage errors, listing the valid flags', async () => {
    const a = await run('diff', SAMPLE_PATH, SAMPLE_PATH, '--colour')
    expect(a.code).toBe(2)
    expect(a.stderr).toContain('unknown option --colour')
    expect(a.stderr).toContain('Valid options: --format (-f), --help (-h)')
    expect((await run('diff', SAMPLE_PATH)).code).toBe(2)
    expect((await run('diff', SAMPLE_PATH, SAMPLE_PATH, '--format', 'xml')).code).toBe(2)
    expect((await run('frobnicate')).code).toBe(2)
    expect((await run()).code).toBe(2)
    expect((await run('--help')).code).toBe(0)
  })
})

describe('report render', () => {
  it('writes each format into --out and prints the paths', async () => {
    const out = join(dir, 'all')
    const res = await run('render', SAMPLE_PATH, '--format', 'html,junit,md,json', '--out', out)
    expect(res.code).toBe(0)
    const files = (await readdir(out)).sort()
    expect(files).toEqual([
      'conformance-junit.xml',
      'conformance-report.html',
      'conformance-report.json',
      'conformance-report.md',
    ])
    expect(res.stdout.trim().split('\n')).toEqual([
      join(out, 'conformance-report.html'),
      join(out, 'conformance-junit.xml'),
      join(out, 'conformance-report.md'),
      join(out, 'conformance-report.json'),
    ])
  })

  it('applies waivers: waived, never passed; an expired waiver is ignored and reported', async () => {
    const failing = report([
      result({ ruleId: 'SRV-PATCH-007', dialect: 'entra-default', status: 'failed' }),
      result({ ruleId: 'SRV-PAGING-002', level: 'SHOULD', status: 'failed' }),
    ])
    const input = await save('failing.json', failing)
    const out = join(dir, 'waived')
    const res = await run(
      'render',
      input,
      '--format',
      'json',
      '--out',
      out,
      '--waivers',
      WAIVERS_PATH,
    )
    expect(res.code).toBe(0)
    expect(res.stderr).toContain('waiver for SRV-PAGING-002 expired on 2026-10-01; ignored')
    const written = JSON.parse(
      await readFile(join(out, 'conformance-report.json'), 'utf8'),
    ) as ConformanceReport
    expect(written.results.map((r) => r.status)).toEqual(['waived', 'failed'])
    expect(written.results[0]?.reason).toMatch(/^waived \(CID-4411/)
    expect(written.summary.counts).toMatchObject({ passed: 0, waived: 1, failed: 1 })
    expect(written.summary.verdict).toBe('pass')
    expect(written.waivers?.map((w) => w.state)).toEqual(['applied', 'expired'])
  })

  it('adds the baseline diff', async () => {
    const out = join(dir, 'baseline')
    await run('render', SAMPLE_PATH, '--format', 'md', '--out', out, '--baseline', BASELINE_PATH)
    expect(await readFile(join(out, 'conformance-report.md'), 'utf8')).toContain(
      'Changes since baseline `run-20261115T101500Z-c21d`',
    )
  })

  it('refuses a waiver file naming a rule that does not exist, and applies a glob', async () => {
    const unknown = await save('unknown.json', {
      waivers: [{ rule: 'SRV-PATCH-9*', reason: 'CID-1' }],
    })
    const a = await run('render', SAMPLE_PATH, '--out', join(dir, 'u'), '--waivers', unknown)
    expect(a.code).toBe(2)
    expect(a.stderr).toContain('pattern "SRV-PATCH-9*" matches no rule in the catalogue')
    const glob = await save('glob.json', { waivers: [{ rule: 'SRV-*', reason: 'CID-2' }] })
    const b = await run('render', SAMPLE_PATH, '--out', join(dir, 'g'), '--waivers', glob)
    expect(b.code).toBe(0)
    const written = JSON.parse(
      await readFile(join(dir, 'g', 'conformance-report.json'), 'utf8'),
    ) as ConformanceReport
    expect(written.summary.counts.failed).toBe(0)
    expect(written.waivers?.[0]?.state).toBe('applied')
  })

  it('exits 2 on a bad waiver file, an unknown format or an unknown flag', async () => {
    const badWaivers = await save('w.json', { waivers: [{ rule: 'SRV-A' }] })
    const a = await run('render', SAMPLE_PATH, '--out', join(dir, 'x'), '--waivers', badWaivers)
    expect(a.code).toBe(2)
    expect(a.stderr).toContain(`waiver file ${badWaivers} is invalid`)
    const b = await run('render', SAMPLE_PATH, '--format', 'pdf')
    expect(b.code).toBe(2)
    expect(b.stderr).toContain('unknown format "pdf"; choose from json, junit, md, html')
    const c = await run('render', SAMPLE_PATH, '--open')
    expect(c.code).toBe(2)
    expect(c.stderr).toContain(
      'Valid options: --format (-f), --out (-o), --waivers, --baseline, --help (-h)',
    )
  })
})
