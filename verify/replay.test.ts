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
})
