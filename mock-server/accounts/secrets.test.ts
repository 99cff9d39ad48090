import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { constantTimeEqual, matchesSecret, randomSecret, storeSecret } from './secrets.ts'
import { sha256 } from './sha256.ts'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    const enc = new TextEncoder()
    expect(hex(sha256(enc.encode('')))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    )
    expect(hex(sha256(enc.encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })

  it('agrees with node:crypto on arbitrary input, across block boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(hex(sha256(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'))
      }),
    )
  })
})

describe('secrets', () => {
  it('matches only the stored secret, and nothing when none is stored', () => {
    const secret = randomSecret()
    const stored = storeSecret(secret)
    expect(matchesSecret(stored, secret)).toBe(true)
    expect(matchesSecret(stored, `${secret}x`)).toBe(false)
    expect(matchesSecret(stored, secret.slice(1))).toBe(false)
    expect(matchesSecret(undefined, secret)).toBe(false)
  })

  it('generates distinct URL-safe secrets with 256 bits of entropy', () => {
    const a = randomSecret()
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(randomSecret()).not.toBe(a)
  })

  it('compares digests of different lengths as unequal', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false)
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true)
  })
})
