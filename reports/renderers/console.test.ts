import { describe, expect, it } from 'vitest'
import { report, result, sampleReport } from '../test/builders.ts'
import { renderConsoleSummary } from './console.ts'

describe('renderConsoleSummary', () => {
  it('leads with the verdict and lists failed MUST rules with their fix', () => {
    const text = renderConsoleSummary(sampleReport(), { color: false, files: ['out/r.html'] })
    expect(text.split('\n')[0]).toBe('FAIL  4 MUST rules failed')
    expect(text).toContain('✗ SRV-FILTER-001 [entra-flag]')
    expect(text).toContain('fix: userName has caseExact false')
    expect(text).toContain('Reports:\n  out/r.html')
    expect(text).not.toContain('\u001b')
  })

  it('strips terminal escape sequences coming from a server', () => {
    const text = renderConsoleSummary(
      report([
        result({
          ruleId: 'SRV-A',
          status: 'failed',
          findings: [{ severity: 'error', message: 'evil \u001b]0;title\u0007\u001b[2J' }],
        }),
      ]),
      { color: true },
    )
    expect(text).not.toContain('\u001b[2J')
    expect(text).not.toContain('\u0007')
  })
})
