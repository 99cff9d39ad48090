/**
 * The report formats, by name. Adding a format is one renderer file plus one line in each map.
 *
 * @module
 */
import { renderHtml } from './html.ts'
import type { HtmlRenderOptions } from './html.ts'
import { renderJson } from './json.ts'
import type { JsonRenderOptions } from './json.ts'
import { renderJunit } from './junit.ts'
import type { JunitRenderOptions } from './junit.ts'
import { renderMarkdown } from './markdown.ts'
import type { MarkdownRenderOptions } from './markdown.ts'

export const RENDERERS = {
  json: renderJson,
  junit: renderJunit,
  md: renderMarkdown,
  html: renderHtml,
} as const

export type FormatName = keyof typeof RENDERERS

export interface RendererOptions {
  json: JsonRenderOptions
  junit: JunitRenderOptions
  md: MarkdownRenderOptions
  html: HtmlRenderOptions
}

/** File written for each format by `writeReports`. */
export const REPORT_FILE_NAMES: Readonly<Record<FormatName, string>> = {
  json: 'conformance-report.json',
  junit: 'conformance-junit.xml',
  md: 'conformance-report.md',
  html: 'conformance-report.html',
}

export const FORMAT_NAMES = Object.keys(RENDERERS) as FormatName[]

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(RENDERERS, name)
}

/** Parses `html,junit` (also `markdown` for `md`, `xml` for `junit`); errors name what is wrong. */
export function parseFormats(list: string): { formats: FormatName[] } | { error: string } {
  const aliases: Record<string, FormatName> = { markdown: 'md', xml: 'junit' }
  const formats: FormatName[] = []
  for (const raw of list
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)) {
    const name = aliases[raw] ?? raw
    if (!isFormatName(name)) {
      return { error: `unknown format "${raw}"; choose from ${FORMAT_NAMES.join(', ')}` }
    }
    if (!formats.includes(name)) formats.push(name)
  }
  return formats.length > 0
    ? { formats }
    : { error: `no format given; choose from ${FORMAT_NAMES.join(', ')}` }
}

export { renderConsoleSummary, createProgress } from './console.ts'
export { renderHtml, renderJson, renderJunit, renderMarkdown }
