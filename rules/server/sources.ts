/**
 * Citations rules share: the seed statements, RFC sections, Entra documents, Microsoft SCIM Validator
 * and Okta spec-test names (research/entra.md §5, research/peers.md §1.1). One place, so a reference
 * is spelled the same way everywhere.
 *
 * @module
 */
import type { RuleSource } from '../../model/rule.ts'

const RFC7643 = 'https://datatracker.ietf.org/doc/html/rfc7643'
const RFC7644 = 'https://datatracker.ietf.org/doc/html/rfc7644'
const ENTRA_TUTORIAL =
  'https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups'
const ENTRA_COMPAT =
  'https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility'
const SEED_ATTRIBUTES = 'https://help.clearid.io/EN/AboutMicrosoftEntraIDAttributeFields.html'

export function rfc7643(section: string): RuleSource {
  return { kind: 'rfc', ref: `RFC 7643 §${section}`, url: `${RFC7643}#section-${section}` }
}

export function rfc7644(section: string): RuleSource {
  return { kind: 'rfc', ref: `RFC 7644 §${section}`, url: `${RFC7644}#section-${section}` }
}

export function rfc6750(section: string): RuleSource {
  return {
    kind: 'rfc',
    ref: `RFC 6750 §${section}`,
    url: `https://datatracker.ietf.org/doc/html/rfc6750#section-${section}`,
  }
}

export function seed(statement: string): RuleSource {
  return {
    kind: 'seed',
    ref: `ClearID, About Microsoft Entra ID attribute fields: ${statement}`,
    url: SEED_ATTRIBUTES,
  }
}

export function spec(section: string, statement: string): RuleSource {
  return { kind: 'mock-choice', ref: `SPEC §${section}: ${statement}` }
}

export function entraTutorial(statement: string): RuleSource {
  return { kind: 'entra-doc', ref: `Entra SCIM tutorial: ${statement}`, url: ENTRA_TUTORIAL }
}

export function entraCompat(statement: string): RuleSource {
  return {
    kind: 'entra-doc',
    ref: `Entra SCIM 2.0 compliance known issues: ${statement}`,
    url: ENTRA_COMPAT,
  }
}

export function msValidator(test: string): RuleSource {
  return { kind: 'ms-validator', ref: `Microsoft SCIM Validator: ${test}` }
}

/** A test of the Logic App Microsoft runs to validate an application for the Entra gallery. */
export function logicApp(test: string): RuleSource {
  return { kind: 'entra-doc', ref: `Entra gallery validation Logic App: ${test}` }
}

export function okta(test: string): RuleSource {
  return { kind: 'okta', ref: `Okta SCIM 2.0 Spec Test: ${test}` }
}

const ENTRA_MAPPINGS =
  'https://learn.microsoft.com/entra/identity/app-provisioning/customize-application-attributes'
const CLEARID_ENTRA_SETTINGS =
  'https://help.clearid.io/EN/ConfiguringMicrosoftEntraIDUserSettings.html'

export function entraMappings(statement: string): RuleSource {
  return {
    kind: 'entra-doc',
    ref: `Entra attribute mappings: ${statement}`,
    url: ENTRA_MAPPINGS,
  }
}

export function clearIdEntraSettings(statement: string): RuleSource {
  return {
    kind: 'seed',
    ref: `ClearID, Configuring Microsoft Entra ID user settings: ${statement}`,
    url: CLEARID_ENTRA_SETTINGS,
  }
}
