/**
 * A deliberately low-level HTTP/1.1 client for the mock's wire tests: it writes a request over a
 * plain socket, piece by piece, so a test can send a chunked body far over a limit (and see how
 * much was sent before the answer came), or hold a body back while other requests run.
 *
 * Why not fetch or supertest: both send a body as fast as they can and only report once it is all
 * sent; these tests are about what the server does while a body is still arriving.
 *
 * @module
 */
import { connect, type Socket } from 'node:net'

export interface RawAnswer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** One request on its own connection, its head written at once and its body as the test says. */
export class RawRequest {
  readonly #socket: Socket
  #received = Buffer.alloc(0)
  #sent = 0
  #closed = false
  readonly #answered: Promise<RawAnswer>
  /** Body bytes written when the first byte of the answer arrived; undefined until then. */
  sentWhenAnswered: number | undefined

  constructor(
    serverUrl: string,
    head: { method: string; path: string; headers: Readonly<Record<string, string>> },
  ) {
    const url = new URL(serverUrl)
    this.#socket = connect(Number(url.port), url.hostname)
    this.#socket.on('error', () => undefined)
    const lines = [`${head.method} ${head.path} HTTP/1.1`]
    const headers = { Host: url.host, Connection: 'close', ...head.headers }
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`)
    this.#socket.write(`${lines.join('\r\n')}\r\n\r\n`)
    this.#answered = new Promise((resolve, reject) => {
      this.#socket.on('data', (data: Buffer) => {
        this.sentWhenAnswered ??= this.#sent
        this.#received = Buffer.concat([this.#received, data])
        const answer = parseAnswer(this.#received)
        if (answer) resolve(answer)
      })
      this.#socket.on('close', () => {
        this.#closed = true
        const answer = parseAnswer(this.#received, true)
        if (answer) resolve(answer)
        else reject(new Error(`the connection closed without an answer (${this.#sent} bytes sent)`))
      })
    })
    // Observed by the test through `answer()`; never an unhandled rejection meanwhile.
    this.#answered.catch(() => undefined)
  }

  /** Body bytes written so far. */
  get sent(): number {
    return this.#sent
  }

  get answeredYet(): boolean {
    return this.sentWhenAnswered !== undefined
  }

  /** Writes raw bytes; resolves once the socket takes more (or closed, or the answer began). */
  async write(data: string | Uint8Array, bodyBytes = data.length): Promise<void> {
    if (this.#closed) return
    this.#sent += bodyBytes
    if (this.#socket.write(data)) return
    await new Promise<void>((resolve) => {
      const done = () => {
        this.#socket.off('drain', done)
        this.#socket.off('close', done)
        this.#socket.off('data', done)
        resolve()
      }
      this.#socket.on('drain', done)
      this.#socket.on('close', done)
      this.#socket.on('data', done)
    })
  }

  /** One chunk of a `Transfer-Encoding: chunked` body. */
  writeChunk(data: Uint8Array): Promise<void> {
    const frame = Buffer.concat([
      Buffer.from(`${data.length.toString(16)}\r\n`),
      data,
      Buffer.from('\r\n'),
    ])
    return this.write(frame, data.length)
  }

  /** The last chunk of a chunked body. */
  endChunks(): Promise<void> {
    return this.write('0\r\n\r\n', 0)
  }

  answer(): Promise<RawAnswer> {
    return this.#answered
  }

  close(): void {
    this.#socket.destroy()
  }
}

/**
 * Streams a chunked body of `totalBytes` (in 64 KiB chunks, as fast as the socket takes them) and
 * stops early once the answer begins. Resolves with the answer and how much had been sent by then.
 */
export async function sendOversized(
  serverUrl: string,
  head: { method: string; path: string; headers: Readonly<Record<string, string>> },
  totalBytes: number,
): Promise<{ answer: RawAnswer; sentWhenAnswered: number; totalBytes: number }> {
  const request = new RawRequest(serverUrl, {
    ...head,
    headers: { ...head.headers, 'Transfer-Encoding': 'chunked' },
  })
  const chunk = new Uint8Array(64 * 1024).fill(0x61)
  try {
    while (request.sent < totalBytes && !request.answeredYet) await request.writeChunk(chunk)
    const answer = await request.answer()
    return { answer, sentWhenAnswered: request.sentWhenAnswered ?? request.sent, totalBytes }
  } finally {
    request.close()
  }
}

function parseAnswer(received: Buffer, closed = false): RawAnswer | undefined {
  const end = received.indexOf('\r\n\r\n')
  if (end === -1) return undefined
  const [statusLine = '', ...headerLines] = received
    .subarray(0, end)
    .toString('latin1')
    .split('\r\n')
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? Number.NaN)
  const headers: Record<string, string> = {}
  for (const line of headerLines) {
    const colon = line.indexOf(':')
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  const body = received.subarray(end + 4)
  const length = headers['content-length']
  if (length !== undefined) {
    if (body.length < Number(length)) return undefined
    return { status, headers, body: body.subarray(0, Number(length)).toString('utf8') }
  }
  if (headers['transfer-encoding'] === 'chunked') {
    const text = dechunk(body)
    return text === undefined ? undefined : { status, headers, body: text }
  }
  return closed ? { status, headers, body: body.toString('utf8') } : undefined
}

function dechunk(body: Buffer): string | undefined {
  const parts: Buffer[] = []
  let at = 0
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at)
    if (lineEnd === -1) return undefined
    const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16)
    if (size === 0) return Buffer.concat(parts).toString('utf8')
    if (body.length < lineEnd + 2 + size + 2) return undefined
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size))
    at = lineEnd + 2 + size + 2
  }
}
