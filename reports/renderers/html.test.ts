import { describe, expect, it } from 'vitest'
import { report, result, sampleReport } from '../test/builders.ts'
import { renderHtml } from './html.ts'

const injected = report([
  result({
    ruleId: 'SRV-XSS',
    title: 'Title <b>bold</b>',
    area: 'x" onmouseover="alert(1)',
    status: 'failed',
    sources: [
      { kind: 'rfc', ref: 'evil link', url: 'javascript:alert(1)' },
      {
        kind: 'rfc',
        ref: 'RFC 7644 §3.12',
        url: 'https://datatracker.ietf.org/doc/html/rfc7644#section-3.12',
      },
    ],
    findings: [
      {
        severity: 'error',
        message: '<script>alert("message")</script>',
        actual: '</pre><script>alert(2)</script>',
        exchange: {
          request: {
            method: 'GET',
            url: 'https://h/Users?x=<script>',
            headers: { Authorization: 'Bearer TOPSECRET', 'X-Api-Key': 'TOPSECRET' },
          },
          response: {
            status: 500,
            headers: { 'Content-Type': 'text/html' },
            body: '<html><body><script>alert(document.cookie)</script><img src="https://evil.example/x.png"></body></html>',
          },
        },
      },
    ],
  }),
])

/** Every `<script>` element of the page: it must be exactly our one inline script. */
function scriptTags(html: string): string[] {
  return html.match(/<script\b[^>]*>/gi) ?? []
}

describe('renderHtml', () => {
  it('makes HTML injection from server responses impossible', () => {
    const html = renderHtml(injected)
    expect(scriptTags(html)).toEqual(['<script>'])
    expect(html).toContain('&lt;script&gt;alert(document.cookie)&lt;/script&gt;')
    expect(html).toContain('&lt;script&gt;alert(&quot;message&quot;)&lt;/script&gt;')
    expect(html).not.toContain('onmouseover="alert(1)"')
    expect(html).not.toContain('<b>bold</b>')
    expect(html).not.toContain('href="javascript:')
    expect(html).toContain('<a href="https://datatracker.ietf.org/doc/html/rfc7644#section-3.12"')
  })

  it('never prints a secret, even one that slipped into the model', () => {
    expect(renderHtml(injected)).not.toContain('TOPSECRET')
  })

  it('carries a Content-Security-Policy that forbids any network load', () => {
    const html = renderHtml(sampleReport())
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-/,
    )
    expect(html).toContain('img-src &#39;none&#39;')
  })

  /**
   * Resources a browser would fetch on its own (scripts, styles, images, fonts, frames, CSS
   * imports and url()) must not point anywhere: the file has to work offline and as an e-mail
   * attachment. Plain `<a href>` links to a rule's sources are different: the browser only follows
   * them when the reader clicks, so they are allowed, and must be http(s).
   */
  it('loads no external resource (only user-clicked source links point outside)', () => {
    const html = renderHtml(sampleReport())
    expect(html).not.toMatch(/\bsrc\s*=/i)
    expect(html).not.toMatch(/@import/i)
    expect(html).not.toMatch(/url\(/i)
    expect(html).not.toMatch(/<link\b/i)
    expect(html).not.toMatch(/<(img|iframe|object|embed|video|audio|source)\b/i)
    const hrefs = [...html.matchAll(/<(\w+)\b[^>]*\bhref="([^"]*)"/gi)].map((m) => [
      m[1]?.toLowerCase(),
      m[2],
    ])
    for (const [tag, href] of hrefs) {
      if (href?.startsWith('#')) continue
      expect(tag, `only <a> may point outside the page: ${href}`).toBe('a')
      expect(href).toMatch(/^https?:\/\//)
    }
    expect(html).not.toMatch(/\s(src|href|action|formaction|poster|data)\s*=\s*"\/\//i)
  })

  it('is deterministic', () => {
    expect(renderHtml(sampleReport())).toBe(renderHtml(sampleReport()))
  })

  it('opens failed rules and keeps transcripts collapsed', () => {
    const html = renderHtml(sampleReport())
    expect(html).toMatch(/<article class="rule st-failed"[^>]*><details class="rule-details" open>/)
    expect(html).not.toMatch(/<details class="transcript" open/)
  })
})

