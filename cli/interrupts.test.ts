import { describe, expect, it } from 'vitest'
import { createInterrupts } from './interrupts.ts'

describe('createInterrupts', () => {
  it('stops, then abandons cleanup, then exits, for a command that cleans up', () => {
    const interrupts = createInterrupts(true)
    const first = interrupts.receive()
    expect(first.exit).toBe(false)
    expect(first.message).toContain('Ctrl-C again to abandon that cleanup')
    expect(interrupts.stop.aborted).toBe(true)
    expect(interrupts.abandon.aborted).toBe(false)
    const second = interrupts.receive()
    expect(second.exit).toBe(false)
    expect(second.message).toContain('Abandoning cleanup')
    expect(interrupts.abandon.aborted).toBe(true)
    expect(interrupts.receive().exit).toBe(true)
  })

  it('stops, then exits at once, for any other command', () => {
    const interrupts = createInterrupts(false)
    expect(interrupts.receive()).toMatchObject({ exit: false })
    expect(interrupts.stop.aborted).toBe(true)
    expect(interrupts.receive().exit).toBe(true)
    expect(interrupts.abandon.aborted).toBe(false)
  })
})
