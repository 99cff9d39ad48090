/**
 * Name resolution for webhook deliveries that refuses link-local and cloud metadata addresses
 * (`webhooks/webhook-address.ts`). The URL's host is checked when a webhook is configured, but a
 * name can resolve to 169.254.169.254 (or be made to, between the check and the delivery): only
 * the address the socket is about to connect to settles it. Addresses the check refuses are left
 * out; when none is left, the lookup fails and the attempt is logged like any unreachable receiver.
 *
 * @module
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import type { LookupFunction } from 'node:net'
import { forbiddenHost } from '../webhooks/webhook-address.ts'

export function guardedLookup(resolve: LookupFunction = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family)
      const all: LookupAddress[] = Array.isArray(address)
        ? address
        : [{ address, family: family ?? (address.includes(':') ? 6 : 4) }]
      const allowed = all.filter((entry) => forbiddenHost(entry.address) === undefined)
      if (allowed.length === 0) {
        const refused = Object.assign(
          new Error(
            `${hostname} resolves only to link-local or cloud metadata addresses, which webhooks may not reach (allowLinkLocalWebhooks lifts this).`,
          ),
          { code: 'EADDRNOTAVAIL' },
        )
        return callback(refused, '', undefined)
      }
      if (Array.isArray(address)) return callback(null, allowed)
      return callback(null, allowed[0]!.address, allowed[0]!.family)
    })
  }
}
