import { describe, expect, it } from 'vitest'
import { patchUserBody } from '../../driver/entra/requests.ts'
import { validateReport } from '../../reports/validate.ts'
import { CLIENT_RULES } from './index.ts'
import { scripted, type ScriptedClient } from '../../testing/client-rules.ts'
import {
  CORE,
  EXT,
  createFakerUser,
  patchBody,
  userBody,
  withExtension,
} from '../../testing/client-users.ts'
import type { TestResponse } from '../../mock-server/test/test-response.ts'

/** Lookup then create, as Entra does; returns the created user's id. */
async function provision(client: ScriptedClient, body: Record<string, unknown>): Promise<string> {
  await client.lookup('userName', String(body.userName))
  const created = await client.send('POST', '/Users', body)
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body.id as string
}

describe('client rule catalogue', () => {
  it('has unique CLI- ids, client side, and a fix and source for every rule', () => {
    const ids = CLIENT_RULES.map((rule) => rule.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const rule of CLIENT_RULES) {
      expect(rule.id).toMatch(/^CLI-[A-Z]+-\d{3}$/)
      expect(rule.side).toBe('client')
      expect(rule.fix.length).toBeGreaterThan(20)
      expect(rule.sources.length).toBeGreaterThan(0)
    }
  })

  it('never throws: a check that fails becomes an info finding', () => {
    const weird = { seq: 1, request: {} } as never
    for (const rule of CLIENT_RULES) expect(() => rule.check(weird, [])).not.toThrow()
  })
})

describe('a correct entra-flag client', () => {
  it('gets a clean, schema-valid report with verdict pass', async () => {
    const { client, report } = scripted()
    // Test Connection: a random-GUID lookup and the /Groups probe.
    await client.lookup('userName', '0b7f3f46-7ba1-4c1d-9d0e-31a8e1b3f0aa')
    await client.send('GET', '/Groups?excludedAttributes=members&filter=displayName+eq+%22probe%22')
    const ids: string[] = []
    for (const seq of [1, 2, 3]) ids.push(await provision(client, userBody(seq)))
    const [first = '', second = '', third = ''] = ids
    // Incremental cycle: read, then PATCH the difference (the flag's path-less dialect).
    await client.send('GET', `/Users/${first}`)
    const change = patchUserBody(
      [
        { attribute: 'jobTitle', value: 'Principal Engineer', op: 'replace' },
        { attribute: 'displayName', value: 'Renamed Person', op: 'replace' },
      ],
      'entra-flag',
    )
    expect((await client.send('PATCH', `/Users/${first}`, change)).status).toBe(200)
    // Disable, re-enable, hard delete.
    const disable = patchUserBody(
      [{ attribute: 'active', value: false, op: 'replace' }],
      'entra-flag',
    )
    expect((await client.send('PATCH', `/Users/${second}`, disable)).status).toBe(200)
    expect((await client.send('DELETE', `/Users/${third}`)).status).toBe(204)

    const result = report()
    expect(validateReport(JSON.parse(JSON.stringify(result))).ok).toBe(true)
    expect(result.run.judged).toBe('client')
    expect(result.run.target.kind).toBe('mock-audit')
    const noisy = result.results.filter((r) => r.findings.length > 0)
    expect(noisy.map((r) => `${r.ruleId}: ${r.findings[0]?.message}`)).toEqual([])
    expect(result.summary.verdict).toBe('pass')
  })
})

interface FlawCase {
  readonly flaw: string
  readonly rule: string
  /** `METHOD path-start` of the request the finding must carry. */
  readonly request: string
  readonly script: (client: ScriptedClient) => Promise<unknown>
  /** Other rules this flaw legitimately also fails (a distinct flaw shown by the same traffic). */
  readonly also?: readonly string[]
}

const patchOp = (op: string, path: string, value?: unknown) => ({
  op,
  path,
  ...(value !== undefined && { value }),
})

async function created(client: ScriptedClient, seq = 1): Promise<string> {
  return provision(client, userBody(seq))
}

