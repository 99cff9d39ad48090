/** `run --out -`: one report format to stdout, the human summary to stderr, and no directory `-`. */
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { captureIo } from '../testing/suite-support.ts'
import { validateReport } from '../reports/validate.ts'
import { main } from './main.ts'

describe('run --out -', () => {
  it('prints the one report to stdout and the summary to stderr', async () => {
    const io = captureIo()
    const code = await main(['run', '--rule', 'SRV-DISC-001', '--format', 'json', '--out', '-'], io)
    expect(code).toBe(0)
    expect(validateReport(JSON.parse(io.out.join(''))).ok).toBe(true)
    expect(io.err.join('')).toMatch(/PASS|passed/)
    expect(existsSync('-')).toBe(false)
  })

  it('refuses more than one format, saying how to pick one', async () => {
    const io = captureIo()
    expect(await main(['run', '--out', '-'], io)).toBe(2)
    expect(io.err.join('')).toContain('--out - writes one report to stdout')
    expect(existsSync('-')).toBe(false)
  })
})
