/**
 * The SCIM part of the OpenAPI document against the mock itself: every answer below must be a
 * documented status with the documented content type and schema; the User schemas agree with the
 * `/Schemas` the mock serves (one catalogue); and every request example is accepted, in the
 * dialect it claims to be.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  CLEARID_USER_EXTENSION,
  CORE_ATTRIBUTES,
  CORE_USER_SCHEMA,
  ENTRA_SCIM2_FLAG,
  EXTENSION_ATTRIBUTES,
} from '../../model/attributes.ts'
import type { MockApp } from '../app.ts'
import { openApiContract, type OpenApiContract } from '../test/openapi-contract.ts'
import { call, ext, testApp, userBody } from '../test/scim-test-client.ts'
import { USER_CREATE_EXAMPLES, USER_PATCH_EXAMPLES, USER_SEARCH_EXAMPLE } from './scim-examples.ts'

const SCIM = '/scim/v2/accounts/{accountId}'

let app: MockApp
let doc: any // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed JSON document
let contract: OpenApiContract

beforeAll(async () => {
  app = testApp()
  doc = (await call(app, 'GET', '/_mock/openapi.json')).body
  contract = openApiContract(doc)
})

/** Sends a request to the account's SCIM base and checks the answer against the document. */
async function documented(
  method: string,
  template: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await call(app, method, path, body, headers)
  contract.response(method, `${SCIM}${template}`, res)
  return res
}

const schema = (name: string) => doc.components.schemas[name]

describe('SCIM answers are what the document says', () => {
  it('Users: create, get, list, search, replace, patch, delete', async () => {
    const created = await documented('POST', '/Users', 'Users', userBody())
    expect(created.status).toBe(201)
    const id = created.body.id as string
    const etag = created.headers.get('etag')!
    const byId = await documented('GET', '/Users/{id}', `Users/${id}`)
    expect(byId.status).toBe(200)
    await documented('GET', '/Users/{id}', `Users/${id}?attributes=userName`)
    const unchanged = await documented('GET', '/Users/{id}', `Users/${id}`, undefined, {
      'If-None-Match': etag,
    })
    expect(unchanged.status).toBe(304)
    const lookup = `Users?filter=${encodeURIComponent(`userName eq "${created.body.userName}"`)}`
    expect((await documented('GET', '/Users', lookup)).body.totalResults).toBe(1)
    expect((await documented('GET', '/Users/', lookup.replace('Users', 'Users/'))).status).toBe(200)
    await documented('GET', '/Users', 'Users?attributes=userName&count=5')
    await documented('POST', '/Users/.search', 'Users/.search', USER_SEARCH_EXAMPLE)
    const replaced = await documented(
      'PUT',
      '/Users/{id}',
      `Users/${id}`,
      userBody({ userName: created.body.userName }, { externalId: ext(created.body).externalId }),
    )
    expect(replaced.status).toBe(200)
    const stale = await documented('PATCH', '/Users/{id}', `Users/${id}`, undefined, {
      'If-Match': etag,
    })
    expect(stale.status).toBe(412)
    const deleted = await documented('DELETE', '/Users/{id}', `Users/${id}`)
    expect(deleted.status).toBe(204)
    expect((await documented('GET', '/Users/{id}', `Users/${id}`)).status).toBe(404)
  })

  it('Users: refusals are SCIM errors with a documented status', async () => {
    const first = userBody()
    await documented('POST', '/Users', 'Users', first)
    const again = await documented('POST', '/Users', 'Users', first)
    expect(again.status).toBe(409)
    const invalid = await documented('POST', '/Users', 'Users', userBody({ userName: undefined }))
    expect(invalid.status).toBe(400)
    const badFilter = await documented('GET', '/Users', 'Users?filter=userName+eq')
    expect(badFilter.body.scimType).toBe('invalidFilter')
    const noKey = await documented('GET', '/Users', 'Users', undefined, { Authorization: '' })
    expect(noKey.status).toBe(401)
    const wrongType = await documented('POST', '/Users', 'Users', userBody(), {
      'Content-Type': 'text/plain',
    })
    expect(wrongType.status).toBe(415)
  })

  it('discovery', async () => {
    await documented('GET', '/ServiceProviderConfig', 'ServiceProviderConfig')
    await documented('GET', '/ResourceTypes', 'ResourceTypes')
    await documented('GET', '/ResourceTypes/{id}', 'ResourceTypes/User')
    expect((await documented('GET', '/ResourceTypes/{id}', 'ResourceTypes/Group')).status).toBe(404)
    await documented('GET', '/Schemas', 'Schemas')
    await documented('GET', '/Schemas/{id}', `Schemas/${CLEARID_USER_EXTENSION}`)
    expect((await documented('GET', '/Schemas/{id}', 'Schemas/nope')).status).toBe(404)
  })

  it('Groups: an empty list, never found, writes not supported', async () => {
    const list = await documented('GET', '/Groups', 'Groups?excludedAttributes=members')
    expect(list.body.Resources).toEqual([])
    await documented('GET', '/Groups/', 'Groups/')
    expect((await documented('GET', '/Groups/{id}', 'Groups/g1')).status).toBe(404)
    expect((await documented('POST', '/Groups', 'Groups', { displayName: 'x' })).status).toBe(501)
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await documented(method, '/Groups/{id}', 'Groups/g1', {})).status).toBe(501)
    }
  })
})

