import { describe, expect, it } from 'vitest'
import type { RuleResult } from '../../reports/model.ts'
import { scripted, type ScriptedClient } from '../../testing/client-rules.ts'
import { userBody } from '../../testing/client-users.ts'

const USER = userBody(1)
const USER_NAME = String(USER.userName)

const lookup = (c: ScriptedClient) => c.lookup('userName', USER_NAME)
const create = (c: ScriptedClient, headers: Record<string, string> = {}) =>
  c.send('POST', '/Users', USER, { headers })

function ids(failed: Map<string, RuleResult>): string[] {
  return [...failed.keys()].sort()
}

function infos(result: RuleResult | undefined): string[] {
  return (result?.findings ?? []).filter((f) => f.severity === 'info').map((f) => f.message)
}

describe('Retry-After', () => {
  const faults = [{ route: 'POST /Users', status: 429, retryAfter: 2, next: 1 }]

  it('flags a retry sooner than Retry-After, once', async () => {
    const { client, failing } = scripted({ faults })
    await lookup(client)
    expect((await create(client)).status).toBe(429)
    client.sleep(300)
    expect((await create(client)).status).toBe(201)
    await client.lookup('userName', 'someone-else')
    const failed = failing()
    expect(ids(failed)).toEqual(['CLI-RETRY-001'])
    const [finding] = failed.get('CLI-RETRY-001')?.findings ?? []
    expect(finding?.message).toMatch(/0\.300 s after a 429 that asked to wait 2\.0 s/)
    expect(finding?.exchange?.request.method).toBe('POST')
  })

  it('passes a client that waits, and records how it recovered', async () => {
    const { client, failing, report } = scripted({ faults })
    await lookup(client)
    await create(client)
    client.sleep(2000)
    expect((await create(client)).status).toBe(201)
    expect(ids(failing())).toEqual([])
    const retried = report().results.find((r) => r.ruleId === 'CLI-RETRY-002')
    expect(infos(retried)).toEqual([
      expect.stringMatching(
        /failed with 429 \(fault f1\); retried, answered 201 on attempt 2, 2\.0 s later/,
      ),
    ])
  })
})

describe('401', () => {
  it('flags a refused key once and hammering once', async () => {
    const { client, failing } = scripted()
    for (let i = 0; i < 7; i++)
      await client.send('GET', '/Users?filter=userName+eq+%22a%22', undefined, {
        key: 'wrong-key-12345678',
      })
    const failed = failing()
    expect(ids(failed)).toEqual(['CLI-AUTH-001', 'CLI-AUTH-002'])
    expect(failed.get('CLI-AUTH-001')?.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/not accept \(401\).*seen in 7 exchanges/),
    ])
    expect(failed.get('CLI-AUTH-002')?.findings).toHaveLength(1)
  })

  it('does not call four refused requests hammering', async () => {
    const { client, failing } = scripted()
    for (let i = 0; i < 4; i++)
      await client.send('GET', '/ServiceProviderConfig', undefined, { key: null })
    expect(ids(failing())).toEqual(['CLI-AUTH-001'])
  })
})

describe('retries after 5xx and dropped connections', () => {
  it('flags an immediate retry', async () => {
    const { client, failing } = scripted({
      faults: [{ route: 'POST /Users', status: 503, next: 1 }],
    })
    await lookup(client)
    await create(client)
    await create(client)
    const failed = failing()
    expect(ids(failed)).toEqual(['CLI-RETRY-003'])
    expect(failed.get('CLI-RETRY-003')?.findings[0]?.message).toMatch(
      /retried 0\.000 s after it failed with 503/,
    )
  })

  it('flags retries that do not back off, and passes growing waits', async () => {
    const flat = scripted({ faults: [{ route: 'POST /Users', status: 500, next: 2 }] })
    await lookup(flat.client)
    for (const wait of [0, 400, 400]) {
      flat.client.sleep(wait)
      await create(flat.client)
    }
    expect(ids(flat.failing())).toEqual(['CLI-RETRY-003'])
    expect(flat.failing().get('CLI-RETRY-003')?.findings[0]?.message).toMatch(
      /no longer than the wait before/,
    )

    const growing = scripted({ faults: [{ route: 'POST /Users', status: 500, next: 2 }] })
    await lookup(growing.client)
    for (const wait of [0, 400, 800]) {
      growing.client.sleep(wait)
      await create(growing.client)
    }
    expect(ids(growing.failing())).toEqual([])
  })

  it('flags a write given up after a 503', async () => {
    const { client, failing } = scripted({
      faults: [{ route: 'POST /Users', status: 503, next: 1 }],
    })
    await lookup(client)
    await create(client)
    const failed = failing()
    expect(ids(failed)).toEqual(['CLI-RETRY-002'])
    expect(failed.get('CLI-RETRY-002')?.findings[0]?.message).toMatch(
      /failed with 503 \(fault f1\) and was not retried/,
    )
  })

  it('survives a connection reset with a retry after back-off', async () => {
    const { client, failing, report } = scripted()
    await lookup(client)
    await expect(create(client, { 'X-Mock-Fault': 'reset' })).rejects.toThrow(TypeError)
    client.sleep(500)
    expect((await create(client)).status).toBe(201)
    expect(ids(failing())).toEqual([])
    expect(infos(report().results.find((r) => r.ruleId === 'CLI-RETRY-002'))).toHaveLength(1)
  })
})

describe('SCIM-specific traps', () => {
  it('flags a client that treats a 409 on a create that succeeded as final', async () => {
    const { client, failing } = scripted({ faults: [{ conflictAfterSuccess: true, next: 1 }] })
    await lookup(client)
    expect((await create(client)).status).toBe(409)
    const failed = failing()
    expect(ids(failed)).toEqual(['CLI-RETRY-004'])
    expect(failed.get('CLI-RETRY-004')?.findings[0]?.message).toMatch(
      /did not look the identity up/,
    )
  })

  it('passes a client that looks the user up after that 409', async () => {
    const { client, failing } = scripted({ faults: [{ conflictAfterSuccess: true, next: 1 }] })
    await lookup(client)
    await create(client)
    const found = await lookup(client)
    expect(found.body.totalResults).toBe(1)
    expect(ids(failing())).toEqual([])
  })

  it('flags re-creating a user after a 404 straight after its create', async () => {
    const { client, failing } = scripted({ faults: [{ notFoundAfterCreate: 60_000, next: 1 }] })
    await lookup(client)
    const created = await create(client)
    expect((await client.send('GET', `/Users/${created.body.id}`)).status).toBe(404)
    expect((await create(client)).status).toBe(409)
    const failed = failing()
    expect(ids(failed)).toEqual(['CLI-RETRY-005'])
    expect(failed.get('CLI-RETRY-005')?.findings[0]?.exchange?.request.method).toBe('POST')
  })

  it('passes a client that reads again after that 404', async () => {
    const { client, failing } = scripted({ faults: [{ notFoundAfterCreate: 60_000, next: 1 }] })
    await lookup(client)
    const created = await create(client)
    await client.send('GET', `/Users/${created.body.id}`)
    client.sleep(1000)
    expect((await client.send('GET', `/Users/${created.body.id}`)).status).toBe(200)
    expect(ids(failing())).toEqual([])
  })
})
