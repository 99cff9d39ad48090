/**
 * Discovery documents (RFC 7643 §5–§7, RFC 7644 §4): what `/ServiceProviderConfig`, `/ResourceTypes`
 * and `/Schemas` say, and whether the ClearID extension schema describes the attribute catalogue.
 *
 * @module
 */
import {
  CLEARID_USER_EXTENSION,
  CORE_ATTRIBUTES,
  CORE_USER_SCHEMA,
  EXTENSION_ATTRIBUTES,
  type AttributeDefinition,
} from '../../model/attributes.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import type { ServerCheckContext } from './context.ts'
import { defineServerRule } from './define.ts'
import type { Findings } from './findings.ts'
import { isObject, type Json } from './findings.ts'
import { rfc7643, rfc7644, seed, spec } from './sources.ts'
import { createUser } from './steps.ts'
import { lookupPath } from '../../driver/entra/requests.ts'

const SPC_URN = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'
const FEATURES = ['patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag'] as const

async function get(ctx: ServerCheckContext, path: string): Promise<HttpAnswer> {
  return ctx.http.send({ method: 'GET', path })
}

/** Resources of a discovery answer: a ListResponse (RFC 7644 §4) or a bare array. */
export function discoveryResources(body: unknown): Json[] {
  if (Array.isArray(body)) return body.filter(isObject)
  if (isObject(body) && Array.isArray(body.Resources)) return body.Resources.filter(isObject)
  return []
}

export const spcShape = defineServerRule({
  id: 'SRV-DISC-001',
  level: 'MUST',
  title: 'ServiceProviderConfig is served and describes every feature',
  profile: 'rfc',
  area: 'discovery',
  tags: ['discovery', 'read-only'],
  sources: [rfc7643('5'), rfc7644('4')],
  fix: 'Serve GET /ServiceProviderConfig with the SPC schema URN, a `supported` boolean for patch, bulk, filter, changePassword, sort and etag, and authenticationSchemes.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    const answer = await get(ctx, '/ServiceProviderConfig')
    if (!f.status(answer, 200, 'GET /ServiceProviderConfig')) return f.list
    const body = isObject(answer.body) ? answer.body : {}
    const schemas = Array.isArray(body.schemas) ? body.schemas : []
    f.check(
      schemas.includes(SPC_URN),
      `"schemas" must contain ${SPC_URN}`,
      answer,
      [SPC_URN],
      body.schemas,
    )
    for (const feature of FEATURES) {
      const block = body[feature]
      f.check(
        isObject(block) && typeof block.supported === 'boolean',
        `"${feature}.supported" must be a boolean`,
        answer,
        'boolean',
        isObject(block) ? block.supported : block,
      )
    }
    const schemes = body.authenticationSchemes
    f.check(
      Array.isArray(schemes) && schemes.length > 0,
      '"authenticationSchemes" must list at least one scheme',
      answer,
      'non-empty array',
      schemes,
    )
    return f.list
  },
})

export const spcClearIdFeatures = defineServerRule({
  id: 'SRV-DISC-002',
  level: 'MUST',
  title:
    'ServiceProviderConfig advertises PATCH, filtering with maxResults and bearer authentication',
  profile: 'clearid',
  area: 'discovery',
  tags: ['discovery', 'read-only'],
  sources: [rfc7643('5'), spec('2.3', 'PATCH and the full filter grammar are supported')],
  fix: 'Advertise patch.supported=true, filter.supported=true with a positive integer maxResults, bulk.supported=false and an oauthbearertoken authentication scheme.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    const answer = await get(ctx, '/ServiceProviderConfig')
    if (!f.status(answer, 200, 'GET /ServiceProviderConfig')) return f.list
    const body = isObject(answer.body) ? answer.body : {}
    const block = (name: string) => (isObject(body[name]) ? (body[name] as Json) : {})
    f.check(
      block('patch').supported === true,
      'patch.supported must be true',
      answer,
      true,
      block('patch').supported,
    )
    const filter = block('filter')
    f.check(
      filter.supported === true,
      'filter.supported must be true',
      answer,
      true,
      filter.supported,
    )
    f.check(
      Number.isInteger(filter.maxResults) && (filter.maxResults as number) > 0,
      'filter.maxResults must be a positive integer',
      answer,
      'positive integer',
      filter.maxResults,
    )
    f.check(
      block('bulk').supported === false,
      'bulk.supported must be false (ClearID has no bulk endpoint)',
      answer,
      false,
      block('bulk').supported,
    )
    const schemes = Array.isArray(body.authenticationSchemes) ? body.authenticationSchemes : []
    f.check(
      schemes.some((s) => isObject(s) && String(s.type).toLowerCase() === 'oauthbearertoken'),
      'authenticationSchemes must include type "oauthbearertoken" (the SCIM key is a Bearer token)',
      answer,
      'oauthbearertoken',
      schemes.map((s) => (isObject(s) ? s.type : s)),
    )
    return f.list
  },
})

