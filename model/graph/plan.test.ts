import { describe, expect, it } from 'vitest'
import { parseGraphConfig } from './parse-config.ts'
import { compileMappings, mapGraphUser } from './map-user.ts'
import { entityOf, planSync, refusalsOf, type GraphSnapshot, type ResolvedGroup } from './plan.ts'
import type { GraphUser } from './user-attributes.ts'

const EXT = 'extension_b2c0ffee00004000800000000000e0e0_cardNumber'
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

function compiled(json: Record<string, unknown>) {
  const reading = parseGraphConfig(json)
  if (!reading.config) throw new Error(JSON.stringify(reading.problems))
  return compileMappings(reading.config)
}

const ADA: GraphUser = {
  id: id(1),
  userPrincipalName: 'ada@contoso.onmicrosoft.com',
  displayName: 'Ada Lovelace',
  givenName: 'Ada',
  surname: 'Lovelace',
  mail: 'ada@contoso.example',
  accountEnabled: false,
  businessPhones: ['+44 20 7946 0000', '+44 20 7946 0001'],
  country: 'United Kingdom',
  onPremisesExtensionAttributes: { extensionAttribute1: '4242', extensionAttribute2: null },
  [EXT]: '0x1092',
  manager: { '@odata.type': '#microsoft.graph.user', id: id(9), displayName: 'Charles Babbage' },
}

describe('mapGraphUser', () => {
  it('maps properties, on-premises and directory extension attributes, booleans and lists', () => {
    const mappings = compiled({
      identityMappings: [
        { field: 'firstName', attribute: 'givenName' },
        { field: 'lastName', attribute: 'surname' },
        { field: 'active', attribute: 'accountEnabled' },
        { field: 'phoneNumberPrimary', attribute: 'businessPhones' },
        { field: 'employeeNumber', attribute: 'onPremisesExtensionAttributes/extensionAttribute1' },
        { field: 'companyName', type: 'fixed', value: 'Contoso' },
        {
          field: 'email',
          type: 'regex',
          attribute: 'mail',
          pattern: '@.*$',
          replacement: '@contoso.com',
        },
      ],
      credentialMappings: [{ type: 'rawCode', format: 'standard26', attribute: EXT }],
    })
    expect(mappings.select).toEqual([
      'id',
      'userPrincipalName',
      'displayName',
      'givenName',
      'surname',
      'accountEnabled',
      'businessPhones',
      'onPremisesExtensionAttributes',
      'mail',
      EXT,
    ])
    expect(mappings.extensions).toEqual([EXT])
    const mapped = mapGraphUser(mappings, ADA)
    expect(mapped.identity).toMatchObject({
      externalId: id(1),
      displayName: 'Ada Lovelace',
      active: false,
      attributes: {
        externalId: id(1),
        firstName: 'Ada',
        lastName: 'Lovelace',
        phoneNumberPrimary: '+44 20 7946 0000',
        employeeNumber: '4242',
        companyName: 'Contoso',
        email: 'ada@contoso.com',
      },
      issues: [],
    })
    expect(mapped.credentials).toEqual([{ format: 'standard26', rawCode: '4242' }])
    expect(mapped.regexMisses).toEqual([])
  })

  it('reports what ClearID would refuse: a missing External ID, an unmatched regex, a bad e-mail, country code or card', () => {
    const mappings = compiled({
      identityMappings: [
        { field: 'externalId', attribute: 'employeeId' },
        { field: 'lastName', attribute: 'surname' },
        { field: 'countryCode', attribute: 'country' },
        {
          field: 'email',
          type: 'regex',
          attribute: 'mail',
          pattern: '^(\\w+)@corp$',
          replacement: '$1@corp.example',
        },
      ],
      credentialMappings: [
        {
          type: 'rawCode',
          format: 'standard26',
          attribute: 'onPremisesExtensionAttributes/extensionAttribute2',
        },
      ],
    })
    const mapped = mapGraphUser(mappings, {
      ...ADA,
      mail: 'not-an-email',
      onPremisesExtensionAttributes: { extensionAttribute2: '99999999999' },
    })
    expect(mapped.identity.externalId).toBeUndefined()
    expect(mapped.identity.issues.map((i) => i.rule).sort()).toEqual(
      ['countryCode', 'email', 'required'].sort(),
    )
    expect(mapped.regexMisses).toEqual([
      { field: 'email', attribute: 'mail', pattern: '^(\\w+)@corp$', value: 'not-an-email' },
    ])
    expect(mapped.credentialProblems).toEqual([
      expect.stringMatching(
        /^Credential mapping 1: The raw code 99999999999 does not fit the 26 bits/,
      ),
    ])
  })
})

