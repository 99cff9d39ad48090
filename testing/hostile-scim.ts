/**
 * A hostile SCIM server for the harness's security tests: the mock over real HTTP on 127.0.0.1,
 * with a `tamper` hook that rewrites, replaces or streams any answer the way an attacker's server
 * would (echo the key, return ids that climb out of the tenant, redirect elsewhere, answer with a
 * body that never ends). Every request it receives is recorded, so a test can prove what the
 * harness did and did not send.
 *
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createApp } from '../mock-server/app.ts'

export const HOSTILE_ACCOUNT = 'acme'
export const HOSTILE_OTHER_ACCOUNT = 'other'

export interface SeenRequest {
  readonly method: string
  /** Path and query as received, before any normalisation. */
  readonly path: string
  readonly authorization: string | undefined
}

/** What `tamper` sees: the request and the mock's own answer to it (already produced). */
export interface TamperInput {
  readonly request: Request
  /** The request body text (empty for GET). */
  readonly bodyText: string
  readonly answer: Response
  /** The bearer key the request carried, if any. */
  readonly key: string | undefined
}

/** A streamed answer written straight to the socket with backpressure, counting what went out. */
export interface StreamedAnswer {
  readonly stream: {
    readonly status: number
    readonly headers?: Readonly<Record<string, string>>
    /** Total bytes to write at most (the test's bound); stops early when the client hangs up. */
    readonly totalBytes: number
  }
}

export type Tamper = (
  input: TamperInput,
) => Promise<Response | StreamedAnswer> | Response | StreamedAnswer

export interface HostileServer {
  readonly origin: string
  /** SCIM base of the main account (`…/scim/v2/accounts/acme`). */
  readonly baseUrl: string
  readonly otherBaseUrl: string
  readonly key: string
  readonly otherKey: string
  readonly seen: readonly SeenRequest[]
  /** Bytes written by streamed answers, one entry per streamed answer. */
  readonly streamed: readonly number[]
  /** Live users in the main account of the mock behind it. */
  liveUsers(): Promise<number>
  close(): Promise<void>
}

export interface HostileOptions {
  readonly key: string
  readonly otherKey?: string
  readonly tamper?: Tamper
}

const CHUNK = Buffer.alloc(64 * 1024, 0x61)

async function writeStream(res: ServerResponse, answer: StreamedAnswer): Promise<number> {
  const { status, headers = {}, totalBytes } = answer.stream
  res.writeHead(status, { 'Content-Type': 'application/scim+json', ...headers })
  let written = 0
  let closed = false
  res.on('close', () => {
    closed = true
  })
  while (!closed && written < totalBytes) {
    const ok = res.write(CHUNK)
    written += CHUNK.length
    if (!ok) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done)
          res.off('close', done)
          resolve()
        }
        res.on('drain', done)
        res.on('close', done)
      })
    }
  }
  if (!closed) res.end()
  // What the socket actually took: the bytes still queued in Node when it closed never left.
  return written - (closed ? res.writableLength : 0)
}

function bearerOf(header: string | null): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '')
  return match?.[1]
}

export async function startHostileServer(options: HostileOptions): Promise<HostileServer> {
  const otherKey = options.otherKey ?? `${options.key}-other`
  const app = createApp({
    accounts: [
      { id: HOSTILE_ACCOUNT, scimKey: options.key },
      { id: HOSTILE_OTHER_ACCOUNT, scimKey: otherKey },
    ],
  })
  await app.ready
  const seen: SeenRequest[] = []
  const streamed: number[] = []
  let origin = ''

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    seen.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization,
    })
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const bodyText = Buffer.concat(chunks).toString('utf8')
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value)
    }
    const request = new Request(`${origin}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers,
      ...(bodyText === '' ? {} : { body: bodyText }),
    })
    const answer = await app.fetch(request.clone())
    const key = bearerOf(request.headers.get('authorization'))
    const out = options.tamper ? await options.tamper({ request, bodyText, answer, key }) : answer
    if (!(out instanceof Response)) {
      streamed.push(await writeStream(res, out))
      return
    }
    const outHeaders: Record<string, string> = {}
    out.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'transfer-encoding') outHeaders[name] = value
    })
    const body = Buffer.from(await out.arrayBuffer())
    res.writeHead(out.status, { ...outHeaders, 'content-length': String(body.length) })
    res.end(body)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' })
      res.end(String(error))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    baseUrl: `${origin}/scim/v2/accounts/${HOSTILE_ACCOUNT}`,
    otherBaseUrl: `${origin}/scim/v2/accounts/${HOSTILE_OTHER_ACCOUNT}`,
    key: options.key,
    otherKey,
    seen,
    streamed,
    liveUsers: async () => {
      const res = await app.fetch(
        new Request(`${origin}/scim/v2/accounts/${HOSTILE_ACCOUNT}/Users?count=0`, {
          headers: { Authorization: `Bearer ${options.key}` },
        }),
      )
      return ((await res.json()) as { totalResults: number }).totalResults
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

/** A second local server that only records what reaches it (the other end of a redirect). */
export async function startRecorder(): Promise<{
  readonly origin: string
  readonly seen: readonly SeenRequest[]
  close(): Promise<void>
}> {
  const seen: SeenRequest[] = []
  const server = createServer((req, res) => {
    seen.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization,
    })
    res.writeHead(200, { 'Content-Type': 'application/scim+json' })
    res.end('{"totalResults":0,"Resources":[]}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A JSON answer with the same status and headers as `answer` and a new body. */
export async function rewriteJson(
  answer: Response,
  change: (body: Record<string, unknown>) => Record<string, unknown>,
  headers: Readonly<Record<string, string>> = {},
): Promise<Response> {
  const text = await answer.text()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return new Response(text, { status: answer.status, headers: answer.headers })
  }
  const out = new Headers(answer.headers)
  out.delete('content-length')
  for (const [name, value] of Object.entries(headers)) out.set(name, value)
  const changed =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? change(body as Record<string, unknown>)
      : body
  return new Response(JSON.stringify(changed), { status: answer.status, headers: out })
}
