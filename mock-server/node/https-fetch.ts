/**
 * A `fetch` for webhook deliveries built on `node:https`, for receivers whose certificate Node does
 * not trust by default (a self-signed local receiver, a private CA): pass the CA and hand the result
 * to `createApp({ webhookFetch })`. Global `fetch` offers no per-call CA without undici.
 *
 * It never follows a redirect (the 3xx is the answer), refuses names that resolve to link-local or
 * cloud metadata addresses (`webhook-lookup.ts`; `allowLinkLocal` lifts it), and reads at most 64 KiB
 * of a receiver's answer. `serve` (and `npm start`) deliver webhooks through it.
 *
 * @module
 */
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import type { WebhookFetch } from '../webhooks/webhook-options.ts'
import { guardedLookup } from './webhook-lookup.ts'

export interface HttpsFetchOptions {
  /** PEM certificate(s) to trust in addition to nothing else (Node's `ca` option). */
  readonly ca?: string | Buffer
  /** Connect to link-local and cloud metadata addresses too (`allowLinkLocalWebhooks`). Default false. */
  readonly allowLinkLocal?: boolean
  /** Name resolution (Node's `lookup` option). Default: `dns.lookup`. */
  readonly lookup?: LookupFunction
}

/** The most of a receiver's answer that is read; the delivery log needs only its status. */
const MAX_RESPONSE_BYTES = 64 * 1024

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason
  return reason instanceof Error
    ? reason
    : new DOMException('The operation was aborted.', 'AbortError')
}

export function httpsFetch(options: HttpsFetchOptions = {}): WebhookFetch {
  const lookup = options.allowLinkLocal ? options.lookup : guardedLookup(options.lookup)
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url)
      const signal = init.signal ?? undefined
      if (signal?.aborted) return reject(abortError(signal))
      const client = target.protocol === 'https:' ? https : http
      const headers = Object.fromEntries(new Headers(init.headers).entries())
      const request = client.request(
        target,
        {
          method: init.method ?? 'GET',
          headers,
          ...(options.ca ? { ca: options.ca } : {}),
          ...(lookup ? { lookup } : {}),
        },
        (response) => {
          const chunks: Buffer[] = []
          let bytes = 0
          const settle = () => {
            const status = response.statusCode ?? 502
            const body = status === 204 || status === 304 ? null : Buffer.concat(chunks)
            const responseHeaders = new Headers()
            for (const [name, value] of Object.entries(response.headers)) {
              if (typeof value === 'string') responseHeaders.set(name, value)
            }
            resolve(new Response(body, { status, headers: responseHeaders }))
          }
          response.on('data', (chunk: Buffer) => {
            if (bytes >= MAX_RESPONSE_BYTES) return
            chunks.push(chunk)
            bytes += chunk.length
            // Enough: answer with what came and drop the rest.
            if (bytes >= MAX_RESPONSE_BYTES) {
              settle()
              response.destroy()
            }
          })
          response.on('error', reject)
          response.on('end', settle)
        },
      )
      signal?.addEventListener('abort', () => request.destroy(abortError(signal)), { once: true })
      request.on('error', reject)
      request.end(typeof init.body === 'string' ? init.body : undefined)
    })
}
