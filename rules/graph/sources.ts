/**
 * Where the Graph rules come from: ClearID's Microsoft Entra ID synchronization pages
 * (research/clearid.md §4.1), the identity rules the model shares with SCIM and Cloud CSV, and the
 * choices made where ClearID says nothing (docs/entra-graph-sync.md). One place, so a page is
 * cited the same way everywhere.
 *
 * @module
 */
import type { RuleSource } from '../../model/rule.ts'

const HELP = 'https://help.clearid.io/EN/'

function page(path: string, title: string): (statement: string) => RuleSource {
  return (statement) => ({
    kind: 'clearid-doc',
    ref: `ClearID, ${title}: ${statement}`,
    url: path.startsWith('https://') ? path : `${HELP}${path}`,
  })
}

export const aboutEntraSync = page(
  'AboutMicrosoftEntraIDSynchronization.html',
  'About Microsoft Entra ID synchronization',
)
export const entraGroups = page(
  'ConfiguringMicrosoftEntraIDGroups.html',
  'Configuring Microsoft Entra ID groups',
)
export const entraIdentityMappings = page(
  'https://help.clearid.io/en/ConfiguringMicrosoftEntraIDIdentityFieldMappings.html',
  'Configuring Microsoft Entra ID identity field mappings',
)
export const entraCredentialMappings = page(
  'ConfiguringMicrosoftEntraIDCredentialMappings.html',
  'Configuring Microsoft Entra ID credential mappings',
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

/** A choice of this toolkit where ClearID documents nothing (docs/entra-graph-sync.md). */
export function choice(statement: string): RuleSource {
  return { kind: 'mock-choice', ref: `docs/entra-graph-sync.md: ${statement}` }
}

export function graphDoc(title: string, url: string, statement: string): RuleSource {
  return { kind: 'entra-doc', ref: `Microsoft Graph, ${title}: ${statement}`, url }
}
