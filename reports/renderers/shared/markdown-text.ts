/**
 * Markdown escaping for GitHub-flavoured Markdown: text from servers must not become links, HTML,
 * headings or broken tables in a pull-request comment.
 *
 * @module
 */
import { safeLinkUrl } from './escape.ts'

/** Inline text: markup characters escaped, HTML characters as entities, one line. */
export function mdText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~#!])/g, '\\$1')
}

function longestRun(text: string, char: string): number {
  let longest = 0
  for (const run of text.match(new RegExp(`${char === '`' ? '`' : '~'}+`, 'g')) ?? []) {
    longest = Math.max(longest, run.length)
  }
  return longest
}

/** An inline code span on one line, with a fence longer than any backtick run inside it. */
export function mdCode(text: string): string {
  const flat = text.replace(/\s+/g, ' ')
  const fence = '`'.repeat(longestRun(flat, '`') + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}

/** A table cell: GFM splits cells on `|` even inside code spans, so pipes are escaped last. */
export function mdCell(markdown: string): string {
  return markdown.replace(/(?<!\\)\|/g, '\\|')
}

/** A fenced code block whose fence cannot be closed by the content. */
export function mdFence(text: string, lang = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1))
  return `${fence}${lang}\n${text}\n${fence}`
}

/** `[text](url)` for http(s) URLs, plain escaped text otherwise. */
export function mdLink(text: string, url: string | undefined): string {
  const safe = safeLinkUrl(url)
  return safe ? `[${mdText(text)}](<${safe}>)` : mdText(text)
}

/** One table row of already-formatted Markdown cells. */
export function mdRow(cells: readonly string[]): string {
  return `| ${cells.map(mdCell).join(' | ')} |`
}

/** A table from a header row and body rows of already-formatted Markdown. */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [mdRow(header), mdRow(header.map(() => '---')), ...rows.map(mdRow)].join('\n')
}
