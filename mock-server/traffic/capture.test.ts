import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { REDACTED, redactUrl } from '../../model/redact.ts'
import { credentialOf, headerListOf, redactedHeaderText, safeUrl } from './capture.ts'

/** URL text made of the pieces redaction reacts to, in any order. */
const urlText = fc
  .array(
    fc.oneof(
      fc.constantFrom('?', '&', '#', ';', '=', '@', '/', '+', ' ', '"', '%', '%6B', '%20'),
      fc.constantFrom('key', 'Key', 'api_key', 'filter', 'token', 'eyJ', 'eyJhbGciOi.abcdef.x'),
      fc.constantFrom('Bearer ', 'Basic ', 'AUTHORIZATION', 'authorisation', 'pwd', 'session'),
      fc.constantFrom('abcdefghijklmnopqrstuvwxyz0123', 'userName eq "a@b.c"', 'x'),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => `http://127.0.0.1:8080/scim/v2/accounts/a/Users${parts.join('')}`)

describe('safeUrl', () => {
  it('redacts exactly as redactUrl does, while skipping URLs with nothing to redact', () => {
    fc.assert(
      fc.property(urlText, (url) => {
        expect(safeUrl(url, undefined)).toBe(redactUrl(url))
      }),
      { numRuns: 5000 },
    )
  })

  it('redacts a parameter whose name is secret only once decoded', () => {
    const url = 'http://h/scim/v2/accounts/a/Users?%6Bey=s3cr3t-value'
    expect(safeUrl(url, undefined)).not.toContain('s3cr3t-value')
  })

  it('removes the request credential wherever it reappears', () => {
    const url = 'http://h/scim/v2/accounts/a/Users?filter=userName%20eq%20%22the-key-123%22'
    expect(safeUrl(url, 'the-key-123')).not.toContain('the-key-123')
  })
})

/** The reading `credentialOf` must give: the last whitespace-separated word of the value. */
function lastWord(value: string): string | undefined {
  const word = value.trim().split(/\s+/).pop() ?? ''
  return word.length >= 8 ? word : undefined
}

describe('credentialOf', () => {
  it('takes the last whitespace-separated word, whatever the whitespace', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028'),
        fc.constantFrom('a', 'B', '-', '.', '=', 'é'),
      ),
      maxLength: 30,
    })
    fc.assert(
      fc.property(text, (value) => {
        expect(credentialOf(value)).toBe(lastWord(value))
      }),
      { numRuns: 5000 },
    )
  })
})

/** The reading the header redaction must give an Authorization value. */
function credentialsReference(value: string): string {
  const scheme = /^([A-Za-z][\w-]*)\s+\S/.exec(value)?.[1]
  return scheme ? `${scheme} ${REDACTED}` : REDACTED
}

const redactedHeaderList = (list: string[]) => headerListOf(redactedHeaderText(list))

describe('redactedHeaderText', () => {
  it('keeps the scheme of credentials exactly when the value reads "scheme credentials"', () => {
    const value = fc.string({
      unit: fc.constantFrom('B', 'e', 'a', 'r', '1', '_', '-', ' ', '\t', '\u00a0', '=', '.', 'é'),
      maxLength: 14,
    })
    const name = fc.constantFrom('Authorization', 'AUTHORIZATION', 'proxy-authorization')
    fc.assert(
      fc.property(name, value, (header, text) => {
        expect(redactedHeaderList([header, text])).toEqual([header, credentialsReference(text)])
      }),
      { numRuns: 5000 },
    )
  })

  it('gives back an empty list and values that are empty', () => {
    expect(redactedHeaderList([])).toEqual([])
    expect(redactedHeaderList(['Accept', '', 'X-Empty', ''])).toEqual(['Accept', '', 'X-Empty', ''])
  })

  it('redacts secret-named headers whatever their case and keeps the others', () => {
    const list = ['X-Api-Key', 'k1', 'COOKIE', 'c=1', 'Accept', '*/*', 'x-api-key', 'k2']
    expect(redactedHeaderList(list)).toEqual([
      'X-Api-Key',
      REDACTED,
      'COOKIE',
      REDACTED,
      'Accept',
      '*/*',
      'x-api-key',
      REDACTED,
    ])
  })
})
