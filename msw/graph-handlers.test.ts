import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createFetchHandler } from './fetch-handler.ts'
import { createGraphMswHandlers } from './graph-handlers.ts'

describe('msw handlers for the Microsoft Graph hosts', () => {
  const graph = createGraphMswHandlers()
  const server = setupServer(...graph.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => graph.reset())
  afterAll(() => server.close())

  async function token(): Promise<string> {
    const response = await fetch(graph.tokenUrl(), {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: graph.clientId,
        client_secret: graph.clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      }),
    })
    expect(response.status).toBe(200)
    return ((await response.json()) as { access_token: string }).access_token
  }

  it('serves the token endpoint and Graph at their real URLs, with links on the real host', async () => {
    const headers = { Authorization: `Bearer ${await token()}` }
    let next: string | undefined = 'https://graph.microsoft.com/v1.0/users?$top=25&$select=id'
    const ids: string[] = []
    while (next) {
      const response = await fetch(next, { headers })
      expect(response.status).toBe(200)
      const page = (await response.json()) as {
        '@odata.nextLink'?: string
        value: { id: string }[]
      }
      if (page['@odata.nextLink']) {
        expect(page['@odata.nextLink']).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\/users\?/)
      }
      ids.push(...page.value.map((u) => u.id))
      next = page['@odata.nextLink']
    }
    expect(ids).toHaveLength((await graph.tenant()).users.size)
    expect(ids.length).toBeGreaterThan(25)
    const delta = await fetch('https://graph.microsoft.com/v1.0/users/delta?$select=displayName', {
      headers: { ...headers, Prefer: 'odata.maxpagesize=999' },
    })
    const body = (await delta.json()) as Record<string, string>
    expect(body['@odata.deltaLink']).toMatch(
      /^https:\/\/graph\.microsoft\.com\/v1\.0\/users\/delta\?\$deltatoken=/,
    )
  })

  it('answers Graph faults and Graph errors on the real host', async () => {
    const headers = { Authorization: `Bearer ${await token()}` }
    graph.fault({ type: 'throttle', retryAfter: 1 })
    const throttled = await fetch('https://graph.microsoft.com/v1.0/groups', { headers })
    expect(throttled.status).toBe(429)
    expect(throttled.headers.get('retry-after')).toBe('1')
    const anonymous = await fetch('https://graph.microsoft.com/v1.0/groups')
    expect(anonymous.status).toBe(401)
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe(
      'InvalidAuthenticationToken',
    )
    const beta = await fetch('https://graph.microsoft.com/beta/users', { headers })
    expect(beta.status).toBe(400)
  })
})

describe('the fetch handler and the Microsoft Graph hosts', () => {
  it('answers Graph and token URLs from the fake Graph source', async () => {
    const fetch = createFetchHandler()
    const graph = createGraphMswHandlers({ app: fetch.app })
    const tokenResponse = await fetch(graph.tokenUrl(), {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: graph.clientId,
        client_secret: graph.clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      }),
    })
    const { access_token } = (await tokenResponse.json()) as { access_token: string }
    const users = await fetch('https://graph.microsoft.com/v1.0/users?$top=1', {
      headers: { Authorization: `Bearer ${access_token}` },
    })
    expect(users.status).toBe(200)
    expect(((await users.json()) as { value: unknown[] }).value).toHaveLength(1)
  })
})
