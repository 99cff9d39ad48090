/**
 * A stored secret as a state record holds it: the digest in hex and the hint. The secret itself is
 * never kept, so a restarted mock checks presented keys against the digest as before.
 *
 * @module
 */
import type { StoredSecret } from '../accounts/secrets.ts'
import { fromHex, toHex, type SecretDigest } from './state-record.ts'

export function secretDigestOf(secret: StoredSecret): SecretDigest {
  return { digest: toHex(secret.digest), hint: secret.hint }
}

export function storedSecretOf(kept: SecretDigest): StoredSecret {
  return { digest: fromHex(kept.digest), hint: kept.hint }
}
