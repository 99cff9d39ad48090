import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFetchHandler } from './fetch-handler.ts'
import { createMswHandlers } from './handlers.ts'

describe('msw handlers', () => {
  const clearid = createMswHandlers({ origin: 'https://clearid.example.test/' })
  const server = setupServer(...clearid.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }))
  afterAll(() => server.close())

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${clearid.tenantUrl()}${path}`, {
      headers: { Authorization: `Bearer ${clearid.scimKey}`, ...headers },
    })

  it('routes requests for the origin to the in-memory mock and records them', async () => {
    const response = await get('/ServiceProviderConfig')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/scim\+json/)
    expect(clearid.traffic().map((r) => r.request.path)).toEqual(['/ServiceProviderConfig'])
    expect(clearid.audit().run.target).toMatchObject({
      kind: 'mock-audit',
      url: 'https://clearid.example.test/scim/v2/accounts/demo',
    })
  })

  it('turns an injected connection drop into a network error', async () => {
    clearid.fault('route=GET /Users,reset,next=1')
    await expect(get('/Users')).rejects.toThrow(TypeError)
    expect((await get('/Users')).status).toBe(200)
    clearid.reset()
    expect(clearid.traffic()).toEqual([])
  })
})

describe('fetch handler', () => {
  it('serves absolute and relative URLs and Request objects without a port', async () => {
    const fetch = createFetchHandler({
      options: { accounts: [{ id: 'acme', scimKey: 'fetch-key-123456' }] },
    })
    const headers = { Authorization: 'Bearer fetch-key-123456' }
    expect((await fetch('/scim/v2/accounts/acme/Users', { headers })).status).toBe(200)
    const request = new Request('https://elsewhere.test/scim/v2/accounts/acme/Schemas', { headers })
    expect((await fetch(request)).status).toBe(200)
    expect(fetch.app.mock.traffic.records('acme')).toHaveLength(2)
  })

  it('rejects at once when the signal aborts, like fetch', async () => {
    const fetch = createFetchHandler()
    const controller = new AbortController()
    const pending = fetch('/scim/v2/accounts/demo/Users', {
      headers: { Authorization: 'Bearer clearid-dev-scim-key', 'X-Mock-Fault': 'timeout=5000' },
      signal: controller.signal,
    })
    controller.abort()
    await expect(pending).rejects.toThrow(/abort/i)
  })
})
