/**
 * The safety kit of a run against a REST API given by URL (the mock behind a URL-shaped target, no
 * network): read-only unless writes are allowed, cleanup after a rule that fails half-way, and a
 * dry run that sends nothing.
 */
import { describe, expect, it } from 'vitest'
import { runCommand } from '../../cli/commands/run.ts'
import { WRITES_REFUSED_REASON } from '../../driver/http/errors.ts'
import { RULES } from '../../rules/index.ts'
import { defineRestRule } from '../../rules/rest/define-rest.ts'
import { createRestIdentity } from '../../rules/rest/steps.ts'
import {
  captureIo,
  fakeDeployment,
  REST_CLIENT_ID,
  REST_ORIGIN,
  REST_SECRET,
} from '../../testing/suite-support.ts'
import { runConformance } from './run.ts'
import { runConformance as runLibrary } from '../harness.ts'

const REST_RULES = RULES.filter((rule) => rule.surface === 'rest')

const changes = (requests: readonly Request[]) =>
  requests
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.method} ${new URL(r.url).pathname}`)
    .filter((line) => !/connect\/token|searchservice/.test(line))

describe('a REST run against a deployment', () => {
  it('sends no write without allowWrites: write rules are skipped, read-only rules run', async () => {
    const deployment = fakeDeployment()
    const { report } = await runConformance({
      target: deployment.target({ rest: true, scim: false }),
      rules: REST_RULES,
      dialects: ['entra-flag'],
      seed: 1,
      runId: 'ro',
      allowWrites: false,
    })
    expect(changes(deployment.requests)).toEqual([])
    const byStatus = (status: string) => report.results.filter((r) => r.status === status)
    expect(byStatus('skipped').every((r) => r.reason === WRITES_REFUSED_REASON)).toBe(true)
    expect(byStatus('skipped').length).toBeGreaterThan(20)
    expect(byStatus('passed').map((r) => r.ruleId)).toEqual(
      expect.arrayContaining([
        'REST-TOKEN-001',
        'REST-TOKEN-004',
        'REST-TOKEN-010',
        'REST-LIST-002',
      ]),
    )
    expect(byStatus('failed')).toEqual([])
  })

  it('deletes what a rule created even when the rule fails half-way', async () => {
    const deployment = fakeDeployment()
    const halfWay = defineRestRule({
      id: 'REST-TEST-001',
      level: 'MUST',
      title: 'creates two identities, then breaks',
      profile: 'clearid',
      area: 'rest-test',
      tags: ['test'],
      sources: [{ kind: 'mock-choice', ref: 'test' }],
      fix: 'nothing to fix: a test rule',
      writes: true,
      check: async (ctx, rest) => {
        await createRestIdentity(ctx, rest)
        await createRestIdentity(ctx, rest)
        throw new Error('the check broke after creating')
      },
    })
    const { report, cleanup } = await runConformance({
      target: deployment.target({ rest: true }),
      rules: [halfWay],
      dialects: ['entra-flag'],
      seed: 1,
      runId: 'half',
      allowWrites: true,
    })
    expect(report.results[0]?.status).toBe('failed')
    expect(cleanup).toMatchObject({ created: 2, deleted: 2, failed: [] })
    expect(deployment.app.mock.store.count('acme', false)).toBe(0)
  })

  it('prints in a dry run every REST request it would send, and sends none', async () => {
    const deployment = fakeDeployment()
    const io = captureIo({ env: { CLEARID_CLIENT_SECRET: REST_SECRET }, fetch: deployment.fetch })
    const code = await runCommand(
      [
        '--rest-target',
        REST_ORIGIN,
        '--client-id',
        REST_CLIENT_ID,
        '--dry-run',
        '--allow-writes',
        '--rule',
        'REST-IDN-008',
      ],
      io,
    )
    expect(code).toBe(0)
    expect(deployment.requests).toEqual([])
    const out = io.out.join('')
    expect(out).toContain(`POST ${REST_ORIGIN}/sts/connect/token`)
    expect(out).toContain(`POST ${REST_ORIGIN}/identityservice/api/v2/accounts/acme/identities`)
    expect(out).toMatch(
      /DELETE https:\/\/clearid\.example\/identityservice\/api\/v2\/accounts\/acme\/identities\/[0-9a-f-]+/,
    )
    expect(io.text()).not.toContain(REST_SECRET)
  })

  it('runs from the library with only a REST API, read-only unless allowWrites', async () => {
    const deployment = fakeDeployment()
    const report = await runLibrary({
      target: {
        rest: { url: REST_ORIGIN, clientId: REST_CLIENT_ID, clientSecret: REST_SECRET },
        fetch: deployment.fetch,
      },
      rules: { ids: ['REST-TOKEN-001', 'REST-IDN-001', 'SRV-READ-001'] },
    })
    expect(report.results.map((r) => `${r.ruleId} ${r.status}`)).toEqual([
      'SRV-READ-001 not-applicable',
      'REST-TOKEN-001 passed',
      'REST-IDN-001 skipped',
    ])
    expect(changes(deployment.requests)).toEqual([])
    expect(JSON.stringify(report)).not.toContain(REST_SECRET)
  })

  it('does not pass the v3 list rule when the whole list came in one page', async () => {
    const deployment = fakeDeployment()
    const { report } = await runConformance({
      target: deployment.target({ rest: true, scim: false }),
      rules: REST_RULES.filter((rule) => rule.id === 'REST-LIST-001'),
      dialects: ['entra-flag'],
      seed: 1,
      runId: 'page',
      allowWrites: true,
    })
    expect(report.results[0]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^could not test: the whole list came in one page/),
    })
    // A MUST rule that could not be tested leaves the run incomplete, not passed.
    expect(report.summary.verdict).toBe('incomplete')
  })

  it('does not pass the problem-details rule when no probe got an error to judge', async () => {
    // Both probes answered 200: an API that finds "unknown" identities judges no error body.
    const deployment = fakeDeployment({}, (request) =>
      request.method === 'GET' && new URL(request.url).pathname.includes('/identities')
        ? Response.json({ identities: [] })
        : undefined,
    )
    const { report } = await runConformance({
      target: deployment.target({ rest: true, scim: false }),
      rules: REST_RULES.filter((rule) => rule.id === 'REST-ERR-001'),
      dialects: ['entra-flag'],
      seed: 1,
      runId: 'errs',
      allowWrites: false,
    })
    expect(report.results[0]).toMatchObject({
      status: 'skipped',
      reason:
        'could not test: no probe was answered with an error, so there was no error body to judge',
    })
    expect(report.results[0]?.findings.map((f) => f.severity)).toEqual(['info', 'info'])
  })
})
