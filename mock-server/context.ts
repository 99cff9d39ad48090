/**
 * The state one `createApp` call owns, handed to every route module. Nothing here is global, so
 * several apps (accounts, stores, options) live side by side in one process and in tests.
 *
 * @module
 */
import type { AccountRegistry } from './accounts/account-registry.ts'
import type { DefectSwitches } from './defects.ts'
import type { IdentityEvents } from './events.ts'
import type { Behaviour } from './options.ts'
import type { IdentityStore } from './store/identity-store.ts'

export interface MockContext {
  readonly store: IdentityStore
  readonly accounts: AccountRegistry
  readonly behaviour: Behaviour
  readonly defects: DefectSwitches
  readonly events: IdentityEvents
  readonly clock: () => Date
  readonly ids: () => string
}
