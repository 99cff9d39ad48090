/**
 * Output of `report diff`: what changed between a baseline and a new report, as plain text, as
 * Markdown (for a pull-request comment) or as JSON (for scripts).
 *
 * @module
 */
import type { BaselineDiff, ConformanceReport, RuleResult } from '../model.ts'
import { indexResults } from '../result-key.ts'
import { oneLine } from './shared/describe.ts'
import { mdCode, mdText } from './shared/markdown-text.ts'

export type DiffFormat = 'text' | 'md' | 'json'

export interface DiffEntry {
  readonly key: string
  readonly level?: RuleResult['level']
  readonly title?: string
  readonly before?: RuleResult['status']
  readonly after?: RuleResult['status']
}

export interface DiffDocument {
  readonly baselineRunId: string
  readonly runId: string
  /** Newly failing MUST results: `report diff` exits 1 when there is any. */
  readonly mustRegressions: number
  readonly newlyFailing: readonly DiffEntry[]
  readonly newlyPassing: readonly DiffEntry[]
  readonly appeared: readonly DiffEntry[]
  readonly disappeared: readonly DiffEntry[]
  /** Ran in the baseline, skipped now; MUST ones make the comparison `INCOMPLETE`. */
  readonly newlyNotRun: readonly DiffEntry[]
  /** Newly not run MUST results: a regression may hide among them. */
  readonly mustNotRun: number
}

export function diffDocument(
  diff: BaselineDiff,
  base: ConformanceReport,
  next: ConformanceReport,
): DiffDocument {
  const before = indexResults(base.results)
  const after = indexResults(next.results)
  const entry = (key: string): DiffEntry => {
    const now = after.get(key)
    const then = before.get(key)
    const meta = now ?? then
    return {
      key,
      ...(meta && { level: meta.level, title: meta.title }),
      ...(then && { before: then.status }),
      ...(now && { after: now.status }),
    }
  }
  const newlyFailing = diff.newlyFailing.map(entry)
  // Baselines written before 1.1 have no `newlyNotRun`.
  const newlyNotRun = (diff.newlyNotRun ?? []).map(entry)
  return {
    baselineRunId: diff.baselineRunId,
    runId: next.run.id,
    mustRegressions: newlyFailing.filter((e) => e.level === 'MUST').length,
    newlyFailing,
    newlyPassing: diff.newlyPassing.map(entry),
    appeared: diff.appeared.map(entry),
    disappeared: diff.disappeared.map(entry),
    newlyNotRun,
    mustNotRun: newlyNotRun.filter((e) => e.level === 'MUST').length,
  }
}

const SECTIONS = [
  ['newlyFailing', 'Newly failing'],
  ['newlyPassing', 'Newly passing'],
  ['appeared', 'Appeared'],
  ['disappeared', 'Disappeared'],
  ['newlyNotRun', 'Ran in the baseline, not run now'],
] as const

export function renderDiff(doc: DiffDocument, format: DiffFormat): string {
  if (format === 'json') return `${JSON.stringify(doc, null, 2)}\n`
  return format === 'md' ? diffMarkdown(doc) : diffText(doc)
}

function transition(e: DiffEntry): string {
  return `${e.before ?? 'absent'} → ${e.after ?? 'absent'}`
}

// The reason comes from the new report's results (e.g. `writes not allowed: pass --allow-writes`).
function notRunText(doc: DiffDocument): string {
  return `${doc.mustNotRun} MUST rule(s) that ran in the baseline did not run now`
}

function diffText(doc: DiffDocument): string {
  const lines = [`Changes from ${doc.baselineRunId} to ${doc.runId}:`]
  let any = false
  for (const [field, title] of SECTIONS) {
    const entries = doc[field]
    if (entries.length === 0) continue
    any = true
    lines.push('', `${title} (${entries.length}):`)
    for (const e of entries) {
      lines.push(
        `  ${e.key.padEnd(32)} ${(e.level ?? '').padEnd(6)} ${transition(e).padEnd(22)} ${oneLine(e.title ?? '', 90)}`,
      )
    }
  }
  if (!any) lines.push('  no change')
  lines.push(
    '',
    doc.mustRegressions > 0
      ? `REGRESSION: ${doc.mustRegressions} MUST rule(s) newly failing`
      : doc.mustNotRun > 0
        ? `INCOMPLETE: no MUST rule newly failing, but ${notRunText(doc)}`
        : 'No MUST rule newly failing',
  )
  return `${lines.join('\n')}\n`
}

function diffMarkdown(doc: DiffDocument): string {
  const verdict =
    doc.mustRegressions > 0
      ? `**Verdict: ${mdCode('REGRESSION')}** · ${doc.mustRegressions} MUST rule(s) newly failing`
      : doc.mustNotRun > 0
        ? `**Verdict: ${mdCode('INCOMPLETE')}** · no MUST rule newly failing, but ${mdText(notRunText(doc))}`
        : `**Verdict: ${mdCode('OK')}** · no MUST rule newly failing`
  const parts = [`### Changes since ${mdCode(doc.baselineRunId)}`, verdict]
  for (const [field, title] of SECTIONS) {
    const entries = doc[field]
    if (entries.length === 0) continue
    const items = entries.map(
      (e) =>
        `- ${mdCode(e.key)}${e.level ? ` ${e.level}` : ''} ${mdText(oneLine(e.title ?? '', 120))} (${mdText(transition(e))})`,
    )
    parts.push(`**${title} (${entries.length})**\n\n${items.join('\n')}`)
  }
  return `${parts.join('\n\n')}\n`
}
