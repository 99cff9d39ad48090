import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { readTestResponse } from '../test/test-response.ts'
import {
  DEV_GRAPH_CLIENT_ID,
  DEV_GRAPH_CLIENT_SECRET,
  DEV_GRAPH_SEED,
  DEV_GRAPH_TENANT_ID,
} from './graph-constants.ts'
import { tokenForm } from '../test/graph-test-client.ts'

describe('the development Graph tenant', () => {
  it('exists by default, is seeded on first use only, and takes the documented credentials', async () => {
    const app = createApp()
    const tenant = app.mock.graph.get(DEV_GRAPH_TENANT_ID)
    // Nothing is generated until someone asks: an app that never reads Graph pays nothing.
    expect(tenant?.users.size).toBe(0)
    const token = await readTestResponse(
      await app.request(
        `/graph/login/${DEV_GRAPH_TENANT_ID}/oauth2/v2.0/token`,
        tokenForm({
          grant_type: 'client_credentials',
          client_id: DEV_GRAPH_CLIENT_ID,
          client_secret: DEV_GRAPH_CLIENT_SECRET,
          scope: 'https://graph.microsoft.com/.default',
        }),
      ),
    )
    expect(token.status).toBe(200)
    const users = await readTestResponse(
      await app.request('/graph/v1.0/users?$top=999&$select=id,department,manager', {
        headers: { Authorization: `Bearer ${token.body.access_token}` },
      }),
    )
    // `manager` is a relationship, not a property: Graph refuses it in $select.
    expect(users.status).toBe(400)
    const listed = await readTestResponse(
      await app.request('/graph/v1.0/users?$top=999&$select=id,department', {
        headers: { Authorization: `Bearer ${token.body.access_token}` },
      }),
    )
    expect(listed.body.value).toHaveLength(DEV_GRAPH_SEED.users)
    expect(tenant?.groups.size).toBe(DEV_GRAPH_SEED.groups)
  })

  it('can be left out: graph.tenants [] gives no tenant', () => {
    const app = createApp({ graph: { tenants: [] } })
    expect(app.mock.graph.list()).toEqual([])
  })
})
