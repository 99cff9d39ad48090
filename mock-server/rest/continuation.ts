/**
 * Opaque continuation cursors of the v3 identity list. A cursor names the last identity returned
 * (creation order, not an offset, so identities created while a client pages are neither skipped
 * nor repeated) and carries an HMAC, so a tampered or foreign cursor is refused with 400.
 *
 * @module
 */
import { ApiError } from '../errors/api-error.ts'

interface CursorState {
  readonly accountId: string
  readonly afterId: string
}

const encoder = new TextEncoder()

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'))
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0))
}

function invalid(): ApiError {
  return new ApiError(
    400,
    'The continuation token is not valid: pass back the exact value of "continuation" from the previous page of this account, or start again without it.',
    { errors: { continuation: ['Invalid continuation token.'] } },
  )
}

/** Signs and checks cursors with a key that lives as long as the app. */
export class ContinuationCodec {
  #key: Promise<CryptoKey> | undefined

  #hmacKey(): Promise<CryptoKey> {
    this.#key ??= crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ])
    return this.#key
  }

  async encode(state: CursorState): Promise<string> {
    const payload = encoder.encode(JSON.stringify({ a: state.accountId, i: state.afterId }))
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await this.#hmacKey(), payload))
    return `${toBase64Url(payload)}.${toBase64Url(mac)}`
  }

  async decode(token: string, accountId: string): Promise<CursorState> {
    const [payloadPart, macPart, extra] = token.split('.')
    if (!payloadPart || !macPart || extra !== undefined) throw invalid()
    let payload: Uint8Array<ArrayBuffer>
    let mac: Uint8Array<ArrayBuffer>
    try {
      payload = fromBase64Url(payloadPart)
      mac = fromBase64Url(macPart)
    } catch {
      throw invalid()
    }
    const key = await this.#hmacKey()
    if (!(await crypto.subtle.verify('HMAC', key, mac, payload))) throw invalid()
    const state = JSON.parse(new TextDecoder().decode(payload)) as { a: string; i: string }
    if (state.a !== accountId) throw invalid()
    return { accountId: state.a, afterId: state.i }
  }
}
