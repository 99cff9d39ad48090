/**
 * The Graph client against a scripted fetch: what it does with each answer Graph can give, and
 * that the secret and tokens never reach a message.
 */
import { describe, expect, it } from 'vitest'
import { GraphClient, GraphReadError, type GraphClientEvent } from './graph-client.ts'

const SECRET = 'client-secret-0042'

function client(answers: ((url: string, init: RequestInit) => Response)[]) {
  const sent: { url: string; authorization: string | undefined }[] = []
  const events: GraphClientEvent[] = []
  const sleeps: number[] = []
  const graph = new GraphClient({
    graphUrl: 'https://graph.example/v1.0',
    loginUrl: 'https://login.example',
    tenantId: 'contoso.example',
    clientId: '00000000-0000-4000-8000-000000000001',
    clientSecret: SECRET,
    fetch: async (url, init) => {
      sent.push({ url, authorization: new Headers(init.headers).get('authorization') ?? undefined })
      const answer = answers.shift()
      if (!answer) throw new Error('no more answers')
      return answer(url, init)
    },
    sleep: async (ms) => void sleeps.push(ms),
    maxRetries: 2,
    maxRetryAfterSeconds: 30,
    onEvent: (event) => events.push(event),
  })
  return { graph, sent, events, sleeps }
}

const token = (value: string) => () => Response.json({ access_token: value, expires_in: 3599 })
const graphError =
  (status: number, code: string, headers: Record<string, string> = {}) =>
  () =>
    Response.json({ error: { code, message: `${code} happened` } }, { status, headers })
const page = (body: unknown) => () => Response.json(body)

/** An answer that never ends: what a hostile or broken server at a configured URL can send. */
const endless = (contentType: string) => () =>
  new Response(
    new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20)),
    }),
    { headers: { 'content-type': contentType } },
  )

describe('GraphClient', () => {
  it('stops reading an answer or a photo larger than Graph sends, with an error that says so', async () => {
    const json = client([token('t1'), endless('application/json')])
    const error = await json.graph.getJson('/users').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GraphReadError)
    expect((error as Error).message).toMatch(/larger than 32 MiB: it is not read/)
    const photo = client([token('t1'), endless('image/jpeg')])
    const photoError = await photo.graph.getBytes('/users/1/photo/$value').catch((e: unknown) => e)
    expect((photoError as Error).message).toMatch(/photo .* larger than 8 MiB/)
  })

  it('sends the client-credentials form to {login}/{tenant}/oauth2/v2.0/token and the token as a bearer', async () => {
    const { graph, sent } = client([token('t1'), page({ value: [] })])
    await graph.getJson('/users')
    expect(sent.map((s) => s.url)).toEqual([
      'https://login.example/contoso.example/oauth2/v2.0/token',
      'https://graph.example/v1.0/users',
    ])
    expect(sent[1]?.authorization).toBe('Bearer t1')
  })

  it('waits an HTTP-date Retry-After, then retries', async () => {
    const at = new Date(Date.now() + 5_000).toUTCString()
    const { graph, sleeps } = client([
      token('t1'),
      graphError(429, 'TooManyRequests', { 'Retry-After': at }),
      page({ value: [1] }),
    ])
    expect(await graph.getJson('/users')).toEqual({ value: [1] })
    expect(sleeps).toHaveLength(1)
    expect(sleeps[0]).toBeGreaterThanOrEqual(3_000)
    expect(sleeps[0]).toBeLessThanOrEqual(6_000)
  })

  it('renews an expired token once, and stops when the new one is refused too', async () => {
    const renewed = client([
      token('t1'),
      graphError(401, 'InvalidAuthenticationToken'),
      token('t2'),
      page({ value: [] }),
    ])
    await renewed.graph.getJson('/users')
    expect(renewed.sent.at(-1)?.authorization).toBe('Bearer t2')
    expect(renewed.events.map((e) => e.type)).toEqual(['token', 'token-expired', 'token'])
    const twice = client([
      token('t1'),
      graphError(401, 'InvalidAuthenticationToken'),
      token('t2'),
      graphError(401, 'InvalidAuthenticationToken'),
    ])
    const error = await twice.graph.getJson('/users').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GraphReadError)
    expect((error as GraphReadError).message).toBe(
      'GET /users answered 401 InvalidAuthenticationToken even with a new token: InvalidAuthenticationToken happened',
    )
  })

  it('never puts the secret or a token in a message, even when an answer echoes them', async () => {
    const echo = client([
      () =>
        Response.json(
          {
            error: 'invalid_client',
            error_description: `AADSTS7000215: bad secret ${SECRET}.\r\nTrace ID: x`,
          },
          { status: 401 },
        ),
    ])
    const refused = (await echo.graph.getJson('/users').catch((e: unknown) => e)) as GraphReadError
    expect(refused.kind).toBe('token')
    expect(refused.message).toBe(
      'The token endpoint refused the app (401 invalid_client): AADSTS7000215: bad secret [redacted].',
    )
    const leaky = client([token('token-abcdef'), graphError(403, 'Authorization_RequestDenied')])
    const denied = (await leaky.graph
      .getJson('/users?$skiptoken=abcdefghijklmnopqrstuvwxyz')
      .catch((e: unknown) => e)) as GraphReadError
    expect(denied.message).toBe(
      'GET /users?$skiptoken=… answered 403 Authorization_RequestDenied: Authorization_RequestDenied happened',
    )
  })

  it('reports a network failure as such', async () => {
    const { graph } = client([
      () => {
        throw new TypeError('fetch failed')
      },
    ])
    const error = (await graph.getJson('/users').catch((e: unknown) => e)) as GraphReadError
    expect(error.kind).toBe('network')
    expect(error.message).toBe('https://login.example could not be reached: fetch failed')
  })
})
