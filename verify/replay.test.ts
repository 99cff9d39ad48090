/** Replaying a recorded session in-process: no differences against a fresh mock, and tampering found. */
import { describe, expect, it } from 'vitest'
import { recordSession } from '../testing/recorded-session.ts'
import { replaySession } from './replay.ts'
import { parseSession, type SessionExchange } from '../mock-server/traffic/session.ts'

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

  it("reads a target's endless answer only up to the answer limit, and says so", async () => {
    const session = parseSession(await recordSession()).slice(0, 1)
    let sent = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x61))
      },
    })
    const result = await replaySession(session, {
      target: {
        baseUrl: 'http://replay.test/scim/v2/accounts/acme',
        key: 'replay-target-key-1234',
        injectFaults: false,
        fetch: async () => new Response(endless, { status: 200 }),
      },
    })
    expect(sent).toBeLessThan(8 * 1024 * 1024)
    expect(JSON.stringify(result.differences)).toMatch(/not read to its end/)
  })
})
