/**
 * The JWT-assertion grant (RFC 7523 §2.1 and §3) as ClearID documents it: an RS512 assertion whose
 * `kid`, `iss` and `sub` are the client id and whose `aud` is `iams-sts`, signed with the private
 * key of the integration's key file. `jti` values cannot be replayed while the assertion is valid.
 *
 * @module
 */
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose'
import type { ApiIntegration, IntegrationCredential } from '../accounts/api-integrations.ts'
import { ApiError } from '../errors/api-error.ts'
import {
  ASSERTION_CLOCK_SKEW_SECONDS,
  ASSERTION_MAX_LIFETIME_SECONDS,
  STS_AUDIENCE,
} from './constants.ts'

export function invalidGrant(detail: string): ApiError {
  return new ApiError(400, detail, { oauthError: 'invalid_grant' })
}

/** The client an assertion names: `client_id` when sent, else the assertion's `iss`. */
export function assertionClientId(assertion: string, clientId: string | undefined): string {
  if (clientId) return clientId
  try {
    const iss = decodeJwt(assertion).iss
    if (iss) return iss
  } catch {
    // fall through: reported by verifyAssertion
  }
  throw invalidGrant('The assertion is not a JWT with an "iss" claim, and no client_id was sent.')
}

export async function verifyAssertion(
  assertion: string,
  integration: ApiIntegration,
  credential: IntegrationCredential,
  now: Date,
): Promise<void> {
  checkHeader(assertion, integration.clientId)
  let exp: number
  let jti: string
  try {
    const { payload } = await jwtVerify(assertion, await credential.publicKey(), {
      algorithms: ['RS512'],
      audience: STS_AUDIENCE,
      issuer: integration.clientId,
      subject: integration.clientId,
      currentDate: now,
      clockTolerance: ASSERTION_CLOCK_SKEW_SECONDS,
      requiredClaims: ['exp', 'jti'],
    })
    exp = payload.exp as number
    jti = payload.jti as string
  } catch (error) {
    throw invalidGrant(describe(error))
  }
  const nowSeconds = Math.floor(now.getTime() / 1000)
  if (exp - nowSeconds > ASSERTION_MAX_LIFETIME_SECONDS) {
    throw invalidGrant(
      `The assertion expires more than ${ASSERTION_MAX_LIFETIME_SECONDS / 3600} hours from now; use a short-lived assertion (ClearID's sample uses one hour).`,
    )
  }
  rememberJti(credential.usedJtis, jti, exp, nowSeconds)
}

function checkHeader(assertion: string, clientId: string): void {
  let header: ReturnType<typeof decodeProtectedHeader>
  try {
    header = decodeProtectedHeader(assertion)
  } catch {
    throw invalidGrant('The assertion is not a signed JWT (expected header.payload.signature).')
  }
  if (header.alg !== 'RS512') {
    throw invalidGrant(
      `The assertion must be signed with RS512; its header says alg "${String(header.alg).slice(0, 20)}".`,
    )
  }
  if (header.kid !== clientId) {
    throw invalidGrant(
      'The assertion header must carry kid = the client id of the API integration.',
    )
  }
}

function rememberJti(used: Map<string, number>, jti: string, exp: number, now: number): void {
  for (const [seen, seenExp] of used) {
    if (seenExp + ASSERTION_CLOCK_SKEW_SECONDS < now) used.delete(seen)
  }
  if (used.has(jti)) {
    throw invalidGrant(
      'The assertion was already used (its jti was seen before): sign a new assertion with a fresh jti for every token request.',
    )
  }
  used.set(jti, exp)
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired)
    return 'The assertion has expired (exp is in the past): sign a new one.'
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return 'The assertion signature does not verify with the key of this API integration. Sign with the private key of the latest key file; a regenerated key replaces the old one at once.'
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const expected: Record<string, string> = {
      aud: `aud must be "${STS_AUDIENCE}"`,
      iss: 'iss must be the client id',
      sub: 'sub must be the client id',
      nbf: 'the assertion is not valid yet (nbf is in the future)',
      exp: 'the assertion needs an exp claim',
      jti: 'the assertion needs a jti claim',
    }
    return `The assertion was refused: ${expected[error.claim] ?? error.message}.`
  }
  return 'The assertion is not a valid RS512-signed JWT.'
}
