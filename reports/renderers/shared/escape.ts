/**
 * Escaping for the markup renderers. Everything that came from a server or a rule passes through
 * here before it reaches XML or HTML, so a response body can never inject markup.
 *
 * @module
 */

// XML 1.0 forbids these characters even as character references, so they are shown as text.
/* eslint-disable no-control-regex -- the pattern exists to find control characters */
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
/* eslint-enable no-control-regex */

function visible(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
}

/** Replaces characters XML 1.0 cannot carry with a visible `\uXXXX`. */
export function xmlSafeChars(text: string): string {
  return text.replace(XML_FORBIDDEN, visible)
}

/** Text content of an XML element. */
export function escapeXmlText(text: string): string {
  return xmlSafeChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

// Attribute values are normalised by parsers: tabs and newlines survive only as references.
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
}

/** HTML text or attribute value (always quoted with `"`). */
export function escapeHtml(text: string): string {
  return xmlSafeChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Only absolute http(s) URLs become links; anything else (`javascript:`, relative) stays text. */
export function safeLinkUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined
}
