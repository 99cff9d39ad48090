/**
 * The identity each row makes: an External ID that is present and unique (files sharing External
 * IDs update the same identity, as documented), and the identity rules the model shares with SCIM
 * and REST (`model/validate.ts`): first or last name, e-mail format, three-letter country code.
 *
 * @module
 */
import type { IdentityIssueRule } from '../../model/sync/mapped-identity.ts'
import { cellAt, defineCsvRule, type CsvRule } from './define.ts'
import { aboutCsv, choice, identityMappings, oneIdentityFields, seedRule } from './sources.ts'

export const externalIdPresent = defineCsvRule({
  id: 'CSV-ID-001',
  level: 'MUST',
  title: 'Every row has an External ID',
  profile: 'clearid',
  area: 'csv-identity',
  tags: ['csv', 'identity', 'external-id'],
  sources: [
    identityMappings('External ID is mapped by default'),
    seedRule('externalId is the synchronization key'),
  ],
  fix: 'Map a column to External ID (a header named "External ID" or "externalId" maps itself) and fill it on every row with the source system\'s stable key.',
  observe: (ctx) => {
    const unmapped = new Set<string>()
    return (event) => {
      if (event.type === 'header' && !event.plan.externalId) {
        unmapped.add(event.file.name)
        ctx.report({
          message: `No column feeds External ID: no mapping names it and no header is called "External ID" or "externalId" (header: ${event.plan.header.slice(0, 8).join(', ')}${event.plan.header.length > 8 ? ', …' : ''}).`,
          location: cellAt(event.file, event.record),
        })
      }
      if (event.type !== 'row' || unmapped.has(event.file.name)) return
      if (event.identity.externalId === undefined)
        ctx.report({
          message: 'The External ID cell is empty: ClearID cannot create or find this identity.',
          location: cellAt(event.file, event.record, event.file.plan?.externalId?.column),
        })
    }
  },
})

export const externalIdUnique = defineCsvRule({
  id: 'CSV-ID-002',
  level: 'MUST',
  title: 'External IDs are unique within a file; files sharing them update the same identity',
  profile: 'clearid',
  area: 'csv-identity',
  tags: ['csv', 'identity', 'external-id'],
  sources: [
    aboutCsv('several CSV files can update the same identity when they share External ID values'),
    choice(
      'two rows of one file with the same External ID are an error (options.duplicateExternalIds: last-wins lets the later row win)',
    ),
  ],
  fix: 'Give each row of a file its own External ID; to update an identity from two sources, put the rows in separate files (or configurations) sharing the External ID.',
  observe: (ctx) => {
    const inFile = new Map<string, number>()
    const allFiles = new Map<string, string>()
    const shared = new Map<string, { count: number; example: string }>()
    let fileName = ''
    return (event) => {
      if (event.type === 'file') {
        for (const id of inFile.keys()) if (!allFiles.has(id)) allFiles.set(id, fileName)
        inFile.clear()
        fileName = event.file.name
      }
      if (event.type === 'row') {
        const id = event.identity.externalId
        if (id === undefined) return
        const first = inFile.get(id)
        if (first !== undefined) {
          const lastWins = event.file.config.options.duplicateExternalIds === 'last-wins'
          ctx.report({
            ...(lastWins && { severity: 'warning' }),
            message: `External ID "${id.slice(0, 60)}" is already on row ${first}${lastWins ? ': this row overwrites it (options.duplicateExternalIds: last-wins)' : ''}.`,
            location: cellAt(event.file, event.record, event.file.plan?.externalId?.column),
          })
          return
        }
        inFile.set(id, event.record.row)
        const earlier = allFiles.get(id)
        if (earlier !== undefined) {
          const key = `${earlier} and ${event.file.name}`
          const entry = shared.get(key) ?? { count: 0, example: id }
          entry.count += 1
          shared.set(key, entry)
        }
      }
      if (event.type === 'end') {
        for (const [files, { count, example }] of shared)
          ctx.report({
            severity: 'info',
            message: `${files} share ${count} External ID${count === 1 ? '' : 's'} (e.g. "${example.slice(0, 60)}"): ClearID updates the same identity from both, the later file's values last.`,
          })
      }
    }
  },
})

