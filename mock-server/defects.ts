/**
 * Defect switches: options to `createApp` that break exactly one behaviour, so a test can prove the
 * harness rule that checks that behaviour fails. Never on by default, never used outside tests and
 * the sensitivity report.
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
    breaks: ['SRV-ERR-002', 'SRV-ERR-003'],
  },
  // Added for the harness's sensitivity tests; behaviour in mock-server/scim/defect-behaviour.ts.
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
    ],
  },
  {
    id: 'groups-404',
    description: 'GET /Groups answers 404 instead of an empty ListResponse.',
    breaks: ['SRV-CONN-002', 'SRV-GROUP-001'],
  },
] as const satisfies readonly DefectDefinition[]

export type DefectId = (typeof DEFECTS)[number]['id']

export type DefectSwitches = Partial<Record<DefectId, boolean>>
