/**
 * The client rule catalogue, in report order: what the mock judges about a vendor's SCIM client
 * from the traffic it receives. Ids are stable and never reused (`CLI-<AREA>-NNN`).
 *
 * @module
 */
import * as attributes from './attributes.ts'
import * as auth from './auth.ts'
import type { ClientRule } from './client-rule.ts'
import * as create from './create.ts'
import * as filter from './filter.ts'
import * as http from './http.ts'
import * as mapping from './mapping.ts'
import * as patch from './patch.ts'
import * as resilience from './resilience.ts'
import * as sync from './sync.ts'

export type { ClientCheck, ClientFinding, ClientRule } from './client-rule.ts'

export const CLIENT_RULES = [
  // auth
  auth.bearerKey,
  auth.stopAfter401,
  // http
  http.acceptedMediaType,
  http.scimMediaType,
  http.wellFormedBody,
  http.resourcePaths,
  // create
  create.sendsUserName,
  create.sendsDisplayName,
  create.sendsExternalId,
  create.sendsName,
  create.declaresUserSchema,
  // attributes
  attributes.extensionBooleans,
  attributes.activeBoolean,
  attributes.countryCodeLetters,
  attributes.countryCodeIso,
  attributes.emailFormat,
  attributes.extensionSyncKey,
  mapping.mappedAttributesStored,
  mapping.catalogueTypes,
  // filter
  filter.validFilters,
  filter.matchingAttributes,
  filter.equalityLookups,
  // patch
  patch.wellFormedPatch,
  patch.lowerCaseOps,
  patch.nonEmptyOperations,
  patch.noFilteredPaths,
  patch.changesSomething,
  // sync and groups
  sync.lookupBeforeCreate,
  sync.noGroupWrites,
  // resilience
  resilience.honoursRetryAfter,
  resilience.retriesTransient,
  resilience.backsOff,
  resilience.adoptAfterConflict,
  resilience.noRecreateAfter404,
] as const satisfies readonly ClientRule[]

/** Client rules by id. */
export const CLIENT_RULES_BY_ID: ReadonlyMap<string, ClientRule> = new Map(
  CLIENT_RULES.map((rule) => [rule.id, rule]),
)
