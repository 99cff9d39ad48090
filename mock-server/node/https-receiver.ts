/**
 * A real local HTTPS receiver for webhook tests and local development: a self-signed certificate
 * for 127.0.0.1 made with `openssl` in a temporary directory, a `node:https` server on a free
 * port, and a record of every request. The response of each request is programmable.
 *
 * @module
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import https from 'node:https'
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface ReceivedRequest {
  readonly method: string
  readonly path: string
  readonly headers: IncomingHttpHeaders
  readonly body: string
  readonly receivedAt: number
}

export interface ReceiverReply {
  readonly status: number
  /** Wait this long before answering (a slow receiver). */
  readonly delayMs?: number
}

export type ReceiverHandler = (request: ReceivedRequest, index: number) => ReceiverReply

export interface HttpsReceiver {
  readonly url: string
  /** PEM of the self-signed certificate, to trust in the client. */
  readonly ca: string
  readonly requests: ReceivedRequest[]
  respond(handler: ReceiverHandler): void
  close(): Promise<void>
}

export interface Certificate {
  readonly key: string
  readonly cert: string
}

/** A self-signed certificate for `localhost` and 127.0.0.1, valid for a day. */
export function selfSignedCertificate(): Certificate {
  const dir = mkdtempSync(join(tmpdir(), 'clearid-mock-cert-'))
  try {
    const keyPath = join(dir, 'key.pem')
    const certPath = join(dir, 'cert.pem')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-days',
        '1',
      ],
      { stdio: 'ignore' },
    )
    return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function readRequest(req: IncomingMessage): Promise<ReceivedRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('error', reject)
    req.on('end', () =>
      resolve({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      }),
    )
  })
}

export async function startHttpsReceiver(
  certificate = selfSignedCertificate(),
): Promise<HttpsReceiver> {
  const requests: ReceivedRequest[] = []
  let handler: ReceiverHandler = () => ({ status: 200 })
  const server = https.createServer(
    { key: certificate.key, cert: certificate.cert },
    (req, res) => {
      void readRequest(req).then((received) => {
        requests.push(received)
        const reply = handler(received, requests.length - 1)
        const send = () => res.writeHead(reply.status, { 'Content-Type': 'text/plain' }).end('ok')
        if (reply.delayMs) setTimeout(send, reply.delayMs)
        else send()
      })
    },
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `https://127.0.0.1:${port}`,
    ca: certificate.cert,
    requests,
    respond: (next) => {
      handler = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
