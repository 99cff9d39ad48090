import { describe, expect, it } from 'vitest'
import { createApp, type MockApp } from '../app.ts'
import { startServer } from '../node/serve.ts'
import type { AppOptions } from '../options.ts'
import { MAX_FAULT_WAIT_MS, toFaultRule } from './fault-rule.ts'

const KEY = 'fault-header-key-1234'
const USERS = '/scim/v2/accounts/acme/Users'

function app(options: AppOptions = {}): MockApp {
  return createApp({ accounts: [{ id: 'acme', scimKey: KEY }], ...options })
}

const withKey = { Authorization: `Bearer ${KEY}` }

describe('X-Mock-Fault', () => {
  it('is not honoured without the SCIM key: the normal 401, and no fault recorded', async () => {
    const a = app()
    for (const fault of ['status=500', 'reset', 'timeout=5000', 'latency=2000']) {
      const started = performance.now()
      const response = await a.request(USERS, { headers: { 'X-Mock-Fault': fault } })
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
      expect(performance.now() - started).toBeLessThan(1000)
    }
    const wrongKey = await a.request(USERS, {
      headers: { Authorization: 'Bearer wrong', 'X-Mock-Fault': 'status=500' },
    })
    expect(wrongKey.status).toBe(401)
    expect(a.mock.traffic.records('acme').map((r) => r.fault)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })

  it('is honoured after the key check when the app honours fault headers (the default)', async () => {
    const response = await app().request(USERS, {
      headers: { ...withKey, 'X-Mock-Fault': 'status=503' },
    })
    expect(response.status).toBe(503)
  })

  it('is ignored, even when malformed, with faultHeaders: false', async () => {
    const a = app({ faultHeaders: false })
    for (const fault of ['status=503', 'reset', 'status=999']) {
      const response = await a.request(USERS, { headers: { ...withKey, 'X-Mock-Fault': fault } })
      expect(response.status).toBe(200)
    }
    expect(a.mock.traffic.records('acme').every((r) => r.fault === undefined)).toBe(true)
  })

  it('leaves registered faults as they were: before authentication', async () => {
    const a = app({ faultHeaders: false, faults: [{ status: 503, next: 1 }] })
    expect((await a.request(USERS)).status).toBe(503)
    expect((await a.request(USERS)).status).toBe(401)
  })

  it('is off on a server listening beyond loopback, unless the option turns it on', async () => {
    const wide = await startServer(app(), 0, '0.0.0.0')
    const chosen = await startServer(app({ faultHeaders: true }), 0, '0.0.0.0')
    const local = await startServer(app(), 0, '127.0.0.1')
    try {
      const statusOf = async (port: number) =>
        (
          await fetch(`http://127.0.0.1:${port}${USERS}`, {
            headers: { ...withKey, 'X-Mock-Fault': 'status=503' },
          })
        ).status
      expect(await statusOf(wide.port)).toBe(200)
      expect(await statusOf(chosen.port)).toBe(503)
      expect(await statusOf(local.port)).toBe(503)
    } finally {
      await Promise.all([wide.close(), chosen.close(), local.close()])
    }
  })
})

describe('fault durations', () => {
  it(`hold one request at most ${MAX_FAULT_WAIT_MS} ms, latency and timeout together`, () => {
    expect(() => toFaultRule({ latency: 60_000, timeout: 60_000 })).toThrow(
      /latency and timeout together may hold a request at most 60000 ms; got 60000 \+ 60000/,
    )
    expect(toFaultRule({ latency: 20_000, timeout: true }).action).toEqual({
      type: 'timeout',
      maxMs: 40_000,
    })
    expect(() => toFaultRule({ latency: 120_000 })).toThrow(/latency must be a number from 0/)
  })

  it('refuses a header asking for more, with a SCIM 400 that says the limit', async () => {
    const response = await app().request(USERS, {
      headers: { ...withKey, 'X-Mock-Fault': 'latency=60000,timeout=60000' },
    })
    expect(response.status).toBe(400)
    expect(await response.text()).toMatch(/at most 60000 ms/)
  })
})
