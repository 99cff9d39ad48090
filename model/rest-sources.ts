/**
 * The evidence behind the REST identity model: the public code of two independent, real ClearID API
 * clients. ClearID publishes no schema of its REST identity, so where a member sits (top level,
 * `privateData`, `companyData`, `systemData`) is taken from where these clients write and read it.
 * Each placement in the catalogue cites them through these helpers, naming the file and what it shows.
 *
 * - `fernando-delosrios/ClearID`: a SailPoint connector that calls the identity, search, role and
 *   principal services directly.
 * - `ronaldomoscosorm/clearid-identity-hub`: a portal whose .NET back end relays ClearID's identity
 *   service; its front end reads the identity ClearID returns, member by member.
 *
 * @module
 */

export const SAILPOINT_CONNECTOR = 'fernando-delosrios/ClearID'
export const IDENTITY_HUB = 'ronaldomoscosorm/clearid-identity-hub'

const cite = (repo: string, file: string) => (shows: string) => `${repo} ${file}: ${shows}`

/** The connector's account model: the members it reads from `GET …/identities/{id}`. */
export const sailpointAccount = cite(SAILPOINT_CONNECTOR, 'src/model/account.ts')
/** The connector's account schema and create template: REST paths as attribute names. */
export const sailpointSpec = cite(SAILPOINT_CONNECTOR, 'connector-spec.json')
/** The connector's writes: create, PATCH fragments, entitlements. */
export const sailpointIndex = cite(SAILPOINT_CONNECTOR, 'src/index.ts')
/** The connector's HTTP calls: URLs, query parameters, headers. */
export const sailpointHttp = cite(SAILPOINT_CONNECTOR, 'src/http-client.ts')
/** The hub's field keys, named after the REST object each field sits in (`private_…`, `company_…`). */
export const hubLabels = cite(IDENTITY_HUB, 'src/lib/identity-labels.ts')
/** The hub's copy of every identity ClearID returns: `privateData.x`, `companyData.y`, … */
export const hubMirror = cite(IDENTITY_HUB, 'src/lib/supabase-mirror.ts')
/** The hub's identity DTO and the create and replace bodies it sends. */
export const hubClient = cite(IDENTITY_HUB, 'src/lib/argus-client.ts')
