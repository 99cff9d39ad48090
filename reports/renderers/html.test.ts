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
