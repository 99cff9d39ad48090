/* eslint-disable no-control-regex -- these tests look for control characters on purpose */
import { describe, expect, it } from 'vitest'
import { result } from '../test/builders.ts'
import { createProgress } from './progress.ts'

function sink(columns?: number) {
  const chunks: string[] = []
  return {
    stream: { write: (s: string) => chunks.push(s), ...(columns && { columns }) },
    text: () => chunks.join(''),
  }
}

describe('createProgress', () => {
  it('writes plain lines, one per finished rule, without \\r off a TTY', () => {
    const out = sink()
    const progress = createProgress(out.stream, { tty: false, total: 2 })
    progress.ruleStarted({ id: 'SRV-A', title: 'A' })
    progress.ruleFinished(result({ ruleId: 'SRV-A', title: 'A' }))
    progress.ruleStarted({ id: 'SRV-B', title: 'B', dialect: 'entra-flag' })
    progress.ruleFinished(
      result({ ruleId: 'SRV-B', title: 'B', dialect: 'entra-flag', status: 'failed' }),
    )
    progress.done()
    expect(out.text()).not.toContain('\r')
    expect(out.text()).not.toContain('\u001b')
    expect(out.text()).toBe(
      'pass   MUST   SRV-A A\nFAIL   MUST   SRV-B [entra-flag] B\n2 rule runs finished, 1 failed\n',
    )
  })

  it('rewrites one line in place on a TTY and prints failures above it', () => {
    const out = sink(40)
    const progress = createProgress(out.stream, { tty: true, color: false, total: 2 })
    progress.ruleStarted({
      id: 'SRV-A',
      title: 'A title long enough to be cut at the terminal width',
    })
    progress.ruleFinished(result({ ruleId: 'SRV-A', status: 'failed' }))
    progress.ruleStarted({ id: 'SRV-B', title: 'B' })
    progress.done()
    const text = out.text()
    expect(text).toContain('\r\u001b[2K')
    expect(text).toContain('✗ MUST   SRV-A Rule SRV-A\n')
    expect(text).toContain('[1/2, 1 failed] SRV-B B')
    for (const line of text.split(/\r\u001b\[2K|\n/)) expect(line.length).toBeLessThanOrEqual(39)
    expect(text.endsWith('1 rule run finished, 1 failed\n')).toBe(true)
  })

  it('shows the status it is given in place of the count on a TTY', () => {
    const out = sink(80)
    const progress = createProgress(out.stream, {
      tty: true,
      color: false,
      total: 2,
      status: (finished) => `${finished} of 2 · 1.0/s`,
    })
    progress.ruleFinished(result({ ruleId: 'SRV-A', status: 'failed' }))
    progress.ruleStarted({ id: 'SRV-B', title: 'B' })
    expect(out.text()).toContain('[1 of 2 · 1.0/s, 1 failed] SRV-B B')
  })
})
