import { describe, expect, it } from 'vitest'
import { readBodyText } from './read-body.ts'

/** A body that never ends, made on demand; counts what was pulled and whether it was cancelled. */
function endless(chunkBytes = 64 * 1024) {
  const state = { pulled: 0, cancelled: false }
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += chunkBytes
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x61))
    },
    cancel() {
      state.cancelled = true
    },
  })
  return { body, state }
}

describe('readBodyText', () => {
  it('stops at the limit and cancels a body that never ends', async () => {
    const { body, state } = endless()
    const read = await readBodyText(new Response(body), 256 * 1024)
    expect(read.overLimit).toBe(true)
    expect(state.cancelled).toBe(true)
    // What was pulled: the limit, one chunk past it, and what the stream queued ahead.
    expect(state.pulled).toBeLessThanOrEqual(256 * 1024 + 3 * 64 * 1024)
    // Only a preview is kept of a body past the limit.
    expect(read.text.length).toBeLessThanOrEqual(8 * 1024)
  })

  it('refuses a declared Content-Length above the limit before reading', async () => {
    const { body, state } = endless()
    const response = new Response(body, { headers: { 'Content-Length': String(10 * 1024 ** 2) } })
    const read = await readBodyText(response, 1024 ** 2)
    expect(read).toEqual({ text: '', overLimit: true })
    expect(state.cancelled).toBe(true)
    expect(state.pulled).toBeLessThanOrEqual(64 * 1024)
  })

  it('reads a body up to the limit whole, multi-byte characters across chunks included', async () => {
    const bytes = new TextEncoder().encode('{"displayName":"Zoë 東京"}')
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(Uint8Array.of(byte))
        controller.close()
      },
    })
    expect(await readBodyText(new Response(body), bytes.length)).toEqual({
      text: '{"displayName":"Zoë 東京"}',
      overLimit: false,
    })
    expect(await readBodyText(new Response(null, { status: 204 }), 10)).toEqual({
      text: '',
      overLimit: false,
    })
  })
})
