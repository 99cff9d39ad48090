/**
 * Applies a configuration to a header and then to each row: which column feeds which ClearID
 * field (Direct, Regex with a replacement, Fixed; or by header name when the configuration maps
 * nothing, ClearID's default), which columns feed credentials, and the values a row gives. The
 * checker's preview and the mock's ingestion both call this, so what the preview promises is what
 * an upload makes.
 *
 * @module
 */
import { applyRegex, isBlank, mappingRegex } from '../sync/apply-mapping.ts'
import { readCredential, type SyncCredential, type CredentialColumn } from '../sync/credentials.ts'
import { findSyncField, type SyncField } from '../sync/fields.ts'
import type { MappedValues } from '../sync/mapped-identity.ts'
import { credentialPlaces } from '../sync/parse-mappings.ts'
import type { CredentialMapping, IdentityMapping, MappingType } from '../sync/mapping-model.ts'
import { parseSyncDate } from '../sync/values.ts'
import type { CsvConfig } from './config.ts'

export interface PlannedField {
  readonly field: SyncField
  readonly type: MappingType
  /** Index of the column in the header; absent for Fixed, or when the column is missing. */
  readonly column?: number
  /** The column name the mapping asked for. */
  readonly columnName?: string
  readonly regex?: RegExp
  readonly replacement?: string
  readonly fixed?: string
  /** How it was mapped: by the configuration, or by the header name (no mappings configured). */
  readonly by: 'configuration' | 'header name'
}

export interface PlannedCredential {
  readonly mapping: CredentialMapping
  readonly index: number
  /** Column index by column name (lower case), for the columns the mapping reads. */
  readonly columns: ReadonlyMap<string, number>
}

export interface MissingColumn {
  readonly column: string
  /** What needs it: `identityMappings[0] (externalId)`, `credentialMappings[1]`, `template`. */
  readonly neededBy: string
}

export interface ColumnPlan {
  readonly header: readonly string[]
  readonly fields: readonly PlannedField[]
  readonly credentials: readonly PlannedCredential[]
  /** Header columns no mapping reads (0-based). */
  readonly unused: readonly number[]
  /** Columns mappings or the template name that the header lacks. */
  readonly missing: readonly MissingColumn[]
  /** The field External ID comes from, if any. */
  readonly externalId?: PlannedField
}

const key = (name: string) => name.trim().toLowerCase()

export function planColumns(config: CsvConfig, header: readonly string[]): ColumnPlan {
  const index = new Map<string, number>()
  header.forEach((name, i) => {
    if (!index.has(key(name))) index.set(key(name), i)
  })
  const used = new Set<number>()
  const missing: MissingColumn[] = []
  const columnOf = (name: string, neededBy: string): number | undefined => {
    const i = index.get(key(name))
    if (i === undefined) missing.push({ column: name, neededBy })
    else used.add(i)
    return i
  }
  const fields: PlannedField[] = []
  if (config.identityMappings === undefined) {
    const seen = new Set<string>()
    header.forEach((name, i) => {
      const field = findSyncField(name)
      if (!field || seen.has(field.name)) return
      seen.add(field.name)
      used.add(i)
      fields.push({ field, type: 'direct', column: i, columnName: name, by: 'header name' })
    })
  } else {
    config.identityMappings.forEach((mapping, i) => {
      const planned = planMapping(mapping, (name) =>
        columnOf(name, `identityMappings[${i}] (${mapping.field})`),
      )
      if (planned) fields.push(planned)
    })
    // External ID is mapped by default: a header named for it feeds it unless a mapping does.
    if (!fields.some((f) => f.field.name === 'externalId')) {
      const i = header.findIndex((name) => findSyncField(name)?.name === 'externalId')
      const field = findSyncField('externalId')
      if (i >= 0 && field) {
        used.add(i)
        fields.push({ field, type: 'direct', column: i, columnName: header[i], by: 'header name' })
      }
    }
  }
  const credentials = config.credentialMappings.map((mapping, n) => {
    const columns = new Map<string, number>()
    for (const name of credentialPlaces(mapping)) {
      const i = columnOf(name, `credentialMappings[${n}]`)
      if (i !== undefined) columns.set(key(name), i)
    }
    return { mapping, index: n, columns }
  })
  for (const name of config.template ?? []) {
    if (!index.has(key(name))) missing.push({ column: name, neededBy: 'template' })
  }
  const unused = header.map((_, i) => i).filter((i) => !used.has(i))
  const externalId = fields.find((f) => f.field.name === 'externalId')
  return {
    header,
    fields,
    credentials,
    unused,
    missing: dedupe(missing),
    ...(externalId && { externalId }),
  }
}

