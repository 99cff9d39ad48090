import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CSV_FIXTURE_CONFIG } from '../../fixtures/csv-files.ts'
import { validateReport } from '../../reports/validate.ts'
import { captureIo } from '../../testing/suite-support.ts'
import { rows, tempPath, text } from '../../csv/test/check-files.ts'
import { main } from '../main.ts'

function files() {
  const config = tempPath('config.json')
  writeFileSync(config, JSON.stringify(CSV_FIXTURE_CONFIG))
  const good = tempPath('hr.csv')
  writeFileSync(good, text(rows(8)))
  const bad = tempPath('bad.csv')
  writeFileSync(bad, text(rows(8, (r, i) => i === 3 && (r.Email = 'nope'))))
  return { config, good, bad, out: tempPath('out') }
}

describe('csv check', () => {
  it('passes a valid file (exit 0), prints the preview and writes every format, the JSON valid', async () => {
    const f = files()
    const io = captureIo()
    expect(await main(['csv', 'check', f.good, '--config', f.config, '--out', f.out], io)).toBe(0)
    expect(io.text()).toMatch(
      /ClearID would sync 8 identities and 8 credentials from 8 rows; 0 rows refused/,
    )
    expect(io.text()).toMatch(/PASS/)
    const report = JSON.parse(readFileSync(join(f.out, 'conformance-report.json'), 'utf8'))
    expect(validateReport(report)).toMatchObject({ ok: true })
    expect(report.run).toMatchObject({ judged: 'file', target: { kind: 'files' } })
    expect(readFileSync(join(f.out, 'conformance-junit.xml'), 'utf8')).toContain('CSV-ID-004')
  })

  it('fails a file breaking a MUST rule (exit 1), the finding with its row and column in every format', async () => {
    const f = files()
    const io = captureIo()
    expect(await main(['csv', 'check', f.bad, '--config', f.config, '--out', f.out], io)).toBe(1)
    expect(io.text()).toMatch(/bad\.csv, row 5, column 4 "Email"/)
    const report = JSON.parse(readFileSync(join(f.out, 'conformance-report.json'), 'utf8'))
    const result = report.results.find((r: { ruleId: string }) => r.ruleId === 'CSV-ID-004')
    expect(result.findings[0].location).toEqual({
      file: 'bad.csv',
      row: 5,
      column: 4,
      columnName: 'Email',
    })
    expect(validateReport(report)).toMatchObject({ ok: true })
    const markdown = readFileSync(join(f.out, 'conformance-report.md'), 'utf8')
    expect(markdown).toContain('row 5, column 4')
    expect(markdown).toContain('ClearID Cloud CSV check')
  })

  it('prints one format to stdout with --out -', async () => {
    const f = files()
    const io = captureIo()
    expect(
      await main(
        ['csv', 'check', f.good, '--config', f.config, '--out', '-', '--format', 'junit'],
        io,
      ),
    ).toBe(0)
    expect(io.out.join('')).toMatch(/^<\?xml/)
  })

  it('writes every row to --preview-out as NDJSON', async () => {
    const f = files()
    const preview = tempPath('preview.ndjson')
    expect(
      await main(
        ['csv', 'check', f.bad, '--config', f.config, '--out', f.out, '--preview-out', preview],
        captureIo(),
      ),
    ).toBe(1)
    const lines = readFileSync(preview, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines).toHaveLength(8)
    expect(lines[3]).toMatchObject({
      row: 5,
      outcome: 'refused',
      errors: [expect.stringMatching(/e-mail/)],
    })
    expect(lines[0]).toMatchObject({
      row: 2,
      outcome: 'sync',
      credentials: [{ format: 'standard26' }],
    })
  })

  it('exits 2 with the reason for a missing file, a bad configuration and bad options', async () => {
    const f = files()
    let io = captureIo()
    expect(await main(['csv', 'check', tempPath('missing.csv')], io)).toBe(2)
    expect(io.err.join('')).toMatch(/no such file/)
    const config = tempPath('bad-config.json')
    writeFileSync(
      config,
      JSON.stringify({
        advanced: { delimiter: 'hash' },
        identityMappings: [{ field: 'shoeSize', column: 'x' }],
      }),
    )
    io = captureIo()
    expect(await main(['csv', 'check', f.good, '--config', config], io)).toBe(2)
    expect(io.err.join('')).toMatch(
      /identityMappings\[0\]\.field "shoeSize" is not a ClearID field/,
    )
    expect(io.err.join('')).toMatch(/\n {2}advanced\.delimiter must be one of comma, semicolon/)
    io = captureIo()
    expect(await main(['csv', 'check'], io)).toBe(2)
    expect(await main(['csv', 'check', f.good, '--against', 'ftp://x'], captureIo())).toBe(2)
    io = captureIo()
    expect(
      await main(['csv', 'check', f.good, '--against', 'http://127.0.0.1:1/identityservice'], io),
    ).toBe(2)
    expect(io.err.join('')).toMatch(/CLEARID_CLIENT_ID/)
    expect(await main(['csv', 'chek'], (io = captureIo()))).toBe(2)
    expect(io.err.join('')).toMatch(/Did you mean "check"/)
  })

  it('lists the CSV rules with rules --side file, and run does not take them', async () => {
    const io = captureIo()
    expect(await main(['rules', '--side', 'file'], io)).toBe(0)
    expect(io.text()).toMatch(/CSV-FILE-001/)
    expect(io.text()).not.toMatch(/SRV-/)
    const server = captureIo()
    expect(await main(['rules'], server)).toBe(0)
    expect(server.text()).not.toMatch(/CSV-/)
  })

  it('prints the configuration schema', async () => {
    const io = captureIo()
    expect(await main(['csv', 'schema'], io)).toBe(0)
    expect(JSON.parse(io.out.join(''))).toMatchObject({ title: 'ClearID Cloud CSV configuration' })
  })
})
