import { describe, expect, it } from 'vitest'
import { carriesTag, controlProblem, kindOf } from './rest-guard.ts'

const ITEMS = '/api/v2/accounts/demo/identities'

describe('kindOf: what a REST request may change', () => {
  it('counts token requests and searches as reads, whatever their method', () => {
    expect(kindOf('sts', 'POST', '/connect/token')).toEqual({ kind: 'read' })
    expect(kindOf('search', 'POST', '/api/v1/accounts/demo/identities')).toEqual({ kind: 'read' })
    expect(kindOf('identity', 'GET', `${ITEMS}?externalId=x`)).toEqual({ kind: 'read' })
  })

  it('counts an identity POST as a create, and every other change as a write', () => {
    expect(kindOf('identity', 'POST', ITEMS)).toEqual({ kind: 'create', via: 'rest' })
    expect(kindOf('identity', 'post', `${ITEMS}/?x=1`)).toEqual({ kind: 'create', via: 'rest' })
    expect(kindOf('mock', 'POST', '/scim/v2/accounts/cc-r1-keys/Users')).toEqual({
      kind: 'create',
      via: 'scim',
    })
    for (const method of ['PATCH', 'PUT', 'DELETE'])
      expect(kindOf('identity', method, `${ITEMS}/1`)).toEqual({ kind: 'write' })
    expect(kindOf('control', 'POST', '/webhooks/drain')).toEqual({ kind: 'write' })
  })
})

describe('carriesTag: every identity a run creates is findable by sweep', () => {
  it('finds the tag in systemData.externalId or firstName, member names in any case', () => {
    const tag = 'cc-r1-'
    expect(carriesTag('rest', JSON.stringify({ systemData: { externalId: 'cc-r1-7' } }), tag)).toBe(
      true,
    )
    expect(carriesTag('rest', JSON.stringify({ SystemData: { EXTERNALID: 'cc-r1-7' } }), tag)).toBe(
      true,
    )
    expect(carriesTag('rest', JSON.stringify({ firstName: 'cc-r1-Ada' }), tag)).toBe(true)
    expect(carriesTag('rest', JSON.stringify({ systemData: { externalId: 'cc-r2-7' } }), tag)).toBe(
      false,
    )
    expect(carriesTag('rest', JSON.stringify({ firstName: 'Ada', lastName: 'cc-r1-x' }), tag)).toBe(
      false,
    )
    expect(carriesTag('scim', JSON.stringify({ userName: 'cc-r1-u@x' }), tag)).toBe(true)
    expect(carriesTag('scim', JSON.stringify({ userName: 'ada@x' }), tag)).toBe(false)
  })

  it('lets a body through that no server could store: not JSON, or not an object', () => {
    expect(carriesTag('rest', '{"broken', 'cc-r1-')).toBe(true)
    expect(carriesTag('rest', '[{"op":"add"}]', 'cc-r1-')).toBe(true)
  })
})

describe('controlProblem: what a run may change on the control plane', () => {
  const owned = {
    mainAccount: 'demo',
    scratchPrefix: 'cc-r1-',
    webhooks: new Set(['w1']),
    integrations: new Set(['i1']),
  }
  const problem = (method: string, path: string, body?: unknown) =>
    controlProblem(method, path, owned, body)

  it('lets it create scratch accounts of its own and do anything inside them', () => {
    expect(problem('POST', '/accounts', { accountId: 'cc-r1-keys' })).toBeUndefined()
    expect(problem('POST', '/accounts/cc-r1-keys/scim/key')).toBeUndefined()
    expect(problem('POST', '/accounts/cc-r1-keys/scim/reset')).toBeUndefined()
    expect(problem('DELETE', '/accounts/cc-r1-keys/identities')).toBeUndefined()
  })

  it('lets it add webhooks and integrations to the main account and change only its own', () => {
    expect(problem('POST', '/accounts/demo/webhooks')).toBeUndefined()
    expect(problem('DELETE', '/accounts/demo/webhooks/w1')).toBeUndefined()
    expect(problem('POST', '/accounts/demo/integrations/i1/key')).toBeUndefined()
    expect(problem('DELETE', '/accounts/demo/webhooks/w2')).toMatch(/not created by this run/)
    expect(problem('POST', '/accounts/demo/integrations/i2/key')).toMatch(/not created by this run/)
  })

  it('never resets, clears or re-keys the account the other rules share, nor touches another', () => {
    expect(problem('POST', '/accounts/demo/scim/key')).toMatch(/only webhooks and API integrations/)
    expect(problem('POST', '/accounts/demo/scim/reset')).toMatch(/only webhooks/)
    expect(problem('DELETE', '/accounts/demo/identities')).toMatch(/only webhooks/)
    expect(problem('POST', '/accounts/other/webhooks')).toMatch(/not this run's/)
    expect(problem('POST', '/accounts', { accountId: 'victim' })).toMatch(/cc-r1-/)
  })

  it('reads anything', () => {
    expect(problem('GET', '/accounts/other/log')).toBeUndefined()
  })
})
