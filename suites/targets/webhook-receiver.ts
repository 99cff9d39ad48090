/**
 * The harness's webhook receiver over HTTP: a plain HTTP server (on loopback by default) that
 * answers every callback 200 and puts it in a `WebhookInbox` the webhook rules read. The mock
 * delivers to `http://` loopback URLs only when started with `CLEARID_ALLOW_INSECURE_WEBHOOKS=1`
 * (`allowInsecureLoopbackWebhooks`). Bodies are capped: a receiver is not a place to fill memory.
 *
 * @module
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { headerRecord, parsedBody, WebhookInbox } from '../../driver/rest/webhook-inbox.ts'

/** Largest callback body kept; larger ones are answered 413 and recorded cut. */
const MAX_BODY_BYTES = 1024 * 1024

export interface RunningReceiver {
  readonly inbox: WebhookInbox
  close(): Promise<void>
}

export interface ReceiverOptions {
  /** Default 127.0.0.1. */
  readonly host?: string
  /** Default 0 (any free port). */
  readonly port?: number
  /** The URL the target is given, when it reaches the receiver another way (a tunnel, a proxy). */
  readonly publicUrl?: string
}

async function bodyOf(request: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES)
      return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: true }
    chunks.push(chunk)
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: false }
}

export async function startWebhookReceiver(
  options: ReceiverOptions = {},
): Promise<RunningReceiver> {
  // Made once the port is known; the server records into it from then on.
  const state: { inbox?: WebhookInbox } = {}
  const server = createServer((request, response) => {
    void bodyOf(request).then(({ text, tooLarge }) => {
      const path = request.url ?? '/'
      const inbox = state.inbox
      inbox?.record({
        url: `${inbox.url.replace(/\/cc$/, '')}${path}`,
        method: request.method ?? 'GET',
        headers: headerRecord(
          Object.fromEntries(
            Object.entries(request.headers).map(([name, value]) => [
              name,
              Array.isArray(value) ? value.join(', ') : (value ?? ''),
            ]),
          ),
        ),
        bodyText: text,
        body: parsedBody(text),
      })
      response.writeHead(tooLarge ? 413 : 200).end()
    })
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const shown = host.includes(':') ? `[${host}]` : host
  const base = (options.publicUrl ?? `http://${shown}:${port}`).replace(/\/+$/, '')
  const inbox = new WebhookInbox(`${base}/cc`)
  state.inbox = inbox
  return {
    inbox,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
