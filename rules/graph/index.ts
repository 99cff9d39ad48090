/**
 * The Graph rules, in report order (`GRAPH-<AREA>-NNN`, stable, never reused). They judge a Graph
 * source against a synchronization configuration before ClearID's Entra ID synchronization reads
 * it; `graph preview` runs them, `run` never does.
 *
 * @module
 */
import * as connection from './connection.ts'
import type { GraphRule } from './define.ts'
import * as identity from './identity.ts'
import * as mapping from './mapping.ts'

export type { GraphRule }

export const GRAPH_RULES = [
  // the connection and the groups
  connection.permissions,
  connection.groupsFound,
  connection.identitiesFromGroups,
  // the identity
  identity.externalIdPresent,
  identity.externalIdUnique,
  identity.firstOrLastName,
  identity.emailFormat,
  identity.countryCodeLetters,
  identity.countryCodeIso,
  identity.readableValues,
  // mappings
  connection.extensionsKnown,
  mapping.regexMatches,
  // credentials and roles
  mapping.credentialValues,
  mapping.roleMembersHaveIdentities,
] as const satisfies readonly GraphRule[]
