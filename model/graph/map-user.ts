/**
 * What a configuration makes of one Graph user: its identity (the shared mapping of
 * `model/sync/mapped-identity.ts`: External ID, names, status, e-mail, country code, …), its
 * credentials and every problem on the way. `graph preview` and the mock's synchronization engine
 * both call this, so what the preview shows is what a synchronization writes.
 *
 * @module
 */
import type { MappingType } from '../sync/mapping-model.ts'
import { applyRegex, isBlank, mappingRegex } from '../sync/apply-mapping.ts'
import { readCredential, type SyncCredential } from '../sync/credentials.ts'
import { findSyncField, type SyncField } from '../sync/fields.ts'
import { mappedIdentity, type MappedIdentity } from '../sync/mapped-identity.ts'
import { credentialPlaces } from '../sync/parse-mappings.ts'
import { parseSyncDate } from '../sync/values.ts'
import type { GraphSyncConfig } from './config.ts'
import {
  attributeText,
  userAttribute,
  type GraphUser,
  type UserAttribute,
} from './user-attributes.ts'

interface CompiledField {
  readonly field: SyncField
  readonly type: MappingType
  readonly attribute?: UserAttribute
  readonly regex?: RegExp
  readonly replacement?: string
  readonly fixed?: string
}

/** A configuration's mappings, compiled once for every user. */
export interface CompiledMappings {
  readonly config: GraphSyncConfig
  readonly fields: readonly CompiledField[]
  /** The properties a read must `$select` (id and the names always; every mapped attribute). */
  readonly select: readonly string[]
  /** The directory extension attributes the mappings read (their app must be able to list them). */
  readonly extensions: readonly string[]
}

/** A Regex mapping whose pattern did not match: the value passes unchanged, as in .NET. */
export interface AttributeRegexMiss {
  readonly field: string
  readonly attribute: string
  readonly pattern: string
  readonly value: string
}

export interface MappedUser {
  readonly userId: string
  readonly userPrincipalName?: string
  readonly identity: MappedIdentity
  readonly regexMisses: readonly AttributeRegexMiss[]
  readonly credentials: readonly SyncCredential[]
  /** `Credential mapping 2: The card number …`. */
  readonly credentialProblems: readonly string[]
}

/** Always read: the object id, the sign-in name and the display name (for logs and previews). */
const ALWAYS: readonly string[] = ['id', 'userPrincipalName', 'displayName']

export function compileMappings(config: GraphSyncConfig): CompiledMappings {
  const fields: CompiledField[] = []
  for (const mapping of config.identityMappings) {
    const field = findSyncField(mapping.field)
    if (!field) continue
    if (mapping.type === 'fixed') {
      fields.push({ field, type: 'fixed', fixed: mapping.value })
      continue
    }
    const attribute = userAttribute(mapping.column)
    if (!attribute) continue
    fields.push({
      field,
      type: mapping.type,
      attribute,
      ...(mapping.type === 'regex' && {
        regex: mappingRegex(mapping.pattern),
        replacement: mapping.replacement,
      }),
    })
  }
  const attributes = [
    ...fields.flatMap((f) => (f.attribute ? [f.attribute] : [])),
    ...config.credentialMappings.flatMap((m) =>
      credentialPlaces(m).flatMap((name) => {
        const attribute = userAttribute(name)
        return attribute ? [attribute] : []
      }),
    ),
  ]
  const select = [...new Set([...ALWAYS, ...attributes.map((a) => a.select)])]
  const extensions = [
    ...new Set(attributes.filter((a) => a.kind === 'extension').map((a) => a.name)),
  ]
  return { config, fields, select, extensions }
}

/** Graph's dates are ISO 8601: no other form is read. */
const readDate = (raw: string) => parseSyncDate(raw, 'iso-only')

export function mapGraphUser(compiled: CompiledMappings, user: GraphUser): MappedUser {
  const { config } = compiled
  const values = new Map<string, string>()
  const empty: string[] = []
  const regexMisses: AttributeRegexMiss[] = []
  for (const planned of compiled.fields) {
    if (planned.type === 'fixed') {
      values.set(planned.field.name, planned.fixed ?? '')
      continue
    }
    if (!planned.attribute) continue
    const raw = attributeText(user, planned.attribute)
    if (isBlank(raw)) {
      empty.push(planned.field.name)
      continue
    }
    if (planned.regex) {
      const replaced = applyRegex(planned.regex, planned.replacement ?? '', raw)
      if (replaced === undefined)
        regexMisses.push({
          field: planned.field.name,
          attribute: planned.attribute.name,
          pattern: planned.regex.source,
          value: raw,
        })
      values.set(planned.field.name, replaced ?? raw)
      continue
    }
    values.set(planned.field.name, raw)
  }
  const identity = mappedIdentity(
    { values, empty },
    {
      dateOrder: 'iso-only',
      synchronizePictures: config.management.synchronizePictures,
      emptyValues: config.options.emptyValues,
    },
  )
  const credentials: SyncCredential[] = []
  const credentialProblems: string[] = []
  const read = (name: string) => {
    const attribute = userAttribute(name)
    const text = attribute ? attributeText(user, attribute) : undefined
    return isBlank(text) ? undefined : text
  }
  config.credentialMappings.forEach((mapping, i) => {
    const { credential, issues } = readCredential(mapping, read, readDate)
    if (credential) credentials.push(credential)
    for (const issue of issues)
      credentialProblems.push(`Credential mapping ${i + 1}: ${issue.message}`)
  })
  const upn = user.userPrincipalName
  return {
    userId: user.id,
    ...(typeof upn === 'string' && { userPrincipalName: upn }),
    identity,
    regexMisses,
    credentials,
    credentialProblems,
  }
}
