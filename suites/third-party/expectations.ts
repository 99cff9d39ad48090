/**
 * Reads and checks an expectations file of fixtures/third-party/: which rfc/entra rules the harness
 * must report as failed against a third-party server, and why.
 *
 * @module
 */
import { readFileSync } from 'node:fs'
import { DIALECTS, type Dialect } from '../../reports/model.ts'
import { resultKey } from '../../reports/result-key.ts'
import { RULE_PROFILES, type RuleProfile } from '../../model/rule.ts'
import { isProbeId, type ProbeId } from './probes.ts'

interface BaseEntry {
  readonly rule: string
  readonly dialect?: Dialect
  readonly reason: string
}

/** A real behaviour of the server, confirmed by a direct request (the probe). */
export interface ServerCause extends BaseEntry {
  readonly cause: 'server'
  readonly probe: ProbeId
}

/** The server does what the entry says, but the rule asks more than its profile's source does. */
export interface HarnessCause extends BaseEntry {
  readonly cause: 'harness'
  /** A key of `harnessIssues`. */
  readonly issue: string
}

export type ExpectedFailure = ServerCause | HarnessCause

/** A real defect of the server (shown by the probe) that a harness bug keeps from being reported. */
export interface MissedByHarness extends BaseEntry {
  readonly probe: ProbeId
  /** What the harness does wrong, and the fix. */
  readonly harnessBug: string
}

export interface Expectations {
  readonly server: string
  readonly profiles: readonly RuleProfile[]
  readonly dialects: readonly Dialect[]
  /** Probes documenting the server's character, whatever the harness reports. */
  readonly knownBehaviours: readonly ProbeId[]
  readonly harnessIssues: Readonly<Record<string, string>>
  /** Set while the harness cannot judge this server at all: why the exact comparison is skipped. */
  readonly skipExact?: string
  readonly failed: readonly ExpectedFailure[]
  readonly missedByHarness: readonly MissedByHarness[]
}

function fail(file: string, message: string): never {
  throw new Error(`${file}: ${message}`)
}

function strings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

function readBase(file: string, raw: unknown, where: string): BaseEntry & Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null) fail(file, `${where} is not an object`)
  const entry = raw as Record<string, unknown>
  const { rule, dialect, reason } = entry
  if (typeof rule !== 'string') fail(file, `${where}.rule is not a string`)
  if (
    dialect !== undefined &&
    (typeof dialect !== 'string' || !DIALECTS.includes(dialect as Dialect))
  ) {
    fail(file, `${where}.dialect is not a dialect`)
  }
  if (typeof reason !== 'string' || reason.length < 10) fail(file, `${where}.reason is missing`)
  return {
    ...entry,
    rule,
    reason,
    ...(dialect === undefined ? {} : { dialect: dialect as Dialect }),
  }
}

function readEntry(file: string, raw: unknown, index: number): ExpectedFailure {
  const where = `failed[${index}]`
  const entry = readBase(file, raw, where)
  const { rule, reason, dialect, cause } = entry
  const base = { rule, reason, ...(dialect === undefined ? {} : { dialect }) }
  if (cause === 'server') {
    const { probe } = entry
    if (typeof probe !== 'string' || !isProbeId(probe)) fail(file, `${where}.probe is unknown`)
    return { ...base, cause, probe }
  }
  if (cause === 'harness') {
    const { issue } = entry
    if (typeof issue !== 'string') fail(file, `${where}.issue is not a string`)
    return { ...base, cause, issue }
  }
  return fail(file, `${where}.cause must be "server" or "harness"`)
}

function readMissed(file: string, raw: unknown, index: number): MissedByHarness {
  const where = `missedByHarness[${index}]`
  const entry = readBase(file, raw, where)
  const { rule, reason, dialect, probe, harnessBug } = entry
  if (typeof probe !== 'string' || !isProbeId(probe)) fail(file, `${where}.probe is unknown`)
  if (typeof harnessBug !== 'string') fail(file, `${where}.harnessBug is missing`)
  return { rule, reason, ...(dialect === undefined ? {} : { dialect }), probe, harnessBug }
}

export function loadExpectations(name: string): Expectations {
  const file = `fixtures/third-party/${name}.expected.json`
  const raw: unknown = JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'))
  if (typeof raw !== 'object' || raw === null) fail(file, 'not a JSON object')
  const doc = raw as Record<string, unknown>
  const { server, profiles, dialects, knownBehaviours, harnessIssues, skipExact, failed } = doc
  const missed = doc['missedByHarness'] ?? []
  if (typeof server !== 'string') fail(file, '"server" is not a string')
  if (!strings(profiles) || !profiles.every((p) => RULE_PROFILES.includes(p as RuleProfile)))
    fail(file, '"profiles" must list rule profiles')
  if (!strings(dialects) || !dialects.every((d) => DIALECTS.includes(d as Dialect)))
    fail(file, '"dialects" must list dialects')
  if (!strings(knownBehaviours) || !knownBehaviours.every(isProbeId))
    fail(file, '"knownBehaviours" must list probe ids')
  if (typeof harnessIssues !== 'object' || harnessIssues === null || Array.isArray(harnessIssues))
    fail(file, '"harnessIssues" must be an object')
  if (skipExact !== undefined && typeof skipExact !== 'string')
    fail(file, '"skipExact" must be a reason')
  if (!Array.isArray(failed)) fail(file, '"failed" must be an array')
  if (!Array.isArray(missed)) fail(file, '"missedByHarness" must be an array')
  const entries = failed.map((entry: unknown, index) => readEntry(file, entry, index))
  const missedEntries = missed.map((entry: unknown, index) => readMissed(file, entry, index))
  const issues = harnessIssues as Record<string, string>
  for (const entry of entries) {
    if (entry.cause === 'harness' && typeof issues[entry.issue] !== 'string')
      fail(file, `${entry.rule}: issue "${entry.issue}" is not described in harnessIssues`)
  }
  return {
    server,
    profiles: profiles as RuleProfile[],
    dialects: dialects as Dialect[],
    knownBehaviours,
    harnessIssues: issues,
    ...(skipExact === undefined ? {} : { skipExact }),
    failed: entries,
    missedByHarness: missedEntries,
  }
}

export function keyOf(entry: BaseEntry): string {
  return resultKey({ ruleId: entry.rule, ...(entry.dialect ? { dialect: entry.dialect } : {}) })
}
