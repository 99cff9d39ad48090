import { execFile } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { scripted } from '../testing/client-rules.ts'
import { patchBody, userBody } from '../testing/client-users.ts'
import { createApp } from '../mock-server/app.ts'
import { startServer } from '../mock-server/node/serve.ts'
import { emitReplayTest } from './emit-test.ts'
import { replaySession, type ReplayTarget } from './replay.ts'
import { parseSession, toNdjson, type SessionExchange } from '../mock-server/traffic/session.ts'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')

/** A session with every kind of exchange: lookup, create, read, patch, a fault, a 401, delete. */
async function recordSession(): Promise<string> {
  const { app, client } = scripted({
    faults: [{ route: 'PATCH /Users/*', status: 503, retryAfter: 1, next: 1 }],
  })
  const body = userBody(1)
  await client.lookup('userName', String(body.userName))
  const created = await client.send('POST', '/Users', body)
  const id = String(created.body.id)
  await client.send('GET', `/Users/${id}`)
  const change = patchBody({ op: 'replace', path: 'displayName', value: 'Renamed' })
  expect((await client.send('PATCH', `/Users/${id}`, change)).status).toBe(503)
  expect((await client.send('PATCH', `/Users/${id}`, change)).status).toBe(200)
  await client.send('GET', `/Users?filter=${encodeURIComponent(`id eq "${id}"`)}`)
  await client.send('GET', '/Users', undefined, { key: 'not-the-key-000' })
  await client.send('GET', `/Users/does-not-exist-0000`)
  expect((await client.send('DELETE', `/Users/${id}`)).status).toBe(204)
  return toNdjson(app.mock.traffic.records('acme'))
}

describe('record and replay', () => {
  it('replays a session against a fresh mock with no differences, mapping ids', async () => {
    const session = parseSession(await recordSession())
    expect(session).toHaveLength(9)
    expect(JSON.stringify(session)).not.toContain('scripted-client-key-1234')
    const result = await replaySession(session)
    expect(result.differences).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.steps.map((s) => s.actual?.status)).toEqual([
      200, 201, 200, 503, 200, 200, 401, 404, 204,
    ])
  })

  it('reports a changed status and a changed body field as differences', async () => {
    const session = parseSession(await recordSession())
    const tampered: SessionExchange[] = session.map((e) => {
      if (e.seq === 3 && e.response) {
        const resource = e.response.body as Record<string, unknown>
        return {
          ...e,
          response: { ...e.response, body: { ...resource, displayName: 'Someone Else' } },
        }
      }
      if (e.seq === 9 && e.response) return { ...e, response: { ...e.response, status: 200 } }
      return e
    })
    const result = await replaySession(tampered)
    expect(result.ok).toBe(false)
    expect(result.differences).toEqual([
      { seq: 3, where: 'body/displayName', expected: 'Someone Else', actual: expect.any(String) },
      { seq: 9, where: 'status', expected: 200, actual: 204 },
    ])
  })

  it('replays over HTTP against another mock, skipping recorded faults when told it has none', async () => {
    const session = parseSession(await recordSession())
    const app = createApp({ accounts: [{ id: 'vendor', scimKey: 'http-replay-key-99' }] })
    const server = await startServer(app)
    try {
      const target: ReplayTarget = {
        fetch: (request) => fetch(request),
        baseUrl: `${server.url}/scim/v2/accounts/vendor`,
        key: 'http-replay-key-99',
        injectFaults: false,
      }
      const result = await replaySession(session, { target })
      expect(result.differences).toEqual([])
      expect(result.steps.find((s) => s.seq === 4)?.skipped).toMatch(/injected fault/)
      expect(app.mock.traffic.records('vendor')).toHaveLength(8)
    } finally {
      await server.close()
    }
  })

  describe('a recorded session becomes a regression test', () => {
    const dir = join(root, 'out', `replay-loop-${process.pid}`)
    afterAll(() => rm(dir, { recursive: true, force: true }))

    it('emits a vitest file whose assertions pass when run', async () => {
      const session = parseSession(await recordSession())
      await mkdir(dir, { recursive: true })
      const testFile = join(dir, 'recorded-session.test.ts')
      const importFrom = `./${relative(dir, join(here, 'index.ts')).split('\\').join('/')}`
      const source = emitReplayTest(session, {
        importFrom,
        name: 'replays the recorded session',
        source: 'session.ndjson',
      })
      expect(source).toContain('expect(result.differences).toEqual([])')
      expect(source).toContain('200, 201, 200, 503, 200, 200, 401, 404, 204')
      await writeFile(testFile, source)
      await writeFile(
        join(dir, 'vitest.config.mts'),
        `export default { test: { include: ['*.test.ts'], root: ${JSON.stringify(dir)} } }\n`,
      )
      const run = promisify(execFile)
      const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs')
      const { stdout } = await run(
        process.execPath,
        [vitest, 'run', '--config', join(dir, 'vitest.config.mts')],
        {
          cwd: root,
          env: { ...process.env, NO_COLOR: '1' },
        },
      )
      expect(stdout).toMatch(/1 passed/)
    }, 60_000)
  })
})
