/**
 * Every Graph rule passes on a clean source and trips on the problem it names, judged on
 * in-memory snapshots (the view `graph preview` builds from what it read).
 */
import { describe, expect, it } from 'vitest'
import { compileMappings } from '../model/graph/map-user.ts'
import { parseGraphConfig } from '../model/graph/parse-config.ts'
import { planSync, type ResolvedGroup } from '../model/graph/plan.ts'
import type { GraphUser } from '../model/graph/user-attributes.ts'
import type { GraphSourceView } from '../rules/graph/define.ts'
import { GRAPH_RULES } from '../rules/graph/index.ts'
import { FINDINGS_PER_RULE, judgeSource } from './rule-results.ts'

const EXT = 'extension_b2c0ffee00004000800000000000e0e0_cardNumber'
const ALL_ROLES = ['User.Read.All', 'Group.Read.All', 'Application.Read.All']
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

function user(n: number, props: Record<string, unknown> = {}): GraphUser {
  return {
    id: id(n),
    userPrincipalName: `u${n}@contoso.onmicrosoft.com`,
    displayName: `User ${n}`,
    givenName: `Given${n}`,
    surname: `Sur${n}`,
    mail: `u${n}@contoso.example`,
    employeeId: `10000${n}`,
    accountEnabled: true,
    country: 'DEU',
    jobTitle: 'Guard',
    [EXT]: '4242',
    ...props,
  }
}

const BASE = {
  groups: [{ group: 'Staff', syncIdentities: true }],
  identityMappings: [
    { field: 'externalId', attribute: 'employeeId' },
    { field: 'firstName', attribute: 'givenName' },
    { field: 'lastName', attribute: 'surname' },
    { field: 'email', attribute: 'mail' },
    { field: 'countryCode', attribute: 'country' },
    { field: 'active', attribute: 'accountEnabled' },
    {
      field: 'jobTitle',
      type: 'regex',
      attribute: 'jobTitle',
      pattern: '^(\\w+)$',
      replacement: '$1',
    },
  ],
  credentialMappings: [{ type: 'rawCode', format: 'standard26', attribute: EXT }],
}

interface Case {
  readonly json?: (json: Record<string, unknown>) => void
  readonly users?: GraphUser[]
  readonly groups?: Omit<ResolvedGroup, 'index'>[]
  readonly roles?: string[]
  readonly unknownAttributes?: string[]
}

function view(c: Case = {}): GraphSourceView {
  const json = JSON.parse(JSON.stringify(BASE)) as Record<string, unknown>
  c.json?.(json)
  const reading = parseGraphConfig(json)
  if (!reading.config) throw new Error(JSON.stringify(reading.problems))
  const users = c.users ?? [user(1), user(2), user(3)]
  const groups = c.groups ?? [
    {
      rule: reading.config.groups[0]!,
      group: { id: id(90), displayName: 'Staff' },
      userIds: users.map((u) => u.id),
    },
  ]
  const snapshot = {
    users: new Map(users.map((u) => [u.id.toLowerCase(), u])),
    groups: groups.map((g, index) => ({ ...g, index })),
    photos: new Map(),
    unknownAttributes: c.unknownAttributes ?? [],
  }
  return {
    config: reading.config,
    snapshot,
    plan: planSync(compileMappings(reading.config), snapshot),
    source: 'fake',
    roles: c.roles ?? ALL_ROLES,
  }
}

const statusOf = (v: GraphSourceView, ruleId: string) =>
  judgeSource(GRAPH_RULES, v).find((r) => r.ruleId === ruleId)

