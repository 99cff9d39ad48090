/**
 * A request answered before any route read its body (a registered fault, a custom step) still has
 * its body recorded, but the recorder drains no more of it than a route would ever accept.
 */
import { expect, it } from 'vitest'
import { createApp } from '../app.ts'

const KEY = 'unread-body-test-key-1234'

it('drains a body nobody read only up to maxBodyBytes, then stops', async () => {
  const app = createApp({
    accounts: [{ id: 'acme', scimKey: KEY }],
    behaviour: { maxBodyBytes: 64 * 1024 },
    faults: [{ route: 'POST /Users', status: 503 }],
  })
  let pulled = 0
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 16 * 1024
      controller.enqueue(new TextEncoder().encode('x'.repeat(16 * 1024)))
    },
  })
  const res = await app.request('/scim/v2/accounts/acme/Users', {
    method: 'POST',
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/scim+json' },
    body: endless,
    duplex: 'half',
  } as RequestInit)
  expect(res.status).toBe(503)
  // What the recorder read: the limit and the chunks in flight, not the endless rest.
  expect(pulled).toBeLessThan(64 * 1024 + 8 * 16 * 1024)
  const [record] = app.mock.traffic.records('acme')
  expect(record?.request.bodyCut).toBe(true)
})
