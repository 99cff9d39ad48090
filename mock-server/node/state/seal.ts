/**
 * Sealing of the few secrets the mock must be able to send again after a restart (a webhook's app
 * key, the values of secret-named webhook headers): AES-256-GCM under a key of the state directory
 * (`state.key`, mode 0600, made at first start). Every other secret is kept as a digest. The
 * journal and snapshots so hold no secret in plain text: shared without `state.key`, they give
 * nothing away; whoever can read `state.key` can open the sealed values.
 *
 * @module
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const PREFIX = 'sealed:v1:'

export class Seal {
  constructor(readonly key: Buffer) {}

  seal(text: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
  }

  /** Throws when the value was not sealed with this key (another directory's key, or damage). */
  open(sealed: string): string {
    if (!sealed.startsWith(PREFIX)) throw new Error('a sealed value is not marked as one')
    const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64')
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12))
    decipher.setAuthTag(bytes.subarray(12, 28))
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')
  }

  static random(): Seal {
    return new Seal(randomBytes(32))
  }
}
