/**
 * The faults one app holds: per account (control plane, CLI) or for every account (`createApp`
 * options without `account`). Selecting a fault for a request is a short scan that only runs when
 * at least one fault exists, so an app without faults pays one length check per request.
 *
 * @module
 */
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
  readonly #headerRandoms = new Map<number, () => number>()
  /** Whether `X-Mock-Fault` request headers are honoured (after the key check). */
  #headers: boolean
  /** Whether that is the default, which a server on a non-loopback address turns off. */
  readonly #headersByDefault: boolean

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

  add(rule: FaultRule, accountId?: string): FaultView {
    const fault: ActiveFault = {
      id: `f${++this.#counter}`,
      ...(accountId === undefined ? {} : { accountId }),
      rule,
      ...(rule.next === undefined ? {} : { remaining: rule.next }),
      applied: 0,
      random: seededRandom(rule.seed),
      served: new Set(),
    }
    this.#faults.push(fault)
    return viewOf(fault)
  }

  /** The account's faults, then those for every account. */
  list(accountId: string): FaultView[] {
    return this.#faults.filter((f) => appliesTo(f, accountId)).map(viewOf)
  }

  /** Removes the account's own faults (not the app-wide ones); returns how many. */
  clear(accountId: string): number {
    const before = this.#faults.length
    this.#faults = this.#faults.filter((f) => f.accountId !== accountId)
    return before - this.#faults.length
  }

  remove(accountId: string, id: string): boolean {
    const before = this.#faults.length
    this.#faults = this.#faults.filter((f) => !(f.id === id && f.accountId === accountId))
    return this.#faults.length < before
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
      return fault
    }
    return undefined
  }

  #use(fault: ActiveFault): void {
    fault.applied++
    if (fault.remaining === undefined) return
    fault.remaining--
    if (fault.remaining <= 0) this.#faults = this.#faults.filter((f) => f !== fault)
  }
}

function appliesTo(fault: ActiveFault, accountId: string): boolean {
  return fault.accountId === undefined || fault.accountId === accountId
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
