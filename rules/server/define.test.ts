import { Findings } from './findings.ts'
import { FilterSupport } from './filter-support.ts'
import { describe, expect, it } from 'vitest'
import { TestData } from '../../fixtures/test-data.ts'
import { EntraClient } from '../../driver/entra/client.ts'
import { TransportError, WritesRefusedError } from '../../driver/http/errors.ts'
import type { ScimHttp } from '../../driver/http/types.ts'
import type { Finding } from '../../model/rule.ts'
import type { ServerCheckContext } from './context.ts'
import { defineServerRule } from './define.ts'
import { setupFailed } from './check-stops.ts'

function context(http: ScimHttp): ServerCheckContext {
  return {
    ruleId: 'SRV-TEST-001',
    dialect: 'entra-default',
    http,
    entra: new EntraClient(http, 'entra-default'),
    data: new TestData(1, 'test', 'SRV-TEST-001'),
    discovery: {},
    target: { kind: 'in-process', scim: true, hasOtherAccount: false },
    outcome: {},
    findings: new Findings(),
    filterSupport: new FilterSupport(),
  }
}

const rule = (check: (ctx: ServerCheckContext) => Promise<readonly Finding[]>) =>
  defineServerRule({
    id: 'SRV-TEST-001',
    level: 'MUST',
    title: 'test rule',
    profile: 'rfc',
    area: 'test',
    tags: ['test'],
    sources: [{ kind: 'rfc', ref: 'RFC 7644' }],
    fix: 'nothing',
    writes: false,
    check,
  })

const http: ScimHttp = { send: () => Promise.reject(new Error('unused')) }

describe('defineServerRule', () => {
  it('turns an unexpected exception into an error finding instead of throwing', async () => {
    const findings = await rule(() => Promise.reject(new Error('boom'))).check(context(http))
    expect(findings).toEqual([{ severity: 'error', message: expect.stringContaining('boom') }])
  })

  it('turns a failed setup step into a finding that names the step', async () => {
    const findings = await rule(async () => setupFailed('create', 'could not create')).check(
      context(http),
    )
    expect(findings[0]?.message).toBe('The check stopped at the step "create": could not create')
  })

  it('keeps the findings recorded before the step that stopped the check', async () => {
    const findings = await rule(async (ctx) => {
      ctx.findings.error('the first write was wrong')
      ctx.findings.warning('and this was odd')
      return setupFailed('read back', 'HTTP 404')
    }).check(context(http))
    expect(findings.map((finding) => finding.message)).toEqual([
      'the first write was wrong',
      'and this was odd',
      'The check stopped at the step "read back": HTTP 404',
    ])
  })

  it('keeps them when no answer arrives either', async () => {
    const exchange = { request: { method: 'GET', url: 'http://x/Users', headers: {} }, error: 'x' }
    const findings = await rule(async (ctx) => {
      ctx.findings.error('seen before')
      throw new TransportError('refused', exchange)
    }).check(context(http))
    expect(findings.map((finding) => finding.severity)).toEqual(['error', 'error'])
    expect(findings[0]?.message).toBe('seen before')
  })

  it('marks the rule skipped when the harness refuses to send', async () => {
    const ctx = context(http)
    const findings = await rule(() => Promise.reject(new WritesRefusedError())).check(ctx)
    expect(findings).toEqual([])
    expect(ctx.outcome.skipped).toMatch(/--allow-writes/)
  })

  it('reports a missing answer with the exchange', async () => {
    const exchange = {
      request: { method: 'GET', url: 'http://x/Users', headers: {} },
      error: 'ECONNREFUSED',
    }
    const findings = await rule(() =>
      Promise.reject(new TransportError('refused', exchange)),
    ).check(context(http))
    expect(findings[0]).toMatchObject({ severity: 'error', exchange })
  })
})
