import { PassThrough } from 'node:stream'
import type { Context } from 'hono'
import { describe, expect, it } from 'vitest'
import { nodeBodyOf, readNodeBody, type NodeBody } from './node-body.ts'

const text = (chunks: readonly Uint8Array[]) => Buffer.concat(chunks).toString('utf8')
const contextOf = (incoming: unknown) => ({ env: { incoming } }) as unknown as Context

describe('readNodeBody', () => {
  it('reads the chunks to the end of the body', async () => {
    const stream = new PassThrough()
    const reading = readNodeBody(stream, 100)
    stream.write('{"userName":')
    stream.end('"zoë"}')
    const read = await reading
    expect(read).not.toBeTypeOf('string')
    if (typeof read === 'string') return
    expect(text(read.chunks)).toBe('{"userName":"zoë"}')
    expect(read.bytes).toBe(19)
  })

  it('stops at the first chunk over the limit and leaves the rest unread', async () => {
    const stream = new PassThrough()
    const reading = readNodeBody(stream, 8)
    stream.write('12345')
    stream.write('67890')
    expect(await reading).toBe('too large')
    expect(stream.isPaused()).toBe(true)
    expect(stream.listenerCount('data')).toBe(0)
  })

  it('reports a body cut short when the stream closes before its end', async () => {
    const stream = new PassThrough()
    const reading = readNodeBody(stream, 100)
    stream.write('{"userName":')
    stream.destroy()
    expect(await reading).toBe('cut short')
  })
})

describe('nodeBodyOf', () => {
  it('takes a Node request whose body nobody has read yet', () => {
    const stream = new PassThrough()
    expect(nodeBodyOf(contextOf(stream))).toBe(stream)
  })

  it('leaves a body someone has started reading, an ended or destroyed one, and no adapter', async () => {
    const started = new PassThrough()
    started.write('x')
    started.read()
    const ended = new PassThrough()
    ended.end()
    ended.resume()
    await new Promise((resolve) => ended.once('end', resolve))
    const destroyed = new PassThrough()
    destroyed.destroy()
    for (const incoming of [started, ended, destroyed, undefined, { rawHeaders: [] }]) {
      expect(nodeBodyOf(contextOf(incoming as NodeBody | undefined))).toBeUndefined()
    }
    expect(nodeBodyOf({ env: undefined } as unknown as Context)).toBeUndefined()
  })
})
