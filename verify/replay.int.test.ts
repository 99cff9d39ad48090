/**
 * Replay beyond the process: over HTTP against another mock on a port, and as an emitted vitest
 * file run by a child vitest.
 */
import { execFile } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { recordSession } from '../testing/recorded-session.ts'
import { createApp } from '../mock-server/app.ts'
import { startServer } from '../mock-server/node/serve.ts'
import { emitReplayTest } from './emit-test.ts'
import { replaySession, type ReplayTarget } from './replay.ts'
import { parseSession } from '../mock-server/traffic/session.ts'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')

describe('record and replay', () => {
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
