/**
 * Client assertions for the JWT-bearer grant (RFC 7523 §2.1, §3) as ClearID documents them: RS512,
 * `kid` = client id, `iss` = `sub` = client id, `aud` = `iams-sts`, a one-hour `exp` and a fresh
 * `jti`. Rules change one claim at a time (`overrides`) to prove the token service refuses it.
 *
 * @module
 */
import { importPKCS8, SignJWT, type JWTPayload } from 'jose'
import { privateKeyParts, registerSecret } from '../../model/secret-values.ts'
import type { AssertionKey } from './rest-endpoints.ts'

export interface AssertionOverrides {
  readonly aud?: string
  /** Seconds from now; negative for an expired assertion. Default 3600. */
  readonly expiresIn?: number
  /** Seconds from now the assertion becomes valid. Default 0 (now). */
  readonly notBefore?: number
  /** Default: a fresh random id. */
  readonly jti?: string
  readonly iss?: string
  readonly sub?: string
}

/** Makes a private key a secret in play (`privateKeyParts`). Returns the PEM. */
export function registerPrivateKey<T extends string | undefined>(pem: T): T {
  if (pem !== undefined) for (const part of privateKeyParts(pem)) registerSecret(part)
  return pem
}

const keys = new Map<string, Promise<CryptoKey>>()

function privateKey(pem: string): Promise<CryptoKey> {
  let key = keys.get(pem)
  if (!key) keys.set(pem, (key = importPKCS8(pem, 'RS512')))
  return key
}

export async function signAssertion(
  key: AssertionKey,
  overrides: AssertionOverrides = {},
  now: number = Math.floor(Date.now() / 1000),
): Promise<string> {
  const payload: JWTPayload = { jti: overrides.jti ?? crypto.randomUUID() }
  const jwt = await new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS512', kid: key.keyId, typ: 'JWT' })
    .setIssuer(overrides.iss ?? key.clientId)
    .setSubject(overrides.sub ?? key.clientId)
    .setAudience(overrides.aud ?? key.audience)
    .setIssuedAt(now)
    .setNotBefore(now + (overrides.notBefore ?? 0))
    .setExpirationTime(now + (overrides.expiresIn ?? 3600))
    .sign(await privateKey(key.privateKeyPem))
  // An assertion is a credential until it expires: every output redacts it.
  return registerSecret(jwt)
}
