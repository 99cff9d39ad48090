/**
 * The property catalogs `$select` and `$filter` read for each kind of Graph collection: users (with
 * the tenant's directory extension properties), groups, directory objects (group members: users and
 * groups) and applications. Property names match in any case and answer with Graph's spelling.
 *
 * @module
 */
import {
  defaultSelect,
  EXTENSION_NAME,
  EXTENSION_SPEC,
  GROUP_PROPERTIES,
  USER_PROPERTIES,
  type PropertySpec,
} from '../../model/graph/graph-properties.ts'
import type { Catalog } from './graph-query.ts'
import type { GraphTenant } from './graph-tenant.ts'

type Found = { readonly name: string; readonly spec: PropertySpec } | undefined

function lookup(properties: Readonly<Record<string, PropertySpec>>): (name: string) => Found {
  const byLower = new Map(
    Object.entries(properties).map(([name, spec]) => [name.toLowerCase(), { name, spec }]),
  )
  return (name) => byLower.get(name.toLowerCase())
}

const userProperty = lookup(USER_PROPERTIES)
const groupProperty = lookup(GROUP_PROPERTIES)

export function userCatalog(tenant: GraphTenant): Catalog {
  return {
    resource: 'User',
    type: 'microsoft.graph.user',
    defaults: defaultSelect('user'),
    property: (name) => {
      const known = userProperty(name)
      if (known || !EXTENSION_NAME.test(name)) return known
      const extension = tenant.extensions.get(name)
      return extension ? { name: extension.name, spec: EXTENSION_SPEC } : undefined
    },
  }
}

export const GROUP_CATALOG: Catalog = {
  resource: 'Group',
  type: 'microsoft.graph.group',
  defaults: defaultSelect('group'),
  property: groupProperty,
}

/** Members are users or groups: a name of either may be selected. */
export function directoryObjectCatalog(tenant: GraphTenant): Catalog {
  const users = userCatalog(tenant)
  return {
    resource: 'DirectoryObject',
    type: 'microsoft.graph.directoryObject',
    defaults: [],
    property: (name) => users.property(name) ?? groupProperty(name),
  }
}

const text: PropertySpec = {
  kind: 'string',
  byDefault: true,
  filter: ['eq', 'startswith', 'in'],
  advanced: ['ne'],
}

export const APPLICATION_CATALOG: Catalog = {
  resource: 'Application',
  type: 'microsoft.graph.application',
  defaults: ['id', 'appId', 'displayName', 'signInAudience'],
  property: lookup({
    id: { ...text, filter: ['eq', 'in'] },
    appId: { ...text, filter: ['eq', 'in'] },
    displayName: text,
    signInAudience: { ...text, filter: ['eq'] },
  }),
}