function snapshot(users: GraphUser[], groups: Omit<ResolvedGroup, 'index'>[]): GraphSnapshot {
  return {
    users: new Map(users.map((u) => [u.id.toLowerCase(), u])),
    groups: groups.map((g, index) => ({ ...g, index })),
    photos: new Map(),
    unknownAttributes: [],
  }
}

describe('planSync', () => {
  const users = [1, 2, 3, 4].map((n) => ({
    id: id(n),
    userPrincipalName: `u${n}@contoso.onmicrosoft.com`,
    displayName: `User ${n}`,
    givenName: `User${n}`,
    employeeId: n === 4 ? '100002' : `10000${n}`,
  }))
  const groups = [
    { rule: { group: 'Staff', syncIdentities: true }, userIds: [id(1), id(2), id(4)] },
    { rule: { group: 'Guards', role: 'Security', syncIdentities: false }, userIds: [id(2), id(3)] },
  ]

  it('synchronizes the members of groups that sync identities, and plans role-only members for the role', () => {
    const plan = planSync(compiled({ groups: groups.map((g) => g.rule) }), snapshot(users, groups))
    expect(plan.users.map((u) => [u.user.id, u.synchronized, u.roles])).toEqual([
      [id(1), true, []],
      [id(2), true, ['Security']],
      [id(3), false, ['Security']],
      [id(4), true, []],
    ])
    expect(plan.roles).toEqual(new Map([['Security', [id(2), id(3)]]]))
  })

  it('synchronizes every user read with options.users: all', () => {
    const plan = planSync(compiled({ options: { users: 'all' } }), snapshot(users, []))
    expect(plan.users.filter((u) => u.synchronized)).toHaveLength(4)
  })

  it('refuses the later of two users sharing an External ID, and names it', () => {
    const mappings = compiled({
      groups: [{ group: 'Staff', syncIdentities: true }],
      identityMappings: [
        { field: 'externalId', attribute: 'employeeId' },
        { field: 'firstName', attribute: 'givenName' },
      ],
    })
    const plan = planSync(mappings, snapshot(users, [groups[0] as (typeof groups)[0]]))
    const [first, second, fourth] = plan.users
    expect(refusalsOf(first!, false)).toEqual([])
    expect(second?.duplicateOf).toBeUndefined()
    expect(fourth?.duplicateOf).toBe(id(2))
    expect(refusalsOf(fourth!, false)).toEqual([
      `External ID "100002" is also the External ID of user ${id(2)}, synchronized first.`,
    ])
    expect(entityOf(fourth!)).toBe('100002 (User4, u4@contoso.onmicrosoft.com)')
  })

  it('gives managers and pictures only when the management settings say so', () => {
    const base = { groups: [{ group: 'Staff', syncIdentities: true }] }
    const read = {
      ...snapshot([ADA], [{ rule: base.groups[0]!, userIds: [id(1)] }]),
      photos: new Map([[id(1), { contentType: 'image/jpeg', bytes: 3, base64: 'AAEC' }]]),
    }
    const off = planSync(compiled(base), read).users[0]
    expect(off?.manager).toBeUndefined()
    expect(off?.picture).toBeUndefined()
    const on = planSync(
      compiled({ ...base, management: { synchronizeManagers: true, synchronizePictures: true } }),
      read,
    ).users[0]
    expect(on?.manager).toEqual({ id: id(9), displayName: 'Charles Babbage' })
    expect(on?.picture).toEqual({
      kind: 'base64',
      bytes: 3,
      contentType: 'image/jpeg',
      data: 'AAEC',
    })
  })
})
