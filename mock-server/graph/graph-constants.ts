/**
 * Fixed values of the fake Microsoft Graph source: where it is mounted in the mock, the Graph
 * resource and its Application permissions, the development tenant and app registration, and the
 * limits Graph documents for paging.
 *
 * @module
 */

/** The Graph API under the mock's origin: `{origin}/graph/v1.0/users`. */
export const GRAPH_MOUNT = '/graph'
/** The Microsoft identity platform under the mock's origin: `{origin}/graph/login/{tenant}/oauth2/v2.0/token`. */
export const LOGIN_MOUNT = '/graph/login'
export const GRAPH_VERSION = 'v1.0'

/** The real hosts, which the msw handlers intercept. */
export const GRAPH_HOST_ORIGIN = 'https://graph.microsoft.com'
export const LOGIN_HOST_ORIGIN = 'https://login.microsoftonline.com'

/** Audience of every token (app-only Graph tokens carry the resource URI). */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com'
/** The only scope the client-credentials flow takes for Graph. */
export const GRAPH_DEFAULT_SCOPE = `${GRAPH_RESOURCE}/.default`
/** Microsoft Graph's own application id (the `client_id` of its WWW-Authenticate challenge). */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000'

/** Token lifetime the identity platform reports for app-only tokens (`expires_in`). */
export const GRAPH_TOKEN_LIFETIME_SECONDS = 3599

/**
 * The Application permissions ClearID's Entra ID synchronization asks for
 * (help.clearid.io, "About Microsoft Entra ID synchronization"): the default roles of an app
 * registration.
 */
export const CLEARID_SYNC_ROLES: readonly string[] = [
  'User.Read.All',
  'Group.Read.All',
  'Application.Read.All',
]

/** Roles that grant each kind of read (least privileged first, as Graph's permission tables list). */
export const READ_ROLES = {
  users: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  groups: [
    'GroupMember.Read.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  applications: [
    'Application.Read.All',
    'Application.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
} as const satisfies Record<string, readonly string[]>

/** Every role the token endpoint can grant: Graph's Application permissions the fake knows. */
export const KNOWN_ROLES: ReadonlySet<string> = new Set([
  ...READ_ROLES.users,
  ...READ_ROLES.groups,
  ...READ_ROLES.applications,
])

/** Default page size of users, groups and members; `$top` goes from 1 to `MAX_PAGE_SIZE`. */
export const DEFAULT_PAGE_SIZE = 100
export const MAX_PAGE_SIZE = 999

/** The development tenant and app registration, documented in docs/entra-graph-sync.md. */
export const DEV_GRAPH_TENANT_ID = 'c1ea41d0-6a5f-4d3e-9b1c-00000000e17a'
export const DEV_GRAPH_TENANT_DOMAIN = 'contoso.onmicrosoft.com'
export const DEV_GRAPH_CLIENT_ID = 'c1ea41d0-5e7c-4a2b-8f00-00000000a991'
export const DEV_GRAPH_CLIENT_SECRET = 'clearid-dev-graph-secret'
/** What the development tenant is seeded with on first use. */
export const DEV_GRAPH_SEED = { users: 60, groups: 8, seed: 1 } as const
