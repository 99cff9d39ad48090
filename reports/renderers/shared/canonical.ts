/**
 * Canonical key order for the report model, so the JSON file of a run is byte-for-byte stable no
 * matter in which order the harness assembled its objects. Known fields come in the order of
 * `model.ts`; unknown fields (from a newer minor version) follow, sorted. Opaque payloads (bodies,
 * expected/actual values) keep their own order: a server's field order is evidence.
 *
 * @module
 */
import type { ConformanceReport } from '../../model.ts'
import { RULE_LEVELS } from '../../../model/rule.ts'

type Json = Record<string, unknown>
type Shape = {
  readonly keys: readonly string[]
  readonly nested?: Record<string, (v: unknown) => unknown>
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function ordered(value: unknown, shape: Shape): unknown {
  if (!isObject(value)) return value
  const out: Json = {}
  const known = new Set(shape.keys)
  const extra = Object.keys(value)
    .filter((key) => !known.has(key))
    .sort()
  for (const key of [...shape.keys, ...extra]) {
    const item = value[key]
    if (item === undefined) continue
    const nested = shape.nested?.[key]
    out[key] = nested ? nested(item) : item
  }
  return out
}

const each = (fn: (v: unknown) => unknown) => (list: unknown) =>
  Array.isArray(list) ? list.map(fn) : list

/** Every value of a map through `fn`, keys sorted. */
const sortedMap = (fn: (v: unknown) => unknown) => (map: unknown) => {
  if (!isObject(map)) return map
  const out: Json = {}
  for (const key of Object.keys(map).sort()) out[key] = fn(map[key])
  return out
}

const sortedKeys = sortedMap((v) => v)

const counts = (v: unknown) =>
  ordered(v, { keys: ['passed', 'failed', 'skipped', 'not-applicable', 'waived'] })

const message = (v: unknown) => ordered(v, { keys: ['method', 'url', 'status', 'headers', 'body'] })

const exchange = (v: unknown) =>
  ordered(v, {
    keys: ['request', 'response', 'durationMs', 'error'],
    nested: { request: message, response: message },
  })

const finding = (v: unknown) =>
  ordered(v, {
    keys: ['severity', 'message', 'expected', 'actual', 'exchange'],
    nested: { exchange },
  })

const source = (v: unknown) => ordered(v, { keys: ['kind', 'ref', 'url'] })

const result = (v: unknown) =>
  ordered(v, {
    keys: [
      'ruleId',
      'title',
      'level',
      'side',
      'profile',
      'area',
      'tags',
      'sources',
      'fix',
      'fixReason',
      'ruleFix',
      'msValidatorTest',
      'dialect',
      'status',
      'reason',
      'findings',
      'durationMs',
    ],
    nested: { sources: each(source), findings: each(finding) },
  })

const run = (v: unknown) =>
  ordered(v, {
    keys: [
      'id',
      'startedAt',
      'finishedAt',
      'durationMs',
      'seed',
      'dialects',
      'profiles',
      'target',
      'judged',
      'versions',
      'options',
      'interrupted',
    ],
    nested: {
      target: (t) => ordered(t, { keys: ['kind', 'url', 'description'] }),
      versions: (t) => ordered(t, { keys: ['tool', 'node'] }),
      options: sortedKeys,
      interrupted: (t) => ordered(t, { keys: ['during', 'cleanupAbandoned'] }),
    },
  })

const summary = (v: unknown) =>
  ordered(v, {
    keys: ['verdict', 'notRun', 'counts', 'byLevel', 'byArea'],
    nested: {
      notRun: each((g) => ordered(g, { keys: ['reason', 'count'] })),
      counts,
      byLevel: (l) =>
        ordered(l, {
          keys: RULE_LEVELS,
          nested: { MUST: counts, SHOULD: counts, MAY: counts },
        }),
      byArea: sortedMap(counts),
    },
  })

const latency = sortedMap((v) => ordered(v, { keys: ['count', 'p50', 'p90', 'p99', 'max'] }))

const baseline = (v: unknown) =>
  ordered(v, {
    keys: [
      'baselineRunId',
      'newlyFailing',
      'newlyPassing',
      'appeared',
      'disappeared',
      'newlyNotRun',
    ],
  })

const waiver = (v: unknown) =>
  ordered(v, { keys: ['rule', 'reason', 'dialect', 'expires', 'state', 'matched'] })

/** A deep copy of the report with keys in canonical order and `undefined` fields dropped. */
export function canonicalReport(report: ConformanceReport): ConformanceReport {
  return ordered(report, {
    keys: ['schemaVersion', 'run', 'summary', 'results', 'latency', 'baseline', 'waivers'],
    nested: { run, summary, results: each(result), latency, baseline, waivers: each(waiver) },
  }) as ConformanceReport
}
