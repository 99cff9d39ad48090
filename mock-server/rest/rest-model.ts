/**
 * The members of ClearID's REST identity, by place, generated from the catalogue: the SCIM
 * attributes at their REST placement (`AttributeDefinition.rest`) plus the REST-only members
 * (`model/rest-members.ts`). Rendering, parsing and the JSON Schema all read this one list, so a
 * member cannot sit in one place when read and in another when written.
 *
 * @module
 */
import {
  EXTENSION_ATTRIBUTES,
  type AttributeDefinition,
  type RestGroup,
} from '../../model/attributes.ts'
import { REST_ONLY_MEMBERS, type RestOnlyMember } from '../../model/rest-members.ts'

/** A nested object of the REST identity. */
export type NestedGroup = Exclude<RestGroup, 'top'>

export const NESTED_GROUPS: readonly NestedGroup[] = [
  'privateData',
  'companyData',
  'systemData',
  'userPermissions',
]

/** A writable member: a SCIM-shared attribute, or a member only the REST identity has. */
export type RestMember =
  | {
      readonly name: string
      readonly group: RestGroup
      readonly kind: 'attribute'
      readonly definition: AttributeDefinition
    }
  | {
      readonly name: string
      readonly group: RestGroup
      readonly kind: 'restOnly'
      readonly member: RestOnlyMember
    }

const MEMBERS: readonly RestMember[] = [
  ...EXTENSION_ATTRIBUTES.filter((definition) => definition.rest).map((definition): RestMember => ({
    name: definition.rest?.member ?? definition.name,
    group: definition.rest?.group ?? 'top',
    kind: 'attribute',
    definition,
  })),
  ...REST_ONLY_MEMBERS.map((member): RestMember => ({
    name: member.name,
    group: member.group,
    kind: 'restOnly',
    member,
  })),
]

const byGroup = new Map<RestGroup, RestMember[]>()
for (const member of MEMBERS)
  byGroup.set(member.group, [...(byGroup.get(member.group) ?? []), member])
const byLowerName = new Map(MEMBERS.map((m) => [m.name.toLowerCase(), m]))

/** The writable members of a place, in rendering order (catalogue attributes, then REST-only). */
export function membersOf(group: RestGroup): readonly RestMember[] {
  return byGroup.get(group) ?? []
}

/** The member of that name (any case) wherever it sits: to tell a client where a member belongs. */
export function findMemberAnywhere(name: string): RestMember | undefined {
  return byLowerName.get(name.toLowerCase())
}

/** The member of that name (any case) in this place, or undefined. */
export function findMember(group: RestGroup, name: string): RestMember | undefined {
  const member = findMemberAnywhere(name)
  return member?.group === group ? member : undefined
}

/** The REST JSON path of a member: `firstName`, `privateData.employeeNumber`. */
export function pathOf(member: Pick<RestMember, 'name' | 'group'>): string {
  return member.group === 'top' ? member.name : `${member.group}.${member.name}`
}

/**
 * The REST path of a catalogue attribute, for error messages: `privateData.employeeNumber`, or the
 * name itself for core attributes and names the REST identity has not (`userName`).
 */
export function restPathOf(attributeName: string): string {
  const member = MEMBERS.find((m) => m.kind === 'attribute' && m.definition.name === attributeName)
  return member ? pathOf(member) : attributeName
}
