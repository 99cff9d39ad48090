/**
 * Secret handling with Web Crypto only (the app factory must not import Node built-ins): random
 * secrets, SHA-256 digests for storage, and constant-time comparison of digests.
 *
 * @module
 */

const encoder = new TextEncoder()

/** A random URL-safe secret of `bytes` bytes of entropy. */
export function randomSecret(bytes = 32): string {
  const buffer = new Uint8Array(bytes)
  crypto.getRandomValues(buffer)
  let binary = ''
  for (const byte of buffer) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

export async function digest(secret: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(secret)))
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

export async function storeSecret(secret: string): Promise<StoredSecret> {
  return { digest: await digest(secret), hint: secret.slice(-4) }
}

export async function matchesSecret(
  stored: StoredSecret | undefined,
  presented: string,
): Promise<boolean> {
  const presentedDigest = await digest(presented)
  // Compare against a dummy digest when nothing is stored so both paths cost the same.
  return (
    constantTimeEqual(stored?.digest ?? new Uint8Array(32), presentedDigest) && stored !== undefined
  )
}
