/**
 * The rule catalogue, in report order. One explicit list: greppable, and the order never depends on
 * file names or import order. Ids are stable and never reused; a retired rule leaves a gap.
 *
 * @module
 */
import * as discovery from './server/discovery.ts'
import * as auth from './server/auth.ts'
import * as testConnection from './server/test-connection.ts'
import * as create from './server/create.ts'
import * as createValidation from './server/create-validation.ts'
import * as createUniqueness from './server/create-uniqueness.ts'
import * as createBooleans from './server/create-booleans.ts'
import * as createAttributes from './server/create-attributes.ts'
import * as read from './server/read.ts'
import * as filter from './server/filter.ts'
import * as filterOperators from './server/filter-operators.ts'
import * as paging from './server/paging.ts'
import * as projection from './server/projection.ts'
import * as search from './server/search.ts'
import * as patch from './server/patch.ts'
import * as patchInvariants from './server/patch-invariants.ts'
import * as patchExtension from './server/patch-extension.ts'
import * as put from './server/put.ts'
import * as lifecycle from './server/lifecycle.ts'
import * as groups from './server/groups.ts'
import * as errors from './server/errors.ts'
import * as etag from './server/etag.ts'
import * as badInput from './server/bad-input.ts'
import * as cycles from './server/cycles.ts'
import * as cyclesEntra from './server/cycles-entra.ts'
import * as restToken from './rest/token.ts'
import * as restIdentity from './rest/identity.ts'
import * as restQueries from './rest/queries.ts'
import * as restLists from './rest/lists.ts'
import * as restInterop from './rest/interop.ts'
import * as restWebhooks from './rest/webhooks.ts'
import * as restKeys from './rest/keys.ts'
import type { ServerRule } from './server/define.ts'
import { CLIENT_RULES } from './client/index.ts'
import { CSV_RULES } from './csv/index.ts'
import { GRAPH_RULES } from './graph/index.ts'
import type { RuleMeta } from '../model/rule.ts'

export type { ServerRule }

