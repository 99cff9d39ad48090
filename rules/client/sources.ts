/**
 * Citations of the client rules: the shared ones from the server catalogue, plus the Entra pages
 * about how the provisioning service behaves as a client (cycles, retries, quarantine).
 *
 * @module
 */
import type { RuleSource } from '../../model/rule.ts'

export {
  entraCompat,
  entraTutorial,
  msValidator,
  rfc7643,
  rfc7644,
  seed,
  spec,
} from '../server/sources.ts'

const ENTRA_HOW =
  'https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works'
const ENTRA_LOGS =
  'https://learn.microsoft.com/entra/identity/monitoring-health/concept-provisioning-logs'
const ENTRA_QUARANTINE =
  'https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-quarantine-status'

export function entraHow(statement: string): RuleSource {
  return { kind: 'entra-doc', ref: `Entra, how provisioning works: ${statement}`, url: ENTRA_HOW }
}

export function entraLogs(statement: string): RuleSource {
  return {
    kind: 'entra-doc',
    ref: `Entra provisioning logs, error codes: ${statement}`,
    url: ENTRA_LOGS,
  }
}

export function entraQuarantine(statement: string): RuleSource {
  return {
    kind: 'entra-doc',
    ref: `Entra provisioning quarantine: ${statement}`,
    url: ENTRA_QUARANTINE,
  }
}

export function rfc9110(section: string): RuleSource {
  return {
    kind: 'rfc',
    ref: `RFC 9110 §${section}`,
    url: `https://datatracker.ietf.org/doc/html/rfc9110#section-${section}`,
  }
}
