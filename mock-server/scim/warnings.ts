/**
 * Things the mock accepted but that ClearID would not act on, or that only work by leniency. They
 * are recorded with the request so the client audit can report them.
 *
 * @module
 */
export type WarningCode =
  | 'unknown-attribute'
  | 'unsupported-attribute'
  | 'unused-core-attribute'
  | 'core-external-id'
  | 'unknown-schema'
  | 'missing-schemas'
  | 'non-iso-country-code'
  | 'coerced-boolean-string'
  | 'read-only-ignored'
  | 'null-value'
  | 'empty-operations'

export interface RequestWarning {
  readonly code: WarningCode
  readonly attribute?: string
  readonly message: string
}

export type WarningSink = (warning: RequestWarning) => void
