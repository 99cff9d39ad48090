/**
 * Options of `createApp`. The defaults reproduce ClearID's documented behaviour and the mock's
 * documented choices (README, "Behaviour choices"); every choice a user could reasonably want the
 * other way is a switch here.
 *
 * @module
 */
import type { DefectSwitches } from './defects.ts'
import type { IdentityStore } from './store/identity-store.ts'

export interface Behaviour {
  /**
   * Extension booleans (`hasExtendedTime`, `hasWebPortalAccess`, `isAdmin`) sent as strings.
   * `reject` (default): 400 invalidValue naming the Entra SCIM 2.0 flag, because the seed says they
   * only work with the flag. `coerce`: accept "True"/"False" in any case.
   */
  readonly extensionBooleanStrings: 'reject' | 'coerce'
  /** Unknown or unsupported attributes: `ignore` (default, with an audit warning) or `reject` (400). */
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
}

export interface AccountSeed {
  readonly id: string
  /** The account's SCIM key. Omitted: the account starts without one (generate it later). */
  readonly scimKey?: string
  readonly scimKeyName?: string
}

/** The development SCIM key used on loopback when none is configured. Documented in the README. */
export const DEV_SCIM_KEY = 'clearid-dev-scim-key'
export const DEFAULT_ACCOUNT_ID = 'demo'

export interface AppOptions {
  /** Accounts to create at start. Default: `demo` with the development key. */
  readonly accounts?: readonly AccountSeed[]
  readonly store?: IdentityStore
  readonly behaviour?: Partial<Behaviour>
  /** Deliberate defects for proving the harness (never on by default). */
  readonly defects?: DefectSwitches
  /** Time source (tests pin it). */
  readonly clock?: () => Date
  /** Id source (tests pin it). Default: `crypto.randomUUID()`. */
  readonly ids?: () => string
}
