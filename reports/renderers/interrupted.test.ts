import { describe, expect, it } from 'vitest'
import type { ConformanceReport } from '../model.ts'
import { renderJson } from '../renderers/json.ts'
import { report, result } from '../test/builders.ts'
import { validateReport } from '../validate.ts'
import { renderConsoleSummary } from './console.ts'
import { renderHtml } from './html.ts'
import { renderJunit } from './junit.ts'
import { renderMarkdown } from './markdown.ts'

// An interrupted run says so in every format, and whether its cleanup was abandoned.
const REASON = 'interrupted before this rule started'
const results = [
  result({ ruleId: 'SRV-A', level: 'MUST', status: 'passed' }),
  result({ ruleId: 'SRV-B', level: 'MUST', status: 'skipped', reason: REASON }),
]
const base = report(results, {
  run: { ...report([]).run, target: { kind: 'url', url: 'https://scim.example/v2' } },
})
const interrupted = (cleanupAbandoned: boolean): ConformanceReport => ({
  ...base,
  schemaVersion: '1.2',
  run: {
    ...base.run,
    interrupted: { during: 'rules', ...(cleanupAbandoned && { cleanupAbandoned }) },
  },
})

const FINISHED = 'Interrupted during the rules; what did not finish is reported as skipped.'
const ABANDONED =
  'Interrupted during the rules; cleanup was abandoned: identities it created may be left (clearid-conformance sweep --target https://scim.example/v2 --run-id run-test --older-than 0 removes them).'

describe('an interrupted report', () => {
  it('says it was interrupted in every format, and stays INCOMPLETE', () => {
    const r = interrupted(false)
    expect(r.summary.verdict).toBe('incomplete')
    expect(renderConsoleSummary(r, { color: false })).toContain(`  ${FINISHED}\n`)
    expect(renderMarkdown(r)).toContain(`**${FINISHED}**`)
    expect(renderHtml(r)).toContain(`<p class="not-run">${FINISHED}</p>`)
    expect(renderJunit(r)).toContain(`<property name="run.interrupted" value="${FINISHED}"/>`)
    const json = JSON.parse(renderJson(r)) as ConformanceReport
    expect(validateReport(json).ok).toBe(true)
    expect(json.run.interrupted).toEqual({ during: 'rules' })
  })

  it('names the sweep when cleanup was abandoned', () => {
    const r = interrupted(true)
    expect(renderConsoleSummary(r, { color: false })).toContain(ABANDONED)
    expect(renderJunit(r)).toContain(ABANDONED)
    const json = JSON.parse(renderJson(r)) as ConformanceReport
    expect(Object.keys(json.run).at(-1)).toBe('interrupted')
    expect(json.run.interrupted).toEqual({ during: 'rules', cleanupAbandoned: true })
  })

  it('needs no sweep when the in-process mock held what was left', () => {
    const r = interrupted(true)
    const inProcess = { ...r, run: { ...r.run, target: { kind: 'in-process' as const } } }
    expect(renderConsoleSummary(inProcess, { color: false })).toContain(
      'cleanup was abandoned (the in-process mock ended with it).',
    )
  })

  it('says nothing of interruption for a run that finished', () => {
    for (const text of [
      renderConsoleSummary(base, { color: false }),
      renderMarkdown(base),
      renderHtml(base),
      renderJunit(base),
    ])
      expect(text).not.toContain('Interrupted')
  })

  it('rejects an unknown phase', () => {
    const bad = { ...base, run: { ...base.run, interrupted: { during: 'lunch' } } }
    expect(validateReport(bad).ok).toBe(false)
  })
})
