import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedIdentities } from '../../bench/seed-identities.ts'
import { createApp, type MockApp } from '../app.ts'
import { startServer, type RunningServer } from '../node/serve.ts'
import { DEFAULT_BEHAVIOUR, DEV_SCIM_KEY, type Behaviour } from '../options.ts'
import { MemoryIdentityStore } from '../store/memory-store.ts'
import { SCIM_SEARCH_SCHEMA } from '../../model/scim-protocol.ts'

const USERS = '/scim/v2/accounts/demo/Users'
const headers = { Authorization: `Bearer ${DEV_SCIM_KEY}`, 'Content-Type': 'application/scim+json' }

/** `n` substring comparisons joined by `or`; the last one matches bench user `match`. */
function coFilter(n: number, match?: number): string {
  const clauses = Array.from({ length: n }, (_, i) => `displayName co "no-such-${i}"`)
  if (match !== undefined) clauses[n - 1] = `displayName co "Bench User ${match}"`
  return clauses.join(' or ')
}

function appWith(users: number, behaviour: Partial<Behaviour> = {}): MockApp {
  const store = new MemoryIdentityStore()
  seedIdentities(store, 'demo', users)
  return createApp({ store, behaviour })
}

async function search(app: MockApp, filter: string) {
  const started = performance.now()
  const response = await app.request(`${USERS}/.search`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ schemas: [SCIM_SEARCH_SCHEMA], filter }),
  })
  const body = (await response.json()) as Record<string, unknown>
  return { status: response.status, body, ms: performance.now() - started }
}

describe('filter size and work, against 100,000 identities', () => {
  let app: MockApp
  let server: RunningServer

  beforeAll(async () => {
    app = appWith(100_000)
    server = await startServer(app)
  })
  afterAll(() => server.close())

  it('refuses a .search of 1,000 co clauses at once, saying the limit, and keeps serving', async () => {
    const filter = coFilter(1000)
    const started = performance.now()
    const [searched, health] = await Promise.all([
      fetch(`${server.url}${USERS}/.search`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ schemas: [SCIM_SEARCH_SCHEMA], filter }),
      }),
      fetch(`${server.url}/health`).then((r) => ({
        status: r.status,
        ms: performance.now() - started,
      })),
    ])
    const body = (await searched.json()) as { scimType: string; detail: string }
    expect(searched.status).toBe(400)
    expect(body.scimType).toBe('invalidFilter')
    // 27 KB: its length is the first bound it passes.
    expect(body.detail).toContain(`at most ${DEFAULT_BEHAVIOUR.maxFilterLength} are accepted`)
    expect(body.detail).toContain('behaviour.maxFilterLength')
    expect(performance.now() - started).toBeLessThan(1000)
    expect(health.status).toBe(200)
    expect(health.ms).toBeLessThan(1000)
  })

  it('refuses the same filter as a query parameter', async () => {
    const response = await app.request(`${USERS}?filter=${encodeURIComponent(coFilter(1000))}`, {
      headers,
    })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { scimType: string }).scimType).toBe('invalidFilter')
  })

  it('refuses a scan whose comparisons exceed the request budget with tooMany', async () => {
    const perUser = DEFAULT_BEHAVIOUR.maxFilterWork / 100_000
    const over = await search(app, coFilter(perUser + 1))
    expect(over.status).toBe(400)
    expect(over.body.scimType).toBe('tooMany')
    expect(over.body.detail).toContain(`${perUser + 1} comparisons on each of the 100000 users`)
    expect(over.body.detail).toContain('behaviour.maxFilterWork')
    expect(over.ms).toBeLessThan(1000)
    const within = await search(app, coFilter(perUser, 99_999))
    expect(within.status).toBe(200)
    expect(within.body.totalResults).toBe(1)
  })

  it('answers indexed look-ups whatever the account size', async () => {
    const found = await search(app, 'userName eq "user99999@bench.example.com"')
    expect(found.status).toBe(200)
    expect(found.body.totalResults).toBe(1)
  })
})

describe('filter limits', () => {
  const small = appWith(1_000)

  it('bounds the comparisons, saying the limit and the option', async () => {
    const max = DEFAULT_BEHAVIOUR.maxFilterClauses
    const present = (n: number) => Array.from({ length: n }, (_, i) => `a${i} pr`).join(' or ')
    expect((await search(small, present(max))).status).toBe(200)
    const over = await search(small, present(max + 1))
    expect(over.status).toBe(400)
    expect(over.body.scimType).toBe('invalidFilter')
    expect(over.body.detail).toContain(`more than ${max} comparisons`)
    expect(over.body.detail).toContain('behaviour.maxFilterClauses')
  })

  it('accepts a filter at the clause limit', async () => {
    const at = await search(small, coFilter(DEFAULT_BEHAVIOUR.maxFilterClauses, 999))
    expect(at.status).toBe(200)
    expect(at.body.totalResults).toBe(1)
    const over = await search(small, coFilter(DEFAULT_BEHAVIOUR.maxFilterClauses + 1, 999))
    expect(over.status).toBe(400)
  })

  it('bounds the length, saying the limit and the option', async () => {
    const max = DEFAULT_BEHAVIOUR.maxFilterLength
    const padded = (length: number) => `displayName eq "${'x'.repeat(length - 17)}"`
    expect(padded(max)).toHaveLength(max)
    expect((await search(small, padded(max))).status).toBe(200)
    const over = await search(small, padded(max + 1))
    expect(over.status).toBe(400)
    expect(over.body.scimType).toBe('invalidFilter')
    expect(over.body.detail).toContain(`${max + 1} characters long; at most ${max}`)
    expect(over.body.detail).toContain('behaviour.maxFilterLength')
    // Even in the form Entra's look-ups take, which skips the parser.
    expect((await search(small, `userName eq "${'x'.repeat(max)}"`)).status).toBe(400)
  })

  it('bounds the nesting, saying the limit and the option', async () => {
    const max = DEFAULT_BEHAVIOUR.maxFilterDepth
    const nested = (depth: number) => `${'('.repeat(depth)}active eq true${')'.repeat(depth)}`
    expect((await search(small, nested(max))).status).toBe(200)
    const over = await search(small, nested(max + 1))
    expect(over.status).toBe(400)
    expect(over.body.scimType).toBe('invalidFilter')
    expect(over.body.detail).toContain(`nests deeper than ${max} levels`)
    expect(over.body.detail).toContain('behaviour.maxFilterDepth')
  })

  it('takes larger limits through behaviour', async () => {
    const generous = appWith(1_000, { maxFilterClauses: 1000, maxFilterLength: 100_000 })
    const found = await search(generous, coFilter(1000, 999))
    expect(found.status).toBe(200)
    expect(found.body.totalResults).toBe(1)
  })
})