describe('the User schemas come from the catalogue /Schemas is built from', () => {
  type Attribute = {
    name: string
    type: string
    required: boolean
    caseExact: boolean
    uniqueness: string
  }
  let served: Record<string, Attribute[]>

  beforeAll(async () => {
    const res = await call(app, 'GET', 'Schemas')
    served = Object.fromEntries(
      res.body.Resources.map((s: { id: string; attributes: Attribute[] }) => [s.id, s.attributes]),
    )
  })

  it.each([
    [CORE_USER_SCHEMA, 'ScimUser', 'ScimUserWrite'],
    [CLEARID_USER_EXTENSION, 'ScimClearIdExtension', 'ScimClearIdExtensionWrite'],
  ])('%s: the same attributes, types, required and characteristics', (urn, read, write) => {
    const attributes = served[urn]!
    expect(attributes.length).toBeGreaterThan(2)
    const properties = schema(read).properties as Record<string, Record<string, unknown>>
    const own = Object.keys(properties).filter(
      (name) => !['schemas', 'id', 'meta', CLEARID_USER_EXTENSION].includes(name),
    )
    expect(own).toEqual(attributes.map((a) => a.name))
    for (const attribute of attributes) {
      const property = properties[attribute.name]!
      expect(property.type, attribute.name).toBe(attribute.type)
      expect(property.description).toContain(`caseExact ${attribute.caseExact}`)
      expect(property.description).toContain(`uniqueness ${attribute.uniqueness}`)
      expect(property.description).toContain(attribute.required ? 'required' : 'optional')
    }
    const required = attributes.filter((a) => a.required).map((a) => a.name)
    expect(
      (schema(write).required as string[]).filter((n) => !n.startsWith('urn:') && n !== 'schemas'),
    ).toEqual(required)
  })

  it('takes "True"/"False" for active on a write, and answers JSON booleans', () => {
    const active = schema('ScimUserWrite').properties.active
    expect(JSON.stringify(active)).toContain('[Tt][Rr][Uu][Ee]')
    expect(schema('ScimUser').properties.active.type).toBe('boolean')
    expect(schema('ScimClearIdExtensionWrite').properties.isAdmin.anyOf[0]).toEqual({
      type: 'boolean',
    })
  })
})

