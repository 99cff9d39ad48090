import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { isAccountScimUrl } from './scim-dispatch.ts'

describe('isAccountScimUrl', () => {
  it('takes paths under some account’s SCIM base, as received', () => {
    for (const url of [
      'http://127.0.0.1:8080/scim/v2/accounts/acme/Users?filter=x',
      'https://clearid.test/scim/v2/accounts/acme',
      'http://[::1]:1/scim/v2/accounts/a%20b/Users/1',
    ]) {
      expect(isAccountScimUrl(url), url).toBe(true)
    }
  })

  it('leaves the rest to the app’s router', () => {
    for (const url of [
      'http://127.0.0.1:8080/scim/v2/accounts/',
      'http://127.0.0.1:8080/scim/v2/accounts//Users',
      'http://127.0.0.1:8080/scim/v2/accounts/?x=1',
      'http://127.0.0.1:8080/scim/v2/accounts',
      'http://127.0.0.1:8080/scim/v2/%61ccounts/acme/Users',
      'http://127.0.0.1:8080/identityservice/scim/v2/accounts/acme',
      'http://127.0.0.1:8080/health?next=/scim/v2/accounts/acme',
      '/scim/v2/accounts/acme',
    ]) {
      expect(isAccountScimUrl(url), url).toBe(false)
    }
  })
})

describe('SCIM requests in the app', () => {
  const app = createApp({ accounts: [{ id: 'acme', scimKey: 'dispatch-test-key' }] })
  const headers = { Authorization: 'Bearer dispatch-test-key' }

  it('answer the same whether the SCIM router or the app’s router takes them', async () => {
    const direct = await app.request('/scim/v2/accounts/acme/Users', { headers })
    const encoded = await app.request('/scim/v2/%61ccounts/acme/Users', { headers })
    expect(direct.status).toBe(200)
    expect(encoded.status).toBe(200)
    expect(await encoded.json()).toEqual(await direct.json())
  })

  it('answer a SCIM 404 for a path no SCIM route serves, recorded like any other', async () => {
    const res = await app.request('/scim/v2/accounts/acme/Nothing', { headers })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('application/scim+json')
    const paths = app.mock.traffic.records('acme').map((record) => record.request.path)
    expect(paths).toContain('/Nothing')
  })
})
