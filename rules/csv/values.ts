/**
 * Values as the template rules want them: dates and paths in double quotes, pictures in one of the
 * three documented forms, and mapped dates, booleans and statuses that read as such.
 *
 * @module
 */
import { findSyncField } from '../../model/sync/fields.ts'
import { looksLikeDate, looksLikePath, readPicture } from '../../model/sync/values.ts'
import { cellAt, defineCsvRule, type CsvEvent } from './define.ts'
import { aboutCsv, choice } from './sources.ts'

type RowEvent = Extract<CsvEvent, { type: 'row' }>

const KIND_COLUMNS = new WeakMap<object, Map<string, Set<number>>>()

/** Columns whose field is of `kind` (a date column, the picture column); once per file. */
function columnsOfKind(event: RowEvent, kinds: readonly string[]): Set<number> {
  const plan = event.file.plan
  if (!plan) return new Set()
  let byKind = KIND_COLUMNS.get(plan)
  if (!byKind) KIND_COLUMNS.set(plan, (byKind = new Map()))
  const key = kinds.join(',')
  let found = byKind.get(key)
  if (!found) byKind.set(key, (found = kindColumns(event, kinds)))
  return found
}

function kindColumns(event: RowEvent, kinds: readonly string[]): Set<number> {
  const out = new Set<number>()
  for (const planned of event.file.plan?.fields ?? [])
    if (planned.column !== undefined && kinds.includes(planned.field.kind)) out.add(planned.column)
  for (const credential of event.file.plan?.credentials ?? []) {
    const { activationDateColumn, expirationDateColumn } = credential.mapping
    for (const name of [activationDateColumn, expirationDateColumn]) {
      const i = name === undefined ? undefined : credential.columns.get(name.trim().toLowerCase())
      if (i !== undefined && kinds.includes('date')) out.add(i)
    }
  }
  return out
}

export const quotedDates = defineCsvRule({
  id: 'CSV-VALUE-001',
  level: 'MUST',
  title: 'Dates are enclosed in double quotes',
  profile: 'clearid',
  area: 'csv-values',
  tags: ['csv', 'values', 'dates'],
  sources: [aboutCsv('dates must be enclosed in double quotes')],
  fix: 'Write every date in double quotes ("2026-04-01"); most exporters have a "quote all fields" or "quote text" option.',
  observe: (ctx) => (event) => {
    if (event.type !== 'row') return
    const dateColumns = columnsOfKind(event, ['date'])
    const { cells, quoted } = event.record
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] ?? ''
      if (quoted[i] || cell.trim() === '') continue
      if (dateColumns.has(i) || looksLikeDate(cell.trim()))
        ctx.report({
          message: `The date ${cell.slice(0, 40)} is not in double quotes.`,
          location: cellAt(event.file, event.record, i),
          actual: cell.slice(0, 100),
        })
    }
  },
})

export const quotedPaths = defineCsvRule({
  id: 'CSV-VALUE-002',
  level: 'MUST',
  title: 'Paths are enclosed in double quotes',
  profile: 'clearid',
  area: 'csv-values',
  tags: ['csv', 'values', 'pictures'],
  sources: [aboutCsv('paths must be enclosed in double quotes')],
  fix: 'Write every file path in double quotes ("photos\\jane.jpg", "C:\\HR\\photos\\jane.jpg").',
  observe: (ctx) => (event) => {
    if (event.type !== 'row') return
    const pictureColumns = columnsOfKind(event, ['picture'])
    const { cells, quoted } = event.record
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] ?? ''
      if (quoted[i] || cell.trim() === '') continue
      const path = pictureColumns.has(i)
        ? ['relative', 'absolute'].includes(readPicture(cell).kind)
        : looksLikePath(cell.trim())
      if (path)
        ctx.report({
          message: `The path ${cell.slice(0, 60)} is not in double quotes.`,
          location: cellAt(event.file, event.record, i),
          actual: cell.slice(0, 200),
        })
    }
  },
})

export const pictureForms = defineCsvRule({
  id: 'CSV-VALUE-003',
  level: 'MUST',
  title: 'Pictures are a relative path, an absolute path or Base64',
  profile: 'clearid',
  area: 'csv-values',
  tags: ['csv', 'values', 'pictures'],
  sources: [aboutCsv('pictures can be given as a relative path, an absolute path or Base64')],
  fix: "Give each picture as a path to an image file (relative to the CSV file, or absolute) or as the image's Base64 text; a URL is none of these.",
  observe: (ctx) => {
    let mapped = false
    return (event) => {
      if (
        event.type === 'header' &&
        event.plan.fields.some((f) => f.field.kind === 'picture' && f.column !== undefined)
      )
        mapped = true
      if (event.type === 'end' && !mapped) ctx.notApplicable('no column feeds the picture')
      if (event.type !== 'row') return
      for (const issue of event.identity.issues) {
        if (issue.rule !== 'picture') continue
        const column = event.file.plan?.fields.find((f) => f.field.name === issue.field)?.column
        ctx.report({ message: issue.message, location: cellAt(event.file, event.record, column) })
      }
    }
  },
})

export const readableValues = defineCsvRule({
  id: 'CSV-VALUE-004',
  level: 'MUST',
  title: 'Mapped dates, booleans and statuses read as such',
  profile: 'clearid',
  area: 'csv-values',
  tags: ['csv', 'values', 'dates'],
  sources: [
    choice(
      "dates in ISO 8601 or, with options.dateOrder, the invariant culture's MM/dd/yyyy; booleans and statuses as true/false, 1/0, yes/no, Active/Inactive",
    ),
  ],
  fix: 'Write dates as "yyyy-MM-dd" (or set options.dateOrder for day-first dates) and booleans as true/false; a status as Active or Inactive.',
  observe: (ctx) => (event) => {
    if (event.type !== 'row') return
    for (const issue of event.identity.issues) {
      if (issue.rule !== 'date' && issue.rule !== 'boolean' && issue.rule !== 'status') continue
      const column = event.file.plan?.fields.find((f) => f.field.name === issue.field)?.column
      const label = findSyncField(issue.field)?.label ?? issue.field
      ctx.report({
        message: `${label}: ${issue.message}`,
        location: cellAt(event.file, event.record, column),
      })
    }
  },
})
