/**
 * Issues and verifies the STS access tokens: RS512-signed JWTs (`typ: at+jwt`) with the claims
 * ClearID's decoded samples show. One signing key per app, generated on first use so apps that
 * never touch the REST API pay nothing for it. Every token issued joins the secrets in play (found by
 * its JWT shape, `model/secret-values.ts`), so no output of the process shows it.
 *
 * @module
 */
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose'
import { registerSecret } from '../../model/secret-values.ts'
import type { ApiIntegration } from '../accounts/api-integrations.ts'
import { TOKEN_LIFETIME_SECONDS, TOKEN_SCOPES } from './constants.ts'

/**
 * `amr` of every token. ClearID's published sample token (developer.clearid.io "Authentication",
 * shown there for both grants, which "provide exactly the same functionality") carries
 * `["assertion"]`; no sample shows another value, so a client-secret token carries it too.
 */
export const TOKEN_AMR: readonly string[] = ['assertion']

export interface AccessTokenClaims extends JWTPayload {
  readonly client_id: string
  readonly account_id: string
  readonly role: string
}

export interface IssuedToken {
  readonly accessToken: string
  readonly expiresIn: number
}

export class TokenService {
  /** Like ClearID's `2018-01-26-iams-signing-credential`, dated when the app started. */
  readonly kid: string
  #keys: Promise<CryptoKeyPair> | undefined

  /** `signingKeys`: a fixed RS512 key pair (tests share one; tokens then survive a restart). */
  constructor(
    private readonly clock: () => Date,
    signingKeys?: CryptoKeyPair,
  ) {
    if (signingKeys) this.#keys = Promise.resolve(signingKeys)
    this.kid = `${clock().toISOString().slice(0, 10)}-iams-signing-credential`
  }

  #keyPair(): Promise<CryptoKeyPair> {
    this.#keys ??= generateKeyPair('RS512', { modulusLength: 2048 })
    return this.#keys
  }

  async issue(integration: ApiIntegration, issuer: string, jti: string): Promise<IssuedToken> {
    const now = Math.floor(this.clock().getTime() / 1000)
    const account = integration.accountId
    const accessToken = await new SignJWT({
      client_id: integration.clientId,
      sub: integration.id,
      idp: 'local',
      // The published sample's `email` is the integration's guid, the same value as `sub`.
      email: integration.id,
      role: 'Service',
      account_id: account,
      [`${account}_state`]: 'Active',
      [`${account}_role`]: 'admin',
      [`${account}_is_delegate`]: false,
      scope: [...TOKEN_SCOPES],
      amr: [...TOKEN_AMR],
      auth_time: now,
      jti,
    })
      .setProtectedHeader({ alg: 'RS512', kid: this.kid, typ: 'at+jwt' })
      .setIssuer(issuer)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
      .sign((await this.#keyPair()).privateKey)
    return { accessToken: registerSecret(accessToken), expiresIn: TOKEN_LIFETIME_SECONDS }
  }

  /** Verifies signature, `typ`, issuer and lifetime; throws jose's errors otherwise. */
  async verify(token: string, issuer: string): Promise<AccessTokenClaims> {
    const { payload } = await jwtVerify(token, (await this.#keyPair()).publicKey, {
      algorithms: ['RS512'],
      typ: 'at+jwt',
      issuer,
      currentDate: this.clock(),
      requiredClaims: ['exp', 'client_id', 'account_id'],
    })
    return payload as AccessTokenClaims
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    const jwk = await exportJWK((await this.#keyPair()).publicKey)
    return { keys: [{ ...jwk, kid: this.kid, alg: 'RS512', use: 'sig' }] }
  }
}
