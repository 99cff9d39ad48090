/**
 * The first thing under the verdict: every failed rule in one line (level, id, title, the finding
 * it failed on) linking to its card, and apart from them the rules that could not be tested. The
 * cards themselves sit below the charts, a few screens down; a reader should not have to scroll
 * past a latency chart to learn what failed.
 *
 * @module
 */
import type { FixReason, RuleResult } from '../../model.ts'
import { resultKey } from '../../result-key.ts'
import { RULE_LEVELS } from '../../summarize.ts'
import { keyFinding, oneLine } from '../shared/describe.ts'
import { escapeHtml as esc } from '../shared/escape.ts'
import { resultAnchor } from './rule-card.ts'

/** Entries shown before the rest fold away, so a run against a broken server stays one screen. */
export const FAILED_SHOWN = 10

/** A short label beside an entry whose fix speaks of the failure, not of the rule (failure-hint.ts). */
const REASON_LABEL: Readonly<Record<FixReason, string>> = {
  'server-error': 'server error',
  'no-response': 'no answer',
  'not-json': 'not JSON',
  'not-scim-error': 'not a SCIM error',
}

/**
 * `failed` and `notTested` in the order the cards use (by level, then catalogue order); empty when
 * there is neither.
 */
export function failedSummary(
  failed: readonly RuleResult[],
  notTested: readonly RuleResult[],
): string {
  if (failed.length === 0 && notTested.length === 0) return ''
  const parts: string[] = []
  if (failed.length > 0) {
    const shown = failed.slice(0, FAILED_SHOWN).map(failedEntry)
    const rest = failed.slice(FAILED_SHOWN).map(failedEntry)
    parts.push(
      `<h2 id="failed-summary-title">Failed: ${failed.length} rule${failed.length === 1 ? '' : 's'} <span class="muted">(${esc(levelCounts(failed))})</span></h2>`,
      `<ol class="summary-list">${shown.join('')}</ol>`,
    )
    if (rest.length > 0)
      parts.push(
        `<details class="summary-more"><summary>${rest.length} more failed rule${rest.length === 1 ? '' : 's'}</summary><ol class="summary-list" start="${FAILED_SHOWN + 1}">${rest.join('')}</ol></details>`,
      )
  }
  if (notTested.length > 0) parts.push(notTestedPart(notTested, failed.length === 0))
  return `<section class="card failed-summary" id="failed-summary" aria-labelledby="${failed.length > 0 ? 'failed-summary-title' : 'not-tested-title'}">${parts.join('')}</section>`
}

function failedEntry(result: RuleResult): string {
  const finding = keyFinding(result)
  const reason = result.fixReason
    ? ` <span class="chip hint-reason" title="The fix speaks of this failure, not of the rule">${esc(REASON_LABEL[result.fixReason])}</span>`
    : ''
  const message = finding
    ? `<p class="summary-finding">${esc(oneLine(finding.message, 220))}${reason}</p>`
    : reason
      ? `<p class="summary-finding">${reason}</p>`
      : ''
  return `<li class="summary-item st-failed">${entryLink(result)}${message}</li>`
}

function entryLink(result: RuleResult): string {
  const dialect = result.dialect ? ` <span class="chip dialect">${esc(result.dialect)}</span>` : ''
  return `<a class="summary-link" href="#${esc(resultAnchor(resultKey(result)))}"><span class="pill lv lv-${esc(result.level)}">${esc(result.level)}</span> <code class="rule-id">${esc(result.ruleId)}</code>${dialect} <span class="summary-title">${esc(result.title)}</span></a>`
}

/**
 * Skipped rules, grouped by why: they are neither passed nor failed, and the verdict says so. One
 * line per reason; its rules fold away unless they are few and nothing failed.
 */
function notTestedPart(notTested: readonly RuleResult[], nothingFailed: boolean): string {
  const groups = new Map<string, RuleResult[]>()
  for (const result of notTested) {
    const reason = result.reason ?? 'no reason recorded'
    groups.set(reason, [...(groups.get(reason) ?? []), result])
  }
  const open = nothingFailed && notTested.length <= FAILED_SHOWN ? ' open' : ''
  const lists = [...groups].map(
    ([reason, results]) =>
      `<details class="not-tested"${open}><summary>${esc(reason)} <span class="muted">(${results.length})</span></summary><ul class="summary-list">${results.map((r) => `<li class="summary-item st-skipped">${entryLink(r)}</li>`).join('')}</ul></details>`,
  )
  return `<h2 id="not-tested-title">Not tested: ${notTested.length} rule${notTested.length === 1 ? '' : 's'} <span class="muted">(${esc(levelCounts(notTested))})</span></h2>${lists.join('')}`
}

/** `4 MUST, 3 SHOULD` */
function levelCounts(results: readonly RuleResult[]): string {
  return RULE_LEVELS.map(
    (level) => [level, results.filter((r) => r.level === level).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([level, n]) => `${n} ${level}`)
    .join(', ')
}
