/**
 * A `fetch` for webhook deliveries built on `node:https`, for receivers whose certificate Node does
 * not trust by default (a self-signed local receiver, a private CA): pass the CA and hand the result
 * to `createApp({ webhookFetch })`. Global `fetch` offers no per-call CA without undici.
 *
 * @module
 */
import http from 'node:http'
import https from 'node:https'
import type { WebhookFetch } from '../webhooks/webhook-options.ts'

export interface HttpsFetchOptions {
  /** PEM certificate(s) to trust in addition to nothing else (Node's `ca` option). */
  readonly ca?: string | Buffer
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason
  return reason instanceof Error
    ? reason
    : new DOMException('The operation was aborted.', 'AbortError')
}

export function httpsFetch(options: HttpsFetchOptions = {}): WebhookFetch {
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url)
      const signal = init.signal ?? undefined
      if (signal?.aborted) return reject(abortError(signal))
      const client = target.protocol === 'https:' ? https : http
      const headers = Object.fromEntries(new Headers(init.headers).entries())
      const request = client.request(
        target,
        { method: init.method ?? 'GET', headers, ...(options.ca ? { ca: options.ca } : {}) },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('error', reject)
          response.on('end', () => {
            const status = response.statusCode ?? 502
            const body = status === 204 || status === 304 ? null : Buffer.concat(chunks)
            const responseHeaders = new Headers()
            for (const [name, value] of Object.entries(response.headers)) {
              if (typeof value === 'string') responseHeaders.set(name, value)
            }
            resolve(new Response(body, { status, headers: responseHeaders }))
          })
        },
      )
      signal?.addEventListener('abort', () => request.destroy(abortError(signal)), { once: true })
      request.on('error', reject)
      request.end(typeof init.body === 'string' ? init.body : undefined)
    })
}
