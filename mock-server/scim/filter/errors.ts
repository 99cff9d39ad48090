/**
 * The one error type of the filter engine. Every problem with a filter or a PATCH path, whether
 * found while parsing or while evaluating (`gt true`), is a `FilterSyntaxError`, so the HTTP layer
 * can answer 400 with the carried `scimType` and never a 500.
 *
 * @module
 */

/** The RFC 7644 §3.12 `scimType` an error maps to. */
export type FilterErrorScimType = 'invalidFilter' | 'invalidPath'

export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError'
  /** 0-based index into the input; 0 when the node was not produced by the parser. */
  readonly position: number
  readonly scimType: FilterErrorScimType

  constructor(message: string, position: number, scimType: FilterErrorScimType = 'invalidFilter') {
    super(message)
    this.position = position
    this.scimType = scimType
  }
}

/** Which bound of `ParseOptions` a filter went past. */
export type FilterLimit = 'length' | 'clauses' | 'depth'

/** A filter refused for its size or shape rather than its syntax: it says which bound it passed. */
export class FilterLimitError extends FilterSyntaxError {
  constructor(
    message: string,
    position: number,
    scimType: FilterErrorScimType,
    readonly limit: FilterLimit,
  ) {
    super(message, position, scimType)
  }
}
