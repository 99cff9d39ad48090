/**
 * The Entra ID (Graph) synchronization configuration model: what one "Microsoft Entra ID"
 * synchronization in ClearID is made of (connection, groups, identity field mappings, credential
 * mappings, management settings; research/clearid.md §4.1), plus the choices ClearID does not
 * document (`options`). The mappings are Cloud CSV's (`model/sync/mapping-model.ts`); a Graph
 * configuration names Graph user attributes where a CSV one names columns. One JSON file holds it
 * (`graph schema` prints its JSON Schema; `parseGraphConfig` reads it); the control plane takes the
 * same JSON. docs/entra-graph-sync.md explains each part.
 *
 * The client secret is not part of the model: a configuration file never holds it (the CLI reads
 * `CLEARID_GRAPH_SECRET`), and the control plane keeps it apart and never shows it.
 *
 * @module
 */
import type { CredentialMapping, IdentityMapping } from '../sync/mapping-model.ts'

/** Microsoft Graph's service root and the identity platform's host. */
export const GRAPH_SERVICE_ROOT = 'https://graph.microsoft.com/v1.0'
export const LOGIN_HOST = 'https://login.microsoftonline.com'

/** Where and as whom the synchronization reads Graph (ClearID: "Configure the connection"). */
export interface GraphConnection {
  /**
   * The Graph service root (`https://graph.microsoft.com/v1.0`). Absent: the mock's own fake Graph
   * source, reached in-process.
   */
  readonly graphUrl?: string
  /**
   * The identity platform's base, where `{tenant}/oauth2/v2.0/token` is. Absent: derived from
   * `graphUrl` (`https://login.microsoftonline.com` for Graph itself, `…/graph/login` beside a
   * mock's `…/graph/v1.0`).
   */
  readonly loginUrl?: string
  /** Directory (tenant) ID. */
  readonly tenantId: string
  /** Application (client) ID of the app registration holding the Application permissions. */
  readonly clientId: string
}

/** One Entra group and what it does (ClearID: "Configure Microsoft Entra ID groups"). */
export interface GraphGroupRule {
  /** The group: its object id, or its display name (which must name exactly one group). */
  readonly group: string
  /** Map the members to this ClearID role (a role-service team, by name): membership only. */
  readonly role?: string
  /** Synchronize the members to ClearID identities (may create them). */
  readonly syncIdentities: boolean
}

export interface GraphManagementSettings {
  /** "Synchronize pictures": each synchronized user's photo becomes the identity's picture. */
  readonly synchronizePictures: boolean
  /** "Synchronize managers": Entra managers become ClearID supervisors, overwriting them. */
  readonly synchronizeManagers: boolean
  /**
   * "Automatic synchronization": change-driven runs that update only the changed identities
   * (picture-only changes do not start one). "Force synchronization" turns it on.
   */
  readonly automatic: boolean
}

export const REMOVED_IDENTITY_ACTIONS = ['deactivate', 'delete', 'keep'] as const
export type RemovedIdentityAction = (typeof REMOVED_IDENTITY_ACTIONS)[number]

/** What ClearID does not document, chosen here (docs/entra-graph-sync.md, "Not documented"). */
export interface GraphSyncOptions {
  /**
   * Identities whose user left Graph, or left every group that synchronizes identities: made
   * Inactive (default), deleted, or kept as they are.
   */
  readonly removedIdentities: RemovedIdentityAction
  /** Which users are synchronized: members of the groups that sync identities, or every user. */
  readonly users: 'groups' | 'all'
  /** Group members: with the members of nested groups (`transitive`), or direct members only. */
  readonly groupMembers: 'transitive' | 'direct'
  /** Mapped attributes that are empty in Graph: clear the ClearID value (default), or keep it. */
  readonly emptyValues: 'keep' | 'clear'
  /** Retries of one request after 429 or 503 before the run fails. */
  readonly maxRetries: number
  /** The longest `Retry-After` (seconds) the engine waits; a longer one fails the run. */
  readonly maxRetryAfterSeconds: number
  /** `$top` of list reads (1–999). */
  readonly pageSize: number
}

export const DEFAULT_GRAPH_OPTIONS: GraphSyncOptions = {
  removedIdentities: 'deactivate',
  users: 'groups',
  groupMembers: 'transitive',
  emptyValues: 'clear',
  maxRetries: 3,
  maxRetryAfterSeconds: 120,
  pageSize: 999,
}

export interface GraphSyncConfig {
  readonly name: string
  /** Absent: the mock's fake Graph source and its development tenant and app. */
  readonly connection?: GraphConnection
  readonly groups: readonly GraphGroupRule[]
  /** Identity field mappings; `column` holds the Graph user attribute (`attribute` in the file). */
  readonly identityMappings: readonly IdentityMapping[]
  readonly credentialMappings: readonly CredentialMapping[]
  readonly management: GraphManagementSettings
  readonly options: GraphSyncOptions
}

/**
 * ClearID's default identity field mappings for Entra ID: External ID ← `id` (the object id, which
 * never changes), First name ← `givenName`, Active ← `accountEnabled` ("Set default mapping").
 */
export const DEFAULT_GRAPH_MAPPINGS: readonly IdentityMapping[] = [
  { field: 'externalId', type: 'direct', column: 'id' },
  { field: 'firstName', type: 'direct', column: 'givenName' },
  { field: 'active', type: 'direct', column: 'accountEnabled' },
]

export const DEFAULT_GRAPH_MANAGEMENT: GraphManagementSettings = {
  synchronizePictures: false,
  synchronizeManagers: false,
  automatic: false,
}

/** The identity platform's base for a Graph service root, when it can be told from it. */
export function loginUrlFor(graphUrl: string): string | undefined {
  const url = graphUrl.replace(/\/+$/, '')
  if (url.toLowerCase() === GRAPH_SERVICE_ROOT) return LOGIN_HOST
  const mock = /^(.*)\/graph\/v1\.0$/i.exec(url)
  return mock ? `${mock[1]}/graph/login` : undefined
}
