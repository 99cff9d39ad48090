/**
 * The traffic log keeps at most `maxBodyChars` (16 KiB) of each body, and nothing more of it stays
 * in memory: measured on the heap after collecting garbage, across refused large requests.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { DEFAULT_MAX_BODY_CHARS } from './traffic-log.ts'

const KEY = 'retention-test-key-1234'
const BASE = '/scim/v2/accounts/acme/Users'
const BODY = `{"userName":"${'a'.repeat(1_000_000)}"`
const REFUSALS = 25

function collector(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

function heapAfterCollecting(gc: () => void): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

/** Four ways to refuse a 1 MB POST: no key, too large, wrong media type, not JSON. */
function refusedPosts(): RequestInit[] {
  const json = { 'Content-Type': 'application/scim+json' }
  const auth = { Authorization: `Bearer ${KEY}` }
  return [
    { headers: json, body: BODY },
    {
      headers: { ...json, ...auth, 'Content-Length': String(BODY.length + 200_000) },
      body: `${BODY}${' '.repeat(200_000)}`,
    },
    { headers: { ...auth, 'Content-Type': 'text/plain' }, body: BODY },
    { headers: { ...json, ...auth }, body: BODY },
  ]
}

it('keeps no more than the documented 16 KiB of each refused 1 MB body', async () => {
  const gc = collector()
  const app = createApp({ accounts: [{ id: 'acme', scimKey: KEY }] })
  const before = heapAfterCollecting(gc)
  const statuses = new Set<number>()
  for (let i = 0; i < REFUSALS; i++) {
    for (const init of refusedPosts()) {
      statuses.add((await app.request(BASE, { method: 'POST', ...init })).status)
    }
  }
  const records = app.mock.traffic.records('acme')
  const retained = heapAfterCollecting(gc) - before
  const requests = REFUSALS * refusedPosts().length
  expect([...statuses].sort()).toEqual([400, 401, 413, 415])
  expect(records).toHaveLength(requests)
  for (const record of records) {
    // A body over the request limit is refused unread (413): there is nothing of it to keep.
    if (record.response?.status === 413) {
      expect(record.request.body).toBeUndefined()
      continue
    }
    expect(record.request.bodyCut).toBe(true)
    expect(String(record.request.body).length).toBeLessThan(DEFAULT_MAX_BODY_CHARS + 100)
  }
  // Two bytes a character at worst, plus the record and a margin for the heap's own noise.
  const bound = requests * (2 * DEFAULT_MAX_BODY_CHARS + 4096) + 8 * 1024 * 1024
  expect(retained, `${(retained / 1e6).toFixed(1)} MB kept for ${requests} requests`).toBeLessThan(
    bound,
  )
})
