import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { captureIo } from '../../testing/suite-support.ts'
import { runCommand } from './run.ts'

// A waiver that names no rule would waive nothing in silence: `run` refuses it before sending.
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-run-waivers-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('run --waivers', () => {
  it('refuses an unknown rule id and a glob matching no rule, naming both, with exit 2', async () => {
    const file = join(dir, 'waivers.json')
    const waivers = [
      { rule: 'SRV-PATCH-*', reason: 'CID-1' },
      { rule: 'SRV-NOPE-001', reason: 'CID-2' },
      { rule: 'CLI-*', reason: 'client rules are not judged by run' },
    ]
    await writeFile(file, JSON.stringify({ waivers }))
    const io = captureIo()
    expect(await runCommand(['--waivers', file, '--out', dir], io)).toBe(2)
    const err = io.err.join('')
    expect(err).toContain('waivers[1].rule: rule id "SRV-NOPE-001" matches no rule')
    expect(err).toContain('waivers[2].rule: pattern "CLI-*" matches no rule')
    expect(err).not.toContain('waivers[0]')
  })
})