/** For every rule: what trips it, and a word its finding says. */
const TRIPS: Record<string, { case: Case; says: RegExp }> = {
  'GRAPH-CONN-001': { case: { roles: ['User.Read.All'] }, says: /Group\.Read\.All/ },
  'GRAPH-GRP-001': {
    case: {
      groups: [
        {
          rule: { group: 'Staff', syncIdentities: true },
          problem: 'groups[0]: no group is named "Staff".',
          userIds: [],
        },
      ],
    },
    says: /no group is named "Staff"/,
  },
  'GRAPH-GRP-002': {
    case: { json: (j) => (j.groups = [{ group: 'Staff', role: 'Guards' }]) },
    says: /No group synchronizes identities/,
  },
  'GRAPH-ID-001': {
    case: { users: [user(1), user(2, { employeeId: null })] },
    says: /externalId is required/,
  },
  'GRAPH-ID-002': {
    case: { users: [user(1), user(2, { employeeId: '100001' })] },
    says: /External ID "100001" is also user/,
  },
  'GRAPH-ID-003': {
    case: { users: [user(1, { givenName: null, surname: '' })] },
    says: /firstName or lastName/,
  },
  'GRAPH-ID-004': { case: { users: [user(1, { mail: 'ada-at-contoso' })] }, says: /e-mail|email/i },
  'GRAPH-ID-005': { case: { users: [user(1, { country: 'Germany' })] }, says: /countryCode/ },
  'GRAPH-ID-006': { case: { users: [user(1, { country: 'deu' })] }, says: /ISO 3166-1 alpha-3/ },
  'GRAPH-VAL-001': {
    case: { users: [user(1, { accountEnabled: 'sometimes' })] },
    says: /Status "sometimes"/,
  },
  'GRAPH-MAP-001': {
    case: { unknownAttributes: [EXT] },
    says: /no app of the tenant lists it/,
  },
  'GRAPH-MAP-002': {
    case: { users: [user(1, { jobTitle: 'Night Guard' })] },
    says: /does not match jobTitle "Night Guard"/,
  },
  'GRAPH-CRED-001': {
    case: { users: [user(1, { [EXT]: '99999999' })] },
    says: /does not fit the 26 bits/,
  },
  'GRAPH-ROLE-001': {
    case: {
      json: (j) =>
        (j.groups = [
          { group: 'Staff', syncIdentities: true },
          { group: 'Guards', role: 'Security' },
        ]),
      groups: [
        { rule: { group: 'Staff', syncIdentities: true }, userIds: [id(1)] },
        {
          rule: { group: 'Guards', role: 'Security', syncIdentities: false },
          userIds: [id(1), id(2)],
        },
      ],
    },
    says: /in no group this configuration synchronizes/,
  },
}

describe('the Graph rules', () => {
  it('pass on a clean source (none fails, the not applicable say why)', () => {
    const results = judgeSource(GRAPH_RULES, view())
    expect(results.filter((r) => r.status === 'failed')).toEqual([])
    for (const r of results.filter((r) => r.status === 'not-applicable'))
      expect(r.reason?.length).toBeGreaterThan(10)
  })

  it('each has a case that trips it', () => {
    expect(Object.keys(TRIPS).sort()).toEqual(GRAPH_RULES.map((r) => r.id).sort())
  })

  it.each(Object.entries(TRIPS))('%s trips on its problem', (ruleId, trip) => {
    const result = statusOf(view(trip.case), ruleId)
    expect(result?.status).toBe('failed')
    expect(result?.findings.map((f) => f.message).join('\n')).toMatch(trip.says)
  })

  it('lists the first findings of a rule and counts the rest', () => {
    const users = Array.from({ length: 30 }, (_, n) => user(n, { mail: 'bad' }))
    const result = statusOf(view({ users }), 'GRAPH-ID-004')
    expect(result?.findings).toHaveLength(FINDINGS_PER_RULE + 1)
    expect(result?.findings.at(-1)?.message).toBe(
      '10 more findings like these (the first 20 are listed).',
    )
  })

  it('does not judge permissions of an export file, read without the tenant’s token', () => {
    const { roles: _roles, ...exported } = view({ roles: [] })
    expect(statusOf({ ...exported, source: 'export' }, 'GRAPH-CONN-001')?.status).toBe(
      'not-applicable',
    )
  })
})
