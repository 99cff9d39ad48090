/**
 * A hostile server cannot steer the harness: ids that climb out of the tenant (`../../other-account/
 * Users/victim?x=`, `.`, `..`, `a/b`) are refused with a finding and never sent, and a redirect to
 * another origin is never followed, so the key goes nowhere but the target.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runConformance } from '../suites/harness.ts'
import {
  HOSTILE_ACCOUNT,
  rewriteJson,
  startHostileServer,
  startRecorder,
  type HostileServer,
} from '../testing/hostile-scim.ts'
import { captureIo } from '../testing/suite-support.ts'
import { runCliInTemp } from '../testing/cli-run.ts'
import { main } from './main.ts'

const KEY = `cc-paths-${crypto.randomUUID()}`
const HOSTILE_IDS = ['../../other-account/Users/victim?x=', '.', '..', 'a/b', '%2e%2e']
const BASE_PATH = `/scim/v2/accounts/${HOSTILE_ACCOUNT}`

describe('ids a hostile server returns', () => {
  let server: HostileServer
  beforeAll(async () => {
    let n = 0
    server = await startHostileServer({
      key: KEY,
      tamper: ({ request, answer }) => {
        const created = request.method === 'POST' && /\/Users$/.test(new URL(request.url).pathname)
        if (!created || answer.status !== 201) return answer
        const id = HOSTILE_IDS[n++ % HOSTILE_IDS.length] ?? '..'
        return rewriteJson(answer, (body) => ({ ...body, id }), {
          Location: `${server.baseUrl}/Users/${id}`,
        })
      },
    })
  })
  afterAll(() => server.close())

  it('are refused with a finding and never put in a path, in the rules or in cleanup', async () => {
    const report = await runConformance({
      target: { url: server.baseUrl, key: KEY },
      rules: {
        ids: ['SRV-INPUT-001', 'SRV-ERR-*', 'SRV-PUT-*', 'SRV-ETAG-*', 'SRV-LIFE-*', 'SRV-DEL-*'],
      },
      allowWrites: true,
    })
    const writes = server.seen.filter((r) => !['GET', 'HEAD', 'POST'].includes(r.method))
    expect(server.seen.length).toBeGreaterThan(10)
    for (const request of server.seen) {
      expect(request.path.startsWith(`${BASE_PATH}/`), request.path).toBe(true)
      expect(request.path).not.toContain('other-account')
      expect(request.path).not.toMatch(/\/(?:\.|%2e){1,2}(?:[/?#]|$)/i)
    }
    for (const write of writes) {
      expect(write.path, `${write.method} ${write.path}`).toMatch(
        new RegExp(`^${BASE_PATH}/(?:Users|Groups)/[^/?#]+(?:\\?.*)?$`),
      )
    }
    const messages = report.results.flatMap((r) => r.findings.map((f) => f.message))
    expect(messages.some((m) => m.includes('"../../other-account/Users/victim?x="'))).toBe(true)
    expect(messages.some((m) => /the id "\.\."/.test(m))).toBe(true)
    const cleanup = report.run.options?.cleanup as { failed: { error?: string }[] }
    expect(cleanup.failed.length).toBeGreaterThan(0)
    expect(cleanup.failed.every((f) => /not deleted/.test(f.error ?? ''))).toBe(true)
  })
})

describe('a redirect to another origin', () => {
  let recorder: Awaited<ReturnType<typeof startRecorder>>
  let server: HostileServer
  let redirectPreflight = false
  beforeAll(async () => {
    recorder = await startRecorder()
    server = await startHostileServer({
      key: KEY,
      tamper: ({ request, answer }) => {
        const url = new URL(request.url)
        const preflight = url.pathname.endsWith('/Users') && url.search === '?count=1'
        if (preflight && !redirectPreflight) return answer
        return new Response(null, {
          status: 307,
          headers: { Location: `${recorder.origin}${url.pathname}${url.search}` },
        })
      },
    })
  })
  afterAll(async () => {
    await server.close()
    await recorder.close()
  })

  it('is never followed: the other server receives no request, let alone the key', async () => {
    redirectPreflight = false
    const run = await runCliInTemp([
      'run',
      '--target',
      server.baseUrl,
      '--key',
      KEY,
      '--allow-writes',
      '--rule',
      'SRV-*',
      '--format',
      'json',
    ])
    expect(run.code).toBe(1)
    expect(server.seen.length).toBeGreaterThan(50)
    expect(recorder.seen).toEqual([])
    const results = run.report?.results ?? []
    const statuses = results.flatMap((r) =>
      r.findings.flatMap((f) => (f.exchange?.response ? [f.exchange.response.status] : [])),
    )
    expect(statuses).toContain(307)
    const messages = results.flatMap((r) => r.findings.map((f) => f.message))
    expect(messages.join('\n')).toContain(`a redirect to ${recorder.origin}`)
    expect(messages.join('\n')).toContain('which the harness does not follow')
  })

  it('at the first request stops the run with exit 2 and says to pass the final URL', async () => {
    redirectPreflight = true
    const io = captureIo()
    const code = await main(
      ['run', '--target', server.baseUrl, '--key', KEY, '--rule', 'SRV-READ-*'],
      io,
    )
    expect(code).toBe(2)
    expect(io.err.join('')).toMatch(/redirect/i)
    expect(io.err.join('')).toContain(recorder.origin)
    expect(io.err.join('')).toContain('--target')
    expect(recorder.seen).toEqual([])
  })
})
