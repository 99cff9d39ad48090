/**
 * The acceptance test: the full catalogue, both dialects, passes against the mock, in-process and
 * over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../mock-server/app.ts'
import { startServer, type RunningServer } from '../mock-server/node/serve.ts'
import type { ConformanceReport } from '../reports/model.ts'
import { RULES } from '../rules/index.ts'
import { runConformance } from './runner/run.ts'
import { inProcessTarget } from './targets/in-process.ts'
import { urlTarget } from './targets/url.ts'
import { startWebhookReceiver, type RunningReceiver } from './targets/webhook-receiver.ts'
import type { AssertionKey } from '../driver/rest/rest-endpoints.ts'
import type { HttpAnswer } from '../driver/http/types.ts'
import type { Target } from './targets/target.ts'

function failures(report: ConformanceReport): string[] {
  return report.results
    .filter((r) => r.status !== 'passed')
    .map(
      (r) =>
        `${r.ruleId}${r.dialect ? ` [${r.dialect}]` : ''} ${r.status}: ${r.reason ?? r.findings.map((f) => f.message).join('; ')}`,
    )
}

const run = (target: Parameters<typeof runConformance>[0]['target']) =>
  runConformance({
    target,
    rules: RULES,
    dialects: ['entra-default', 'entra-flag'],
    seed: 1,
    runId: 'accept',
    allowWrites: true,
    maxCreates: 10_000,
  })

describe('the full catalogue against the mock', () => {
  it('passes in-process (app.fetch, no port)', async () => {
    const { report, cleanup } = await run(inProcessTarget())
    expect(failures(report)).toEqual([])
    expect(report.summary.verdict).toBe('pass')
    expect(cleanup.failed).toEqual([])
  })

  describe('over HTTP', () => {
    let server: RunningServer
    let receiver: RunningReceiver
    let key: AssertionKey
    const keys = { main: 'http-main-key-0123456789', other: 'http-other-key-0123456789' }
    const rest = {
      clientId: '55555555-5555-4555-8555-555555555555:demo',
      clientSecret: 'http-client-secret-0123456789',
      adminToken: 'http-admin-token-0123456789',
    }
    beforeAll(async () => {
      const app = createApp({
        accounts: [
          { id: 'demo', scimKey: keys.main },
          { id: 'other', scimKey: keys.other },
        ],
        apiIntegrations: [
          { accountId: 'demo', clientId: rest.clientId, clientSecret: rest.clientSecret },
        ],
        adminToken: rest.adminToken,
        // The harness's receiver listens on plain HTTP on loopback.
        allowInsecureLoopbackWebhooks: true,
      })
      server = await startServer(app)
      receiver = await startWebhookReceiver()
      const integration = app.mock.integrations.byClientId(rest.clientId)
      const claim = integration && (await app.mock.integrations.claimKeyFile(integration))
      if (claim?.kind !== 'file') throw new Error('no key file')
      key = {
        clientId: rest.clientId,
        privateKeyPem: claim.privateKeyPem,
        keyId: rest.clientId,
        audience: 'iams-sts',
      }
    })
    afterAll(async () => {
      await receiver.close()
      await server.close()
    })

    it('passes through @hono/node-server on 127.0.0.1, SCIM and REST, webhooks to a loopback receiver', async () => {
      const target = urlTarget({
        url: `${server.url}/scim/v2/accounts/demo`,
        key: keys.main,
        otherUrl: `${server.url}/scim/v2/accounts/other`,
        otherKey: keys.other,
        rest: {
          url: server.url,
          accountId: 'demo',
          ...rest,
          key,
          webhooks: receiver.inbox,
          foreignAccountId: 'other',
        },
      })
      const { report } = await run(target)
      expect(failures(report)).toEqual([])
      expect(report.results.every((r) => r.status === 'passed')).toBe(true)
      expect(report.results.filter((r) => r.ruleId.startsWith('REST-HOOK')).length).toBe(5)
      const text = JSON.stringify(report)
      for (const secret of [keys.main, rest.clientSecret, rest.adminToken])
        expect(text).not.toContain(secret)
    })
  })

  /**
   * The server's ids and continuation cursors differ between runs (random UUIDs, a signing key per
   * app): each becomes the number of its first appearance, and a cursor the id it points after.
   */
  const stabilizer = () => {
    const ids = new Map<string, string>()
    const stableIds = (text: string) =>
      text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
        if (!ids.has(id)) ids.set(id, `<id${ids.size}>`)
        return ids.get(id) ?? id
      })
    return (text: string) =>
      stableIds(
        text.replace(
          /continuation=([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+/g,
          (_, payload: string) =>
            `continuation=<after ${Buffer.from(payload, 'base64url').toString('utf8')}>`,
        ),
      )
  }

  const sameSeedRun = (onRequest: (answer: HttpAnswer) => void, wrap = (t: Target) => t) =>
    runConformance({
      target: wrap(inProcessTarget()),
      rules: RULES,
      dialects: ['entra-default', 'entra-flag'],
      seed: 42,
      runId: 'same',
      allowWrites: true,
      concurrency: 1,
      // The whole catalogue, REST rules included: a cap would skip the rules that create late.
      maxCreates: 10_000,
      onRequest,
    })

  it('sends byte-identical traffic for the same seed', async () => {
    const traffic = async () => {
      const lines: string[] = []
      const stable = stabilizer()
      const { report } = await sameSeedRun((answer) => {
        const { method, url, body } = answer.exchange.request
        lines.push(stable(`${method} ${url} ${JSON.stringify(body) ?? ''}`))
      })
      expect(report.results.filter((r) => r.status === 'skipped')).toEqual([])
      return lines
    }
    const first = await traffic()
    const second = await traffic()
    expect(first.length).toBeGreaterThan(800)
    expect(first.some((line) => line.includes('/identityservice/api/v3/'))).toBe(true)
    // The first line that differs, whole: a diff of two long arrays shows neither.
    const at = first.findIndex((line, i) => line !== second[i])
    expect(at === -1 ? '' : `line ${at}: ${second[at]}`).toBe(
      at === -1 ? '' : `line ${at}: ${first[at]}`,
    )
    expect(second).toEqual(first)
  })

  /**
   * At concurrency 1 a rule sends its next request only once the one before it answered: two in
   * flight at once reach the server, and the traffic log, in whichever order the scheduler lets
   * them finish, so the same seed would not always give the same traffic. Every request here waits
   * a turn of the event loop before it is answered, which lets any request started beside it through.
   */
  it('sends one request at a time at concurrency 1', async () => {
    const overlaps: string[] = []
    let inFlight: string | undefined
    const oneAtATime = (target: Target): Target => ({
      ...target,
      fetch: async (request) => {
        const line = `${request.method} ${new URL(request.url).pathname}`
        if (inFlight !== undefined) overlaps.push(`${line} while ${inFlight} was in flight`)
        inFlight = line
        try {
          await new Promise((resolve) => setImmediate(resolve))
          return await target.fetch(request)
        } finally {
          inFlight = undefined
        }
      },
    })
    const { report } = await sameSeedRun(() => undefined, oneAtATime)
    expect(report.results.filter((r) => r.ruleId.startsWith('REST-')).length).toBeGreaterThan(40)
    expect(overlaps).toEqual([])
  })
})
