import { describe, expect, it } from 'vitest'
import { readBodyBytes, readBodyText, readJsonObject } from './read-response.ts'

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

describe('readBodyBytes and readJsonObject', () => {
  it('give up at the limit, on a body that never ends and on a declared length, without parsing', async () => {
    const { body, state } = endless()
    expect(await readBodyBytes(new Response(body), 256 * 1024)).toBe('too large')
    expect(state.cancelled).toBe(true)
    const declared = new Response('{}', { headers: { 'content-length': String(2 ** 40) } })
    expect(await readJsonObject(declared, 1024)).toBe('too large')
    expect(await readJsonObject(new Response(endless().body), 64 * 1024)).toBe('too large')
  })

  it('read what fits: the bytes as sent, a JSON object, and undefined for anything else', async () => {
    const bytes = new Uint8Array([0, 255, 1, 254])
    expect(await readBodyBytes(new Response(bytes), 4)).toEqual(bytes)
    expect(await readJsonObject(Response.json({ a: 1 }), 1024)).toEqual({ a: 1 })
    for (const text of ['[1]', 'null', '"x"', '{"a":', '<html>'])
      expect(await readJsonObject(new Response(text), 1024), text).toBeUndefined()
  })
})
