/**
 * Test builders: the sample report fixture, and small reports assembled from result overrides.
 *
 * @module
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ConformanceReport, RuleResult } from '../model.ts'
import { summarize } from '../summarize.ts'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const SAMPLE_PATH = join(ROOT, 'fixtures/reports/sample-report.json')
export const BASELINE_PATH = join(ROOT, 'fixtures/reports/baseline-report.json')
export const WAIVERS_PATH = join(ROOT, 'fixtures/reports/waivers.json')

export function loadJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'))
}

export function sampleReport(): ConformanceReport {
  return loadJson(SAMPLE_PATH) as ConformanceReport
}

export function baselineReport(): ConformanceReport {
  return loadJson(BASELINE_PATH) as ConformanceReport
}

export function result(overrides: Partial<RuleResult> & Pick<RuleResult, 'ruleId'>): RuleResult {
  return {
    title: `Rule ${overrides.ruleId}`,
    level: 'MUST',
    side: 'server',
    profile: 'rfc',
    area: 'filter',
    tags: [],
    sources: [],
    fix: 'Fix it.',
    status: 'passed',
    findings: [],
    durationMs: 1,
    ...overrides,
  }
}

/** A report around `results`, with a summary computed from them. */
export function report(
  results: readonly RuleResult[],
  extra: Partial<ConformanceReport> = {},
): ConformanceReport {
  return {
    schemaVersion: '1.0',
    run: {
      id: 'run-test',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      durationMs: 1000,
      seed: 1,
      dialects: ['entra-default', 'entra-flag'],
      profiles: ['rfc'],
      target: { kind: 'in-process' },
      judged: 'server',
      versions: { tool: '0.0.0-test', node: 'v20.0.0' },
    },
    summary: summarize(results),
    results,
    ...extra,
  }
}
