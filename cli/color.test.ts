import { describe, expect, it } from 'vitest'
import { captureIo } from '../testing/suite-support.ts'
import { colorOf } from './io.ts'
import { main } from './main.ts'

const ESC = '\u001b['

describe('colour', () => {
  it('follows NO_COLOR and FORCE_COLOR before the terminal', () => {
    expect(colorOf({ ...captureIo(), isTTY: true, env: {} })).toBe(true)
    expect(colorOf({ ...captureIo(), isTTY: true, env: { NO_COLOR: '1' } })).toBe(false)
    expect(colorOf({ ...captureIo(), isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true)
    expect(colorOf({ ...captureIo(), isTTY: true, env: { FORCE_COLOR: '0', CI: 'true' } })).toBe(
      false,
    )
    expect(colorOf({ ...captureIo(), isTTY: true, env: { CI: 'true' } })).toBe(false)
  })

  it('keeps escape codes out of a run summary under NO_COLOR, on a terminal', async () => {
    const io = { ...captureIo(), isTTY: true, env: { NO_COLOR: '1' } }
    const out: string[] = []
    const code = await main(
      ['run', '--rule', 'SRV-DISC-001', '--format', 'json', '--out', 'out/color'],
      {
        ...io,
        stdout: (t) => void out.push(t),
      },
    )
    expect(code).toBe(0)
    expect(out.join('')).not.toContain(ESC)
  })
})
