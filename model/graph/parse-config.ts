/**
 * Reads a Graph synchronization configuration (the JSON file `graph preview --config` takes, or a
 * control-plane body) into a `GraphSyncConfig`, with ClearID's defaults for what it leaves out.
 * Every problem is reported with its JSON path, all at once; nothing throws. `graph schema` prints
 * the JSON Schema of the same shape (`config-schema.ts`).
 *
 * The client secret: the control plane takes `connection.clientSecret` and keeps it apart (`secret`
 * of the reading); a file must not hold one (`secret: 'refuse'`), the CLI reads it from the
 * environment.
 *
 * @module
 */
import {
  DEFAULT_GRAPH_MANAGEMENT,
  DEFAULT_GRAPH_MAPPINGS,
  DEFAULT_GRAPH_OPTIONS,
  loginUrlFor,
  REMOVED_IDENTITY_ACTIONS,
  type GraphConnection,
  type GraphGroupRule,
  type GraphSyncConfig,
  type GraphSyncOptions,
} from './config.ts'
import { userAttribute } from './user-attributes.ts'
import type { CredentialColumn } from '../sync/credentials.ts'
import type { CredentialMapping, IdentityMapping } from '../sync/mapping-model.ts'
import {
  ConfigReader,
  isObject,
  readCredentialMappings,
  readIdentityMappings,
  show,
  type ConfigProblem,
  type Json,
  type SourceVocabulary,
} from '../sync/parse-mappings.ts'

/** A Graph configuration names Graph user attributes where a CSV one names columns. */
export const GRAPH_VOCABULARY: SourceVocabulary = {
  source: 'attribute',
  feeds: 'a Graph attribute can feed',
  credentialKeys: {
    column: 'attribute',
    facilityCodeColumn: 'facilityCodeAttribute',
    cardNumberColumn: 'cardNumberAttribute',
    activationDateColumn: 'activationDateAttribute',
    expirationDateColumn: 'expirationDateAttribute',
  },
}

export type GraphConfigReading =
  | {
      readonly config: GraphSyncConfig
      /** `connection.clientSecret`, when the reader accepts one. */
      readonly secret?: string
      readonly problems?: undefined
    }
  | {
      readonly config?: undefined
      readonly secret?: undefined
      readonly problems: readonly ConfigProblem[]
    }

export interface GraphConfigReadOptions {
  /** `accept`: a control-plane body may carry the secret; `refuse`: a file may not. */
  readonly secret: 'accept' | 'refuse'
}

const TOP = [
  'name',
  'connection',
  'groups',
  'identityMappings',
  'credentialMappings',
  'management',
  'options',
]
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i
const ATTRIBUTE_KINDS =
  'a user property (givenName), onPremisesExtensionAttributes/extensionAttribute1…15, or extension_{appId without dashes}_{name}'

export function parseGraphConfig(
  input: unknown,
  options: GraphConfigReadOptions = { secret: 'refuse' },
): GraphConfigReading {
  const r = new ConfigReader()
  if (!isObject(input)) {
    return {
      problems: [
        { path: '', message: `The configuration must be a JSON object, got ${show(input)}.` },
      ],
    }
  }
  r.unknownKeys(input, '', TOP)
  const name = r.string(input, 'name', '', false) ?? 'Microsoft Entra ID'
  const { connection, secret } = readConnection(r, input, options)
  const groups = readGroups(r, input.groups)
  checkAttributes(r, input)
  const mapped =
    input.identityMappings === undefined
      ? [...DEFAULT_GRAPH_MAPPINGS]
      : (readIdentityMappings(r, input.identityMappings, GRAPH_VOCABULARY) ?? [])
  const identityMappings = withExternalId(mapped.map(canonicalMapping))
  const credentialMappings = readCredentialMappings(
    r,
    input.credentialMappings,
    GRAPH_VOCABULARY,
  ).map(canonicalCredential)
  const management = r.object(input, 'management')
  r.unknownKeys(management, 'management.', Object.keys(DEFAULT_GRAPH_MANAGEMENT))
  const d = DEFAULT_GRAPH_MANAGEMENT
  const config: GraphSyncConfig = {
    name,
    ...(connection && { connection }),
    groups,
    identityMappings,
    credentialMappings,
    management: {
      synchronizePictures: r.boolean(
        management,
        'synchronizePictures',
        'management.',
        d.synchronizePictures,
      ),
      synchronizeManagers: r.boolean(
        management,
        'synchronizeManagers',
        'management.',
        d.synchronizeManagers,
      ),
      automatic: r.boolean(management, 'automatic', 'management.', d.automatic),
    },
    options: readOptions(r, input),
  }
  if (r.problems.length > 0) return { problems: r.problems }
  return { config, ...(secret !== undefined && { secret }) }
}

