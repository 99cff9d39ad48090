import { describe, expect, it } from 'vitest'
import { mapPool } from './pool.ts'

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1))

describe('mapPool', () => {
  it('keeps item order with several lanes', async () => {
    const out = await mapPool([3, 1, 2], 3, async (n) => {
      await new Promise((resolve) => setTimeout(resolve, n))
      return n * 10
    })
    expect(out).toEqual([30, 10, 20])
  })

  it('rejects only after the work in flight has settled, and starts nothing new', async () => {
    const finished: number[] = []
    const started: number[] = []
    const pool = mapPool([0, 1, 2, 3, 4, 5], 3, async (n) => {
      started.push(n)
      if (n === 0) throw new Error('first')
      await tick()
      await tick()
      finished.push(n)
      return n
    })
    await expect(pool).rejects.toThrow('first')
    // Lanes 1 and 2 were in flight when item 0 failed: they finished before the rejection.
    expect(finished).toEqual([1, 2])
    expect(started).toEqual([0, 1, 2])
  })

  it('rejects with the first error when several fail', async () => {
    const pool = mapPool([0, 1], 2, async (n) => {
      await tick()
      throw new Error(`error ${n}`)
    })
    await expect(pool).rejects.toThrow('error 0')
  })
})
