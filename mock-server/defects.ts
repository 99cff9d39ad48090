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
    breaks: [],
  },
  {
    id: 'json-content-type',
    description: 'SCIM responses are sent as application/json instead of application/scim+json.',
    breaks: [],
  },
] as const satisfies readonly DefectDefinition[]

export type DefectId = (typeof DEFECTS)[number]['id']

export type DefectSwitches = Partial<Record<DefectId, boolean>>
