import { describe, expect, it } from 'vitest'
import { TestData } from '../../fixtures/test-data.ts'
import { EntraClient } from '../../driver/entra/client.ts'
import { TransportError, WritesRefusedError } from '../../driver/http/errors.ts'
import type { ScimHttp } from '../../driver/http/types.ts'
import type { Finding } from '../../model/rule.ts'
import type { ServerCheckContext } from './context.ts'
import { defineServerRule } from './define.ts'
import { setupFailed } from './findings.ts'

function context(http: ScimHttp): ServerCheckContext {
  return {
    ruleId: 'SRV-TEST-001',
    dialect: 'entra-default',
    http,
    entra: new EntraClient(http, 'entra-default'),
    data: new TestData(1, 'test', 'SRV-TEST-001'),
    discovery: {},
    target: { kind: 'in-process', hasOtherAccount: false },
    outcome: {},
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

  it('turns a failed setup step into its finding', async () => {
    const findings = await rule(async () => setupFailed('could not create')).check(context(http))
    expect(findings[0]?.message).toBe('could not create')
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
