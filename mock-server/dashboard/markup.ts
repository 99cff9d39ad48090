/**
 * The dashboard's markup: `hono/html`'s tagged template, which escapes every interpolated value
 * (text and attributes alike), narrowed to what the dashboard builds: markup from strings, numbers
 * and other markup only, so every result is a string at once and never a promise.
 *
 * @module
 */
import { html as honoHtml, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'

export type Markup = HtmlEscapedString

export function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  const out = honoHtml(strings, ...values)
  if (out instanceof Promise) throw new TypeError('Dashboard markup interpolates no promises.')
  return out
}

/** Text the dashboard wrote itself (a constant, an SVG), not a value from a request or the store. */
export const trusted = (text: string): Markup => raw(text)

/** `12,345`: thousands grouped the same way on every machine. */
export function count(n: number): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** `2026-12-04 10:15:02 UTC`: an ISO time, readable, never the browser's locale. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—'
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso)
  return match ? `${match[1]} ${match[2]} UTC` : iso
}

/** `10:15:02.123`: the time of day of a request, for the live traffic. */
export function clockTime(iso: string): string {
  return /T(\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)/.exec(iso)?.[1] ?? iso
}

/** Pretty JSON for a `<pre>`; a value that is not JSON (cut text) as it is. */
export function prettyJson(value: unknown): string {
  if (value === undefined) return ''
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value, null, 2) ?? ''
  } catch {
    return String(value)
  }
}

/** Path segment for a URL the page will request: ids come from the store or the log. */
export const segment = (text: string): string => encodeURIComponent(text)
