// A vitest project with its own msw: a SCIM client provisions a user through the package's msw
// handlers, with no port, and the client audit judges what it sent.
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMswHandlers } from 'clearid-conformance/msw'

const clearid = createMswHandlers({ origin: 'https://clearid.test' })
const server = setupServer(...clearid.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

it('provisions a user through the msw handlers', async () => {
  const headers = {
    Authorization: `Bearer ${clearid.scimKey}`,
    'Content-Type': 'application/scim+json',
  }
  const filter = encodeURIComponent('externalId eq "E-2002"')
  const missing = await fetch(`${clearid.tenantUrl()}/Users?filter=${filter}`, { headers })
  expect(((await missing.json()) as { totalResults: number }).totalResults).toBe(0)
  const created = await fetch(`${clearid.tenantUrl()}/Users`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:User',
        'urn:ietf:params:scim:schemas:extension:clearid:2.0:User',
      ],
      userName: 'grace@contoso.example',
      displayName: 'Grace Hopper',
      active: true,
      'urn:ietf:params:scim:schemas:extension:clearid:2.0:User': {
        externalId: 'E-2002',
        firstName: 'Grace',
        lastName: 'Hopper',
      },
    }),
  })
  expect(created.status).toBe(201)
  expect(clearid.traffic().map((r) => `${r.request.method} ${r.response?.status}`)).toEqual([
    'GET 200',
    'POST 201',
  ])
  expect(clearid.audit().summary.verdict).toBe('pass')
})
