/**
 * The app-only access tokens of the fake identity platform: RS256 JWTs with the claims Microsoft
 * Graph tokens for the client-credentials flow carry (`aud` https://graph.microsoft.com, `iss`
 * https://sts.windows.net/{tid}/, `tid`, `appid`, `oid`, `roles`, `idtyp: app`, `uti`, `ver` 1.0),
 * signed with a key pair generated on first use per app. Every token issued joins the secrets in
 * play, so no output of the process shows it.
 *
 * @module
 */
import {
  errors,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
} from 'jose'
import { registerSecret } from '../../model/secret-values.ts'
import type { GraphApp } from './graph-apps.ts'
import { GRAPH_RESOURCE, GRAPH_TOKEN_LIFETIME_SECONDS } from './graph-constants.ts'

export interface GraphTokenClaims extends JWTPayload {
  readonly tid: string
  readonly appid: string
  readonly oid: string
  readonly uti: string
  readonly roles?: readonly string[]
}

export type TokenCheck =
  | { readonly ok: true; readonly claims: GraphTokenClaims }
  | { readonly ok: false; readonly reason: 'expired' | 'invalid' | 'audience' }

export const stsIssuer = (tenantId: string): string => `https://sts.windows.net/${tenantId}/`

export class GraphTokenSigner {
  /** Like Entra's key ids: a short base64url thumbprint, fixed per app. */
  readonly kid: string
  #keys: Promise<CryptoKeyPair> | undefined

  constructor(
    private readonly clock: () => Date,
    signingKeys?: CryptoKeyPair,
  ) {
    if (signingKeys) this.#keys = Promise.resolve(signingKeys)
    const bytes = crypto.getRandomValues(new Uint8Array(20))
    this.kid = btoa(String.fromCharCode(...bytes))
      .replaceAll('+', '-')
      .replaceAll('/', '_')
      .replace(/=+$/, '')
  }

  #keyPair(): Promise<CryptoKeyPair> {
    this.#keys ??= generateKeyPair('RS256', { modulusLength: 2048 })
    return this.#keys
  }

  async issue(
    tenantId: string,
    app: GraphApp,
    uti: string,
  ): Promise<{ accessToken: string; expiresIn: number }> {
    const now = Math.floor(this.clock().getTime() / 1000)
    const issuer = stsIssuer(tenantId)
    const token = await new SignJWT({
      app_displayname: app.displayName,
      appid: app.appId,
      appidacr: '1',
      idp: issuer,
      idtyp: 'app',
      oid: app.servicePrincipalId,
      roles: [...app.roles],
      tid: tenantId,
      uti,
      ver: '1.0',
    })
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256', x5t: this.kid, kid: this.kid })
      .setAudience(GRAPH_RESOURCE)
      .setIssuer(issuer)
      .setSubject(app.servicePrincipalId)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + GRAPH_TOKEN_LIFETIME_SECONDS)
      .sign((await this.#keyPair()).privateKey)
    return { accessToken: registerSecret(token), expiresIn: GRAPH_TOKEN_LIFETIME_SECONDS }
  }

  /** The public key, as the identity platform publishes its signing keys. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const jwk = await exportJWK((await this.#keyPair()).publicKey)
    return {
      keys: [{ ...jwk, kty: 'RSA', use: 'sig', kid: this.kid, x5t: this.kid, alg: 'RS256' }],
    }
  }

  /** Signature, audience, issuer (that of the token's tenant) and lifetime. */
  async verify(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, (await this.#keyPair()).publicKey, {
        algorithms: ['RS256'],
        audience: GRAPH_RESOURCE,
        currentDate: this.clock(),
        requiredClaims: ['exp', 'tid', 'appid', 'uti'],
      })
      const claims = payload as GraphTokenClaims
      if (claims.iss !== stsIssuer(claims.tid)) return { ok: false, reason: 'invalid' }
      return { ok: true, claims }
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' }
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
        return { ok: false, reason: 'audience' }
      }
      return { ok: false, reason: 'invalid' }
    }
  }
}

/**
 * The tokens a tenant issued (by `uti`), so an `expiredToken` fault can expire all of them at once
 * while tokens issued afterwards work. Bounded: the oldest are forgotten first.
 */
export class TokenLedger {
  static readonly CAPACITY = 10_000
  readonly #live = new Set<string>()
  readonly #expired = new Set<string>()

  issued(uti: string): void {
    this.#live.add(uti)
    if (this.#live.size > TokenLedger.CAPACITY) {
      const oldest = this.#live.values().next().value
      if (oldest !== undefined) this.#live.delete(oldest)
    }
  }

  /** Every token issued so far expires now. */
  expireAll(): void {
    for (const uti of this.#live) this.#expired.add(uti)
    this.#live.clear()
    while (this.#expired.size > TokenLedger.CAPACITY) {
      const oldest = this.#expired.values().next().value
      if (oldest === undefined) break
      this.#expired.delete(oldest)
    }
  }

  isExpired(uti: string): boolean {
    return this.#expired.has(uti)
  }
}