function identityIssueRule(spec: {
  id: string
  level: 'MUST' | 'SHOULD'
  title: string
  rule: IdentityIssueRule
  field?: string
  sources: CsvRule['sources']
  fix: string
}): CsvRule {
  return defineCsvRule({
    id: spec.id,
    level: spec.level,
    title: spec.title,
    profile: 'clearid',
    area: 'csv-identity',
    tags: ['csv', 'identity', 'validation'],
    sources: spec.sources,
    fix: spec.fix,
    observe: (ctx) => (event) => {
      if (event.type !== 'row') return
      for (const issue of event.identity.issues) {
        if (issue.rule !== spec.rule) continue
        const columns = (event.file.plan?.fields ?? []).filter(
          (f) =>
            f.field.name === issue.field ||
            (spec.rule === 'firstOrLastName' && f.field.name === 'lastName'),
        )
        ctx.report({
          ...(issue.severity === 'warning' && { severity: 'warning' }),
          message: issue.message,
          location: cellAt(event.file, event.record, columns[0]?.column),
        })
      }
    },
  })
}

export const firstOrLastName = defineCsvRule({
  id: 'CSV-ID-003',
  level: 'MUST',
  title: 'Every row that makes an identity gives a first name or a last name',
  profile: 'clearid',
  area: 'csv-identity',
  tags: ['csv', 'identity', 'validation'],
  sources: [
    seedRule('firstName or lastName must be supplied'),
    aboutCsv('several CSV files can update the same identity when they share External ID values'),
  ],
  fix: 'Map the first-name and last-name columns and fill at least one of them on every row; a file that only updates identities another file makes is checked together with that file (csv check a.csv b.csv).',
  observe: (ctx) => {
    // Identities earlier rows (of this or an earlier file) made with a name: a later row sharing
    // the External ID updates them and may leave the name out.
    const named = new Set<string>()
    return (event) => {
      if (event.type !== 'row') return
      const { identity } = event
      const issue = identity.issues.find((i) => i.rule === 'firstOrLastName')
      if (!issue) {
        if (identity.externalId !== undefined) named.add(identity.externalId)
        return
      }
      if (identity.externalId !== undefined && named.has(identity.externalId)) return
      const column = event.file.plan?.fields.find(
        (f) => f.field.name === 'firstName' || f.field.name === 'lastName',
      )?.column
      ctx.report({ message: issue.message, location: cellAt(event.file, event.record, column) })
    }
  },
})

export const emailFormat = identityIssueRule({
  id: 'CSV-ID-004',
  level: 'MUST',
  title: 'E-mail addresses (business and personal) are valid',
  rule: 'email',
  sources: [seedRule('email must be a valid e-mail address')],
  fix: 'Write e-mail addresses as local@domain.tld, or leave the cell empty.',
})

export const countryCodeLetters = identityIssueRule({
  id: 'CSV-ID-005',
  level: 'MUST',
  title: 'Country codes are three letters',
  rule: 'countryCode',
  sources: [seedRule('countryCode must be a 3-letter code')],
  fix: 'Write the country as its ISO 3166-1 alpha-3 code ("DEU", "USA"), not a name or a two-letter code; a Regex mapping can convert one.',
})

export const countryCodeIso = identityIssueRule({
  id: 'CSV-ID-006',
  level: 'SHOULD',
  title: 'Country codes are upper-case ISO 3166-1 alpha-3 codes',
  rule: 'countryCodeIso',
  sources: [oneIdentityFields('country code: three UPPERCASE letters, ISO 3166-1 alpha-3')],
  fix: 'Use upper-case ISO 3166-1 alpha-3 codes ("DEU", not "deu" or "GER").',
})
