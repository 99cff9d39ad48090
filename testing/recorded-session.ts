/**
 * A session recorded in-process, for the replay tests: one of every kind of exchange the recorder
 * keeps (lookup, create, read, patch, an injected fault, a 401, a 404, delete).
 *
 * @module
 */
import { expect } from 'vitest'
import { toNdjson } from '../mock-server/traffic/session.ts'
import { scripted } from './client-rules.ts'
import { patchBody, userBody } from './client-users.ts'

/** A session with every kind of exchange: lookup, create, read, patch, a fault, a 401, delete. */
export async function recordSession(): Promise<string> {
  const { app, client } = scripted({
    faults: [{ route: 'PATCH /Users/*', status: 503, retryAfter: 1, next: 1 }],
  })
  const body = userBody(1)
  await client.lookup('userName', String(body.userName))
  const created = await client.send('POST', '/Users', body)
  const id = String(created.body.id)
  await client.send('GET', `/Users/${id}`)
  const change = patchBody({ op: 'replace', path: 'displayName', value: 'Renamed' })
  expect((await client.send('PATCH', `/Users/${id}`, change)).status).toBe(503)
  expect((await client.send('PATCH', `/Users/${id}`, change)).status).toBe(200)
  await client.send('GET', `/Users?filter=${encodeURIComponent(`id eq "${id}"`)}`)
  await client.send('GET', '/Users', undefined, { key: 'not-the-key-000' })
  await client.send('GET', `/Users/does-not-exist-0000`)
  expect((await client.send('DELETE', `/Users/${id}`)).status).toBe(204)
  return toNdjson(app.mock.traffic.records('acme'))
}