export const resourceTypesUserOnly = defineServerRule({
  id: 'SRV-DISC-003',
  level: 'MUST',
  title: 'ResourceTypes lists User only, with the ClearID extension',
  profile: 'clearid',
  area: 'discovery',
  tags: ['discovery', 'read-only', 'groups'],
  sources: [
    rfc7643('6'),
    seed('groups are not synchronized'),
    spec('2.1', '/ResourceTypes lists User only'),
  ],
  fix: 'Serve GET /ResourceTypes with exactly one resource type: User, endpoint /Users, schema the core User URN, schemaExtensions containing the ClearID extension URN.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    const answer = await get(ctx, '/ResourceTypes')
    if (!f.status(answer, 200, 'GET /ResourceTypes')) return f.list
    const types = discoveryResources(answer.body)
    const names = types.map((t) => t.name ?? t.id)
    f.check(
      types.length === 1,
      'exactly one resource type (User) must be listed',
      answer,
      ['User'],
      names,
    )
    const user = types.find((t) => String(t.name ?? t.id).toLowerCase() === 'user')
    if (!f.check(user !== undefined, 'the User resource type is missing', answer, 'User', names))
      return f.list
    const u = user as Json
    f.check(
      String(u.endpoint) === '/Users',
      'User endpoint must be "/Users"',
      answer,
      '/Users',
      u.endpoint,
    )
    f.check(
      u.schema === CORE_USER_SCHEMA,
      'User schema must be the core User URN',
      answer,
      CORE_USER_SCHEMA,
      u.schema,
    )
    const extensions = Array.isArray(u.schemaExtensions) ? u.schemaExtensions : []
    f.check(
      extensions.some(
        (e) =>
          isObject(e) && String(e.schema).toLowerCase() === CLEARID_USER_EXTENSION.toLowerCase(),
      ),
      'User schemaExtensions must contain the ClearID extension',
      answer,
      CLEARID_USER_EXTENSION,
      extensions,
    )
    return f.list
  },
})

export const schemasPresent = defineServerRule({
  id: 'SRV-DISC-004',
  level: 'MUST',
  title: 'Schemas serves the core User schema and the ClearID extension schema',
  profile: 'clearid',
  area: 'discovery',
  tags: ['discovery', 'read-only'],
  sources: [
    rfc7643('7'),
    seed('every field is prefixed with urn:ietf:params:scim:schemas:extension:clearid:2.0:User'),
  ],
  fix: 'Serve GET /Schemas listing the core User schema and the ClearID extension schema, each with its attributes.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    const answer = await get(ctx, '/Schemas')
    if (!f.status(answer, 200, 'GET /Schemas')) return f.list
    const ids = discoveryResources(answer.body).map((s) => s.id)
    for (const urn of [CORE_USER_SCHEMA, CLEARID_USER_EXTENSION]) {
      f.check(ids.includes(urn), `/Schemas must contain ${urn}`, answer, urn, ids)
    }
    return f.list
  },
})

/** Findings for one schema document against catalogue definitions. */
function compareAttributes(
  f: Findings,
  answer: HttpAnswer,
  schema: Json | undefined,
  catalogue: readonly AttributeDefinition[],
): void {
  if (!f.check(schema !== undefined, 'the schema document is missing', answer)) return
  const listed = Array.isArray(schema?.attributes) ? schema.attributes.filter(isObject) : []
  const byName = new Map(listed.map((a) => [String(a.name).toLowerCase(), a]))
  for (const definition of catalogue) {
    const attribute = byName.get(definition.name.toLowerCase())
    if (
      !f.check(
        attribute !== undefined,
        `attribute "${definition.name}" is not described`,
        answer,
        definition.name,
      )
    )
      continue
    for (const key of [
      'type',
      'required',
      'caseExact',
      'mutability',
      'returned',
      'uniqueness',
    ] as const) {
      const actual = attribute?.[key]
      f.check(
        actual === definition[key],
        `attribute "${definition.name}": ${key} should be ${JSON.stringify(definition[key])}`,
        answer,
        definition[key],
        actual,
      )
    }
  }
}

function schemaById(answer: HttpAnswer, urn: string): Json | undefined {
  return discoveryResources(answer.body).find(
    (s) => String(s.id).toLowerCase() === urn.toLowerCase(),
  )
}

