import { describe, expect, it } from 'vitest'
import type { RuleResult } from '../model.ts'
import { report, result, sampleReport } from '../test/builders.ts'
import { renderMarkdown } from './markdown.ts'

function huge(): RuleResult[] {
  const body = {
    detail: 'x'.repeat(3000),
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
  }
  return Array.from({ length: 3000 }, (_, i) =>
    result({
      ruleId: `SRV-BIG-${String(i).padStart(4, '0')}`,
      level: i % 3 === 0 ? 'SHOULD' : 'MUST',
      status: 'failed',
      area: `area-${i % 40}`,
      findings: [
        {
          severity: 'error',
          message: `finding ${i}`,
          exchange: {
            request: { method: 'GET', url: `https://h/Users/${i}`, headers: {} },
            response: { status: 500, headers: {}, body },
          },
        },
      ],
    }),
  )
}

describe('renderMarkdown', () => {
  it('starts with the verdict word and puts regressions before the counts', () => {
    const md = renderMarkdown(sampleReport())
    expect(md.split('\n')[0]).toBe('## ClearID SCIM conformance: FAIL')
    expect(md).toContain('**Verdict: `FAIL`**')
    expect(md.indexOf('Changes since baseline')).toBeLessThan(md.indexOf('Results by level'))
    expect(md.indexOf('Failed MUST rules')).toBeLessThan(md.indexOf('Failed SHOULD rules'))
  })

  it('says PASS when no MUST rule failed', () => {
    const md = renderMarkdown(
      report([result({ ruleId: 'SRV-A', level: 'SHOULD', status: 'failed' })]),
    )
    expect(md).toContain('**Verdict: `PASS`**')
  })

  it('stays under 65,000 characters for a huge report and says what it left out', () => {
    const md = renderMarkdown(report(huge()))
    expect(md.length).toBeLessThan(65_000)
    expect(md).toMatch(/\*\*Truncated:\*\* \d+ failed MUST rules/)
    expect(md).toContain('<sub>clearid-conformance')
  })

  it('cannot be broken by server text: no raw HTML, no table breakage, no fence escape', () => {
    const md = renderMarkdown(
      report([
        result({
          ruleId: 'SRV-A',
          status: 'failed',
          findings: [
            {
              severity: 'error',
              message: '<img src=x onerror=alert(1)> | [link](http://evil) **bold**',
              exchange: {
                request: { method: 'GET', url: 'https://h/', headers: {} },
                response: { status: 500, headers: {}, body: '```\n# not a heading' },
              },
            },
          ],
        }),
      ]),
    )
    expect(md).not.toContain('<img')
    expect(md).toContain(
      '&lt;img src=x onerror=alert(1)&gt; \\| \\[link\\](http://evil) \\*\\*bold\\*\\*',
    )
    expect(md).toContain('````http')
  })
})
