/**
 * The mock's behaviour switches (`createApp({ behaviour })`): the defaults reproduce ClearID's
 * documented behaviour and the mock's documented choices (README, "Behaviour choices"). A leaf
 * module, so the SCIM engines read their switches without importing the app's options.
 *
 * @module
 */

export interface Behaviour {
  /**
   * Extension booleans (`hasExtendedTime`, `hasWebPortalAccess`, `isAdmin`) sent as strings.
   * `reject` (default): 400 invalidValue naming the Entra SCIM 2.0 flag, because the seed says they
   * only work with the flag. `coerce`: accept "True"/"False" in any case.
   */
  readonly extensionBooleanStrings: 'reject' | 'coerce'
  /**
   * Unknown or unsupported SCIM attributes: `ignore` (default, with an audit warning) or `reject`
   * (400). The REST identity service always refuses a member it would not store (docs/rest-api.md).
   */
  readonly unknownAttributes: 'ignore' | 'reject'
  /** Successful PATCH: 200 with the resource (default) or 204 without a body. */
  readonly patchResponse: 200 | 204
  /** Largest page and the default `count` (ServiceProviderConfig `filter.maxResults`). */
  readonly maxResults: number
  /** Largest accepted request body in bytes; larger bodies get 413. */
  readonly maxBodyBytes: number
  /** Deepest JSON nesting accepted in a request body. */
  readonly maxJsonDepth: number
  /** Largest number of PATCH operations in one request. */
  readonly maxPatchOperations: number
  /** Accept unquoted filter values (`externalId eq abc`), seen in legacy Entra docs. */
  readonly lenientBareFilterValues: boolean
  /** Longest `filter` accepted, in characters (query string or `/.search`); longer: 400 invalidFilter. */
  readonly maxFilterLength: number
  /** Most comparisons (and `pr` tests) in one filter; more: 400 invalidFilter. */
  readonly maxFilterClauses: number
  /** Deepest nesting of parentheses and value filters (`emails[…]`) in a filter; deeper: 400 invalidFilter. */
  readonly maxFilterDepth: number
  /**
   * The work one filtered list may do: comparisons per user times the users a scan reads. A filter
   * the store's indexes answer (`userName`, `externalId` or `id` eq) costs nothing; over: 400 tooMany.
   */
  readonly maxFilterWork: number
  /**
   * How long a deleted identity stays in the store (and in the REST search, flagged `isDeleted`)
   * before it is purged, in milliseconds; `Infinity` keeps them all.
   */
  readonly deletedRetentionMs: number
  /**
   * Identities per page of the identity service v3 list. ClearID's clients send only
   * `continuation`, so the page size is not a query parameter: set it here to make short pages.
   */
  readonly v3PageSize: number
}

export const DEFAULT_BEHAVIOUR: Behaviour = {
  extensionBooleanStrings: 'reject',
  unknownAttributes: 'ignore',
  patchResponse: 200,
  maxResults: 100,
  maxBodyBytes: 1024 * 1024,
  maxJsonDepth: 32,
  maxPatchOperations: 1000,
  lenientBareFilterValues: false,
  maxFilterLength: 8192,
  maxFilterClauses: 100,
  maxFilterDepth: 16,
  maxFilterWork: 2_000_000,
  deletedRetentionMs: 60 * 60 * 1000,
  v3PageSize: 100,
}
