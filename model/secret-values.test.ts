import { describe, expect, it } from 'vitest'
import { redactString, redactValue } from './redact.ts'
import { SecretValues, privateKeyParts, registerSecret, secretForms } from './secret-values.ts'

const KEY = 'k3y-Of/The+Tenant=42'

function values(...secrets: string[]): SecretValues {
  const set = new SecretValues()
  for (const s of secrets) set.add(s)
  return set
}

describe('redaction by value', () => {
  it('finds a secret as sent, anywhere in a string', () => {
    expect(values(KEY).redact(`bad request from token ${KEY}!`)).toBe(
      'bad request from token [REDACTED]!',
    )
    expect(values(KEY).redact(`<b>${KEY}</b>`)).toBe('<b>[REDACTED]</b>')
  })

  it('finds it percent-encoded, form-encoded and JSON-escaped', () => {
    const set = values('key with "quotes" & spaces')
    expect(set.redact(`/Users/${encodeURIComponent('key with "quotes" & spaces')}`)).toBe(
      '/Users/[REDACTED]',
    )
    expect(set.redact('q=key+with+%22quotes%22+%26+spaces')).toBe('q=[REDACTED]')
    expect(set.redact('/Users/key with "quotes" %26 spaces')).toBe('/Users/[REDACTED]')
    expect(set.redact(JSON.stringify({ detail: 'key with "quotes" & spaces' }))).toBe(
      '{"detail":"[REDACTED]"}',
    )
  })

  it('finds it inside base64, at every alignment: a Basic credential, base64url', () => {
    const set = values(KEY)
    for (const user of ['', 'a', 'ab', 'abc', 'user']) {
      const basic = btoa(`${user}:${KEY}`)
      expect(set.redact(`Basic ${basic}`), user).not.toContain(basic.slice(-12, -4))
      const url = basic.replace(/\+/g, '-').replace(/\//g, '_')
      expect(set.redact(url), user).toContain('[REDACTED]')
    }
  })

  it('matches short secrets only as whole tokens', () => {
    const set = values('secret')
    expect(set.redact('client secret missing')).toBe('client [REDACTED] missing')
    expect(set.redact('secretary and secrets')).toBe('secretary and secrets')
  })

  it('copies keys and values of nested JSON, and forgets the oldest beyond its capacity', () => {
    expect(values(KEY).redactDeep({ [KEY]: [{ x: `t ${KEY}` }] })).toEqual({
      '[REDACTED]': [{ x: 't [REDACTED]' }],
    })
    const set = new SecretValues()
    for (let i = 0; i < 600; i += 1) set.add(`token-number-${i}-xxxxxxxx`)
    expect(set.size).toBe(512)
    expect(set.redact('token-number-0-xxxxxxxx')).toBe('token-number-0-xxxxxxxx')
    expect(set.redact('token-number-599-xxxxxxxx')).toBe('[REDACTED]')
  })

  it('never forgets a held value, however many others come after it', () => {
    const set = new SecretValues()
    set.hold('held-credential-one')
    set.add('plain-secret-early')
    set.hold('held-credential-two')
    for (let i = 0; i < 600; i += 1) set.add(`token-number-${i}-xxxxxxxx`)
    expect(set.size).toBe(514)
    expect(set.redact('a held-credential-one b held-credential-two')).toBe(
      'a [REDACTED] b [REDACTED]',
    )
    expect(set.redact('plain-secret-early')).toBe('plain-secret-early')
    // A held value takes no place of the others: the newest 512 of them stay.
    set.hold('plain-secret-late')
    expect(set.size).toBe(515)
    expect(set.redact('token-number-88-xxxxxxxx')).toBe('[REDACTED]')
    expect(set.redact('token-number-87-xxxxxxxx')).toBe('token-number-87-xxxxxxxx')
  })

  it('redacts what one alternation of every form, longest first, would (seeded random texts)', () => {
    let seed = 42
    // mulberry32: a small seeded generator whose low bits are as random as its high ones.
    const next = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) % n
    }
    // Non-ASCII too: Ā and € fold onto other characters in the tables of first characters.
    const ALPHABET = 'abcXYZ019+/=%-_ "\\.eyJéĀ€'
    const word = (length: number) =>
      Array.from({ length }, () => ALPHABET[next(ALPHABET.length)]).join('')
    for (let round = 0; round < 200; round += 1) {
      const secrets = Array.from({ length: 1 + next(6) }, () => word(3 + next(14)))
      // A secret that another one begins with: the longer must win where both stand.
      secrets.push(secrets[0]! + word(1 + next(4)))
      const set = values(...secrets)
      const forms = [...new Set(secrets.flatMap(secretForms))]
      const escape = (form: string) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      const long = forms.filter((form) => form.length >= 8).sort((a, b) => b.length - a.length)
      const short = forms.filter((form) => form.length < 8).sort((a, b) => b.length - a.length)
      const parts = [
        ...(long.length > 0 ? [long.map(escape).join('|')] : []),
        ...(short.length > 0
          ? [`(?<![A-Za-z0-9])(?:${short.map(escape).join('|')})(?![A-Za-z0-9])`]
          : []),
      ]
      const reference = new RegExp(parts.join('|'), 'g')
      for (let text = 0; text < 10; text += 1) {
        const pieces = Array.from({ length: 1 + next(6) }, () =>
          next(2) === 0 ? word(next(10)) : forms[next(forms.length)]!.slice(next(3)),
        )
        const sample = pieces.join('')
        expect(set.redact(sample), sample).toBe(sample.replace(reference, '[REDACTED]'))
      }
    }
  })

  it('still finds a form that a forgotten secret shared with a kept one', () => {
    const set = new SecretValues()
    set.add('a b-secret-form') // form-encoded: a+b-secret-form
    set.hold('a+b-secret-form')
    for (let i = 0; i < 600; i += 1) set.add(`token-number-${i}-xxxxxxxx`)
    expect(set.redact('a b-secret-form')).toBe('a b-secret-form')
    expect(set.redact('x a+b-secret-form y')).toBe('x [REDACTED] y')
  })

  it('takes a secret with a lone surrogate (no UTF-8 form) without throwing, and still finds it', () => {
    const set = new SecretValues()
    const odd = 'bad\ud800secret-value'
    expect(() => set.hold(odd)).not.toThrow()
    expect(set.redact(`a ${odd} b`)).toBe('a [REDACTED] b')
    expect(set.redact(JSON.stringify({ v: odd }))).toBe('{"v":"[REDACTED]"}')
    for (let i = 0; i < 600; i += 1) set.add(`token-number-${i}-xxxxxxxx`)
    expect(set.size).toBe(513)
  })

  it('forgets a released value like any other, once its last holder let go', () => {
    const set = new SecretValues()
    set.hold('shared-credential-1')
    set.hold('shared-credential-1')
    set.release('shared-credential-1')
    for (let i = 0; i < 600; i += 1) set.add(`token-number-${i}-xxxxxxxx`)
    expect(set.redact('shared-credential-1')).toBe('[REDACTED]')
    set.release('shared-credential-1')
    expect(set.size).toBe(512)
    expect(set.redact('shared-credential-1')).toBe('shared-credential-1')
  })

  it('takes a private key and each of its lines as secrets', () => {
    const pem = [
      '-----BEGIN PRIVATE KEY-----',
      'A'.repeat(64),
      'B'.repeat(20),
      'short',
      '-----END PRIVATE KEY-----',
    ].join('\n')
    expect(privateKeyParts(pem)).toEqual([pem, 'A'.repeat(64), 'B'.repeat(20)])
  })

  it('finds signed tokens by their shape, so many of them cost no more than one', () => {
    const jwt = (n: number) => `eyJhbGciOiJSUzUxMiJ9.eyJqdGkiOiJ${n}abcdef.c2lnbmF0dXJl${n}`
    const set = new SecretValues()
    for (let i = 0; i < 600; i += 1) set.add(jwt(i))
    expect(set.size).toBe(0)
    expect(set.redact(`/Users/${jwt(0)}?t=${jwt(599)}`)).toBe('/Users/[REDACTED]?t=[REDACTED]')
    expect(set.redact(JSON.stringify({ token: jwt(7) }))).toBe('{"token":"[REDACTED]"}')
  })

  it('finds a secret among hundreds at the very start and end of a text, whatever its length', () => {
    const set = values(...Array.from({ length: 300 }, (_, i) => `unrelated-secret-${i}-0123456789`))
    for (const secret of ['8charsXY', 'a-much-longer-secret-value-42', 'tiny']) set.add(secret)
    expect(set.redact('8charsXY')).toBe('[REDACTED]')
    expect(set.redact('x 8charsXY')).toBe('x [REDACTED]')
    expect(set.redact('a-much-longer-secret-value-42 y')).toBe('[REDACTED] y')
    expect(set.redact('tiny')).toBe('[REDACTED]')
    expect(set.redact('a tiny key')).toBe('a [REDACTED] key')
    expect(set.redact(btoa('user:a-much-longer-secret-value-42'))).toContain('[REDACTED]')
    expect(set.redact('unrelated-secret-299-0123456789')).toBe('[REDACTED]')
    expect(set.redact('nothing to hide here, tinyish 8charsX')).toBe(
      'nothing to hide here, tinyish 8charsX',
    )
  })

  it('lists the forms longest first and ignores empty secrets', () => {
    const forms = secretForms(KEY)
    expect(forms).toContain(encodeURIComponent(KEY))
    expect([...forms].sort((a, b) => b.length - a.length)).toEqual(forms)
    expect(values('', '   ').size).toBe(0)
  })

  it('is applied by every name- and pattern-based redactor', () => {
    const key = registerSecret(`process-wide-${crypto.randomUUID()}`)
    expect(redactString(`echo ${key}`)).toBe('echo [REDACTED]')
    expect(redactValue({ note: `a ${key}`, [key]: 1 })).toEqual({
      note: 'a [REDACTED]',
      '[REDACTED]': 1,
    })
  })
})