export const extensionSchemaAttributes = defineServerRule({
  id: 'SRV-DISC-005',
  level: 'MUST',
  title:
    'The ClearID extension schema describes every catalogue attribute with its characteristics',
  profile: 'clearid',
  area: 'discovery',
  tags: ['discovery', 'read-only', 'schema'],
  sources: [
    rfc7643('7'),
    seed('attribute table (Basic, CompanyData, PrivateData, SystemData, other custom fields)'),
  ],
  fix: 'Generate the ClearID extension schema from the attribute catalogue: every attribute with type, required, caseExact, mutability, returned and uniqueness as documented.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    const answer = await get(ctx, '/Schemas')
    if (!f.status(answer, 200, 'GET /Schemas')) return f.list
    compareAttributes(f, answer, schemaById(answer, CLEARID_USER_EXTENSION), EXTENSION_ATTRIBUTES)
    return f.list
  },
})

export const coreSchemaAttributes = defineServerRule({
  id: 'SRV-DISC-006',
  level: 'SHOULD',
  title: 'The core User schema describes userName, displayName and active as ClearID uses them',
  profile: 'clearid',
  area: 'discovery',
  tags: ['discovery', 'read-only', 'schema'],
  sources: [rfc7643('4.1'), seed('active, userName and displayName are the only core fields used')],
  fix: 'Describe userName (required, uniqueness server, caseExact false), displayName (required) and active (boolean) in the core User schema.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    const answer = await get(ctx, '/Schemas')
    if (!f.status(answer, 200, 'GET /Schemas')) return f.list
    compareAttributes(f, answer, schemaById(answer, CORE_USER_SCHEMA), CORE_ATTRIBUTES)
    return f.list
  },
})

export const spcFilterAgreement = defineServerRule({
  id: 'SRV-DISC-007',
  level: 'MUST',
  title: 'Filtering works as advertised and pages never exceed filter.maxResults',
  profile: 'rfc',
  area: 'discovery',
  tags: ['discovery', 'read-only', 'filter', 'paging'],
  sources: [rfc7643('5'), rfc7644('3.4.2.4')],
  fix: 'When filter.supported is true, answer filtered queries with a ListResponse, and cap the page size (count) at filter.maxResults.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    const filter = ctx.discovery.serviceProviderConfig?.filter
    const max =
      isObject(filter) && Number.isInteger(filter.maxResults)
        ? (filter.maxResults as number)
        : undefined
    if (!isObject(filter) || filter.supported !== true || max === undefined) {
      f.info(
        'ServiceProviderConfig does not advertise filtering with maxResults; nothing to compare',
      )
      return f.list
    }
    const probe = lookupPath('userName', ctx.data.guid())
    f.listResponse(
      await ctx.http.send({ method: 'GET', path: probe }),
      'GET /Users?filter=userName eq "<guid>"',
    )
    const answer = await ctx.http.send({ method: 'GET', path: `/Users?count=${max + 50}` })
    const list = f.listResponse(answer, `GET /Users?count=${max + 50}`)
    if (!list) return f.list
    f.check(
      list.Resources.length <= max,
      `a page held ${list.Resources.length} resources, more than maxResults (${max})`,
      answer,
      `<= ${max}`,
      list.Resources.length,
    )
    // itemsPerPage is the number of resources on this page (RFC 7644 §3.4.2): when it disagrees
    // with the page, the fault is itemsPerPage, whether or not the cap held.
    if (list.itemsPerPage !== undefined && list.itemsPerPage !== list.Resources.length) {
      f.error(
        `itemsPerPage says ${JSON.stringify(list.itemsPerPage)} but the page holds ${list.Resources.length} resources; itemsPerPage must be the number of resources on the page${list.Resources.length <= max ? ` (the cap of maxResults ${max} held)` : ''}`,
        answer,
        list.Resources.length,
        list.itemsPerPage,
      )
    }
    if (list.totalResults <= max)
      f.info(`only ${list.totalResults} identities exist, so the cap was not exercised`)
    return f.list
  },
})

export const spcPatchAgreement = defineServerRule({
  id: 'SRV-DISC-008',
  level: 'MUST',
  title: 'PATCH works when ServiceProviderConfig says it is supported',
  profile: 'rfc',
  area: 'discovery',
  tags: ['discovery', 'patch'],
  sources: [rfc7643('5'), rfc7644('3.5.2')],
  fix: 'Either implement PATCH /Users/{id} (200 with the resource, or 204) or advertise patch.supported=false.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const patch = ctx.discovery.serviceProviderConfig?.patch
    if (!isObject(patch) || patch.supported !== true) {
      f.info('ServiceProviderConfig does not advertise PATCH; nothing to compare')
      return f.list
    }
    const user = await createUser(ctx)
    const answer = await ctx.entra.patchUser(user.id, [
      { attribute: 'displayName', value: `${user.values.displayName} (updated)`, op: 'replace' },
    ])
    f.status(answer, [200, 204], 'PATCH /Users/{id} while patch.supported=true')
    return f.list
  },
})
