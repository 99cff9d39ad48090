/**
 * The CSV rules, in report order (`CSV-<AREA>-NNN`, stable, never reused). They judge a file
 * before ClearID's Cloud CSV synchronization reads it; `csv check` runs them, `run` never does.
 *
 * @module
 */
import * as credentials from './credentials.ts'
import type { CsvRule } from './define.ts'
import * as file from './file.ts'
import * as format from './format.ts'
import * as identity from './identity.ts'
import * as mapping from './mapping.ts'
import * as values from './values.ts'

export type { CsvRule }

export const CSV_RULES = [
  // the file
  file.isText,
  file.withinLimits,
  file.headerAndData,
  file.balancedQuotes,
  file.uniformColumns,
  file.oneLineBreak,
  file.byteOrderMark,
  // encoding and delimiter
  format.configuredEncoding,
  format.configuredDelimiter,
  // values
  values.quotedDates,
  values.quotedPaths,
  values.pictureForms,
  values.readableValues,
  // the identity
  identity.externalIdPresent,
  identity.externalIdUnique,
  identity.firstOrLastName,
  identity.emailFormat,
  identity.countryCodeLetters,
  identity.countryCodeIso,
  // mapping
  mapping.columnsPresent,
  mapping.regexMatches,
  // credentials
  credentials.credentialNumbers,
  credentials.credentialDates,
] as const satisfies readonly CsvRule[]
