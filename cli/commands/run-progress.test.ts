import { describe, expect, it } from 'vitest'
import { result } from '../../reports/test/builders.ts'
import type { ServerRule } from '../../rules/server/define.ts'
import { captureIo } from '../../testing/suite-support.ts'
import { createRunMeters } from './run-progress.ts'

const rule = { id: 'SRV-A', title: 'A' } as ServerRule

describe('createRunMeters', () => {
  it('closes the rules, then announces cleanup, all on stderr', () => {
    const io = captureIo()
    const meters = createRunMeters(io, { rules: 1 })
    meters.hooks.ruleStarted?.(rule, undefined)
    meters.hooks.ruleFinished?.(result({ ruleId: 'SRV-A', title: 'A' }))
    meters.hooks.cleanup?.(0, 2)
    meters.hooks.cleanup?.(2, 2)
    // The REST identities, cleaned up after the SCIM ones.
    meters.hooks.cleanup?.(0, 2)
    meters.hooks.cleanup?.(2, 2)
    meters.finish()
    expect(io.out).toEqual([])
    expect(io.err.join('')).toBe(
      'pass   MUST   SRV-A A\n1 rule run finished, 0 failed\nCleanup: deleting the 2 identities this run created…\nCleanup: deleting 2 more identities this run created…\n',
    )
  })

  it('announces nothing when there is nothing to delete, nor a rule count before any rule', () => {
    const io = captureIo()
    const meters = createRunMeters(io, { rules: 5 })
    meters.hooks.cleanup?.(0, 0)
    meters.finish()
    expect(io.err).toEqual([])
  })

  it('colours the bar on a terminal, and not with NO_COLOR', () => {
    const draw = (env: Record<string, string>) => {
      const io = captureIo({ isTTY: true, env })
      const meters = createRunMeters(io)
      meters.hooks.users?.(0, 4)
      meters.hooks.users?.(4, 4)
      meters.finish()
      return io.err.join('')
    }
    expect(draw({})).toContain('\u001b[32m████')
    const plain = draw({ NO_COLOR: '1' })
    expect(plain).toContain('\r\u001b[2K')
    expect(plain).toContain('████')
    expect(plain).not.toContain('\u001b[32m')
  })

  it('follows stderr, not stdout, in choosing a terminal line', () => {
    const io = captureIo({ isTTY: true, stderrIsTTY: false, env: {} })
    const meters = createRunMeters(io)
    meters.hooks.users?.(0, 4)
    meters.hooks.users?.(4, 4)
    meters.finish()
    expect(io.err.join('')).not.toContain('\r')
  })
})
