/**
 * The configuration against the file: the columns the mappings and the template name exist in the
 * header, and Regex mappings match the values they are meant to transform.
 *
 * @module
 */
import { cellAt, defineCsvRule } from './define.ts'
import { choice, identityMappings } from './sources.ts'

export const columnsPresent = defineCsvRule({
  id: 'CSV-MAP-001',
  level: 'MUST',
  title: 'The header has every column the template and the mappings name',
  profile: 'clearid',
  area: 'csv-mapping',
  tags: ['csv', 'mapping'],
  needs: 'file',
  sources: [
    identityMappings("fields are mapped from the template's columns"),
    choice(
      'header names match template columns case-insensitively; columns no mapping reads are ignored and listed',
    ),
  ],
  fix: "Export the columns the template has, with the same names, or change the template and mappings to the file's header.",
  observe: (ctx) => (event) => {
    if (event.type !== 'header') return
    const { plan, file } = event
    for (const missing of plan.missing)
      ctx.report({
        message: `The header has no column "${missing.column}", which ${missing.neededBy} needs.`,
        location: cellAt(file, event.record),
        expected: missing.column,
      })
    if (plan.fields.length === 0 && plan.credentials.length === 0)
      ctx.report({
        message:
          'No column of the header names a ClearID field, and the configuration maps none: the file would make nothing.',
        location: cellAt(file, event.record),
      })
    if (plan.unused.length > 0)
      ctx.report({
        severity: 'info',
        message: `Columns no mapping reads (ignored): ${plan.unused
          .map((i) => `"${plan.header[i]?.slice(0, 40)}"`)
          .slice(0, 12)
          .join(', ')}${plan.unused.length > 12 ? ', …' : ''}.`,
        location: cellAt(file, event.record, plan.unused[0]),
      })
  },
})

export const regexMatches = defineCsvRule({
  id: 'CSV-MAP-002',
  level: 'MUST',
  title: 'Regex mappings match every value they transform',
  profile: 'clearid',
  area: 'csv-mapping',
  tags: ['csv', 'mapping', 'regex'],
  sources: [
    identityMappings(
      "Regex mappings transform a column's value with a regular expression and a replacement",
    ),
    choice(
      "a value the pattern does not match passes unchanged, as .NET's Regex.Replace leaves it",
    ),
  ],
  fix: 'Widen the pattern to every form the column takes, or clean the values in the export; an unmatched value reaches ClearID untransformed.',
  observe: (ctx) => {
    let regexes = false
    return (event) => {
      if (event.type === 'header' && event.plan.fields.some((f) => f.type === 'regex'))
        regexes = true
      if (event.type === 'end' && !regexes) ctx.notApplicable('no Regex mapping is configured')
      if (event.type !== 'row') return
      for (const miss of event.mapped.regexMisses) {
        const planned = event.file.plan?.fields.find((f) => f.field.name === miss.field)
        ctx.report({
          message: `The ${miss.field} pattern /${planned?.regex?.source.slice(0, 60)}/ does not match "${miss.value.slice(0, 60)}": the value passes unchanged.`,
          location: cellAt(event.file, event.record, miss.column),
          actual: miss.value.slice(0, 200),
        })
      }
    }
  },
})
