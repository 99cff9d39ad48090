/**
 * Where the CSV rules come from: ClearID's Cloud CSV help pages (research/clearid.md §4.2), the
 * identity rules the model shares with SCIM, and the choices made where ClearID says nothing
 * (docs/cloud-csv.md). One place, so a page is cited the same way everywhere.
 *
 * @module
 */
import type { RuleSource } from '../../model/rule.ts'

const HELP = 'https://help.clearid.io/EN/'

function page(path: string, title: string): (statement: string) => RuleSource {
  return (statement) => ({
    kind: 'clearid-doc',
    ref: `ClearID, ${title}: ${statement}`,
    url: `${HELP}${path}`,
  })
}

export const aboutCsv = page(
  'AboutCloudCSVSynchronizationAboutCloudCSVSynchronizationinClearID.html',
  'About Cloud CSV synchronization',
)
export const identityMappings = page(
  'ConfiguringCloudCSVIdentityFieldMappings.html',
  'Configuring Cloud CSV identity field mappings',
)
export const credentialMappings = page(
  'ConfiguringCloudCSVCredentialFieldMappings.html',
  'Configuring Cloud CSV credential field mappings',
)
export const entraCredentialMappings = page(
  'ConfiguringMicrosoftEntraIDCredentialMappings.html',
  'Configuring Microsoft Entra ID credential mappings (the same for Cloud CSV)',
)
export const advanced = page(
  'ConfiguringCloudCSVAdvancedConfigurations.html',
  'Configuring Cloud CSV advanced configurations',
)
export const oneIdentityFields: (statement: string) => RuleSource = (statement) => ({
  kind: 'clearid-doc',
  ref: `ClearID, One Identity field mappings: ${statement}`,
  url: 'https://help.clearid.io/en/EN/CID/R_CID_OneIdentityFieldMappings.html',
})

export function seedRule(statement: string): RuleSource {
  return {
    kind: 'seed',
    ref: `ClearID, About Microsoft Entra ID attribute fields: ${statement}`,
    url: `${HELP}AboutMicrosoftEntraIDAttributeFields.html`,
  }
}

/** A choice of this toolkit where ClearID documents nothing (docs/cloud-csv.md, "Not documented"). */
export function choice(statement: string): RuleSource {
  return { kind: 'mock-choice', ref: `docs/cloud-csv.md: ${statement}` }
}

export function rfc4180(section: string, statement: string): RuleSource {
  return {
    kind: 'rfc',
    ref: `RFC 4180 §${section}: ${statement}`,
    url: `https://datatracker.ietf.org/doc/html/rfc4180#section-${section}`,
  }
}