const FLAWS: readonly FlawCase[] = [
  {
    flaw: 'extension booleans sent as strings (flag off)',
    rule: 'CLI-ATTR-001',
    request: 'POST /Users',
    script: async (c) => {
      const body = withExtension(userBody(1), { hasExtendedTime: 'True' })
      await c.lookup('userName', String(body.userName))
      await c.send('POST', '/Users', body)
    },
  },
  {
    flaw: 'countryCode not three letters',
    rule: 'CLI-ATTR-003',
    request: 'POST /Users',
    script: (c) => provisionRaw(c, withExtension(userBody(1), { countryCode: 'DE' })),
  },
  {
    flaw: 'countryCode three letters but not ISO',
    rule: 'CLI-ATTR-004',
    request: 'POST /Users',
    script: (c) => provisionRaw(c, withExtension(userBody(1), { countryCode: 'GER' })),
  },
  {
    flaw: 'displayName missing',
    rule: 'CLI-CREATE-002',
    request: 'POST /Users',
    script: (c) => provisionRaw(c, { ...userBody(1), displayName: undefined }),
  },
  {
    flaw: 'userName missing',
    rule: 'CLI-CREATE-001',
    request: 'POST /Users',
    script: (c) => c.send('POST', '/Users', { ...userBody(1), userName: undefined }),
  },
  {
    flaw: 'extension externalId missing',
    rule: 'CLI-CREATE-003',
    request: 'POST /Users',
    script: (c) => provisionRaw(c, withExtension(userBody(1), { externalId: undefined })),
  },
  {
    flaw: 'neither firstName nor lastName',
    rule: 'CLI-CREATE-004',
    request: 'POST /Users',
    script: (c) =>
      provisionRaw(c, withExtension(userBody(1), { firstName: undefined, lastName: undefined })),
  },
  {
    flaw: 'no schemas',
    rule: 'CLI-CREATE-005',
    request: 'POST /Users',
    script: (c) => provisionRaw(c, { ...userBody(1), schemas: undefined }),
  },
  {
    flaw: 'core externalId used instead of the extension one',
    rule: 'CLI-ATTR-006',
    request: 'POST /Users',
    script: (c) => {
      const body = withExtension(userBody(1), { externalId: undefined })
      return provisionRaw(c, { ...body, externalId: 'objectid-1234' })
    },
  },
  {
    flaw: 'unsupported attribute mapped',
    rule: 'CLI-ATTR-007',
    request: 'POST /Users',
    script: (c) => provisionRaw(c, withExtension(userBody(1), { birthday: '1990-01-01' })),
  },
  {
    flaw: 'invalid e-mail',
    rule: 'CLI-ATTR-005',
    request: 'POST /Users',
    script: (c) => provisionRaw(c, withExtension(userBody(1), { email: 'not-an-address' })),
  },
  {
    flaw: 'string attribute sent as a number',
    rule: 'CLI-ATTR-008',
    request: 'POST /Users',
    script: (c) => provisionRaw(c, withExtension(userBody(1), { zipCode: 12345 })),
  },
  {
    flaw: 'group provisioning attempted',
    rule: 'CLI-GROUP-001',
    request: 'POST /Groups',
    script: (c) =>
      c.send('POST', '/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Staff',
      }),
  },
  {
    flaw: 'wrong content type',
    rule: 'CLI-HTTP-001',
    request: 'POST /Users',
    script: (c) => c.send('POST', '/Users', userBody(1), { contentType: 'text/plain' }),
  },
  {
    flaw: 'application/json instead of application/scim+json',
    rule: 'CLI-HTTP-002',
    request: 'POST /Users',
    script: async (c) => {
      await c.lookup('userName', String(userBody(1).userName))
      await c.send('POST', '/Users', userBody(1), { contentType: 'application/json' })
    },
  },
  {
    flaw: 'malformed JSON',
    rule: 'CLI-HTTP-003',
    request: 'POST /Users',
    script: (c) => c.send('POST', '/Users', undefined, { raw: '{"userName": "a",' }),
  },
  {
    flaw: 'resource path not under the Tenant URL',
    rule: 'CLI-HTTP-004',
    request: 'GET /users',
    script: (c) => c.send('GET', '/users?filter=userName+eq+%22a%22'),
  },
  {
    flaw: 'lookup on an attribute that is not a matching attribute',
    rule: 'CLI-FILTER-002',
    request: 'GET /Users',
    script: (c) => c.send('GET', '/Users?filter=displayName+eq+%22Ada%20Lovelace%22'),
  },
  {
    flaw: 'co on userName',
    rule: 'CLI-FILTER-003',
    request: 'GET /Users',
    script: (c) => c.send('GET', '/Users?filter=userName+co+%22ada%22'),
  },
  {
    flaw: 'unparseable filter',
    rule: 'CLI-FILTER-001',
    request: 'GET /Users',
    script: (c) => c.send('GET', '/Users?filter=userName+eq'),
  },
  {
    flaw: 'capitalised PATCH ops',
    rule: 'CLI-PATCH-002',
    request: 'PATCH /Users/',
    script: async (c) => {
      const id = await created(c)
      await c.send(
        'PATCH',
        `/Users/${id}`,
        patchBody(patchOp('Replace', `${EXT}:jobTitle`, 'Chief')),
      )
    },
  },
  {
    flaw: 'active as a string in a PATCH',
    rule: 'CLI-ATTR-002',
    request: 'PATCH /Users/',
    script: async (c) => {
      const id = await created(c)
      await c.send('PATCH', `/Users/${id}`, patchBody(patchOp('replace', 'active', 'False')))
    },
  },
  {
    flaw: 'empty Operations',
    rule: 'CLI-PATCH-003',
    request: 'PATCH /Users/',
    script: async (c) => {
      const id = await created(c)
      await c.send('PATCH', `/Users/${id}`, patchBody())
    },
  },
  {
    flaw: 'filtered path on a multi-valued attribute ClearID lacks',
    rule: 'CLI-PATCH-004',
    request: 'PATCH /Users/',
    script: async (c) => {
      const id = await created(c)
      await c.send(
        'PATCH',
        `/Users/${id}`,
        patchBody(patchOp('replace', 'emails[type eq "work"].value', 'a@b.example')),
      )
    },
  },
  {
    flaw: 'unknown PATCH op',
    rule: 'CLI-PATCH-001',
    request: 'PATCH /Users/',
    script: async (c) => {
      const id = await created(c)
      await c.send('PATCH', `/Users/${id}`, patchBody(patchOp('update', 'displayName', 'X')))
    },
  },
  {
    flaw: 'repeat cycle re-sending unchanged values',
    rule: 'CLI-PATCH-005',
    request: 'PATCH /Users/',
    script: async (c) => {
      const id = await created(c)
      const same = patchBody(patchOp('replace', 'displayName', String(userBody(1).displayName)))
      await c.send('PATCH', `/Users/${id}`, same)
    },
  },
  {
    flaw: 'creating a user a lookup would have found',
    rule: 'CLI-SYNC-001',
    request: 'POST /Users',
    script: async (c) => {
      // An earlier cycle created the user without a lookup (that one succeeded) …
      await c.send('POST', '/Users', userBody(1))
      // … and the next cycle creates it again, still without looking it up.
      await c.send('POST', '/Users', userBody(1))
    },
  },
]

