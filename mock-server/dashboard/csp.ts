/**
 * The dashboard's Content-Security-Policy. Its script and stylesheet are files of the mock
 * (`/_dashboard/app.js`, `/_dashboard/app.css`) allowed by a nonce fresh for each page, so no other
 * script runs, inline or from anywhere; the page talks only to its own origin. The only inline code
 * allowed is a report's own style and script (their hashes), because a report opens in a `srcdoc`
 * frame, which inherits this policy.
 *
 * @module
 */

export interface InlineSources {
  readonly style: readonly string[]
  readonly script: readonly string[]
}

const NONE: InlineSources = { style: [], script: [] }

export function dashboardCsp(nonce: string, inline: InlineSources = NONE): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' ${inline.script.join(' ')}`.trim(),
    `style-src 'nonce-${nonce}' ${inline.style.join(' ')}`.trim(),
    "connect-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** Headers of every dashboard response: no sniffing, no referrer, no framing by other sites. */
export const DASHBOARD_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
}
