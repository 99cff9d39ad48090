/**
 * The identity a mapped CSV row makes: the shared mapping of `model/sync/mapped-identity.ts`, with
 * the CSV configuration's date order, picture setting and empty-cell option.
 *
 * @module
 */
import { mappedIdentity, type MappedIdentity } from '../sync/mapped-identity.ts'
import { mappingOptionsOf, type CsvConfig } from './config.ts'
import type { MappedRow } from './mapping.ts'

export function rowIdentity(mapped: MappedRow, config: CsvConfig): MappedIdentity {
  return mappedIdentity(mapped, mappingOptionsOf(config))
}
