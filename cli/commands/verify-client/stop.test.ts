/** When a verify-client session ends, on a fake clock: the countdowns are exact and cost no time. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { waitForStop } from './stop.ts'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

/** The reason once `done` settled, or undefined while it is pending. */
function outcome(done: Promise<string>): () => string | undefined {
  let reason: string | undefined
  void done.then((r) => (reason = r))
  return () => reason
}

describe('waitForStop', () => {
  it('stops after --idle-timeout without a request, counted again from each request', async () => {
    const stop = waitForStop({ idleMs: 600 })
    const reason = outcome(stop.done)
    await vi.advanceTimersByTimeAsync(500)
    stop.activity()
    await vi.advanceTimersByTimeAsync(599)
    expect(reason()).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(reason()).toBe('no request for 0.6 s (--idle-timeout)')
  })

  it('stops after --duration, whatever the traffic', async () => {
    const stop = waitForStop({ durationMs: 1000, idleMs: 600 })
    const reason = outcome(stop.done)
    for (let t = 0; t < 999; t += 333) {
      stop.activity()
      await vi.advanceTimersByTimeAsync(333)
    }
    expect(reason()).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(reason()).toBe('--duration 1 s passed')
  })

  it('stops at once on the abort signal (Ctrl-C) and leaves no timer behind', async () => {
    const controller = new AbortController()
    const stop = waitForStop({ durationMs: 60_000, idleMs: 600 }, controller.signal)
    controller.abort()
    expect(await stop.done).toBe('interrupted')
    stop.activity()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('waits for Ctrl-C alone when no limit is set', async () => {
    const stop = waitForStop({})
    const reason = outcome(stop.done)
    await vi.advanceTimersByTimeAsync(24 * 3600_000)
    expect(reason()).toBeUndefined()
  })
})
