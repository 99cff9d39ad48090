import { describe, expect, it } from 'vitest'
import type { KeptExchange } from './exchange-note.ts'
import { exchangeRing } from './exchange-slots.ts'

function exchange(seq: number, overrides: Partial<KeptExchange> = {}): KeptExchange {
  return {
    seq,
    accountId: 'acme',
    atMs: 1_790_000_000_000 + seq,
    t: 12.5 + seq,
    durationMs: 0.37,
    method: 'GET',
    url: `http://127.0.0.1:8080/scim/v2/accounts/acme/Users?filter=externalId%20eq%20%22${seq}%22`,
    path: '/Users',
    requestHeaders: 'Host\u0000127.0.0.1:8080\u0000Authorization\u0000Bearer some-key',
    requestBody: undefined,
    status: 200,
    responseHeaders: 'Content-Type\u0000application/scim+json\u0000ETag\u0000W/"1"',
    responseBody: { text: '{"totalResults":1}' },
    error: undefined,
    warnings: [],
    rejection: undefined,
    fault: undefined,
    ...overrides,
  }
}

describe('the ring of kept exchanges', () => {
  it('gives back exactly what it packed', () => {
    const ring = exchangeRing('acme', 4)
    const plain = exchange(1)
    const full = exchange(2, {
      method: 'POST',
      requestBody: { text: '{"userName":"Zoë 😀 \\u0000"}' },
      responseBody: { text: 'x'.repeat(100), cutFrom: 20_000 },
      status: 409,
      responseHeaders: '',
      warnings: [{ code: 'unsupported-attribute', attribute: 'title', message: 'dropped' }],
      rejection: { scimType: 'uniqueness', attribute: 'externalId' },
      fault: { id: 'f1', type: 'status', status: 503 },
    } as Partial<KeptExchange>)
    const lost = exchange(3, {
      status: undefined,
      responseHeaders: undefined,
      responseBody: undefined,
      error: 'connection reset (injected)',
      requestHeaders: '',
    })
    const lone = exchange(4, { requestBody: { text: 'a\uD800b' }, requestHeaders: 'X-Empty\u0000' })
    for (const item of [plain, full, lost, lone]) ring.push(item)
    const [a, b, c, d] = ring.toArray()
    expect(a).toEqual(plain)
    expect(b).toEqual(full)
    expect(c).toEqual(lost)
    // A lone surrogate cannot be UTF-8; it comes back as U+FFFD, one unit long like the original.
    expect(d).toEqual({ ...lone, requestBody: { text: 'a\uFFFDb' } })
  })

  it('keeps the newest, reports each drop, and keeps an exchange too big for its slot', () => {
    const ring = exchangeRing('acme', 3, 512)
    const big = exchange(2, { responseBody: { text: 'é'.repeat(400) } })
    expect([exchange(1), big, exchange(3)].map((item) => ring.push(item))).toEqual([
      false,
      false,
      false,
    ])
    expect(ring.push(exchange(4))).toBe(true)
    expect(ring.toArray().map((item) => item.seq)).toEqual([2, 3, 4])
    expect(ring.toArray()[0]).toBe(big)
    // Only the newer ones, the one kept as an object included.
    expect(ring.toArray(2).map((item) => item.seq)).toEqual([3, 4])
    expect(ring.toArray(1).map((item) => item.seq)).toEqual([2, 3, 4])
    ring.push(exchange(5))
    expect(ring.toArray().map((item) => item.seq)).toEqual([3, 4, 5])
    ring.clear()
    expect(ring.toArray()).toEqual([])
    expect(ring.size).toBe(0)
  })
})
