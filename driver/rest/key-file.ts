/**
 * Reads an API integration's key file (`key-{systemId}-{name}.json`, downloaded from ClearID's
 * portal). ClearID does not publish the file's member names (research/clearid.md §2.1), so the
 * reader takes the mock's names (docs/rest-api.md, "API integrations and the key file") and the
 * spellings of the OAuth and .NET worlds beside them. Every secret in it joins the secrets in play.
 *
 * @module
 */
import { registerSecret } from '../../model/secret-values.ts'
import { registerPrivateKey } from './assertion.ts'
import { accountOfClientId, type AssertionKey } from './rest-endpoints.ts'

export interface KeyFile {
  readonly clientId: string
  readonly clientSecret?: string
  readonly accountId?: string
  /** Present when the file holds a private key (the JWT-assertion grant). */
  readonly key?: AssertionKey
  /** The token service base, when the file names it. */
  readonly stsUrl?: string
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The first of `names` (any letter case) that holds a non-empty string. */
function text(file: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const lower = name.toLowerCase()
    for (const [key, value] of Object.entries(file))
      if (key.toLowerCase() === lower && typeof value === 'string' && value.trim() !== '')
        return value
  }
  return undefined
}

/** Parses the file, or says what is wrong with it (never quoting a secret). */
export function parseKeyFile(content: string): KeyFile | { readonly error: string } {
  let json: unknown
  try {
    json = JSON.parse(content.replace(/^\uFEFF/, ''))
  } catch {
    return { error: 'the key file is not JSON' }
  }
  if (!isObject(json)) return { error: 'the key file is not a JSON object' }
  const clientId = text(json, 'clientId', 'client_id')
  if (clientId === undefined) return { error: 'the key file has no clientId' }
  const clientSecret = registerSecret(text(json, 'clientSecret', 'client_secret'))
  const pem = registerPrivateKey(text(json, 'privateKeyPem', 'privateKey', 'private_key'))
  if (pem !== undefined && !/-----BEGIN (?:RSA )?PRIVATE KEY-----/.test(pem))
    return { error: 'the key file\'s private key is not a PEM "PRIVATE KEY"' }
  const accountId = text(json, 'accountId', 'account_id', 'systemId') ?? accountOfClientId(clientId)
  const stsUrl = text(json, 'stsUrl', 'sts_url')
  return {
    clientId,
    ...(clientSecret === undefined ? {} : { clientSecret }),
    ...(accountId === undefined ? {} : { accountId }),
    ...(pem === undefined
      ? {}
      : {
          key: {
            clientId,
            privateKeyPem: pem,
            keyId: text(json, 'keyId', 'kid') ?? clientId,
            audience: text(json, 'audience', 'aud') ?? 'iams-sts',
          },
        }),
    ...(stsUrl === undefined ? {} : { stsUrl }),
  }
}
