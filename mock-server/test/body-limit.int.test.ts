import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { startServer, type RunningServer } from '../node/serve.ts'
import { RawRequest, sendOversized } from '../../testing/raw-http.ts'

const MiB = 1024 * 1024
/** Far over the 1 MiB limit, and bounded so the test stays quick. */
const OVERSIZED = 48 * MiB

/** One body-taking endpoint of each surface, sent without any credentials. */
const SURFACES = [
  ['SCIM', '/scim/v2/accounts/demo/Users', 'application/scim+json'],
  ['REST identity service', '/identityservice/api/v2/accounts/demo/identities', 'application/json'],
  ['REST search service', '/searchservice/api/v1/accounts/demo/identities', 'application/json'],
  ['token service', '/sts/connect/token', 'application/x-www-form-urlencoded'],
  ['control plane', '/_admin/accounts', 'application/json'],
] as const

describe('request bodies over the limit, over a real socket', () => {
  let server: RunningServer

  beforeAll(async () => {
    server = await startServer(createApp())
  })
  afterAll(() => server.close())

  it.each(SURFACES)(
    'the %s answers a chunked body far over the limit with 413 before it is all sent',
    async (_surface, path, contentType) => {
      const { answer, sentWhenAnswered } = await sendOversized(
        server.url,
        { method: 'POST', path, headers: { 'Content-Type': contentType } },
        OVERSIZED,
      )
      expect(answer.status).toBe(413)
      expect(answer.body).toContain(`larger than ${MiB} bytes`)
      expect(answer.body).toContain('behaviour.maxBodyBytes')
      // The server stopped reading at the limit and answered: the client was far from done.
      expect(sentWhenAnswered).toBeLessThan(OVERSIZED / 4)
    },
  )

  it.each(SURFACES)(
    'the %s refuses a declared Content-Length over the limit before reading any of it',
    async (_surface, path, contentType) => {
      const request = new RawRequest(server.url, {
        method: 'POST',
        path,
        headers: { 'Content-Type': contentType, 'Content-Length': String(600 * MiB) },
      })
      try {
        const answer = await request.answer()
        expect(answer.status).toBe(413)
        expect(request.sent).toBe(0)
      } finally {
        request.close()
      }
    },
  )

  it('keeps serving afterwards', async () => {
    const response = await fetch(`${server.url}/health`)
    expect(response.status).toBe(200)
  })
})

describe('the 413', () => {
  it('names the limit and the option that sets it', async () => {
    const app = createApp({ behaviour: { maxBodyBytes: 64 } })
    const response = await app.request('/scim/v2/accounts/demo/Users', {
      method: 'POST',
      headers: { Authorization: 'Bearer clearid-dev-scim-key' },
      body: 'x'.repeat(65),
    })
    expect(response.status).toBe(413)
    const body = (await response.json()) as { detail: string; scimType: string }
    expect(body.scimType).toBe('tooMany')
    expect(body.detail).toContain('larger than 64 bytes')
  })
})