function readConnection(
  r: ConfigReader,
  input: Json,
  options: GraphConfigReadOptions,
): { connection?: GraphConnection; secret?: string } {
  if (input.connection === undefined) return {}
  const c = r.object(input, 'connection')
  r.unknownKeys(c, 'connection.', ['graphUrl', 'loginUrl', 'tenantId', 'clientId', 'clientSecret'])
  const url = (key: string) => {
    const value = r.string(c, key, 'connection.', false)
    if (value === undefined) return undefined
    if (!/^https?:\/\/[^/\s]+/i.test(value))
      return r.fail(`connection.${key}`, `must be an http(s) URL, got ${show(value)}.`)
    return value.replace(/\/+$/, '')
  }
  const graphUrl = url('graphUrl')
  let loginUrl = url('loginUrl')
  if (graphUrl !== undefined && loginUrl === undefined && c.loginUrl === undefined) {
    loginUrl = loginUrlFor(graphUrl)
    if (loginUrl === undefined)
      r.fail(
        'connection.loginUrl',
        `is required with this graphUrl: the identity platform's address (where {tenant}/oauth2/v2.0/token is) cannot be told from ${show(graphUrl)}.`,
      )
  }
  const tenantId = r.string(c, 'tenantId', 'connection.', true)
  if (tenantId !== undefined && !GUID.test(tenantId) && !DOMAIN.test(tenantId))
    r.fail(
      'connection.tenantId',
      `must be the Directory (tenant) ID (a GUID) or a tenant domain, got ${show(tenantId)}.`,
    )
  const clientId = r.string(c, 'clientId', 'connection.', true)
  if (clientId !== undefined && !GUID.test(clientId))
    r.fail(
      'connection.clientId',
      `must be the Application (client) ID, a GUID, got ${show(clientId)}.`,
    )
  let secret: string | undefined
  if (c.clientSecret !== undefined) {
    // The secret is never echoed back, not even in a problem.
    if (options.secret === 'refuse')
      r.fail(
        'connection.clientSecret',
        'does not belong in a configuration file: set CLEARID_GRAPH_SECRET instead (the control plane takes it in its body and never shows it).',
      )
    else if (typeof c.clientSecret !== 'string' || c.clientSecret === '')
      r.fail('connection.clientSecret', 'must be a non-empty string.')
    else secret = c.clientSecret
  }
  if (tenantId === undefined || clientId === undefined) return {}
  return {
    connection: {
      ...(graphUrl !== undefined && { graphUrl }),
      ...(loginUrl !== undefined && { loginUrl }),
      tenantId,
      clientId,
    },
    ...(secret !== undefined && { secret }),
  }
}

