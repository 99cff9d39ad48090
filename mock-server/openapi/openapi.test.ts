import Ajv2020 from 'ajv/dist/2020.js'
import { beforeAll, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import {
  accessToken,
  admin,
  api,
  restIdentity,
  restTestApp,
  send,
  tokenRequest,
  ACME,
  V2,
  V3,
  SEARCH,
} from '../control/rest-test-client.ts'

const SURFACES = [
  '/sts/',
  '/identityservice/',
  '/searchservice/',
  '/principalservice/',
  '/roleservice/',
  '/_admin/',
  '/_mock/',
]
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])

let app: MockApp
let doc: any // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed JSON document

beforeAll(async () => {
  app = restTestApp()
  doc = (await send(app, '/_mock/openapi.json')).body
})

function servedOperations(): Set<string> {
  const served = new Set<string>()
  for (const route of app.routes) {
    if (!METHODS.has(route.method) || !SURFACES.some((s) => route.path.startsWith(s))) continue
    served.add(`${route.method} ${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`)
  }
  return served
}

function documentedOperations(): Set<string> {
  const documented = new Set<string>()
  for (const [path, item] of Object.entries(doc.paths as Record<string, object>)) {
    for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path}`)
  }
  return documented
}

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child) => refs(child, out))
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push(value)
      else refs(value, out)
    }
  }
  return out
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with the server the request came to', () => {
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.servers).toEqual([{ url: 'http://localhost' }])
  })

  it('documents every route the app serves on its REST surfaces, and nothing else', () => {
    const served = servedOperations()
    const documented = documentedOperations()
    expect(served.size).toBeGreaterThan(30)
    expect([...served].filter((op) => !documented.has(op))).toEqual([])
    expect([...documented].filter((op) => !served.has(op))).toEqual([])
  })

  it('resolves every $ref and gives every operation an id, a tag and responses', () => {
    for (const ref of refs(doc)) {
      const name = ref.replace('#/components/schemas/', '')
      expect(doc.components.schemas[name], ref).toBeDefined()
    }
    const ids = new Set<string>()
    type Operation = { tags: string[]; responses: object; operationId: string }
    for (const item of Object.values(doc.paths as Record<string, Record<string, Operation>>)) {
      for (const operation of Object.values(item)) {
        expect(operation.tags).toHaveLength(1)
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0)
        ids.add(operation.operationId)
      }
    }
    expect(ids.size).toBe(documentedOperations().size)
  })

  it('describes what the mock really answers (responses validate against the component schemas)', async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true })
    ajv.addSchema({ ...doc, $id: 'https://clearid-mock.test/openapi.json' })
    const check = (name: string, value: unknown) => {
      const validate = ajv.compile({
        $ref: `https://clearid-mock.test/openapi.json#/components/schemas/${name}`,
      })
      expect(validate(value), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true)
    }
    const token = await tokenRequest(app, {
      grant_type: 'client_credentials',
      client_id: ACME.clientId,
      client_secret: ACME.clientSecret,
    })
    check('TokenResponse', token.body)
    const bearer = await accessToken(app)
    const created = await api(app, bearer, 'POST', V2, restIdentity('doc-1'))
    check('IdentityFull', created.body)
    check(
      'Identity',
      (await api(app, bearer, 'GET', `${V2}/${created.body.identityId}?include=SystemData`)).body,
    )
    check('IdentityPage', (await api(app, bearer, 'GET', V3)).body)
    check('SearchResult', (await api(app, bearer, 'POST', SEARCH, {})).body)
    const principals = '/principalservice/api/v2/accounts/acme'
    const id = created.body.identityId as string
    check(
      'IdentityPrincipal',
      (await api(app, bearer, 'GET', `${principals}/identityPrincipals/${id}`)).body,
    )
    await api(app, bearer, 'PATCH', `${V2}/${id}`, {
      eTag: created.body.eTag,
      email: 'doc@example.com',
    })
    const granted = await api(app, bearer, 'PUT', `${principals}/userPrincipals/doc@example.com`, {
      identityId: id,
      roles: ['admin'],
    })
    check('IdentityPrincipal', granted.body)
    const roles = '/roleservice/api/v3/accounts/acme'
    const team = await api(app, bearer, 'POST', `${roles}/teams`, { name: 'Doc team' })
    check('Team', team.body)
    await api(app, bearer, 'POST', `${roles}/teams/${team.body.teamId}/members`, {
      identityIds: [id],
    })
    const members = await api(app, bearer, 'GET', `${roles}/teams/${team.body.teamId}/members`)
    check('TeamMember', members.body.teamMembers[0])
    check(
      'TeamMember',
      (await api(app, bearer, 'GET', `${roles}/identities/${id}/teams`)).body.teams[0],
    )
    const teams = '/searchservice/api/v1/accounts/acme/teams'
    check('TeamSearchResult', (await api(app, bearer, 'POST', teams, {})).body)
    check('Problem', (await api(app, bearer, 'GET', `${V2}/nope`)).body)
    check('OAuthError', (await tokenRequest(app, { grant_type: 'password' })).body)
    check('AccountList', (await admin(app, 'GET', '/accounts')).body)
    check(
      'ApiIntegration',
      (await admin(app, 'POST', '/accounts/acme/integrations', { name: 'x' })).body,
    )
    const hook = await admin(app, 'POST', '/accounts/acme/webhooks', {
      name: 'h',
      url: 'https://example.com/h',
      event: 'IdentityCreated',
    })
    check('Webhook', hook.body)
    check(
      'DeliveryLog',
      (await admin(app, 'GET', `/accounts/acme/webhooks/${hook.body.webhookId}/logs`)).body,
    )
    check('ScimResetStatus', (await admin(app, 'POST', '/accounts/acme/scim/reset')).body)
    check('RequestLog', (await admin(app, 'GET', '/accounts/acme/log')).body)
    app.mock.webhooks.stop()
  })
})

describe('interactive reference page', () => {
  it('is a self-contained page: no external resources, inline script allowed only by nonce', async () => {
    const res = await send(app, '/_mock/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const csp = res.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeDefined()
    expect(res.text).toContain(`<script nonce="${nonce}">`)
    expect(csp).toContain("connect-src 'self'")
    expect(res.text).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!json-schema)/)
    expect(res.text).toContain("fetch('openapi.json')")
    const script = /<script nonce="[^"]+">([\s\S]*)<\/script>/.exec(res.text)?.[1] ?? ''
    expect(() => new Function(script)).not.toThrow()
    const again = await send(app, '/_mock/docs')
    expect(again.headers.get('content-security-policy')).not.toBe(csp)
  })
})