describe('renderHtml: the summary under the verdict', () => {
  /** Ids `html` links to from summary entries, in order. */
  const links = (html: string) =>
    [...html.matchAll(/class="summary-link" href="#([^"]+)"/g)].map((m) => m[1])
  const summaryOf = (html: string) =>
    /<section class="card failed-summary"[\s\S]*?<\/section>/.exec(html)?.[0] ?? ''

  it('lists every failed rule by level, right after the banner, linking to its card', () => {
    const html = renderHtml(sampleReport())
    expect(html.indexOf('id="failed-summary"')).toBeGreaterThan(html.indexOf('</header>'))
    expect(html.indexOf('id="failed-summary"')).toBeLessThan(html.indexOf('class="tiles"'))
    const summary = summaryOf(html)
    const ids = links(summary.slice(0, summary.indexOf('</ol>')))
    expect(ids).toEqual([
      'r-SRV-AUTH-001',
      'r-SRV-CREATE-004',
      'r-SRV-FILTER-001--entra-default',
      'r-SRV-FILTER-001--entra-flag',
      'r-SRV-PAGING-002',
      'r-SRV-PATCH-009--entra-flag',
      'r-SRV-ERR-002',
    ])
    for (const id of ids) expect(html).toContain(`<article class="rule st-failed" id="${id}"`)
    expect(summaryOf(html)).toContain(
      'Failed: 7 rules <span class="muted">(4 MUST, 3 SHOULD)</span>',
    )
  })

  it('shows the finding each failed on, and marks a failure its rule’s hint does not address', () => {
    const summary = summaryOf(renderHtml(sampleReport()))
    expect(summary).toContain(
      'Duplicate externalId answered 500 instead of 409 <span class="chip hint-reason"',
    )
    expect(summary).toContain('>server error</span>')
    expect(summary.match(/hint-reason/g)).toHaveLength(1)
  })

  it('keeps the rules that did not run apart from the failures, by reason', () => {
    const summary = summaryOf(renderHtml(sampleReport()))
    const notTested = summary.slice(summary.indexOf('id="not-tested-title"'))
    expect(summary.indexOf('id="not-tested-title"')).toBeGreaterThan(summary.indexOf('</ol>'))
    expect(notTested).toContain('Not tested: 1 rule')
    expect(notTested).toContain('ServiceProviderConfig.bulk.supported is false')
    expect(links(notTested)).toEqual(['r-SRV-BULK-001'])
  })

  it('folds failures past the first ten, and is absent when nothing failed or was skipped', () => {
    const many = report(
      Array.from({ length: 13 }, (_, i) =>
        result({
          ruleId: `SRV-X-${String(i).padStart(3, '0')}`,
          status: 'failed',
          findings: [{ severity: 'error', message: `finding <${i}>` }],
        }),
      ),
    )
    const summary = summaryOf(renderHtml(many))
    const [shown, folded] = summary.split('<details class="summary-more">')
    expect(links(shown ?? '')).toHaveLength(10)
    expect(folded).toMatch(
      /^<summary>3 more failed rules<\/summary><ol class="summary-list" start="11">/,
    )
    expect(links(folded ?? '')).toHaveLength(3)
    expect(summary).toContain('finding &lt;12&gt;')
    const passing = renderHtml(report([result({ ruleId: 'SRV-OK', status: 'passed' })]))
    expect(passing).not.toContain('id="failed-summary"')
  })

  it('shows the rule’s own fix after the one that fits the failure', () => {
    const html = renderHtml(sampleReport())
    expect(html).toMatch(
      /<div class="fix"><b>Fix<\/b> The server answered HTTP 500 Internal Server Error to POST \/Users: [^<]*<p class="rule-fix"><b>The rule&#39;s own fix<\/b> Check the extension externalId/,
    )
  })
})