function readGroups(r: ConfigReader, value: unknown): GraphGroupRule[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) return r.fail('groups', 'must be a list of groups.') ?? []
  const seen = new Set<string>()
  const out: GraphGroupRule[] = []
  value.forEach((item, i) => {
    const path = `groups[${i}].`
    if (!isObject(item)) return r.fail(`groups[${i}]`, 'must be an object.')
    r.unknownKeys(item, path, ['group', 'role', 'syncIdentities'])
    const group = r.string(item, 'group', path, true)
    const role = r.string(item, 'role', path, false)
    const syncIdentities = r.boolean(item, 'syncIdentities', path, false)
    if (group === undefined) return
    if (seen.has(group.toLowerCase())) return r.fail(`${path}group`, `names "${group}" twice.`)
    seen.add(group.toLowerCase())
    if (role === undefined && !syncIdentities && item.role === undefined)
      return r.fail(
        `groups[${i}]`,
        'does nothing: give it a role (its members join that ClearID role), syncIdentities: true (its members become identities), or both.',
      )
    out.push({ group, ...(role !== undefined && { role }), syncIdentities })
  })
  return out
}

/** Every place a mapping names must be a Graph user attribute (checked on the JSON, for paths). */
function checkAttributes(r: ConfigReader, input: Json): void {
  const check = (path: string, value: unknown) => {
    if (typeof value === 'string' && value.trim() !== '' && !userAttribute(value))
      r.fail(path, `"${value.slice(0, 80)}" is not a Graph user attribute: ${ATTRIBUTE_KINDS}.`)
  }
  const lists: [string, readonly string[]][] = [
    ['identityMappings', ['attribute']],
    ['credentialMappings', Object.values(GRAPH_VOCABULARY.credentialKeys)],
  ]
  for (const [list, keys] of lists) {
    const items = input[list]
    if (!Array.isArray(items)) continue
    items.forEach((item, i) => {
      if (!isObject(item)) return
      for (const key of keys) check(`${list}[${i}].${key}`, item[key])
    })
  }
}

const canonical = (name: string): string => userAttribute(name)?.name ?? name

function canonicalMapping(mapping: IdentityMapping): IdentityMapping {
  return mapping.type === 'fixed' ? mapping : { ...mapping, column: canonical(mapping.column) }
}

function canonicalCredential(mapping: CredentialMapping): CredentialMapping {
  const out: Record<string, unknown> = { ...mapping }
  const places: readonly CredentialColumn[] = [
    'column',
    'facilityCodeColumn',
    'cardNumberColumn',
    'activationDateColumn',
    'expirationDateColumn',
  ]
  for (const place of places)
    if (typeof out[place] === 'string') out[place] = canonical(out[place] as string)
  return out as unknown as CredentialMapping
}

/** External ID is mapped by default: from the object id, unless a mapping feeds it. */
function withExternalId(mappings: IdentityMapping[]): IdentityMapping[] {
  if (mappings.some((m) => m.field.toLowerCase().replace(/[^a-z]/g, '') === 'externalid'))
    return mappings
  return [{ field: 'externalId', type: 'direct', column: 'id' }, ...mappings]
}

function readOptions(r: ConfigReader, input: Json): GraphSyncOptions {
  const o = r.object(input, 'options')
  const d = DEFAULT_GRAPH_OPTIONS
  r.unknownKeys(o, 'options.', Object.keys(d))
  const integer = (
    key: 'maxRetries' | 'maxRetryAfterSeconds' | 'pageSize',
    max: number,
    min = 0,
  ) => {
    const v = o[key]
    if (v === undefined) return d[key]
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      return r.fail(`options.${key}`, `must be an integer ${min}–${max}, got ${show(v)}.`) ?? d[key]
    return v
  }
  return {
    removedIdentities: r.oneOf(
      o,
      'removedIdentities',
      'options.',
      REMOVED_IDENTITY_ACTIONS,
      d.removedIdentities,
    ),
    users: r.oneOf(o, 'users', 'options.', ['groups', 'all'], d.users),
    groupMembers: r.oneOf(o, 'groupMembers', 'options.', ['transitive', 'direct'], d.groupMembers),
    emptyValues: r.oneOf(o, 'emptyValues', 'options.', ['keep', 'clear'], d.emptyValues),
    maxRetries: integer('maxRetries', 10),
    maxRetryAfterSeconds: integer('maxRetryAfterSeconds', 3600),
    pageSize: integer('pageSize', 999, 1),
  }
}
