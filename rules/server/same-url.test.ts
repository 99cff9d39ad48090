import { describe, expect, it } from 'vitest'
import { decodePercents, sameUrl, urlEndsWith } from './same-url.ts'

describe('same-url', () => {
  it('treats %40 and a literal @ as the same URL', () => {
    expect(sameUrl('https://x/Users/a%40b.example', 'https://x/Users/a@b.example')).toBe(true)
    expect(urlEndsWith('https://x/Users/a%40b.example', '/Users/a@b.example')).toBe(true)
    expect(urlEndsWith('https://x/Users/a@b.example', '/Users/a%40b.example')).toBe(true)
  })

  it('still tells different URLs apart', () => {
    expect(sameUrl('https://x/Users/a%40b', 'https://x/Users/a-b')).toBe(false)
    expect(urlEndsWith('https://x/Users/undefined', '/Users/abc')).toBe(false)
  })

  it('keeps an invalid percent sequence as it is', () => {
    expect(decodePercents('a%zz%e9b')).toBe('a%zz%e9b')
    expect(decodePercents('%C3%A9')).toBe('é')
  })
})
