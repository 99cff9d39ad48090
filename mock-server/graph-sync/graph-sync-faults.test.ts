/**
 * Graph's failure modes against the synchronization engine, through the fake source's faults:
 * 429 with Retry-After (waited, bounded, retried), 503, a token that expires mid-run (renewed once)
 * and a broken nextLink (the run stops and writes nothing). Each is logged. The waits are recorded
 * (`graphSleep`), not slept.
 */
import { describe, expect, it } from 'vitest'
import { admin } from '../control/rest-test-client.ts'
import { graphHostApps } from '../graph/graph-mount.ts'
import type { GraphFaultSpec } from '../graph/graph-faults.ts'
import { graphSyncOf } from './graph-sync-state.ts'
import {
  configure,
  devTenant,
  graphSyncTestApp,
  logEntries,
  SYNC,
  synchronize,
  tenantAdmin,
} from '../test/graph-sync-test-client.ts'
import type { MockApp } from '../app.ts'

async function fault(app: MockApp, spec: GraphFaultSpec) {
  const res = await tenantAdmin(app, 'POST', '/faults', spec)
  expect(res.status, res.text).toBe(201)
}

const extraction = async (app: MockApp, id: string) =>
  (await logEntries(app, id, '?type=Extraction')).map(
    (e) => `${e.outcome}: ${e.message} ${e.errors?.join(' ') ?? ''}`,
  )

describe('Graph synchronization under Graph faults', () => {
  it('waits Retry-After on 429 and retries, and logs it', async () => {
    const { app, sleeps } = graphSyncTestApp()
    const id = await configure(app)
    await fault(app, { type: 'throttle', retryAfter: 3, route: 'GET /users' })
    const run = await synchronize(app, id)
    expect(run.status, run.text).toBe(201)
    expect(run.body).toMatchObject({ status: 'completed', retries: 1 })
    expect(run.body.counts.created).toBeGreaterThan(50)
    expect(sleeps).toEqual([3000])
    expect(await extraction(app, id)).toContainEqual(
      expect.stringMatching(
        /answered 429 TooManyRequests: waited 3 s \(Retry-After\) and retried \(retry 1\)/,
      ),
    )
  })

  it('backs off 1, 2 … seconds on 503 without Retry-After, and retries', async () => {
    const { app, sleeps } = graphSyncTestApp()
    const id = await configure(app)
    await fault(app, { type: 'unavailable', next: 2, route: 'GET /groups' })
    const run = await synchronize(app, id)
    expect(run.body).toMatchObject({ status: 'completed', retries: 2 })
    expect(sleeps).toEqual([1000, 2000])
    expect(await extraction(app, id)).toContainEqual(
      expect.stringMatching(/answered 503 serviceNotAvailable/),
    )
  })

  it('stops, writing nothing, when Graph asks to wait longer than maxRetryAfterSeconds or throttles past maxRetries', async () => {
    const { app, sleeps } = graphSyncTestApp()
    const id = await configure(app, (json) => {
      json.options = { maxRetries: 2, maxRetryAfterSeconds: 60 }
    })
    await fault(app, { type: 'throttle', retryAfter: 600, route: 'GET /users' })
    const long = await synchronize(app, id)
    expect(long.status).toBe(502)
    expect(long.body.errors[0]).toMatch(
      /asked to wait 600 s \(Retry-After\), longer than options\.maxRetryAfterSeconds \(60 s\)/,
    )
    expect(sleeps).toEqual([])
    expect(app.mock.store.count('acme', false)).toBe(0)
    expect((await admin(app, 'GET', `${SYNC}/configurations/${id}`)).body.deltaLinkKept).toBe(false)

    await fault(app, { type: 'throttle', retryAfter: 1, next: 10, route: 'GET /users' })
    const many = await synchronize(app, id)
    expect(many.body.status).toBe('failed')
    expect(many.body.errors[0]).toMatch(
      /answered 429 TooManyRequests 3 times; options\.maxRetries \(2\)/,
    )
    expect(sleeps).toEqual([1000, 1000])
    expect(app.mock.store.count('acme', false)).toBe(0)
    const failed = await logEntries(app, id, '?errorsOnly=true')
    expect(failed.map((e) => e.type)).toEqual([
      'Synchronization',
      'Extraction',
      'Synchronization',
      'Extraction',
    ])
  })

  it('gets a new token once when the token expires mid-run, and carries on', async () => {
    const { app } = graphSyncTestApp()
    const id = await configure(app)
    await fault(app, { type: 'expiredToken', after: 4 })
    const run = await synchronize(app, id)
    expect(run.body).toMatchObject({ status: 'completed', tokenRenewals: 1 })
    expect(run.body.counts.created).toBeGreaterThan(50)
    expect(await extraction(app, id)).toContainEqual(
      expect.stringMatching(
        /answered 401 InvalidAuthenticationToken \(the token expired mid-run\): a new token was requested/,
      ),
    )
  })

  it('stops on a broken nextLink without writing anything, and the next run reads it all again', async () => {
    const { app } = graphSyncTestApp()
    const id = await configure(app, (json) => {
      json.options = { pageSize: 10 }
    })
    await fault(app, { type: 'brokenNextLink', route: 'GET /users' })
    const broken = await synchronize(app, id)
    expect(broken.status).toBe(502)
    expect(broken.body.errors[0]).toMatch(
      /^GET \/users\?.*answered 400 Directory_ExpiredPageToken: The specified page token value has expired/,
    )
    expect(app.mock.store.count('acme', false)).toBe(0)
    expect(app.mock.teams.list('acme', false)).toEqual([])
    expect((await logEntries(app, id, '?errorsOnly=true'))[0]).toMatchObject({
      type: 'Synchronization',
      message: expect.stringContaining('stopped before writing anything'),
    })
    const again = await synchronize(app, id)
    expect(again.body.status).toBe('completed')
    expect(again.body.counts.created).toBeGreaterThan(50)
  })

  it('keeps the delta link when an automatic run fails, so the next one applies the change', async () => {
    const { app } = graphSyncTestApp()
    const id = await configure(app)
    expect((await synchronize(app, id)).body.status).toBe('completed')
    const tenant = await devTenant(app)
    const user = tenant.users.sorted().find((u) => app.mock.store.findByExternalId('acme', u.id))
    await fault(app, { type: 'unavailable', next: 10 })
    await tenantAdmin(app, 'PATCH', `/users/${user?.id}`, { jobTitle: 'Relocated' })
    await graphSyncOf(app.mock).idle()
    const runs = (await admin(app, 'GET', `${SYNC}/configurations/${id}/runs`)).body.runs
    expect(runs[0]).toMatchObject({ mode: 'automatic', status: 'failed' })
    expect(app.mock.store.findByExternalId('acme', String(user?.id))?.attributes.jobTitle).not.toBe(
      'Relocated',
    )
    await tenantAdmin(app, 'DELETE', '/faults')
    const next = await synchronize(app, id, 'automatic')
    expect(next.body).toMatchObject({ read: 'delta', status: 'completed', counts: { updated: 1 } })
    expect(app.mock.store.findByExternalId('acme', String(user?.id))?.attributes.jobTitle).toBe(
      'Relocated',
    )
  })
})

