/**
 * Validation of a parsed report file against `report.schema.json` (JSON Schema draft 2020-12), so
 * `report render` and `report diff` reject a bad file with a message instead of a stack trace.
 *
 * @module
 */
import Ajv2020 from 'ajv/dist/2020.js'
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js'
import type { ConformanceReport } from './model.ts'
import schema from './report.schema.json' with { type: 'json' }

/**
 * The report's JSON Schema. Typed as plain JSON rather than `typeof schema`, so the published
 * declarations do not import the JSON file (which strict `nodenext` consumers reject).
 */
export const REPORT_JSON_SCHEMA: Readonly<Record<string, unknown>> = schema

export type ReportValidation =
  | { readonly ok: true; readonly report: ConformanceReport }
  | { readonly ok: false; readonly errors: string[] }

let compiled: ValidateFunction | undefined

function validator(): ValidateFunction {
  if (compiled) return compiled
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  ajv.addFormat(
    'date-time',
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i,
  )
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/)
  compiled = ajv.compile(schema)
  return compiled
}

const MAX_ERRORS = 20

/** Validates parsed JSON; errors read like `/results/3/status: must be one of passed, failed, …`. */
export function validateReport(json: unknown): ReportValidation {
  const validate = validator()
  if (validate(json)) return { ok: true, report: json as ConformanceReport }
  const errors = (validate.errors ?? []).map(describeError)
  const unique = [...new Set(errors)]
  const shown = unique.slice(0, MAX_ERRORS)
  if (unique.length > shown.length) shown.push(`… and ${unique.length - shown.length} more`)
  return { ok: false, errors: shown }
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath
  const params = error.params as Record<string, unknown>
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `${where}: must be one of ${params.allowedValues.join(', ')}`
  }
  if (error.keyword === 'required')
    return `${where}: missing required field "${String(params.missingProperty)}"`
  return `${where}: ${error.message ?? 'is invalid'}`
}
