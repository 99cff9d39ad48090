/**
 * Access tokens for the run's API integration: the client-credentials grant when a client secret
 * was given, else the JWT-assertion grant with the key file's private key (developer guide,
 * "Authentication"). A token is reused until a minute before it expires, and every rule asking at
 * once shares one request. Tokens join the secrets in play the moment they arrive.
 *
 * @module
 */
import { registerSecret } from '../../model/secret-values.ts'
import type { HttpAnswer } from '../http/types.ts'
import { signAssertion } from './assertion.ts'
import type { RestCredentials } from './rest-endpoints.ts'
import type { RestRequest } from './rest-request.ts'

export const CLIENT_CREDENTIALS = 'client_credentials'
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer'
export const TOKEN_PATH = '/connect/token'

/** The token service refused the run's credentials: every rule that needs a token stops on it. */
export class TokenRefused extends Error {
  override readonly name = 'TokenRefused'
  constructor(
    message: string,
    readonly answer?: HttpAnswer,
  ) {
    super(message)
  }
}

interface Held {
  readonly value: string
  readonly renewAt: number
}

export class TokenSource {
  #held: Held | undefined
  #pending: Promise<string> | undefined

  constructor(
    private readonly credentials: RestCredentials,
    private readonly send: (request: RestRequest) => Promise<HttpAnswer>,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Which grant the run uses: the secret when there is one. */
  get grant(): 'client-secret' | 'jwt-assertion' {
    return this.credentials.clientSecret === undefined ? 'jwt-assertion' : 'client-secret'
  }

  /** A valid access token of the run's integration. Throws `TokenRefused`. */
  async token(): Promise<string> {
    const held = this.#held
    if (held && this.now() < held.renewAt) return held.value
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = undefined
    })
    return this.#pending
  }

  /** Forgets the held token, so the next call asks again. */
  reset(): void {
    this.#held = undefined
  }

  /** The form of a token request with the run's credentials (the grant decides which). */
  async grantForm(): Promise<Record<string, string>> {
    const { clientId, clientSecret } = this.credentials
    if (clientSecret !== undefined)
      return { grant_type: CLIENT_CREDENTIALS, client_id: clientId, client_secret: clientSecret }
    const key = await this.credentials.assertionKey?.()
    if (!key)
      throw new TokenRefused(
        'no credential to ask for a token with: give a client secret or a key file',
      )
    return { grant_type: JWT_BEARER, client_id: clientId, assertion: await signAssertion(key) }
  }

  async #fetch(): Promise<string> {
    const answer = await this.send({
      service: 'sts',
      method: 'POST',
      path: TOKEN_PATH,
      form: await this.grantForm(),
    })
    const body = answer.body as { access_token?: unknown; expires_in?: unknown } | undefined
    if (answer.status !== 200 || typeof body?.access_token !== 'string') {
      const error = (answer.body as { error?: unknown } | undefined)?.error
      throw new TokenRefused(
        `the token service answered HTTP ${answer.status}${typeof error === 'string' ? ` (${error.slice(0, 60)})` : ''} to the ${this.grant} grant`,
        answer,
      )
    }
    const value = registerSecret(body.access_token)
    const lifetime =
      typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600
    // Renewed at half its lifetime, as ClearID advises ("How to use the access token").
    this.#held = { value, renewAt: this.now() + (lifetime / 2) * 1000 }
    return value
  }
}