describe('request examples', () => {
  type Operation = { op: string; path?: string; value: unknown }
  const operations = (name: string) =>
    (USER_PATCH_EXAMPLES[name]!.value as { Operations: Operation[] }).Operations
  const values = (ops: Operation[]) =>
    ops.flatMap((op) =>
      op.value && typeof op.value === 'object' ? Object.values(op.value) : [op.value],
    )
  /** Core names bare, ClearID attributes by their URN path, in both dialects. */
  const paths = (ops: Operation[]) =>
    ops.flatMap((op) => (op.path === undefined ? Object.keys(op.value as object) : [op.path]))
  const isAttributePath = (path: string) =>
    CORE_ATTRIBUTES.some((a) => a.name === path) ||
    EXTENSION_ATTRIBUTES.some((a) => path === `${CLEARID_USER_EXTENSION}:${a.name}`)
  const defaultDialect = Object.keys(USER_PATCH_EXAMPLES).filter((n) =>
    n.startsWith('entraDefault'),
  )
  const flagDialect = Object.keys(USER_PATCH_EXAMPLES).filter((n) => n.startsWith('entraFlag'))

  it('are the ones the document shows', () => {
    const media = (method: string, path: string) =>
      doc.paths[`${SCIM}${path}`][method].requestBody.content['application/scim+json']
    expect(media('patch', '/Users/{id}').examples).toEqual(USER_PATCH_EXAMPLES)
    expect(media('post', '/Users').examples).toEqual(USER_CREATE_EXAMPLES)
    expect(media('post', '/Users/.search').example).toEqual(USER_SEARCH_EXAMPLE)
  })

  it('default dialect: capitalised ops, a path on each, "True"/"False" strings for booleans', () => {
    expect(defaultDialect.length).toBeGreaterThanOrEqual(2)
    for (const name of defaultDialect) {
      for (const op of operations(name)) {
        expect(op.op).toMatch(/^(Add|Replace|Remove)$/)
        expect(op.path).toBeTruthy()
      }
      expect(values(operations(name)).every((v) => typeof v !== 'boolean')).toBe(true)
      expect(paths(operations(name)).filter((p) => !isAttributePath(p))).toEqual([])
    }
    expect(values(operations('entraDefaultDisable'))).toEqual(['False'])
  })

  it(`${ENTRA_SCIM2_FLAG}: lower-case ops, JSON booleans, one path-less replace with a value object`, () => {
    expect(flagDialect.length).toBeGreaterThanOrEqual(2)
    for (const name of flagDialect) {
      for (const op of operations(name)) expect(op.op).toMatch(/^(add|replace|remove)$/)
      expect(paths(operations(name)).filter((p) => !isAttributePath(p))).toEqual([])
      expect(values(operations(name)).some((v) => typeof v === 'boolean')).toBe(true)
      expect(
        values(operations(name)).some(
          (v) => /^(true|false)$/i.test(String(v)) && typeof v === 'string',
        ),
      ).toBe(false)
    }
    const [update] = operations('entraFlag')
    expect(operations('entraFlag')).toHaveLength(1)
    expect(update!.path).toBeUndefined()
    expect(Object.keys(update!.value as object).length).toBeGreaterThan(1)
  })

  it.each(Object.entries(USER_CREATE_EXAMPLES))('create %s is accepted', async (_name, example) => {
    const res = await documented('POST', '/Users', 'Users', example.value)
    expect(res.status).toBe(201)
    expect(res.body.userName).toBe((example.value as { userName: string }).userName)
  })

  it.each(Object.entries(USER_PATCH_EXAMPLES))(
    'PATCH %s is accepted and applied',
    async (name, example) => {
      const created = await call(app, 'POST', 'Users', userBody({}, { lastName: 'Lovelace' }))
      const res = await documented(
        'PATCH',
        '/Users/{id}',
        `Users/${created.body.id}`,
        example.value,
      )
      expect(res.status).toBe(200)
      if (name.endsWith('Disable')) expect(res.body.active).toBe(false)
      else {
        expect(res.body.displayName).toBe('Ada King')
        expect(ext(res.body).lastName).toBe('King')
      }
    },
  )

  it('the search example finds the user it names', async () => {
    // The user of the default create example (201, or 409 when that test already created it).
    await call(app, 'POST', 'Users', USER_CREATE_EXAMPLES.entraDefault!.value)
    const res = await call(app, 'POST', 'Users/.search', USER_SEARCH_EXAMPLE)
    expect(res.status).toBe(200)
    expect(res.body.totalResults).toBe(1)
    expect(Object.keys(res.body.Resources[0]).sort()).toEqual(
      ['id', 'schemas', 'userName', CLEARID_USER_EXTENSION].sort(),
    )
  })
})
