/**
 * The faults one app holds: per account (control plane, CLI) or for every account (`createApp`
 * options without `account`). Selecting a fault for a request is a short scan that only runs when
 * at least one fault exists, so an app without faults pays one length check per request.
 *
 * @module
 */
import type { FaultRecord, StateSink } from '../persistence/state-record.ts'
import { describeFault, toFaultRule, type FaultRule, type FaultSpec } from './fault-rule.ts'
import { seededRandom } from './seeded-random.ts'

/** A fault as given to `createApp({ faults })`: the JSON spec, optionally for one account only. */
export type FaultOption = FaultSpec & { readonly account?: string }

export interface ActiveFault {
  readonly id: string
  /** Absent: applies to every account. */
  readonly accountId?: string
  readonly rule: FaultRule
  remaining?: number
  applied: number
  readonly random: () => number
  /** Identities already answered 404 by a not-found-after-create fault. */
  readonly served: Set<string>
  /** Added on the control plane while the state is kept: its changes are written. */
  readonly kept?: boolean
}

/** What the control plane shows of a fault. */
export interface FaultView {
  readonly id: string
  readonly account?: string
  readonly description: string
  readonly rule: FaultRule
  readonly remaining?: number
  readonly applied: number
}

export interface FaultRequest {
  readonly accountId: string
  readonly method: string
  /** Path under the SCIM base, e.g. `/Users/123`. */
  readonly path: string
}

export class FaultRegistry {
  #faults: ActiveFault[] = []
  #counter = 0
  #version = 0
  readonly #headerRandoms = new Map<number, () => number>()
  /** Whether `X-Mock-Fault` request headers are honoured (after the key check). */
  #headers: boolean
  /** Whether that is the default, which a server on a non-loopback address turns off. */
  readonly #headersByDefault: boolean
  /** Where changes go when the state is kept (`persistence/`); absent, nothing is written. */
  #sink: StateSink | undefined

  /** `headers`: the `faultHeaders` option; undefined means the default (on, until served widely). */
  constructor(options: readonly FaultOption[] = [], headers?: boolean) {
    for (const option of options) {
      const { account, ...spec } = option
      this.add(toFaultRule(spec), account)
    }
    this.#headers = headers ?? true
    this.#headersByDefault = headers === undefined
  }

  get headersEnabled(): boolean {
    return this.#headers
  }

  /**
   * Told by the Node server where it listens: on an address other than loopback, fault headers are
   * off unless the `faultHeaders` option turned them on explicitly.
   */
  servedOn(loopback: boolean): void {
    if (!loopback && this.#headersByDefault) this.#headers = false
  }

  /** The random sequence `X-Mock-Fault` headers with this seed draw from. */
  headerRandom(seed: number): () => number {
    let random = this.#headerRandoms.get(seed)
    if (!random) {
      random = seededRandom(seed)
      if (this.#headerRandoms.size < 100) this.#headerRandoms.set(seed, random)
    }
    return random
  }

  get empty(): boolean {
    return this.#faults.length === 0
  }

  /**
   * Counts every change to the faults (added, removed, used): a watcher (the dashboard's live feed)
   * compares it rather than the list, which can look the same before a fault is added and after it
   * is used up.
   */
  get version(): number {
    return this.#version
  }

  /**
   * From now on, faults added for an account (the control plane's) are written to `sink`, with
   * each use and removal; faults given as options are not: they come from the options again.
   */
  journalTo(sink: StateSink): void {
    this.#sink = sink
  }

  /** Puts back a kept fault under its own id; later ids follow it. */
  restore(kept: FaultRecord): void {
    const number = /^f(\d+)$/.exec(kept.id)?.[1]
    if (number !== undefined) this.#counter = Math.max(this.#counter, Number(number))
    this.#faults.push({
      id: kept.id,
      accountId: kept.accountId,
      rule: kept.rule,
      ...(kept.remaining === undefined ? {} : { remaining: kept.remaining }),
      applied: kept.applied,
      random: seededRandom(kept.rule.seed),
      served: new Set(),
      kept: true,
    })
  }

  /** Replays a kept fault's use. */
  restoreUse(id: string, accountId: string): void {
    const fault = this.#faults.find((f) => f.kept && f.id === id && f.accountId === accountId)
    if (fault) this.#use(fault)
  }