function dedupe(missing: MissingColumn[]): MissingColumn[] {
  const seen = new Set<string>()
  return missing.filter((m) => {
    const k = `${key(m.column)}|${m.neededBy}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

function planMapping(
  mapping: IdentityMapping,
  columnOf: (name: string) => number | undefined,
): PlannedField | undefined {
  const field = findSyncField(mapping.field)
  if (!field) return undefined
  if (mapping.type === 'fixed')
    return { field, type: 'fixed', fixed: mapping.value, by: 'configuration' }
  const column = columnOf(mapping.column)
  const base = {
    field,
    columnName: mapping.column,
    by: 'configuration' as const,
    ...(column !== undefined && { column }),
  }
  if (mapping.type === 'direct') return { ...base, type: 'direct' }
  return {
    ...base,
    type: 'regex',
    regex: mappingRegex(mapping.pattern),
    replacement: mapping.replacement,
  }
}

/** A regex mapping whose pattern did not match: the value passes unchanged, as in .NET. */
export interface RegexMiss {
  readonly field: string
  readonly column: number
  readonly value: string
}

export interface CredentialProblem {
  readonly mapping: number
  /** 0-based column, when the problem is in one. */
  readonly column?: number
  readonly message: string
}

/** What one row gives: each mapped field's text (after the regex), credentials and problems. */
export interface MappedRow extends MappedValues {
  readonly regexMisses: readonly RegexMiss[]
  readonly credentials: readonly SyncCredential[]
  readonly credentialProblems: readonly CredentialProblem[]
}

export function mapRow(plan: ColumnPlan, cells: readonly string[], config: CsvConfig): MappedRow {
  const values = new Map<string, string>()
  const empty: string[] = []
  const regexMisses: RegexMiss[] = []
  for (const planned of plan.fields) {
    if (planned.type === 'fixed') {
      values.set(planned.field.name, planned.fixed ?? '')
      continue
    }
    if (planned.column === undefined) continue
    const cell = cells[planned.column]
    if (isBlank(cell)) {
      empty.push(planned.field.name)
      continue
    }
    if (planned.type === 'regex' && planned.regex) {
      const replaced = applyRegex(planned.regex, planned.replacement ?? '', cell)
      if (replaced === undefined)
        regexMisses.push({ field: planned.field.name, column: planned.column, value: cell })
      values.set(planned.field.name, replaced ?? cell)
      continue
    }
    values.set(planned.field.name, cell)
  }
  const credentials: SyncCredential[] = []
  const credentialProblems: CredentialProblem[] = []
  const readDate = (raw: string) => parseSyncDate(raw, config.options.dateOrder)
  for (const planned of plan.credentials) {
    const columnIndex = (name: string | undefined) =>
      name === undefined ? undefined : planned.columns.get(key(name))
    const read = (name: string) => {
      const i = columnIndex(name)
      const cell = i === undefined ? undefined : cells[i]
      return isBlank(cell) ? undefined : cell
    }
    const { credential, issues } = readCredential(planned.mapping, read, readDate)
    if (credential) credentials.push(credential)
    for (const issue of issues) {
      const column = columnIndex(columnOfRole(planned.mapping, issue.column))
      credentialProblems.push({
        mapping: planned.index,
        message: issue.message,
        ...(column !== undefined && { column }),
      })
    }
  }
  return { values, empty, regexMisses, credentials, credentialProblems }
}

function columnOfRole(mapping: CredentialMapping, role: CredentialColumn): string | undefined {
  return (mapping as unknown as Record<string, string | undefined>)[role]
}