describe('Graph synchronization through the injected fetch (createApp({graphFetch}))', () => {
  it('reads a configured Graph URL through graphFetch: here the real hosts, answered in-process', async () => {
    const requested: string[] = []
    const hosts: { apps?: ReturnType<typeof graphHostApps> } = {}
    const { app } = graphSyncTestApp({
      graphFetch: async (url, init) => {
        requested.push(new URL(url).host)
        const server = url.startsWith('https://login.microsoftonline.com/')
          ? hosts.apps?.login
          : hosts.apps?.graph
        return (await server?.fetch(new Request(url, init))) ?? new Response(null, { status: 599 })
      },
    })
    hosts.apps = graphHostApps(app.mock)
    const id = await configure(app, (json) => {
      ;(json.connection as Record<string, unknown>).graphUrl = 'https://graph.microsoft.com/v1.0'
      ;(json.connection as Record<string, unknown>).clientSecret = 'clearid-dev-graph-secret'
    })
    const run = await synchronize(app, id)
    expect(run.body.status, run.text).toBe('completed')
    expect(run.body.counts.created).toBeGreaterThan(50)
    expect(new Set(requested)).toEqual(
      new Set(['login.microsoftonline.com', 'graph.microsoft.com']),
    )
  })

  it('does not follow a nextLink to another origin (the token would go there)', async () => {
    const hosts: { apps?: ReturnType<typeof graphHostApps> } = {}
    const { app } = graphSyncTestApp({
      graphFetch: async (url, init) => {
        const server = url.startsWith('https://login.microsoftonline.com/')
          ? hosts.apps?.login
          : hosts.apps?.graph
        const response =
          (await server?.fetch(new Request(url, init))) ?? new Response(null, { status: 599 })
        if (!/members$/i.test(new URL(url).pathname)) return response
        const page = (await response.json()) as Record<string, unknown>
        return Response.json({
          ...page,
          '@odata.nextLink': 'https://evil.example/v1.0/groups?$skiptoken=x',
        })
      },
    })
    hosts.apps = graphHostApps(app.mock)
    const id = await configure(app, (json) => {
      ;(json.connection as Record<string, unknown>).graphUrl = 'https://graph.microsoft.com/v1.0'
      ;(json.connection as Record<string, unknown>).clientSecret = 'clearid-dev-graph-secret'
    })
    const run = await synchronize(app, id)
    expect(run.body.status).toBe('failed')
    expect(run.body.errors[0]).toBe(
      'Graph gave a link to https://evil.example, not to https://graph.microsoft.com: it is not followed (the token would go there).',
    )
    expect(app.mock.store.count('acme', false)).toBe(0)
  })
})

describe('Graph synchronization behind a proxy', () => {
  it('reads the fake source in-process when publicBaseUrl carries a path prefix', async () => {
    const { app } = graphSyncTestApp({ publicBaseUrl: 'https://gateway.example/clearid' })
    const id = await configure(app, (json) => {
      json.options = { pageSize: 20 }
    })
    const run = await synchronize(app, id)
    expect(run.body.status, run.text).toBe('completed')
    expect(run.body.counts.created).toBeGreaterThan(50)
  })
})