  /** Replays a removal of kept faults. */
  restoreRemoval(accountId: string, ids: readonly string[]): void {
    this.#faults = this.#faults.filter(
      (f) => !(f.kept && f.accountId === accountId && ids.includes(f.id)),
    )
  }

  /** The kept faults as records, for a snapshot. */
  keptRecords(): FaultRecord[] {
    return this.#faults.filter((f) => f.kept).map(recordOf)
  }

  add(rule: FaultRule, accountId?: string): FaultView {
    const kept = this.#sink !== undefined && accountId !== undefined
    const fault: ActiveFault = {
      id: `f${++this.#counter}`,
      ...(accountId === undefined ? {} : { accountId }),
      rule,
      ...(rule.next === undefined ? {} : { remaining: rule.next }),
      applied: 0,
      random: seededRandom(rule.seed),
      served: new Set(),
      ...(kept && { kept }),
    }
    this.#faults.push(fault)
    this.#version++
    if (kept) this.#sink?.(recordOf(fault))
    return viewOf(fault)
  }

  /** The account's faults, then those for every account. */
  list(accountId: string): FaultView[] {
    return this.#faults.filter((f) => appliesTo(f, accountId)).map(viewOf)
  }

  /** Removes the account's own faults (not the app-wide ones); returns how many. */
  clear(accountId: string): number {
    const gone = this.#faults.filter((f) => f.accountId === accountId)
    this.#faults = this.#faults.filter((f) => f.accountId !== accountId)
    this.#version++
    this.#removed(accountId, gone)
    return gone.length
  }

  remove(accountId: string, id: string): boolean {
    const gone = this.#faults.filter((f) => f.id === id && f.accountId === accountId)
    this.#faults = this.#faults.filter((f) => !(f.id === id && f.accountId === accountId))
    this.#version++
    this.#removed(accountId, gone)
    return gone.length > 0
  }

  #removed(accountId: string, gone: readonly ActiveFault[]): void {
    const ids = gone.filter((f) => f.kept).map((f) => f.id)
    if (ids.length > 0) this.#sink?.({ type: 'faults-removed', accountId, ids })
  }

  /**
   * The first fault matching the request whose `condition` holds and whose rate draw hits. Using
   * it counts against `next`; a fault whose uses are spent retires.
   */
  select(
    request: FaultRequest,
    condition?: (fault: ActiveFault) => boolean,
  ): ActiveFault | undefined {
    for (const fault of this.#faults) {
      if (!appliesTo(fault, request.accountId) || !matchesRoute(fault.rule, request)) continue
      if (condition && !condition(fault)) continue
      if (fault.rule.rate < 1 && fault.random() >= fault.rule.rate) continue
      this.#use(fault)
      if (fault.kept && fault.accountId !== undefined) {
        this.#sink?.({ type: 'fault-used', id: fault.id, accountId: fault.accountId })
      }
      return fault
    }
    return undefined
  }

  #use(fault: ActiveFault): void {
    fault.applied++
    this.#version++
    if (fault.remaining === undefined) return
    fault.remaining--
    if (fault.remaining <= 0) this.#faults = this.#faults.filter((f) => f !== fault)
  }
}

function appliesTo(fault: ActiveFault, accountId: string): boolean {
  return fault.accountId === undefined || fault.accountId === accountId
}

function recordOf(fault: ActiveFault): FaultRecord {
  return {
    type: 'fault',
    id: fault.id,
    accountId: fault.accountId ?? '',
    rule: fault.rule,
    ...(fault.remaining === undefined ? {} : { remaining: fault.remaining }),
    applied: fault.applied,
  }
}

function viewOf(fault: ActiveFault): FaultView {
  return {
    id: fault.id,
    ...(fault.accountId === undefined ? {} : { account: fault.accountId }),
    description: describeFault(fault.rule),
    rule: fault.rule,
    ...(fault.remaining === undefined ? {} : { remaining: fault.remaining }),
    applied: fault.applied,
  }
}

/** `*` matches one segment; a trailing slash is ignored; names compare case-insensitively. */
export function matchesRoute(
  rule: Pick<FaultRule, 'method' | 'path'>,
  request: Pick<FaultRequest, 'method' | 'path'>,
): boolean {
  if (rule.method !== undefined && rule.method !== request.method.toUpperCase()) return false
  if (rule.path === undefined) return true
  const want = rule.path.split('/').filter(Boolean)
  const have = request.path.split('/').filter(Boolean)
  if (want.length !== have.length) return false
  return want.every(
    (segment, i) => segment === '*' || segment.toLowerCase() === have[i]?.toLowerCase(),
  )
}
