import { describe, expect, it } from 'vitest'
import { prefersMinimalReturn } from './prefer.ts'

describe('prefersMinimalReturn', () => {
  it('reads return=minimal in any case, quoted, among other preferences, with parameters', () => {
    for (const header of [
      'return=minimal',
      'Return=Minimal',
      'return="minimal"',
      'respond-async, return=minimal',
      'wait=10,return=minimal; foo=bar',
      ' return = minimal ',
    ]) {
      expect(prefersMinimalReturn(header), header).toBe(true)
    }
  })

  it('is false without it', () => {
    for (const header of [undefined, '', 'return=representation', 'minimal', 'handling=strict']) {
      expect(prefersMinimalReturn(header), String(header)).toBe(false)
    }
  })
})
