/**
 * `If-Match` (RFC 7232 §3.1, RFC 7644 §3.14): honoured when sent, never required (Entra never sends
 * it). Weak and strong forms of the same version match, and `*` matches any live resource.
 *
 * @module
 */
import type { Context } from 'hono'
import type { Identity } from '../../model/identity.ts'
import { ApiError } from '../errors/api-error.ts'
import { requestHeader } from '../http/request-header.ts'
import { etagOf } from './user-resource.ts'

const opaque = (tag: string): string => tag.trim().replace(/^W\//, '')

export function checkIfMatch(c: Context, identity: Identity): void {
  const header = requestHeader(c, 'if-match')
  if (header === undefined || header.trim() === '*') return
  const current = opaque(etagOf(identity))
  const tags = header.split(',').map(opaque)
  if (!tags.includes(current)) {
    throw new ApiError(
      412,
      `If-Match ${header.slice(0, 100)} does not match the current version ${etagOf(identity)}: read the resource again and retry with its ETag, or omit If-Match.`,
    )
  }
}
