import { compileErrors, validate } from '@readme/openapi-parser'
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
import { openApiContract } from '../test/openapi-contract.ts'

const GROUPS = '/scim/v2/accounts/{accountId}/Groups'
const GROUP_CATCH_ALL =
  'the Groups catch-all answers every write with 501; the document lists the writes a SCIM client sends (POST /Groups, PUT, PATCH and DELETE /Groups/{id})'
/** Operations the app serves that the document leaves out on purpose, and why. */
const UNDOCUMENTED: Readonly<Record<string, string>> = {
  [`PUT ${GROUPS}`]: GROUP_CATCH_ALL,
  [`PATCH ${GROUPS}`]: GROUP_CATCH_ALL,
  [`DELETE ${GROUPS}`]: GROUP_CATCH_ALL,
  [`POST ${GROUPS}/{id}`]: GROUP_CATCH_ALL,
}
/**
 * The dashboard (`/` and `/_dashboard/…`): a page and the data feed only that page reads, not an
 * API; every action it takes goes through the documented control plane (docs/dashboard.md).
 */
const isDashboard = (op: string): boolean => / \/(_dashboard\/.*)?$/.test(op)
/**
 * The fake Microsoft Graph source (`/graph/v1.0/…`, `/graph/login/…`): Microsoft's API, which
 * Microsoft documents (docs/entra-graph-sync.md lists what the fake serves); its control plane
 * under `/_admin/graph` is in the document.
 */
const isFakeGraph = (op: string): boolean => / \/graph\/(v1\.0|login)\//.test(op)
/** Wildcard routes, by the path template the document gives them. */
const WILDCARDS: Readonly<Record<string, string>> = { [`${GROUPS}/*`]: `${GROUPS}/{id}` }

let app: MockApp
let doc: any // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed JSON document

beforeAll(async () => {
  app = restTestApp()
  doc = (await send(app, '/_mock/openapi.json')).body
})

/**
 * Every operation the app serves, as `METHOD /template/{param}`. Hono lists `use()` middleware as
 * method ALL on a `/*` path: it runs before routes and answers nothing itself, so it is no
 * operation. Any other ALL route would be one, and fails the test until it is documented.
 */
function servedOperations(): Set<string> {
  const served = new Set<string>()
  for (const route of app.routes) {
    if (route.method === 'ALL' && route.path.endsWith('/*')) continue
    const template = route.path.replace(/:([A-Za-z]+)/g, '{$1}')
    served.add(`${route.method} ${WILDCARDS[template] ?? template}`)
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

/** Parameter and media-type schemas of every operation (components are checked on their own). */
function inlineSchemas(node: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) node.forEach((child) => inlineSchemas(child, out))
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'schema') out.push(value)
      else inlineSchemas(value, out)
    }
  }
  return out
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

  it('is a valid OpenAPI document (@readme/openapi-parser: schema, path parameters, unique ids)', async () => {
    const result = await validate(structuredClone(doc))
    expect(result.valid ? '' : compileErrors(result)).toBe('')
    expect(result.warnings).toEqual([])
  })

  it('holds only valid JSON Schema 2020-12 in its schemas', () => {
    const ajv = new Ajv2020({ strict: false })
    const schemas = [
      ...Object.values(doc.components.schemas as object),
      ...inlineSchemas(doc.paths),
    ]
    expect(schemas.length).toBeGreaterThan(100)
    for (const schema of schemas) {
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true)
    }
  })

  it('documents every route the app serves, SCIM included, and nothing else', () => {
    const served = servedOperations()
    const documented = documentedOperations()
    expect(served.size).toBeGreaterThan(90)
    const missing = [...served].filter(
      (op) => !documented.has(op) && !UNDOCUMENTED[op] && !isDashboard(op) && !isFakeGraph(op),
    )
    expect([...served].filter(isDashboard)).toContain('GET /')
    expect([...served].filter(isFakeGraph)).toContain('GET /graph/v1.0/users/delta')
    expect(missing).toEqual([])
    expect([...documented].filter((op) => !served.has(op))).toEqual([])
    // An exclusion for a route that is gone, or that is documented after all, is stale.
    for (const op of Object.keys(UNDOCUMENTED)) {
      expect(served.has(op) && !documented.has(op), op).toBe(true)
    }
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
    const contract = openApiContract(doc)
    const check = (name: string, value: unknown) => contract.schema(name, value)
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
