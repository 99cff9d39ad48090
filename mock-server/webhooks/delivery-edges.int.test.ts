/**
 * Webhook deliveries at the network's edges, against local servers: a redirect is the answer, not
 * a second request; link-local and metadata addresses are refused at configuration and, by the
 * address a name resolves to, at delivery; and an attempt without an answer reads the same in the
 * log whether the port was closed, silent or not speaking HTTP.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import {
  createServer as createTcpServer,
  type AddressInfo,
  type LookupFunction,
  type Socket,
} from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import { admin, restTestApp, scim, scimUser } from '../control/rest-test-client.ts'
import { httpsFetch } from '../node/https-fetch.ts'
import { startHttpsReceiver, type HttpsReceiver } from '../node/https-receiver.ts'
import { guardedLookup } from '../node/webhook-lookup.ts'

const HOOKS = '/accounts/acme/webhooks'
const ONE_ATTEMPT = { attempts: 3, initialDelayMs: 10, maxDelayMs: 10, timeoutMs: 300 }

let app: MockApp | undefined
const closers: (() => Promise<void>)[] = []
afterEach(() => app?.mock.webhooks.stop())
afterAll(() => Promise.all(closers.map((close) => close())))

interface Seen {
  readonly path: string
  readonly headers: IncomingMessage['headers']
}

/** A plain HTTP server on loopback recording what it is sent. */
async function httpServer(answer: (res: ServerResponse) => void) {
  const seen: Seen[] = []
  const server: Server = createHttpServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers })
    req.resume()
    req.on('end', () => answer(res))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  )
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

async function subscribe(mock: MockApp, url: string, extra: Record<string, unknown> = {}) {
  const res = await admin(mock, 'POST', HOOKS, {
    name: 'hook',
    url,
    event: 'IdentityCreated',
    ...extra,
  })
  expect(res.status, res.text).toBe(201)
  return res.body.webhookId as string
}

async function deliveries(mock: MockApp, id: string, externalId: string) {
  await scim(mock, 'POST', '/Users', scimUser(externalId))
  await mock.mock.webhooks.idle()
  return (await admin(mock, 'GET', `${HOOKS}/${id}/logs`)).body.entries as {
    response: string
    statusCode: number | null
    attempt: number
    durationMs: number
  }[]
}

describe('a webhook that redirects', () => {
  it('is not followed: the 307 is logged as the answer and nothing reaches the other origin', async () => {
    const elsewhere = await httpServer((res) => res.writeHead(200).end())
    const redirecting = await httpServer((res) =>
      res.writeHead(307, { Location: `${elsewhere.url}/stolen` }).end(),
    )
    app = restTestApp({ allowInsecureLoopbackWebhooks: true, webhookRetry: ONE_ATTEMPT })
    const id = await subscribe(app, `${redirecting.url}/hook`, {
      headers: [{ name: 'X-Api-Key', value: 'receiver-api-key-123' }],
    })
    const entries = await deliveries(app, id, 'redirect-1')
    expect(redirecting.seen).toHaveLength(1)
    expect(elsewhere.seen).toEqual([])
    expect(entries).toEqual([
      expect.objectContaining({ response: 'TemporaryRedirect', statusCode: 307, attempt: 1 }),
    ])
  })
})

describe('link-local and cloud metadata addresses', () => {
  it.each([
    'https://169.254.169.254/latest/meta-data/iam/',
    'https://[fd00:ec2::254]/',
    'https://[fe80::1]:8443/hook',
    'https://100.100.100.200/',
    'https://metadata.google.internal/computeMetadata/v1/',
  ])('refuses %s when configured, unless allowLinkLocalWebhooks', async (url) => {
    const refused = await admin(restTestApp(), 'POST', HOOKS, {
      name: 'hook',
      url,
      event: 'IdentityCreated',
    })
    expect(refused.status).toBe(400)
    expect(refused.body.errors.url[0]).toMatch(/may not reach.*allowLinkLocalWebhooks/)
    const allowed = restTestApp({ allowLinkLocalWebhooks: true })
    await subscribe(allowed, url, { enabled: false })
  })

  it('refuses at delivery a name that resolves to one', async () => {
    const receiver: HttpsReceiver = await startHttpsReceiver()
    closers.push(() => receiver.close())
    const asked: string[] = []
    const metadata: LookupFunction = (hostname, _options, callback) => {
      asked.push(hostname)
      callback(null, [{ address: '169.254.169.254', family: 4 }])
    }
    app = restTestApp({
      webhookFetch: httpsFetch({ ca: receiver.ca, lookup: metadata }),
      webhookRetry: { ...ONE_ATTEMPT, attempts: 1 },
    })
    const id = await subscribe(app, `${receiver.url.replace('127.0.0.1', 'localhost')}/hook`)
    const entries = await deliveries(app, id, 'resolved-1')
    expect(asked).toEqual(['localhost'])
    expect(receiver.requests).toEqual([])
    expect(entries).toEqual([expect.objectContaining({ response: 'ConnectionError' })])
  })

  it('keeps the allowed addresses of a name and fails when none is left', () => {
    const resolveTo =
      (...addresses: string[]): LookupFunction =>
      (_hostname, _options, callback) =>
        callback(
          null,
          addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
        )
    const results: unknown[] = []
    guardedLookup(resolveTo('169.254.169.254', '127.0.0.1'))('h', { all: true }, (e, a) =>
      results.push(e ?? a),
    )
    guardedLookup(resolveTo('fe80::1', '169.254.1.1'))('h', { all: true }, (e) =>
      results.push((e as NodeJS.ErrnoException).code),
    )
    expect(results).toEqual([[{ address: '127.0.0.1', family: 4 }], 'EADDRNOTAVAIL'])
  })
})

describe('an attempt that gets no answer', () => {
  let closedPort = ''
  let silent = ''
  let notHttp = ''
  beforeAll(async () => {
    const probe = createTcpServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    closedPort = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/hook`
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    for (const reply of [undefined, 'SSH-2.0-OpenSSH_9.6\r\n']) {
      const sockets = new Set<Socket>()
      const server = createTcpServer((socket) => {
        sockets.add(socket)
        socket.on('error', () => undefined)
        if (reply !== undefined) socket.end(reply)
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
      if (reply === undefined) silent = url
      else notHttp = url
      closers.push(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve())
            for (const socket of sockets) socket.destroy()
          }),
      )
    }
  })

  it.each([
    ['the default fetch', undefined],
    ['httpsFetch', httpsFetch()],
  ])('reads the same for a closed, a silent and a non-HTTP port (%s)', async (_name, fetch) => {
    const timeoutMs = ONE_ATTEMPT.timeoutMs
    const logged: unknown[] = []
    for (const [n, url] of [closedPort, silent, notHttp].entries()) {
      app = restTestApp({
        allowInsecureLoopbackWebhooks: true,
        webhookRetry: { ...ONE_ATTEMPT, attempts: 1 },
        ...(fetch && { webhookFetch: fetch }),
      })
      const entries = await deliveries(app, await subscribe(app, url), `silent-${n}`)
      expect(entries).toHaveLength(1)
      const { response, statusCode, durationMs } = entries[0]!
      expect(durationMs).toBeGreaterThanOrEqual(timeoutMs - 5)
      logged.push({ response, statusCode })
      app.mock.webhooks.stop()
    }
    expect(logged).toEqual([
      { response: 'ConnectionError', statusCode: null },
      { response: 'ConnectionError', statusCode: null },
      { response: 'ConnectionError', statusCode: null },
    ])
  })
})
