import { describe, expect, it } from 'vitest'
import {
  EXTENSION_ATTRIBUTES,
  isUnsupportedAttribute,
  findExtensionAttribute,
} from '../../model/attributes.ts'
import { REST_ONLY_MEMBERS, REST_OUTPUT_MEMBERS } from '../../model/rest-members.ts'
import { IDENTITY_HUB, SAILPOINT_CONNECTOR } from '../../model/rest-sources.ts'
import { findMemberAnywhere, membersOf, NESTED_GROUPS, pathOf, restPathOf } from './rest-model.ts'

const everyMember = () => (['top', ...NESTED_GROUPS] as const).flatMap((g) => membersOf(g))

describe('the REST identity model', () => {
  // Where the two real clients write and read each member (research R6).
  it.each([
    ['employeeNumber', 'privateData.employeeNumber'],
    ['secondaryEmail', 'privateData.secondaryEmail'],
    ['phoneNumberPrimary', 'privateData.phoneNumberPrimary'],
    ['phoneNumberSecondary', 'privateData.phoneNumberSecondary'],
    ['birthday', 'privateData.birthday'],
    ['departmentName', 'companyData.departmentName'],
    ['jobTitle', 'companyData.jobTitle'],
    ['companyName', 'companyData.companyName'],
    ['supervisorName', 'companyData.supervisorName'],
    ['workerTypeCode', 'companyData.workerTypeCode'],
    ['siteId', 'companyData.siteId'],
    ['approvers', 'companyData.approvers'],
    ['externalId', 'systemData.externalId'],
    ['provisioningAttributes', 'systemData.provisioningAttributes'],
    ['customFields', 'systemData.customFields'],
    ['identityType', 'identityType'],
    ['culture', 'culture'],
  ])('puts %s at %s, as the clients do', (name, path) => {
    const member = findMemberAnywhere(name)
    expect(member && pathOf(member)).toBe(path)
  })

  it('places every SCIM extension attribute, citing client code or saying it is a mock choice', () => {
    for (const definition of EXTENSION_ATTRIBUTES) {
      const sources = definition.rest?.sources ?? []
      expect(sources.length, definition.name).toBeGreaterThan(0)
      for (const source of sources) {
        expect(source, definition.name).toMatch(
          new RegExp(`^(${SAILPOINT_CONNECTOR}|${IDENTITY_HUB}) \\S+: |^mock choice: `),
        )
      }
    }
    for (const member of [...REST_ONLY_MEMBERS, ...REST_OUTPUT_MEMBERS]) {
      expect(member.sources.length, member.name).toBeGreaterThan(0)
    }
  })

  it('gives each member one name in one place, so "belongs at" is never ambiguous', () => {
    const names = everyMember().map((m) => m.name.toLowerCase())
    expect(new Set(names).size).toBe(names.length)
    const output = REST_OUTPUT_MEMBERS.map((m) => m.name.toLowerCase())
    expect(output.filter((n) => names.includes(n))).toEqual([])
  })

  it('keeps REST-only members off SCIM: none is a SCIM attribute, and the seed lists most as unsupported', () => {
    for (const member of REST_ONLY_MEMBERS) {
      expect(findExtensionAttribute(member.name), member.name).toBeUndefined()
    }
    const unsupported = REST_ONLY_MEMBERS.filter((m) => isUnsupportedAttribute(m.name))
    expect(unsupported.map((m) => m.name).sort()).toEqual(
      [
        'activationDateUtc',
        'approvers',
        'birthday',
        'culture',
        'customFields',
        'expirationDateUtc',
        'provisioningAttributes',
        'siteId',
      ].sort(),
    )
  })

  it('names attributes by their REST path in messages; userName has none', () => {
    expect(restPathOf('jobTitle')).toBe('companyData.jobTitle')
    expect(restPathOf('firstName')).toBe('firstName')
    expect(restPathOf('userName')).toBe('userName')
  })
})
