/**
 * The state tokens of `@odata.nextLink` (`$skiptoken`) and `@odata.deltaLink` (`$deltatoken`):
 * opaque to clients, as Graph's are, but plain data inside (base64url JSON): the tenant, the cursor
 * (last id served) and, for delta rounds, the change sequence number the round started from and the
 * query the first request carried (Graph encodes the initial query into its delta tokens). A token
 * that does not decode, or belongs to another tenant or kind, is refused with a 400.
 *
 * @module
 */

export interface ListToken {
  readonly kind: 'list'
  readonly tenant: string
  /** Last id of the previous page. */
  readonly after: string
}

export interface DeltaQuery {
  readonly select?: readonly string[]
  readonly filter?: string
}

export interface DeltaPageToken extends DeltaQuery {
  readonly kind: 'delta'
  readonly tenant: string
  /** Changes after this sequence number are in the round. */
  readonly since: number
  /** Sequence number when the round started: the next round's `since`. */
  readonly round: number
  readonly after: string
  readonly pageSize: number
}

export interface DeltaLinkToken extends DeltaQuery {
  readonly kind: 'deltaLink'
  readonly tenant: string
  readonly since: number
}

export type PageToken = ListToken | DeltaPageToken | DeltaLinkToken

/** Looks like the start of Graph's directory skip tokens; tells nothing. */
const PREFIX = 'RFNwdAIAAQ'

export function encodePageToken(token: PageToken): string {
  const bytes = new TextEncoder().encode(JSON.stringify(token))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return PREFIX + btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

export function decodePageToken<K extends PageToken['kind']>(
  text: string,
  kind: K,
  tenant: string,
): Extract<PageToken, { kind: K }> | undefined {
  if (!text.startsWith(PREFIX) || text.length > 8192) return undefined
  try {
    const binary = atob(text.slice(PREFIX.length).replaceAll('-', '+').replaceAll('_', '/'))
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0))
    const token = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as PageToken
    if (
      token === null ||
      typeof token !== 'object' ||
      token.kind !== kind ||
      token.tenant !== tenant
    ) {
      return undefined
    }
    if (!wellFormed(token)) return undefined
    return token as Extract<PageToken, { kind: K }>
  } catch {
    return undefined
  }
}

function wellFormed(token: PageToken): boolean {
  const count = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0
  const query = (t: DeltaQuery) =>
    (t.select === undefined ||
      (Array.isArray(t.select) && t.select.every((s) => typeof s === 'string'))) &&
    (t.filter === undefined || typeof t.filter === 'string')
  switch (token.kind) {
    case 'list':
      return typeof token.after === 'string'
    case 'delta':
      return (
        count(token.since) &&
        count(token.round) &&
        typeof token.after === 'string' &&
        count(token.pageSize) &&
        query(token)
      )
    case 'deltaLink':
      return count(token.since) && query(token)
  }
}