export const RULES = [
  // discovery
  discovery.spcShape,
  discovery.spcClearIdFeatures,
  discovery.resourceTypesUserOnly,
  discovery.schemasPresent,
  discovery.extensionSchemaAttributes,
  discovery.coreSchemaAttributes,
  discovery.spcFilterAgreement,
  discovery.spcPatchAgreement,
  // auth
  auth.missingKey,
  auth.wrongKey,
  auth.foreignKey,
  auth.foreignKeyIndistinguishable,
  auth.basicScheme,
  auth.writeWithoutKey,
  // test-connection
  testConnection.userProbe,
  testConnection.groupProbe,
  testConnection.externalIdProbe,
  // create
  create.createFullUser,
  create.createRoundTrip,
  create.createDeclaredExtension,
  create.createIgnoresReadOnly,
  // create-validation
  createValidation.requireUserName,
  createValidation.requireDisplayName,
  createValidation.requireExternalId,
  createValidation.requireFirstOrLastName,
  createValidation.emailFormat,
  createValidation.secondaryEmailFormat,
  createValidation.countryCodeFormat,
  createValidation.countryCodeNonIso,
  createValidation.coreExternalIdOnly,
  createValidation.wrongTypes,
  // create-uniqueness
  createUniqueness.duplicateUserName,
  createUniqueness.duplicateUserNameCase,
  createUniqueness.duplicateExternalId,
  createUniqueness.externalIdCaseExact,
  // create-booleans
  createBooleans.activeStrings,
  createBooleans.extensionBooleanStrings,
  createBooleans.extensionBooleanFlagNamed,
  createBooleans.extensionBooleansReal,
  createBooleans.otherBooleanValues,
  // create-attributes
  createAttributes.unsupportedIgnored,
  createAttributes.unknownIgnored,
  createAttributes.unusedCoreIgnored,
  createAttributes.namesCaseInsensitive,
  createAttributes.urnsCaseInsensitive,
  // read
  read.readById,
  read.readUnknownId,
  read.listShape,
  read.trailingSlashList,
  // filter
  filter.filterExisting,
  filter.filterDifferentCase,
  filter.filterExternalId,
  filter.filterNoMatch,
  filter.filterFormEncoding,
  filter.filterDisplayName,
  filter.filterAnd,
  filter.filterEscapes,
  filter.filterNameCase,
  // filter-operators
  filterOperators.stringOperators,
  filterOperators.presenceAndNegation,
  filterOperators.ordering,
  filterOperators.logical,
  filterOperators.invalidFilter,
  // paging
  paging.pageWalk,
  paging.startIndexBelowOne,
  paging.countZero,
  paging.beyondTheEnd,
  paging.totalResultsCountsMatches,
  // projection
  projection.attributesParameter,
  projection.excludedAttributesParameter,
  projection.projectionOnLists,
  projection.alwaysReturned,
  projection.extensionProjection,
  // search
  search.searchEndpoint,
  // patch
  patch.patchDialect,
  patch.patchDisable,
  patch.patchUrnPaths,
  patch.patchPathlessUrnKeys,
  patch.patchExtensionObject,
  patch.patchUnstoredKeys,
  patch.patchFilteredUnsupported,
  patch.patchEmptyOperations,
  // patch-invariants
  patchInvariants.patchAtomic,
  patchInvariants.patchInvariants,
  patchInvariants.patchInvalidPath,
  patchInvariants.patchUnknownPath,
  patchInvariants.patchMalformed,
  patchInvariants.patchValidation,
  patchInvariants.patchUniqueness,
  patchInvariants.patchUnknownId,
  patchInvariants.patchSameAttributeInOrder,
  patchInvariants.patchDifferentAttributes,
  // patch-extension
  patchExtension.patchExtensionDialect,
  // put
  put.putReplaces,
  put.putValidates,
  put.putUnknownId,
  put.putClearsOmitted,
  // lifecycle
  lifecycle.disabledReadable,
  lifecycle.disabledFindable,
  lifecycle.reEnable,
  lifecycle.activeFilter,
  lifecycle.deleteThenGone,
  lifecycle.deletedNotFound,
  lifecycle.deletedKeysReusable,
  lifecycle.deletedUserNameReusable,
  lifecycle.deleteUnknownAndTwice,
  // groups
  groups.groupsEmpty,
  groups.groupWritesRefused,
  groups.groupOtherWrites,
  // errors
  errors.errorShape,
  errors.readContentType,
  errors.writeContentType,
  errors.requestMediaTypes,
  errors.unknownEndpoint,
  errors.malformedIsInvalidSyntax,
  // etag
  etag.etagHeader,
  etag.etagChanges,
  etag.staleIfMatch,
  etag.ifMatchOptional,
  // bad-input
  badInput.malformedJson,
  badInput.wrongMediaType,
  badInput.oversizedBody,
  badInput.deepNesting,
  badInput.wrongJsonType,
  badInput.oddQueries,
  badInput.malformedJsonMediaType,
  // cycles
  cycles.initialCycleRule,
  cycles.incrementalCycleRule,
  cycles.repeatCycleRule,
  cyclesEntra.renamedUserMatchedByExternalId,
  cyclesEntra.provisionOnDemand,
  cyclesEntra.extensionBooleansWithoutFlag,
  // ClearID REST API: token service
  restToken.clientSecretGrant,
  restToken.tokenNoStore,
  restToken.assertionGrant,
  restToken.invalidClient,
  restToken.grantErrors,
  restToken.assertionAudience,
  restToken.assertionExpired,
  restToken.assertionReplay,
  restToken.tokenLifetime,
  restToken.bearerChallenge,
  restToken.accountScope,
  // identity service v2
  restIdentity.createIdentity,
  restIdentity.readIdentity,
  restIdentity.lookupByExternalId,
  restIdentity.patchMerges,
  restIdentity.putReplaces,
  restIdentity.staleETag,
  restIdentity.eTagRequired,
  restIdentity.deleteThenGone,
  restIdentity.validation,
  restIdentity.duplicateExternalId,
  // include=, query names, errors
  restQueries.includeGroups,
  restQueries.includeLists,
  restQueries.queryNamesCase,
  restQueries.problemDetails,
  // v3 list and search
  restLists.continuationList,
  restLists.badContinuation,
  restLists.searchPaging,
  restLists.searchTakeLimit,
  restLists.searchDeleted,
  // SCIM and REST together
  restInterop.scimReadThroughRest,
  restInterop.inboundOnly,
  restInterop.sharedETag,
  restInterop.scimDeleteGone,
  // webhooks
  restWebhooks.createdDelivered,
  restWebhooks.updatedDelivered,
  restWebhooks.payloadSchema,
  restWebhooks.deliveryLog,
  restWebhooks.disabledSilent,
  // keys and reset (control plane)
  restKeys.scimKeyRotation,
  restKeys.integrationKeyRotation,
  restKeys.resetConverges,
] as const satisfies readonly ServerRule[]

/** Rules by id. */
export const RULES_BY_ID: ReadonlyMap<string, ServerRule> = new Map(
  RULES.map((rule) => [rule.id, rule]),
)

export { CLIENT_RULES, CSV_RULES, GRAPH_RULES }

/**
 * The whole catalogue: server rules (judged by the harness), client rules (judged by the mock's
 * traffic audit), file rules (judged by `csv check`), then source rules (judged by `graph
 * preview`). Ids are unique across all four.
 */
export const CATALOGUE: readonly RuleMeta[] = [
  ...RULES,
  ...CLIENT_RULES,
  ...CSV_RULES,
  ...GRAPH_RULES,
]
