/**
 * Reading one mapped value (a CSV cell, a Graph attribute's text) the way the configuration says:
 * dates (ISO 8601, or the invariant culture's month-first form, `dateOrder`), booleans and the
 * status, and picture references (relative path, absolute path or Base64, the three forms ClearID
 * documents). Also the shapes the CSV quoting rule looks for: a value that looks like a date or a
 * path must be in double quotes.
 *
 * @module
 */
import type { DateOrder } from './mapping-model.ts'

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$/
const SLASH_DATE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/

function valid(y: number, m: number, d: number, h = 0, min = 0, s = 0): boolean {
  if (m < 1 || m > 12 || d < 1 || h > 23 || min > 59 || s > 59) return false
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/**
 * The value as an ISO 8601 date (`2026-04-05`) or date-time, or undefined when it is not a date
 * in the accepted forms. Times without a zone are taken as UTC (mock choice).
 */
export function parseSyncDate(value: string, order: DateOrder): string | undefined {
  const text = value.trim()
  const iso = ISO_DATE.exec(text)
  if (iso) {
    const [y, m, d, h, min, s] = iso.slice(1, 7).map((x) => (x === undefined ? 0 : Number(x)))
    if (!valid(y ?? 0, m ?? 0, d ?? 0, h, min, s)) return undefined
    return iso[4] === undefined ? text.slice(0, 10) : new Date(normalizeIso(text)).toISOString()
  }
  if (order === 'iso-only') return undefined
  const slash = SLASH_DATE.exec(text)
  if (!slash) return undefined
  const [a, b, y, h, min, s] = slash.slice(1, 7).map((x) => (x === undefined ? 0 : Number(x)))
  const [m, d] = order === 'month-first' ? [a ?? 0, b ?? 0] : [b ?? 0, a ?? 0]
  if (!valid(y ?? 0, m, d, h, min, s)) return undefined
  const date = `${pad(y ?? 0, 4)}-${pad(m)}-${pad(d)}`
  return slash[4] === undefined
    ? date
    : `${date}T${pad(h ?? 0)}:${pad(min ?? 0)}:${pad(s ?? 0)}.000Z`
}

function normalizeIso(text: string): string {
  const withT = text.replace(' ', 'T')
  return /(Z|[+-]\d{2}:?\d{2})$/.test(withT) ? withT : `${withT}Z`
}

/** Shapes of a date, valid or not (`2026-13-45`, `5/4/2026`): what must be quoted. */
export function looksLikeDate(value: string): boolean {
  return (
    /^\d{4}-\d{1,2}-\d{1,2}([T ]|$)/.test(value) ||
    /^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}( |$)/.test(value)
  )
}

const WINDOWS_ABSOLUTE = /^(?:[A-Za-z]:[\\/]|\\\\[^\\])/
const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/
const DATA_URL = /^data:image\/[a-z+.-]+;base64,/i
const FILE_NAME = /\.[A-Za-z0-9]{2,5}$/

/** Shapes of a file path: what must be quoted. */
export function looksLikePath(value: string): boolean {
  if (URL_SCHEME.test(value)) return false
  if (WINDOWS_ABSOLUTE.test(value) || value.startsWith('./') || value.startsWith('../')) return true
  if (value.startsWith('.\\') || value.startsWith('..\\')) return true
  return /[\\/]/.test(value) && FILE_NAME.test(value) && !/\s{2}/.test(value)
}

export type PictureKind = 'relative' | 'absolute' | 'base64'

export type PictureReading =
  | { readonly kind: PictureKind; readonly path?: string; readonly bytes?: number }
  | { readonly kind: 'invalid'; readonly reason: string }

/** Which of the documented picture forms a value is; Base64 is told from a name by its length. */
export function readPicture(raw: string): PictureReading {
  const value = raw.trim()
  if (URL_SCHEME.test(value)) {
    return {
      kind: 'invalid',
      reason: 'a URL: ClearID takes a relative path, an absolute path or Base64, not a link',
    }
  }
  if (WINDOWS_ABSOLUTE.test(value) || value.startsWith('/'))
    return { kind: 'absolute', path: value }
  const data = value.replace(DATA_URL, '').replace(/\s+/g, '')
  if (data.length >= 32 && !FILE_NAME.test(value) && BASE64.test(data)) {
    if (data.length % 4 !== 0) {
      return { kind: 'invalid', reason: 'Base64 whose length is not a multiple of 4 (cut short?)' }
    }
    return { kind: 'base64', bytes: (data.length / 4) * 3 - (data.match(/=+$/)?.[0].length ?? 0) }
  }
  if (/[<>"|?*]/.test(value) || /^[A-Za-z]:[^\\/]/.test(value)) {
    return { kind: 'invalid', reason: 'not a file path (it has characters a path cannot have)' }
  }
  if (FILE_NAME.test(value)) return { kind: 'relative', path: value }
  return {
    kind: 'invalid',
    reason: 'neither a path to an image file (no file extension) nor Base64',
  }
}

const TRUE = new Set(['true', '1', 'yes', 'y', 'active'])
const FALSE = new Set(['false', '0', 'no', 'n', 'inactive'])

/** `true`/`false`, `1`/`0`, `yes`/`no`, `Active`/`Inactive`, any case; undefined otherwise. */
export function parseSyncBoolean(value: string): boolean | undefined {
  const lower = value.trim().toLowerCase()
  if (TRUE.has(lower)) return true
  if (FALSE.has(lower)) return false
  return undefined
}
