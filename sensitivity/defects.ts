/**
 * Defect switches: each breaks exactly one behaviour of the mock, so a test can prove the harness
 * rule that checks that behaviour fails. The mock knows none of them: a run turns switches on by
 * passing the components they make (`defect-components.ts`) to `createApp`. The behaviour of a
 * switch is in `wire/` (at the HTTP boundary) or in `in-domain.ts` (inside the mock's components).
 *
 * @module
 */

export interface DefectDefinition {
  readonly id: string
  readonly description: string
  /** Rule ids that must fail when this defect is on. */
  readonly breaks: readonly string[]
}

/** The explicit, ordered list of defects. */
export const DEFECTS = [
  {
    id: 'error-status-as-number',
    description: 'SCIM error bodies carry `status` as a JSON number instead of a string.',
    breaks: ['SRV-ERR-001'],
  },
  {
    id: 'json-content-type',
    description: 'SCIM responses are sent as application/json instead of application/scim+json.',
    breaks: ['SRV-ERR-002', 'SRV-ERR-003', 'SRV-INPUT-007'],
  },
  {
    id: 'case-sensitive-username-filter',
    description: '`userName eq` compares case-sensitively, so a case variant finds nothing.',
    breaks: ['SRV-FILTER-002'],
  },
  {
    id: 'no-match-filter-404',
    description: 'A filter without hits answers 404 instead of 200 with an empty ListResponse.',
    breaks: [
      'SRV-DISC-007',
      'SRV-CONN-001',
      'SRV-CONN-003',
      'SRV-AUTH-006',
      'SRV-FILTER-003',
      'SRV-FILTER-004',
      'SRV-FILTER-007',
      'SRV-PUT-003',
      'SRV-DEL-002',
      'SRV-ERR-002',
      'SRV-CYCLE-001',
      'SRV-CYCLE-002',
      'SRV-CYCLE-003',
      'SRV-CYCLE-004',
      'SRV-CYCLE-005',
      'SRV-CYCLE-006',
      'REST-RESET-001',
    ],
  },
  {
    id: 'ignore-excluded-attributes',
    description: '`excludedAttributes` is accepted and ignored.',
    breaks: ['SRV-PROJ-002', 'SRV-PROJ-003', 'SRV-PROJ-005'],
  },
  {
    id: 'accept-two-letter-country-code',
    description: 'A two-letter countryCode ("US") passes the three-letter rule.',
    breaks: ['SRV-CREATE-016', 'SRV-PATCH-013'],
  },
  {
    id: 'allow-duplicate-external-id',
    description: 'A duplicate extension externalId answers as if stored instead of 409 uniqueness.',
    breaks: ['SRV-CREATE-022', 'SRV-PATCH-014'],
  },
  {
    id: 'non-atomic-patch',
    description: 'A PATCH that fails keeps the result of its first operation.',
    breaks: ['SRV-PATCH-009', 'SRV-PATCH-010'],
  },
  {
    id: 'wrong-total-results',
    description: '`totalResults` is the page size instead of the number of matches.',
    breaks: ['SRV-PAGE-001', 'SRV-PAGE-003', 'SRV-PAGE-004', 'SRV-PAGE-005'],
  },
  {
    id: 'patch-ops-case-sensitive',
    description: 'PATCH refuses capitalised op names ("Replace"), as Entra sends without the flag.',
    breaks: [
      'SRV-PATCH-001',
      'SRV-PATCH-002',
      'SRV-PATCH-003',
      'SRV-PATCH-009',
      'SRV-PATCH-010',
      'SRV-PATCH-013',
      'SRV-PATCH-014',
      'SRV-PATCH-018',
      'SRV-LIFE-001',
      'SRV-LIFE-002',
      'SRV-LIFE-003',
      'SRV-CYCLE-002',
      'SRV-CYCLE-004',
      'SRV-CYCLE-005',
      'REST-RESET-001',
      'SRV-PATCH-007',
    ],
  },
  {
    id: 'groups-404',
    description: 'GET /Groups answers 404 instead of an empty ListResponse.',
    breaks: ['SRV-CONN-002', 'SRV-GROUP-001'],
  },
  {
    id: 'missing-key-no-challenge',
    description: 'A 401 for a request without a key carries no WWW-Authenticate challenge.',
    breaks: ['SRV-AUTH-001', 'SRV-AUTH-006'],
  },
  {
    id: 'invalid-key-no-challenge',
    description: 'A 401 for a wrong key carries no WWW-Authenticate challenge.',
    breaks: ['SRV-AUTH-002', 'SRV-AUTH-003', 'SRV-AUTH-005'],
  },
  {
    id: 'accept-foreign-key',
    description: 'The SCIM key of another account is accepted.',
    breaks: ['SRV-AUTH-003', 'SRV-AUTH-004'],
  },
  {
    id: 'foreign-key-distinct-detail',
    description: "The 401 for another account's key says the key is valid elsewhere.",
    breaks: ['SRV-AUTH-004'],
  },
  {
    id: 'non-bearer-scheme-400',
    description: 'An Authorization header with the Basic scheme answers 400 instead of 401.',
    breaks: ['SRV-AUTH-005'],
  },
  {
    id: 'spc-omits-features',
    description: 'ServiceProviderConfig leaves out the `sort` and `changePassword` blocks.',
    breaks: ['SRV-DISC-001'],
  },
  {
    id: 'spc-patch-unsupported',
    description: 'ServiceProviderConfig says `patch.supported: false` although PATCH works.',
    breaks: ['SRV-DISC-002'],
  },
  {
    id: 'resource-types-list-group',
    description: '/ResourceTypes lists Group besides User.',
    breaks: ['SRV-DISC-003'],
  },
  {
    id: 'schemas-omit-core-user',
    description: '/Schemas leaves out the core User schema.',
    breaks: ['SRV-DISC-004', 'SRV-DISC-006'],
  },
  {
    id: 'extension-schema-missing-attribute',
    description: 'The ClearID extension schema does not describe `isAdmin`.',
    breaks: ['SRV-DISC-005'],
  },
  {
    id: 'core-schema-username-case-exact',
    description: 'The core schema says userName is caseExact.',
    breaks: ['SRV-DISC-006'],
  },
  {
    id: 'items-per-page-echoes-count',
    description: '`itemsPerPage` repeats the requested `count`, even above maxResults.',
    breaks: ['SRV-DISC-007', 'SRV-PAGE-001', 'SRV-PAGE-003'],
  },
  {
    id: 'no-location-header',
    description: 'POST /Users answers 201 without a Location header.',
    breaks: ['SRV-CREATE-001'],
  },
  {
    id: 'job-title-lower-cased',
    description: 'jobTitle comes back lower-cased instead of as sent.',
    breaks: ['SRV-CREATE-002'],
  },
  {
    id: 'schemas-listing-extension-refused',
    description:
      'A create whose `schemas` lists the extension URN answers 400 (only the core URN is allowed).',
    breaks: ['SRV-CREATE-003'],
  },
  {
    id: 'client-id-honoured',
    description: 'A client-supplied `id` on create is echoed as the new id.',
    breaks: ['SRV-CREATE-004'],
  },
  {
    id: 'missing-username-accepted',
    description: 'A user without userName is accepted.',
    breaks: ['SRV-CREATE-010'],
  },
  {
    id: 'missing-display-name-accepted',
    description: 'A user without displayName is accepted.',
    breaks: ['SRV-CREATE-011', 'SRV-PUT-002'],
  },
  {
    id: 'missing-external-id-accepted',
    description: 'A user without the extension externalId is accepted.',
    breaks: ['SRV-CREATE-012', 'SRV-CREATE-018'],
  },
  {
    id: 'first-or-last-name-not-required',
    description: 'A user with neither firstName nor lastName is accepted.',
    breaks: ['SRV-CREATE-013', 'SRV-PATCH-010'],
  },
  {
    id: 'email-format-unchecked',
    description: 'The email format is not checked.',
    breaks: ['SRV-CREATE-014', 'SRV-PATCH-009', 'SRV-PATCH-013', 'SRV-PUT-002'],
  },
  {
    id: 'secondary-email-unchecked',
    description: 'The secondaryEmail format is not checked.',
    breaks: ['SRV-CREATE-015'],
  },
  {
    id: 'country-code-iso-enforced',
    description: 'A three-letter countryCode that is not ISO alpha-3 is refused.',
    breaks: ['SRV-CREATE-017'],
  },
  {
    id: 'core-external-id-as-sync-key',
    description: 'A core externalId is taken as the extension externalId (the sync key).',
    breaks: ['SRV-CREATE-018'],
  },
  {
    id: 'numbers-coerced-to-strings',
    description: 'A number sent as userName is stored as a string.',
    breaks: ['SRV-CREATE-019'],
  },
  {
    id: 'duplicate-username-allowed',
    description: 'A duplicate userName answers as if stored instead of 409 uniqueness.',
    breaks: ['SRV-CREATE-020', 'SRV-CREATE-021', 'SRV-PATCH-014', 'SRV-PUT-002', 'SRV-ERR-003'],
  },
  {
    id: 'username-uniqueness-case-sensitive',
    description: 'userName uniqueness is case-sensitive: a case variant answers as if stored.',
    breaks: ['SRV-CREATE-021', 'SRV-PATCH-014'],
  },
  {
    id: 'external-id-uniqueness-ignores-case',
    description: 'externalId uniqueness ignores case: a case variant answers 409.',
    breaks: ['SRV-CREATE-023'],
  },
  {
    id: 'active-strings-refused',
    description: '`active` sent as "True"/"False" on create or replace is refused.',
    breaks: [
      'SRV-CREATE-002',
      'SRV-CREATE-030',
      'SRV-CREATE-034',
      'SRV-PATCH-001',
      'SRV-PATCH-002',
      'SRV-PATCH-018',
      'SRV-LIFE-001',
      'SRV-LIFE-002',
      'SRV-LIFE-003',
      'SRV-CYCLE-001',
      'SRV-CYCLE-002',
      'SRV-CYCLE-003',
      'SRV-CYCLE-004',
      'SRV-CYCLE-006',
      'REST-RESET-001',
    ],
  },
  {
    id: 'extension-boolean-strings-accepted',
    description: 'Extension booleans sent as "True"/"False" strings are accepted.',
    breaks: ['SRV-CREATE-031'],
  },
  {
    id: 'extension-boolean-flag-unnamed',
    description:
      'A string extension boolean is refused with 400 invalidValue, but the detail names neither the attribute nor the aadOptscim062020 flag.',
    breaks: ['SRV-CREATE-034'],
  },
  {
    id: 'extension-booleans-as-strings',
    description: 'Extension booleans come back as "True"/"False" strings.',
    breaks: [
      'SRV-CREATE-002',
      'SRV-CREATE-032',
      'SRV-PATCH-018',
      'SRV-CYCLE-002',
      'SRV-CYCLE-003',
      'SRV-CYCLE-004',
    ],
  },
  {
    id: 'other-boolean-values-accepted',
    description: 'Boolean attributes accept any value ("yes", 1) and read it as truthy.',
    breaks: ['SRV-CREATE-033'],
  },
  {
    id: 'unsupported-attributes-refused',
    description:
      'Unsupported seed attributes (dates, id references) are refused instead of ignored.',
    breaks: ['SRV-CREATE-040'],
  },
  {
    id: 'unknown-attributes-refused',
    description: 'Unknown extension attributes are refused instead of ignored.',
    breaks: ['SRV-CREATE-041'],
  },
  {
    id: 'unused-core-attributes-refused',
    description: 'Core attributes ClearID does not use (title, emails, name) are refused.',
    breaks: ['SRV-CREATE-042'],
  },
  {
    id: 'attribute-names-case-sensitive',
    description: 'Extension attribute names match case-sensitively; other spellings are dropped.',
    breaks: ['SRV-CREATE-043', 'SRV-CREATE-044'],
  },
  {
    id: 'schema-urns-case-sensitive',
    description: 'The extension URN matches case-sensitively; other spellings are dropped.',
    breaks: ['SRV-CREATE-044'],
  },
  {
    id: 'trailing-slash-list-404',
    description: 'GET /Users/?filter=… (a trailing slash) answers 404 instead of the list.',
    breaks: ['SRV-READ-004'],
  },
  {
    id: 'unknown-id-json-404',
    description: 'GET of an unknown id answers 404 with a JSON body that is not a SCIM Error.',
    breaks: ['SRV-READ-002', 'SRV-ERR-001'],
  },
  {
    id: 'malformed-json-error-as-json',
    description:
      'A 400 to a POST or PATCH (malformed JSON among them) is sent as application/json.',
    breaks: ['SRV-INPUT-007'],
  },
  {
    id: 'unknown-id-plain-404',
    description: 'GET of an unknown id answers 404 with a plain-text body.',
    breaks: ['SRV-READ-002', 'SRV-DEL-001', 'SRV-ERR-001', 'SRV-ERR-002', 'SRV-INPUT-006'],
  },
  {
    id: 'list-without-paging-fields',
    description: 'GET /Users answers a ListResponse without startIndex and itemsPerPage.',
    breaks: ['SRV-READ-003', 'SRV-PAGE-001'],
  },
  {
    id: 'plus-not-space',
    description: '"+" inside a quoted filter value is read as a plus sign, not a space.',
    breaks: ['SRV-FILTER-006', 'SRV-FILTER-008'],
  },
  {
    id: 'display-name-filter-case-sensitive',
    description: '`displayName eq` compares case-sensitively.',
    breaks: ['SRV-FILTER-006'],
  },
  {
    id: 'filter-escapes-unsupported',
    description: 'A filter with a backslash escape answers 400 invalidFilter.',
    breaks: ['SRV-FILTER-008'],
  },
  {
    id: 'filter-attribute-names-case-sensitive',
    description: 'Filter attribute names in another case, or with the core URN, match nothing.',
    breaks: ['SRV-FILTER-009'],
  },
  {
    id: 'filter-co-case-sensitive',
    description: 'The `co` operator compares case-sensitively.',
    breaks: ['SRV-FILTER-020'],
  },
  {
    id: 'filter-not-ignored',
    description: '`not ( … )` in a filter is ignored.',
    breaks: ['SRV-FILTER-021'],
  },
  {
    id: 'filter-gt-as-ge',
    description: 'The `gt` operator behaves like `ge`.',
    breaks: ['SRV-FILTER-022'],
  },
  {
    id: 'filter-or-as-and',
    description: '`or` in a filter behaves like `and`.',
    breaks: ['SRV-FILTER-023'],
  },
  {
    id: 'invalid-filter-500',
    description: 'An unparseable filter answers 500 instead of 400 invalidFilter.',
    breaks: ['SRV-FILTER-024', 'SRV-SEARCH-001', 'SRV-ERR-001', 'SRV-ERR-002', 'SRV-INPUT-006'],
  },
  {
    id: 'start-index-zero-based',
    description: 'startIndex is read as 0-based.',
    breaks: ['SRV-READ-003', 'SRV-PAGE-001', 'SRV-PAGE-002'],
  },
  {
    id: 'count-ignored',
    description: '`count` is ignored: pages always hold up to maxResults.',
    breaks: ['SRV-PAGE-001', 'SRV-PAGE-003'],
  },
  {
    id: 'ignore-attributes-parameter',
    description: '`attributes` on GET is accepted and ignored.',
    breaks: ['SRV-PROJ-001', 'SRV-PROJ-003', 'SRV-PROJ-005'],
  },
  {
    id: 'projection-drops-id',
    description: 'With `attributes` or `excludedAttributes`, resources come back without `id`.',
    breaks: ['SRV-PROJ-001', 'SRV-PROJ-002', 'SRV-PROJ-003', 'SRV-PROJ-004'],
  },
  {
    id: 'search-ignores-attributes',
    description: 'POST /Users/.search ignores `attributes`.',
    breaks: ['SRV-SEARCH-001'],
  },
  {
    id: 'patch-pathless-urn-keys-ignored',
    description: 'Path-less PATCH value objects lose their URN-qualified keys.',
    breaks: ['SRV-PATCH-018', 'SRV-CYCLE-002'],
  },
  {
    id: 'patch-pathless-extension-object-ignored',
    description: 'A path-less PATCH value holding the extension object ignores it.',
    breaks: ['SRV-PATCH-005'],
  },
  {
    id: 'patch-dotted-keys-rejected',
    description: 'Dotted keys in a path-less PATCH value answer 400 invalidPath.',
    breaks: ['SRV-PATCH-006'],
  },
  {
    id: 'patch-filtered-path-rejected',
    description: 'A PATCH path with a value filter answers 400 invalidPath.',
    breaks: ['SRV-PATCH-007'],
  },
  {
    id: 'patch-empty-operations-500',
    description: 'A PATCH with an empty Operations array answers 500 (a 400 would be right too).',
    breaks: ['SRV-PATCH-008'],
  },
  {
    id: 'patch-unknown-path-ignored',
    description:
      'A PATCH path that is malformed or names no attribute is ignored (200) instead of 400 invalidPath.',
    breaks: ['SRV-PATCH-011', 'SRV-PATCH-019'],
  },
  {
    id: 'patch-malformed-ignored',
    description: 'A malformed PATCH body answers 200 and changes nothing.',
    breaks: ['SRV-PATCH-012', 'SRV-ERR-006', 'SRV-INPUT-001'],
  },
  {
    id: 'patch-unknown-id-400',
    description: 'PATCH of an unknown id answers 400 instead of 404.',
    breaks: ['SRV-PATCH-015'],
  },
  {
    id: 'patch-operations-reversed',
    description: 'PATCH operations apply in reverse order.',
    breaks: ['SRV-PATCH-016'],
  },
  {
    id: 'patch-only-first-operation',
    description: 'Only the first operation of a PATCH is applied.',
    breaks: [
      'SRV-PATCH-001',
      'SRV-PATCH-003',
      'SRV-PATCH-007',
      'SRV-PATCH-009',
      'SRV-PATCH-010',
      'SRV-PATCH-016',
      'SRV-PATCH-017',
      'SRV-PATCH-018',
      'SRV-CYCLE-002',
      'REST-RESET-001',
    ],
  },
  {
    id: 'put-keeps-core-attributes',
    description: 'PUT keeps the stored displayName instead of the one sent.',
    breaks: ['SRV-PUT-001', 'SRV-PUT-002'],
  },
  {
    id: 'put-skips-validation',
    description: 'PUT answers 200 with the stored resource where it should refuse (400, 409).',
    breaks: ['SRV-PUT-002'],
  },
  {
    id: 'put-merges-extension',
    description: 'PUT merges the extension: omitted attributes are kept instead of cleared.',
    breaks: ['SRV-PUT-004'],
  },
  {
    id: 'disabled-hidden-from-filters',
    description: 'Disabled identities are left out of filter results.',
    breaks: ['SRV-LIFE-002', 'SRV-LIFE-004'],
  },
  {
    id: 'delete-answers-200',
    description: 'DELETE answers 200 with a body instead of 204.',
    breaks: ['SRV-DEL-001', 'SRV-DEL-002', 'SRV-DEL-003', 'SRV-DEL-004'],
  },
  {
    id: 'deleted-user-readable',
    description: 'A deleted identity is still readable by id.',
    breaks: ['SRV-DEL-001'],
  },
  {
    id: 'deleted-keys-reserved',
    description: 'The userName and externalId of a deleted identity cannot be used again (409).',
    breaks: ['SRV-DEL-003', 'SRV-DEL-005'],
  },
  {
    id: 'delete-unknown-204',
    description: 'DELETE of an unknown id answers 204.',
    breaks: ['SRV-DEL-004'],
  },
  {
    id: 'post-groups-201',
    description: 'POST /Groups answers 201 instead of 501.',
    breaks: ['SRV-GROUP-002'],
  },
  {
    id: 'group-writes-405',
    description: 'PATCH, PUT and DELETE on /Groups/{id} answer 405 instead of 501.',
    breaks: ['SRV-GROUP-003'],
  },
  {
    id: 'charset-media-type-refused',
    description: 'A request Content-Type with a charset parameter answers 415.',
    breaks: [
      'SRV-ERR-004',
      'SRV-CYCLE-001',
      'SRV-CYCLE-002',
      'SRV-CYCLE-003',
      'SRV-CYCLE-004',
      'SRV-CYCLE-005',
      'SRV-CYCLE-006',
    ],
  },
  {
    id: 'unknown-endpoint-plain-404',
    description: 'An unknown endpoint answers 404 with a plain-text body.',
    breaks: ['SRV-ERR-005'],
  },
  {
    id: 'invalid-syntax-as-invalid-value',
    description: 'Errors that should carry scimType invalidSyntax carry invalidValue.',
    breaks: ['SRV-ERR-006'],
  },
  {
    id: 'etag-header-missing',
    description: 'Answers carry no ETag header.',
    breaks: ['SRV-ETAG-001', 'SRV-ETAG-002'],
  },
  {
    id: 'version-unchanged-on-write',
    description: 'PATCH and PUT answer with the version the identity had before the write.',
    breaks: ['SRV-ETAG-002'],
  },
  {
    id: 'if-match-ignored',
    description: 'If-Match is ignored: a stale version does not answer 412.',
    breaks: ['SRV-ETAG-003'],
  },
  {
    id: 'if-match-weak-refused',
    description: 'A weak ETag in If-Match (the form the mock hands out) answers 412.',
    breaks: ['SRV-ETAG-004'],
  },
  {
    id: 'malformed-json-500',
    description: 'Malformed JSON answers 500.',
    breaks: ['SRV-ERR-006', 'SRV-INPUT-001'],
  },
  {
    id: 'text-plain-accepted',
    description: 'A body sent as text/plain is read as JSON.',
    breaks: ['SRV-INPUT-002'],
  },
  {
    id: 'oversized-body-400',
    description: 'A body over the size limit answers 400 instead of 413.',
    breaks: ['SRV-INPUT-003'],
  },
  {
    id: 'deep-nesting-500',
    description: 'Deeply nested JSON answers 500.',
    breaks: ['SRV-INPUT-004'],
  },
  {
    id: 'non-object-body-500',
    description: 'A body that is not a JSON object answers 500.',
    breaks: ['SRV-ERR-006', 'SRV-INPUT-005'],
  },
  {
    id: 'odd-query-500',
    description: 'A non-integer startIndex or count answers 500.',
    breaks: ['SRV-INPUT-006'],
  },
  {
    id: 'username-filter-finds-nothing',
    description: '`userName eq` lookups answer an empty list even for an existing user.',
    breaks: [
      'SRV-CREATE-002',
      'SRV-FILTER-001',
      'SRV-FILTER-002',
      'SRV-FILTER-005',
      'SRV-FILTER-009',
      'SRV-PROJ-003',
      'SRV-LIFE-002',
      'SRV-CYCLE-001',
      'SRV-CYCLE-005',
    ],
  },
  {
    id: 'patch-pathless-core-keys-ignored',
    description: 'Path-less PATCH value objects lose their userName, displayName and active keys.',
    breaks: ['SRV-PATCH-001', 'SRV-PATCH-004', 'SRV-PATCH-006', 'SRV-PATCH-018', 'SRV-CYCLE-002'],
  },
  {
    id: 'patch-answers-501',
    description: 'PATCH answers 501 although ServiceProviderConfig says it is supported.',
    breaks: [
      'SRV-DISC-008',
      'SRV-PATCH-001',
      'SRV-PATCH-002',
      'SRV-PATCH-003',
      'SRV-PATCH-004',
      'SRV-PATCH-005',
      'SRV-PATCH-006',
      'SRV-PATCH-007',
      'SRV-PATCH-008',
      'SRV-PATCH-009',
      'SRV-PATCH-010',
      'SRV-PATCH-011',
      'SRV-PATCH-019',
      'SRV-PATCH-012',
      'SRV-PATCH-013',
      'SRV-PATCH-014',
      'SRV-PATCH-015',
      'SRV-PATCH-016',
      'SRV-PATCH-017',
      'SRV-PATCH-018',
      'SRV-LIFE-001',
      'SRV-LIFE-002',
      'SRV-LIFE-003',
      'SRV-LIFE-004',
      'SRV-ERR-006',
      'SRV-ETAG-002',
      'SRV-ETAG-003',
      'SRV-ETAG-004',
      'SRV-INPUT-001',
      'SRV-CYCLE-002',
      'SRV-CYCLE-004',
      'SRV-CYCLE-005',
      'REST-INTEROP-002',
      'REST-INTEROP-003',
      'REST-RESET-001',
    ],
  },
  {
    id: 'read-without-last-modified',
    description: 'GET /Users/{id} answers without meta.lastModified.',
    breaks: ['SRV-READ-001'],
  },
  {
    id: 'extension-external-id-filter-empty',
    description:
      'A filter on the extension externalId (the synchronization key) finds nothing, as if the path were unknown.',
    breaks: ['SRV-FILTER-003', 'SRV-CYCLE-004'],
  },
  {
    id: 'dialect-pinned-per-identity',
    description:
      'An identity created with the SCIM 2.0 flag refuses a later string `active` ("False", as provision on demand sends).',
    breaks: ['SRV-CYCLE-005'],
  },
  {
    id: 'refused-create-half-written',
    description:
      'A create refused for string extension booleans is stored anyway (without them) while answering 400.',
    breaks: ['SRV-CYCLE-006'],
  },
  // ClearID REST API, token service, webhooks and the control plane (sensitivity/rest/)
  {
    id: 'client-credentials-no-token-type',
    description: 'The client-credentials token answer leaves out `token_type`.',
    breaks: ['REST-TOKEN-001'],
  },
  {
    id: 'token-cacheable',
    description: 'Token answers carry no `Cache-Control: no-store` and no `Pragma: no-cache`.',
    breaks: ['REST-TOKEN-002'],
  },
  {
    id: 'assertion-token-refused',
    description: 'Tokens issued for the JWT-assertion grant do not open the identity service.',
    breaks: ['REST-TOKEN-003'],
  },
  {
    id: 'basic-invalid-client-400',
    description:
      'A wrong secret sent with HTTP Basic answers 400 without a `WWW-Authenticate` challenge.',
    breaks: ['REST-TOKEN-004'],
  },
  {
    id: 'unknown-grant-invalid-request',
    description:
      'An unknown grant type answers `invalid_request` instead of `unsupported_grant_type`.',
    breaks: ['REST-TOKEN-005'],
  },
  {
    id: 'assertion-audience-unchecked',
    description: 'An assertion for another audience gets a token.',
    breaks: ['REST-TOKEN-006'],
  },
  {
    id: 'expired-assertion-accepted',
    description: 'An expired assertion gets a token.',
    breaks: ['REST-TOKEN-007'],
  },
  {
    id: 'assertion-replay-accepted',
    description: 'A replayed assertion (same `jti`) gets a second token.',
    breaks: ['REST-TOKEN-008'],
  },
  {
    id: 'token-lifetime-one-day',
    description: 'Token answers say `expires_in: 86400` instead of one hour.',
    breaks: ['REST-TOKEN-009'],
  },
  {
    id: 'invalid-token-no-error-code',
    description: 'A 401 for an invalid token carries no `error="invalid_token"` in its challenge.',
    breaks: ['REST-TOKEN-010'],
  },
  {
    id: 'foreign-account-served',
    description:
      "A token used on another account's path answers 200 with an empty list instead of 403.",
    breaks: ['REST-TOKEN-011'],
  },
  {
    id: 'create-answer-without-system-data',
    description: 'The answer to a REST create leaves out `systemData`.',
    breaks: ['REST-IDN-001'],
  },
  {
    id: 'fresh-read-without-last-name',
    description:
      'GET by id of an identity never changed since its creation answers `lastName: null`.',
    breaks: ['REST-IDN-002'],
  },
  {
    id: 'lookup-external-id-case-insensitive',
    description: 'The lookup by external id also finds a case variant of the external id.',
    breaks: ['REST-IDN-003'],
  },
  {
    id: 'status-patch-clears-unsent',
    description:
      'A PATCH that sets `status` also clears e-mail, middle name and description it did not send.',
    breaks: ['REST-IDN-004'],
  },
  {
    id: 'put-keeps-unsent',
    description:
      'PUT keeps e-mail, middle name and description it did not send (a merge, not a replace).',
    breaks: ['REST-IDN-005'],
  },
  {
    id: 'stale-etag-put-accepted',
    description: 'A PUT with a stale `eTag` is applied.',
    breaks: ['REST-IDN-006'],
  },
  {
    id: 'patch-without-etag-applied',
    description: 'A PATCH without an `eTag` is applied.',
    breaks: ['REST-IDN-007'],
  },
  {
    id: 'second-delete-204',
    description: 'A DELETE of an identity that is already gone answers 204 instead of 404.',
    breaks: ['REST-IDN-008'],
  },
  {
    id: 'nameless-create-named',
    description:
      'A REST create without firstName and lastName is stored with a placeholder first name.',
    breaks: ['REST-IDN-009'],
  },
  {
    id: 'duplicate-external-id-200',
    description: 'A REST create with a taken `systemData.externalId` answers 200 instead of 409.',
    breaks: ['REST-IDN-010'],
  },
  {
    id: 'unrequested-groups-returned',
    description: 'GET by id without `include=` answers every nested object.',
    breaks: ['REST-INC-001'],
  },
  {
    id: 'include-values-case-sensitive',
    description: '`include=` values count only in their documented letter case.',
    breaks: ['REST-INC-002'],
  },
  {
    id: 'problem-status-as-string',
    description: 'Problem details of the identity and search services carry `status` as a string.',
    breaks: ['REST-ERR-001'],
  },
  {
    id: 'continuation-repeats-last',
    description:
      'Each v3 page after the first starts again with the last identity of the page before.',
    breaks: ['REST-LIST-001'],
  },
  {
    id: 'bad-continuation-500',
    description: 'A continuation token the service cannot read answers 500 instead of 400.',
    breaks: ['REST-LIST-002'],
  },
  {
    id: 'search-small-take-ignored',
    description: 'A search with `take` below 5 answers up to 100 results.',
    breaks: ['REST-SEARCH-001'],
  },
  {
    id: 'search-take-capped-silently',
    description: 'A search with `take` above 100 answers 100 results instead of 400.',
    breaks: ['REST-SEARCH-002'],
  },
  {
    id: 'search-hides-deleted',
    description:
      'Search leaves deleted identities out instead of listing them with `isDeleted: true`.',
    breaks: ['REST-SEARCH-003'],
  },
  {
    id: 'scim-identities-email-missing-in-rest',
    description: 'The REST lookup shows identities SCIM created without their e-mail.',
    breaks: ['REST-INTEROP-001'],
  },
  {
    id: 'rest-edit-survives-scim',
    description: 'A SCIM update keeps the firstName a REST client set last.',
    breaks: ['REST-INTEROP-002'],
  },
  {
    id: 'etag-per-door',
    description:
      'A REST PATCH with the last eTag REST gave out is applied after a SCIM write changed the identity.',
    breaks: ['REST-INTEROP-003'],
  },
  {
    id: 'scim-deleted-still-in-rest',
    description: 'REST GET by id still answers 200 for an identity SCIM deleted.',
    breaks: ['REST-INTEROP-004'],
  },
  {
    id: 'callback-without-app-key',
    description: 'Webhook callbacks go out without the app key.',
    breaks: ['REST-HOOK-001'],
  },
  {
    id: 'deactivation-not-published',
    description: 'A deactivation publishes no IdentityUpdated callback (the log still says OK).',
    breaks: ['REST-HOOK-002'],
  },
  {
    id: 'payload-extra-member',
    description: 'Callback payloads carry a member the published schema does not allow.',
    breaks: ['REST-HOOK-003'],
  },
  {
    id: 'log-response-as-number',
    description:
      'The delivery log shows the response as a number ("200") instead of its name ("OK").',
    breaks: ['REST-HOOK-004'],
  },
  {
    id: 'disabled-webhook-enabled',
    description: 'A webhook configured disabled is stored enabled.',
    breaks: ['REST-HOOK-005'],
  },
  {
    id: 'old-scim-key-accepted',
    description: 'A SCIM key that worked before its regeneration keeps working.',
    breaks: ['REST-KEY-001'],
  },
  {
    id: 'old-client-secret-accepted',
    description: 'A client secret that worked before its regeneration keeps getting tokens.',
    breaks: ['REST-KEY-002'],
  },
  {
    id: 'query-names-case-sensitive',
    description:
      'Query parameter names of the identity service count only in their documented letter case.',
    breaks: ['REST-QUERY-001'],
  },
  {
    id: 'reset-writes-dropped',
    description:
      'After a SCIM reset completed, SCIM updates to the account answer as stored and change nothing.',
    breaks: ['REST-RESET-001'],
  },
] as const satisfies readonly DefectDefinition[]

export type DefectId = (typeof DEFECTS)[number]['id']
