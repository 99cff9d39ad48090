import { describe, expect, it } from 'vitest'
import { SECRETS_IN_PLAY } from '../../model/secret-values.ts'
import { parseKeyFile } from './key-file.ts'

const PEM =
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC-key-file-test\n-----END PRIVATE KEY-----\n'

describe('parseKeyFile', () => {
  it("reads the mock's key file: client, secret, account and the assertion key", () => {
    const file = parseKeyFile(
      JSON.stringify({
        clientId: '6625aaaa-0000-4000-8000-00000000b21f:acme',
        clientSecret: 'key-file-test-secret-0001',
        accountId: 'acme',
        keyId: '6625aaaa-0000-4000-8000-00000000b21f:acme',
        audience: 'iams-sts',
        privateKeyPem: PEM,
        stsUrl: 'https://sts-demo.clearid.io',
      }),
    )
    expect(file).toMatchObject({
      clientId: '6625aaaa-0000-4000-8000-00000000b21f:acme',
      clientSecret: 'key-file-test-secret-0001',
      accountId: 'acme',
      key: { privateKeyPem: PEM, audience: 'iams-sts' },
      stsUrl: 'https://sts-demo.clearid.io',
    })
    // Both secrets are redacted from every output from now on.
    expect(SECRETS_IN_PLAY.redact('s=key-file-test-secret-0001')).toBe('s=[REDACTED]')
    expect(SECRETS_IN_PLAY.redact(PEM)).not.toContain('key-file-test')
  })

  it('takes OAuth spellings, and the account from a <guid>:<accountId> client id', () => {
    const file = parseKeyFile(JSON.stringify({ client_id: 'guid:tenant-7', private_key: PEM }))
    expect(file).toMatchObject({ clientId: 'guid:tenant-7', accountId: 'tenant-7' })
    expect('key' in file && file.key?.keyId).toBe('guid:tenant-7')
    expect('key' in file && file.key?.audience).toBe('iams-sts')
  })

  it('says what is wrong without quoting the file', () => {
    expect(parseKeyFile('{"clientSecret": "leak-me-not-0000"')).toEqual({
      error: 'the key file is not JSON',
    })
    expect(parseKeyFile('{"clientSecret": "leak-me-not-0000"}')).toEqual({
      error: 'the key file has no clientId',
    })
    const bad = parseKeyFile(JSON.stringify({ clientId: 'a:b', privateKey: 'not a pem' }))
    expect(bad).toEqual({ error: 'the key file\'s private key is not a PEM "PRIVATE KEY"' })
  })
})
