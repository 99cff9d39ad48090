import { startScimmyServer } from './scimmy-server.ts'
import { startBetterAuthServer } from './better-auth-server.ts'
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User'
for (const [name, start] of [['scimmy', startScimmyServer], ['ba', startBetterAuthServer]] as const) {
  const s = await start()
  const call = async (path: string, init: RequestInit = {}, auth: string | null = `Bearer ${s.token}`) => {
    const r = await fetch(s.baseUrl + path, { ...init, headers: { 'content-type': 'application/scim+json', ...(auth ? { authorization: auth } : {}) } })
    const text = await r.text()
    return { status: r.status, headers: Object.fromEntries(r.headers), body: text.slice(0, 300) }
  }
  console.log('=====', name)
  console.log('count=250', await call('/Users?count=250'))
  const created = await call('/Users', { method: 'POST', body: JSON.stringify({ schemas: [CORE], userName: 'ada@contoso.com', displayName: 'Ada', active: true }) })
  console.log('create', created.status, created.headers.location, created.body)
  console.log('basic', await call('/Users', {}, 'Basic dXNlcjpwYXNz'))
  console.log('body 42', await call('/Users', { method: 'POST', body: '42' }))
  console.log('filter incomplete', await call('/Users?filter=' + encodeURIComponent('userName eq')))
  console.log('unknown endpoint', await call('/Devices'))
  console.log('string active', await call('/Users', { method: 'POST', body: JSON.stringify({ schemas: [CORE], userName: 'b@contoso.com', displayName: 'B', active: 'True' }) }))
  console.log('odd-case schema', await call('/Users', { method: 'POST', body: JSON.stringify({ schemas: [CORE.toUpperCase()], userName: 'c@contoso.com', displayName: 'C', active: true }) }))
  console.log('sw', await call('/Users?filter=' + encodeURIComponent('userName sw "ada"')))
  console.log('co', await call('/Users?filter=' + encodeURIComponent('userName co "ada"')))
  console.log('case eq', await call('/Users?filter=' + encodeURIComponent('userName eq "ADA@CONTOSO.COM"')))
  console.log('displayName eq', await call('/Users?filter=' + encodeURIComponent('displayName eq "Ada"')))
  await s.close()
}
