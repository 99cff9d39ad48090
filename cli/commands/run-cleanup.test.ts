import { describe, expect, it } from 'vitest'
import type { CleanupOutcome } from '../../suites/runner/cleanup.ts'
import { ABANDONED_ERROR } from '../../suites/runner/cleanup.ts'
import { describeCleanup, shellWord } from './run-cleanup.ts'

const KEY = 'cleanup-key-0123456789'
const target = {
  kind: 'url' as const,
  main: { baseUrl: 'https://scim.example/scim/v2/accounts/acme', key: KEY },
}
const left = (n: number, error = ABANDONED_ERROR) =>
  Array.from({ length: n }, (_, i) => ({
    path: `/Users/id-${i}`,
    id: `id-${i}`,
    account: 'main' as const,
    userName: `cc-r1-user-${i}`,
    error,
  }))

const abandoned: CleanupOutcome = {
  created: 10,
  deletedByRules: 0,
  deleted: 7,
  failed: left(3),
  unanswered: 0,
  abandoned: true,
}

describe('describeCleanup', () => {
  it('lists what an abandoned cleanup left, and the sweep with the target and run id', () => {
    const text = describeCleanup(abandoned, { target, runId: 'r1' })
    expect(text).toContain(
      'Cleanup: 10 identities created, 0 deleted by the rules, 7 deleted now, 3 left over.',
    )
    expect(text).toContain('Cleanup was abandoned')
    expect(text).toContain('  /Users/id-0 (cc-r1-user-0)\n')
    expect(text).toContain(
      '  clearid-conformance sweep --target https://scim.example/scim/v2/accounts/acme --run-id r1 --older-than 0\n',
    )
    expect(text).not.toContain(KEY)
    expect(text).not.toContain(ABANDONED_ERROR)
  })

  it('names the second account when something is left there', () => {
    const failed = [...left(1), { ...left(1)[0]!, account: 'other' as const }]
    const text = describeCleanup(
      { ...abandoned, failed },
      {
        target: { ...target, other: { baseUrl: 'https://scim.example/b', key: 'x' } },
        runId: 'r1',
      },
    )
    expect(text).toContain('sweep --target https://scim.example/b --run-id r1')
  })

  it('stops listing past 50 and points at the report', () => {
    const text = describeCleanup({ ...abandoned, failed: left(60) }, { target, runId: 'r1' })
    expect(text).toContain('/Users/id-49 ')
    expect(text).not.toContain('/Users/id-50 ')
    expect(text).toContain('…and 10 more')
  })

  it('gives no sweep for the in-process mock, and keeps a server error on its line', () => {
    const text = describeCleanup(
      { ...abandoned, abandoned: false, failed: left(1, 'HTTP 500 nope') },
      { target: { ...target, kind: 'in-process' }, runId: 'r1' },
    )
    expect(text).toContain('/Users/id-0 (cc-r1-user-0): HTTP 500 nope')
    expect(text).not.toContain('sweep')
  })

  it('quotes a URL a shell would split', () => {
    expect(shellWord('https://h/scim?tenant=a&b=c')).toBe(`'https://h/scim?tenant=a&b=c'`)
    expect(shellWord("it's")).toBe(`'it'\\''s'`)
    expect(shellWord('https://h/scim/v2')).toBe('https://h/scim/v2')
  })
})

describe('describeCleanup with the REST API', () => {
  const rest = {
    endpoints: {
      sts: 'https://sts-demo.clearid.io',
      identity: 'https://identityservice-demo.clearid.io',
      search: 'https://searchservice-demo.clearid.io',
      accountId: 'acme',
    },
    credentials: { clientId: 'guid-1:acme', clientSecret: 'cleanup-secret-0123456789' },
  }
  const restLeft = {
    path: 'identityservice/api/v2/accounts/acme/identities/id-9',
    id: 'id-9',
    account: 'main' as const,
    userName: 'cc-r1-9',
    status: 500,
  }

  it('names the REST sweep for identities the REST cleanup left, and only that', () => {
    const text = describeCleanup(
      { ...abandoned, abandoned: false, failed: [restLeft] },
      { target: { kind: 'url', rest }, runId: 'r1' },
    )
    expect(text).toContain(
      'identityservice/api/v2/accounts/acme/identities/id-9 (cc-r1-9): HTTP 500',
    )
    expect(text).toContain(
      "  clearid-conformance sweep --rest-target 'https://{service}-demo.clearid.io' --client-id guid-1:acme --run-id r1 --older-than 0\n",
    )
    expect(text).not.toContain('--target https')
    expect(text).not.toContain('cleanup-secret')
  })

  it('names both sweeps when both doors left something', () => {
    const text = describeCleanup(
      { ...abandoned, abandoned: false, failed: [...left(1, 'HTTP 500'), restLeft] },
      {
        target: {
          ...target,
          rest: {
            ...rest,
            endpoints: { ...rest.endpoints, identity: 'http://127.0.0.1:8080/identityservice' },
          },
        },
        runId: 'r1',
      },
    )
    expect(text).toContain('sweep --target https://scim.example/scim/v2/accounts/acme --run-id r1')
    expect(text).toContain(
      'sweep --rest-target http://127.0.0.1:8080 --client-id guid-1:acme --run-id r1',
    )
  })
})