async function provisionRaw(
  client: ScriptedClient,
  body: Record<string, unknown>,
): Promise<TestResponse> {
  await client.lookup('userName', String(body.userName ?? 'nobody'))
  return client.send('POST', '/Users', JSON.parse(JSON.stringify(body)))
}

describe('a client with one known flaw', () => {
  it.each(FLAWS)('$flaw is reported once by $rule, with the request', async (flaw) => {
    const { client, failing } = scripted()
    await flaw.script(client)
    const failed = failing()
    expect([...failed.keys()].sort()).toEqual([flaw.rule, ...(flaw.also ?? [])].sort())
    const result = failed.get(flaw.rule)
    const findings = result?.findings.filter((f) => f.severity !== 'info') ?? []
    expect(findings).toHaveLength(1)
    const [method = '', path = ''] = flaw.request.split(' ')
    const request = findings[0]?.exchange?.request
    expect(request?.method).toBe(method)
    expect(new URL(request?.url ?? 'http://x').pathname).toContain(`/scim/v2/accounts/acme${path}`)
    expect(JSON.stringify(result)).not.toContain('scripted-client-key-1234')
  })
})

describe('an Entra-default client (flag off) provisioning many users', () => {
  it('reports each flaw once, counting the exchanges that show it', async () => {
    const { client, failing } = scripted()
    for (const seq of [1, 2, 3]) {
      const body = userBody(seq, 'entra-default')
      await client.lookup('userName', String(body.userName))
      await client.send('POST', '/Users', body)
    }
    const failed = failing()
    expect([...failed.keys()].sort()).toEqual(['CLI-ATTR-001', 'CLI-ATTR-002'])
    const booleans = failed.get('CLI-ATTR-001')?.findings ?? []
    expect(booleans.map((f) => f.message)).toEqual(
      booleans.map(() => expect.stringContaining('seen in 3 exchanges')),
    )
    expect(failed.get('CLI-ATTR-002')?.findings).toHaveLength(1)
    expect(failed.get('CLI-ATTR-002')?.level).toBe('SHOULD')
  })

  it('is judged the same when the mock coerces extension booleans', async () => {
    const { client, failing } = scripted({ behaviour: { extensionBooleanStrings: 'coerce' } })
    const body = userBody(1, 'entra-default')
    await client.lookup('userName', String(body.userName))
    expect((await client.send('POST', '/Users', body)).status).toBe(201)
    expect([...failing().keys()].sort()).toEqual(['CLI-ATTR-001', 'CLI-ATTR-002'])
  })
})

describe('the report', () => {
  it('marks rules without matching traffic not applicable, with a reason', async () => {
    const { client, report } = scripted()
    await client.lookup('userName', createFakerUser(1).userName)
    const results = report().results
    const retry = results.find((r) => r.ruleId === 'CLI-RETRY-001')
    expect(retry?.status).toBe('not-applicable')
    expect(retry?.reason).toMatch(/Retry-After/)
    expect(results.find((r) => r.ruleId === 'CLI-HTTP-004')?.status).toBe('passed')
  })

  it('keeps the core schema URN constant used by the bodies', () => {
    expect((userBody(1).schemas as string[])[0]).toBe(CORE)
  })
})
