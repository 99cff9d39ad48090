import { describe, expect, it } from 'vitest'
import { captureIo } from '../../testing/suite-support.ts'
import { EXIT_OK, EXIT_USAGE } from '../io.ts'
import { printJson, runSubcommand } from './subcommands.ts'

const SUBS = { check: printJson({ checked: true }) }

describe('runSubcommand', () => {
  it('runs a known subcommand with the rest of the arguments', async () => {
    const io = captureIo()
    expect(await runSubcommand('csv', 'help\n', SUBS, ['check', 'x.csv'], io)).toBe(EXIT_OK)
    expect(io.out.join('')).toBe('{\n  "checked": true\n}\n')
  })

  it('shows the help: asked for (exit 0) or with no subcommand (exit 2)', async () => {
    const asked = captureIo()
    expect(await runSubcommand('csv', 'help\n', SUBS, ['--help'], asked)).toBe(EXIT_OK)
    expect(asked.out).toEqual(['help\n'])
    expect(await runSubcommand('csv', 'help\n', SUBS, [], captureIo())).toBe(EXIT_USAGE)
  })

  it('names an unknown subcommand with the nearest known one, prototype names included', async () => {
    for (const [sub, hint] of [
      ['chek', ' Did you mean "check"?'],
      ['constructor', ''],
      ['__proto__', ''],
    ] as const) {
      const io = captureIo()
      expect(await runSubcommand('csv', 'help\n', SUBS, [sub], io)).toBe(EXIT_USAGE)
      expect(io.err.join('')).toBe(`clearid-conformance: unknown csv subcommand "${sub}".${hint}\n`)
    }
  })
})
