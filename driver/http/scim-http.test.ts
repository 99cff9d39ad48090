import { describe, expect, it } from 'vitest'
import {
  CreateCapError,
  InterruptedError,
  ResponseTooLargeError,
  TransportError,
  UnsafePathError,
  WritesRefusedError,
} from './errors.ts'
import { parseRetryAfter } from './retry-after.ts'
import { ScimHttpClient, type ScimHttpOptions } from './scim-http.ts'
import type { FetchLike } from './types.ts'

const KEY = 'super-secret-key-0123456789'
const BASE = 'https://clearid.example/scim/v2/accounts/a1'

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/scim+json', ...headers },
  })
}

function client(fetch: FetchLike, options: Partial<ScimHttpOptions> = {}) {
  const calls: Request[] = []
  const waits: number[] = []
  const http = new ScimHttpClient({
    main: { baseUrl: BASE, key: KEY },
    fetch: (request, init) => {
      calls.push(request)
      return fetch(request, init)
    },
    sleep: async (ms) => void waits.push(ms),
    ...options,
  })
  return { http, calls, waits }
}

describe('ScimHttpClient', () => {
  it('sends the key as a Bearer token and redacts it from the exchange', async () => {
    const { http, calls } = client(async () => json(200, { echoed: `Bearer ${KEY}` }))
    const answer = await http.send({ method: 'GET', path: '/Users' })
    expect(calls[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`)
    expect(calls[0]?.url).toBe(`${BASE}/Users`)
    expect(JSON.stringify(answer.exchange)).not.toContain(KEY)
    expect(answer.exchange.request.headers.Authorization).toBe('Bearer [REDACTED]')
  })

  it('refuses writes when they are not allowed, but lets reads and /.search through', async () => {
    const { http, calls } = client(async () => json(200, {}), { allowWrites: false })
    await expect(http.send({ method: 'POST', path: '/Users', body: {} })).rejects.toBeInstanceOf(
      WritesRefusedError,
    )
    await expect(http.send({ method: 'DELETE', path: '/Users/1' })).rejects.toBeInstanceOf(
      WritesRefusedError,
    )
    await http.send({ method: 'GET', path: '/Users' })
    await http.send({ method: 'POST', path: '/Users/.search', body: {} })
    expect(calls.map((c) => c.method)).toEqual(['GET', 'POST'])
  })

  it('enforces the creation cap before sending', async () => {
    let n = 0
    const { http, calls } = client(async () => json(201, { id: String(++n) }), { maxCreates: 2 })
    await http.send({ method: 'POST', path: '/Users', body: {} })
    await http.send({ method: 'POST', path: '/Users', body: {} })
    await expect(http.send({ method: 'POST', path: '/Users', body: {} })).rejects.toBeInstanceOf(
      CreateCapError,
    )
    expect(calls).toHaveLength(2)
  })

  it('waits for Retry-After on a 429 and retries', async () => {
    const answers = [json(429, { status: '429' }, { 'Retry-After': '2' }), json(200, { ok: true })]
    const { http, calls, waits } = client(async () => answers.shift() ?? json(500, {}))
    const answer = await http.send({ method: 'GET', path: '/Users' })
    expect(answer.status).toBe(200)
    expect(calls).toHaveLength(2)
    expect(waits).toEqual([2000])
  })

  it('bounds the wait and the number of retries', async () => {
    const { http, calls, waits } = client(async () => json(429, {}, { 'Retry-After': '86400' }), {
      maxRetries: 2,
      maxRetryWaitMs: 5000,
    })
    const answer = await http.send({ method: 'GET', path: '/Users' })
    expect(answer.status).toBe(429)
    expect(calls).toHaveLength(3)
    expect(waits).toEqual([5000, 5000])
  })

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
  })

  it('retries with a real (tiny) wait when no sleep is injected', async () => {
    const answers = [json(429, {}, { 'Retry-After': '0' }), json(200, {})]
    const http = new ScimHttpClient({
      main: { baseUrl: BASE, key: KEY },
      fetch: async () => answers.shift() ?? json(500, {}),
    })
    expect((await http.send({ method: 'GET', path: '/Users' })).status).toBe(200)
  })

  it('times out a request that never answers', async () => {
    const hang: FetchLike = (_request, init) =>
      new Promise((_, reject) =>
        init?.signal.addEventListener('abort', () => reject(new Error('aborted'))),
      )
    const { http } = client(hang, { timeoutMs: 30 })
    const error = await http.send({ method: 'GET', path: '/Users' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect((error as TransportError).message).toMatch(/timeout/)
    expect(JSON.stringify((error as TransportError).exchange)).not.toContain(KEY)
  })

  it('stops when the run is interrupted', async () => {
    const controller = new AbortController()
    controller.abort()
    const { http, calls } = client(async () => json(200, {}), { signal: controller.signal })
    await expect(http.send({ method: 'GET', path: '/Users' })).rejects.toBeInstanceOf(
      InterruptedError,
    )
    expect(calls).toHaveLength(0)
  })

  it('records what it created and what was deleted', async () => {
    const { http } = client(async (request) =>
      request.method === 'POST'
        ? json(201, { id: 'abc', userName: 'cc-r-1' })
        : new Response(null, { status: 204 }),
    )
    await http.send({ method: 'POST', path: '/Users', body: {} })
    expect(http.created).toMatchObject([
      { id: 'abc', path: '/Users/abc', userName: 'cc-r-1', gone: false },
    ])
    await http.send({ method: 'DELETE', path: '/Users/abc' })
    expect(http.created[0]?.gone).toBe(true)
  })

  it('cuts huge bodies in the recorded exchange', async () => {
    const { http } = client(async () => json(413, { status: '413' }))
    const answer = await http.send({ method: 'POST', path: '/Users', rawBody: 'x'.repeat(100_000) })
    expect(String(answer.exchange.request.body).length).toBeLessThan(1000)
  })
})

describe('ScimHttpClient on a hostile server', () => {
  it('never sends a path with a dot segment', async () => {
    const { http, calls } = client(async () => json(200, {}))
    await expect(http.send({ method: 'DELETE', path: '/Users/..' })).rejects.toThrow(
      UnsafePathError,
    )
    await expect(http.send({ method: 'PATCH', path: '/Users/%2e' })).rejects.toThrow(
      UnsafePathError,
    )
    expect(calls).toHaveLength(0)
  })

  it('does not follow redirects: a 3xx is the answer', async () => {
    const { http, calls } = client(async () =>
      json(307, undefined, { Location: 'https://elsewhere.example/scim' }),
    )
    const answer = await http.send({ method: 'GET', path: '/Users' })
    expect(calls[0]?.redirect).toBe('manual')
    expect(answer.status).toBe(307)
  })

  it('keeps a created resource with an unusable id out of the delete ledger', async () => {
    const { http } = client(async () => json(201, { id: '../../other/Users/x', userName: 'u' }))
    await http.send({ method: 'POST', path: '/Users', body: {} })
    expect(http.created[0]).toMatchObject({ path: '/Users/{id}', unsafeId: expect.any(String) })
  })
})

describe('ScimHttpClient and large answers', () => {
  it('turns an answer past the limit into ResponseTooLargeError with a bounded exchange', async () => {
    const big = 'x'.repeat(300 * 1024)
    const { http } = client(async () => new Response(big, { status: 200 }), {
      maxResponseBytes: 64 * 1024,
    })
    const error = await http.send({ method: 'GET', path: '/Users' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResponseTooLargeError)
    expect((error as ResponseTooLargeError).message).toContain('larger than 64 KiB')
    expect((error as ResponseTooLargeError).message).toContain('--max-response-bytes')
    const recorded = String((error as ResponseTooLargeError).exchange.response?.body)
    expect(recorded.length).toBeLessThan(1024)
    expect(http.responsesOverLimit).toEqual({ count: 1, limitBytes: 64 * 1024 })
  })

  it('counts a create whose answer was too large as unanswered', async () => {
    const { http } = client(async () => new Response('y'.repeat(2048), { status: 201 }), {
      maxResponseBytes: 1024,
    })
    await expect(http.send({ method: 'POST', path: '/Users', body: {} })).rejects.toThrow(
      ResponseTooLargeError,
    )
    expect(http.unansweredCreates).toBe(1)
  })
})
