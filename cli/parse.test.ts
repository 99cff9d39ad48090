import { describe, expect, it } from 'vitest'
import { UsageError } from './io.ts'
import { byteSize, parse } from './parse.ts'

describe('byteSize', () => {
  it('reads bytes, binary and decimal units', () => {
    expect(byteSize('max-response-bytes', undefined, 7)).toBe(7)
    expect(byteSize('max-response-bytes', '1048576', 0)).toBe(1024 ** 2)
    expect(byteSize('max-response-bytes', '512KiB', 0)).toBe(512 * 1024)
    expect(byteSize('max-response-bytes', '4MiB', 0)).toBe(4 * 1024 ** 2)
    expect(byteSize('max-response-bytes', '64 mb', 0)).toBe(64_000_000)
    expect(byteSize('max-response-bytes', '1.5G', 0)).toBe(1.5 * 1024 ** 3)
  })

  it('refuses what is not a size, or too small to hold an answer, saying what to pass', () => {
    for (const bad of ['lots', '4 parsecs', '-1', '10'])
      expect(() => byteSize('max-response-bytes', bad, 0)).toThrow(UsageError)
    expect(() => byteSize('max-response-bytes', 'x', 0)).toThrow(
      '--max-response-bytes must be a size of at least 1024 bytes such as 4MiB',
    )
  })
})

describe('parse', () => {
  const options = {
    'allow-writes': { type: 'boolean' },
    target: { type: 'string', short: 't' },
    out: { type: 'string' },
  } as const
  const reason = (args: string[]) => {
    try {
      parse(args, options, 'run')
    } catch (error) {
      return (error as Error).message
    }
    throw new Error('parsed')
  }

  it('suggests the option a misspelt one meant, and lists the valid ones', () => {
    expect(reason(['--alow-writes'])).toBe(
      'run: unknown option --alow-writes. Did you mean --allow-writes?\nValid options: --allow-writes, --target (-t), --out',
    )
    expect(reason(['--frobnicate'])).toMatch(/^run: unknown option --frobnicate\.\n/)
  })

  it("says Node's other complaints the way a person fixes them", () => {
    expect(reason(['--target'])).toMatch(/^run: --target needs a value: --target <value>\n/)
    expect(reason(['--allow-writes=yes'])).toMatch(
      /^run: --allow-writes is a switch and takes no value: write --allow-writes alone\n/,
    )
    expect(reason(['--out', '-x'])).toMatch(/^run: --out is followed by .* write --out=<value>\n/)
  })
})
