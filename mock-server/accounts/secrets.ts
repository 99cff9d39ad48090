/**
 * Secret handling without Node built-ins (the app factory must stay runtime-neutral): random
 * secrets from Web Crypto, SHA-256 digests for storage, constant-time comparison of digests.
 *
 * @module
 */
import { holdSecret, releaseSecret } from '../../model/secret-values.ts'
import { sha256 } from './sha256.ts'

const encoder = new TextEncoder()

/** A random URL-safe secret of `bytes` bytes of entropy. */
export function randomSecret(bytes = 32): string {
  const buffer = new Uint8Array(bytes)
  crypto.getRandomValues(buffer)
  let binary = ''
  for (const byte of buffer) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

export function digest(secret: string): Uint8Array {
  return sha256(encoder.encode(secret))
}

/**
 * Compares two digests without an early exit, so the time taken does not reveal how much of a
 * presented key was right. Digests have a fixed length, so length reveals nothing either.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length
  const length = Math.max(a.length, b.length)
  for (let i = 0; i < length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return difference === 0
}

/** A stored secret: only its digest is kept; a short hint helps people tell keys apart. */
export interface StoredSecret {
  readonly digest: Uint8Array
  /** Last four characters, for display ("…k3Zq"); never enough to use the key. */
  readonly hint: string
}

export function storeSecret(secret: string): StoredSecret {
  return { digest: digest(secret), hint: secret.slice(-4) }
}

/**
 * The value of each stored credential the redactor holds for it (`holdSecret`): given when it was
 * made, or, for one restored from its digest, the value a client first presented that matched.
 * Without the second, a restart left the mock's keys unknown to the redactor: a client that put
 * another account's key in a body had it shown in the traffic log.
 */
const heldFor = new WeakMap<StoredSecret, string>()

function hold(stored: StoredSecret, secret: string): void {
  if (heldFor.has(stored)) return
  heldFor.set(stored, secret)
  holdSecret(secret)
}

/** A credential the mock holds: its digest, and its value held by the redactor until released. */
export function storeHeldSecret(secret: string): StoredSecret {
  const stored = storeSecret(secret)
  hold(stored, secret)
  return stored
}

/** The mock dropped the credential (replaced, deleted): the redactor may forget its value. */
export function releaseStoredSecret(stored: StoredSecret | undefined): void {
  const secret = stored && heldFor.get(stored)
  if (secret === undefined) return
  heldFor.delete(stored!)
  releaseSecret(secret)
}

/**
 * The last value accepted for each stored secret. Clients send the same key on every request, and
 * the pure-JS digest is the dearest step of a SCIM request, so a repeat of the accepted value is
 * recognised by a comparison that, like the digest comparison, takes the same time whatever the
 * presented characters are. Keyed by the stored secret: replacing a key drops its entry.
 */
const lastAccepted = new WeakMap<StoredSecret, string>()

/** No early exit; the loop runs over the accepted value's length, whatever is presented. */
function sameAsAccepted(accepted: string, presented: string): boolean {
  let difference = accepted.length ^ presented.length
  for (let i = 0; i < accepted.length; i++) {
    // Past the end of `presented`, charCodeAt gives NaN, which `^` turns into 0: still unequal.
    difference |= accepted.charCodeAt(i) ^ presented.charCodeAt(i)
  }
  return difference === 0
}

export function matchesSecret(stored: StoredSecret | undefined, presented: string): boolean {
  const accepted = stored && lastAccepted.get(stored)
  if (accepted !== undefined && sameAsAccepted(accepted, presented)) return true
  const presentedDigest = digest(presented)
  // Compare against a dummy digest when nothing is stored so both paths cost the same.
  const matches =
    constantTimeEqual(stored?.digest ?? new Uint8Array(32), presentedDigest) && stored !== undefined
  if (matches) {
    lastAccepted.set(stored, presented)
    hold(stored, presented)
  }
  return matches
}
