import { describe, expect, it } from 'vitest'
import {
  REDACTED,
  isSecretName,
  redactHeaders,
  redactString,
  redactUrl,
  redactValue,
} from './redact.ts'
import { redactReport } from '../reports/redact-report.ts'
import { report, result } from '../reports/test/builders.ts'

describe('redactHeaders', () => {
  it('keeps the Authorization scheme and hides the credential', () => {
    expect(
      redactHeaders({
        Authorization: 'Bearer s3cr3t-key-value',
        authorization: 'Basic dXNlcjpwYXNz',
      }),
    ).toEqual({
      Authorization: `Bearer ${REDACTED}`,
      authorization: `Basic ${REDACTED}`,
    })
  })

  it('hides headers named like a key, secret, token, password or cookie', () => {
    const out = redactHeaders({
      'X-Api-Key': 'abc',
      'x-client-secret': 'def',
      'X-Auth-Token': 'ghi',
      'X-Password': 'jkl',
      Cookie: 'session=1',
      'Set-Cookie': 'sid=2',
      Accept: 'application/scim+json',
    })
    expect(Object.values(out).filter((v) => v === REDACTED)).toHaveLength(6)
    expect(out.Accept).toBe('application/scim+json')
  })

  it('is idempotent', () => {
    const once = redactHeaders({ Authorization: 'Bearer abc', 'x-api-key': 'k' })
    expect(redactHeaders(once)).toEqual(once)
  })
})

describe('redactUrl', () => {
  it('removes user-info and secret query parameters, leaving the rest byte for byte', () => {
    expect(
      redactUrl(
        'https://user:pa55@scim.example/v2/Users?filter=userName+eq+%22a%22&api_key=XYZ&count=1',
      ),
    ).toBe(
      `https://${REDACTED}@scim.example/v2/Users?filter=userName+eq+%22a%22&api_key=${REDACTED}&count=1`,
    )
  })

  it('handles access_token in the fragment and relative URLs', () => {
    expect(redactUrl('/cb#access_token=abc&state=1')).toBe(`/cb#access_token=${REDACTED}&state=1`)
  })
})

describe('redactValue', () => {
  it('hides secret-named fields at any depth and keeps the rest', () => {
    const value = {
      userName: 'ada',
      password: 'hunter2',
      nested: [{ clientSecret: 'x', ok: 1 }],
      token: null,
    }
    expect(redactValue(value)).toEqual({
      userName: 'ada',
      password: REDACTED,
      nested: [{ clientSecret: REDACTED, ok: 1 }],
      token: null,
    })
  })

  it('hides the value of a PATCH operation whose path is secret', () => {
    const op = { op: 'replace', path: 'password', value: 'hunter2' }
    expect(redactValue(op)).toEqual({ op: 'replace', path: 'password', value: REDACTED })
  })

  it('scrubs bearer tokens, Authorization echoes and JWTs inside strings', () => {
    const jwt = 'eyJhbGciOiJSUzUxMiJ9.eyJzdWIiOiJhYmMifQ.c2lnbmF0dXJlLXZhbHVl'
    const text = `Authorization: Bearer abcdefghijklmnop1234 and ${jwt} and Bearer 0123456789abcdefXYZ`
    const out = redactString(text)
    expect(out).not.toContain('abcdefghijklmnop1234')
    expect(out).not.toContain(jwt)
    expect(out).not.toContain('0123456789abcdefXYZ')
  })

  it('leaves prose about authorization alone', () => {
    const hint =
      'Send Authorization: Bearer <SCIM key>; answer WWW-Authenticate: Bearer realm="scim"'
    expect(redactString(hint)).toBe(hint)
  })
})

describe('isSecretName', () => {
  it.each(['apiKey', 'x-api-key', 'client_secret', 'access_token', 'Password', 'passwd', 'Cookie'])(
    '%s',
    (name) => {
      expect(isSecretName(name)).toBe(true)
    },
  )
  it.each(['userName', 'externalId', 'displayName', 'Content-Type'])('not %s', (name) => {
    expect(isSecretName(name)).toBe(false)
  })
})

describe('redactReport', () => {
  it('redacts exchanges, messages, target URL and options', () => {
    const leaked = report(
      [
        result({
          ruleId: 'SRV-X',
          status: 'failed',
          findings: [
            {
              severity: 'error',
              message: 'server echoed Authorization: Bearer LEAKED-KEY-1234567890',
              exchange: {
                request: {
                  method: 'GET',
                  url: 'https://h/Users?token=LEAKED',
                  headers: { Authorization: 'Bearer LEAKED' },
                },
                response: {
                  status: 200,
                  headers: { 'Set-Cookie': 'LEAKED' },
                  body: { apiKey: 'LEAKED' },
                },
              },
            },
          ],
        }),
      ],
      {},
    )
    const withTarget = {
      ...leaked,
      run: {
        ...leaked.run,
        target: { kind: 'url' as const, url: 'https://u:LEAKED@h/' },
        options: { token: 'LEAKED' },
      },
    }
    expect(JSON.stringify(redactReport(withTarget))).not.toContain('LEAKED')
  })
})
