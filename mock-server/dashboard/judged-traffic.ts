/**
 * The client audit's findings per exchange, for the live traffic. The mock does not judge: the
 * auditor comes from the `trafficAudit` option (`verify/`'s `clientAudit`), one per account, made
 * when the dashboard first asks. Each exchange is judged once, with the exchanges before it, and its
 * findings are kept by seq for as many exchanges as the traffic log keeps.
 *
 * @module
 */
import type { MockContext } from '../context.ts'
import type { ExchangeFinding, TrafficAuditor } from '../traffic/client-verification.ts'
import type { TrafficRecord } from '../traffic/record.ts'

interface AccountJudgements {
  readonly auditor: TrafficAuditor
  readonly bySeq: Map<number, readonly ExchangeFinding[]>
}

export class JudgedTraffic {
  readonly #accounts = new Map<string, AccountJudgements>()
  readonly #ctx: Pick<MockContext, 'trafficAudit' | 'traffic'>
  #judges: boolean | undefined

  constructor(ctx: Pick<MockContext, 'trafficAudit' | 'traffic'>) {
    this.#ctx = ctx
  }

  /** Whether exchanges are judged one by one (the client audit offers `findings`). */
  get judges(): boolean {
    const make = this.#ctx.trafficAudit
    return (this.#judges ??= make !== undefined && make().findings !== undefined)
  }

  /** The account's auditor (its report too); undefined without `trafficAudit`. */
  auditor(accountId: string): TrafficAuditor | undefined {
    return this.#account(accountId)?.auditor
  }

  /**
   * Findings of `records[index]` (records oldest first, as the log gives them); undefined when
   * this app does not judge exchanges one by one.
   */
  findings(
    accountId: string,
    records: readonly TrafficRecord[],
    index: number,
  ): readonly ExchangeFinding[] | undefined {
    const account = this.#account(accountId)
    const record = records[index]
    if (!account?.auditor.findings || !record) return undefined
    let found = account.bySeq.get(record.seq)
    if (!found) {
      try {
        found = account.auditor.findings(record, records.slice(0, index))
      } catch {
        // An auditor that throws must not take the dashboard down: the exchange shows unjudged.
        return undefined
      }
      account.bySeq.set(record.seq, found)
      this.#trim(account.bySeq, record.seq)
    }
    return found
  }

  /** Keeps the findings of as many exchanges as the log keeps (and a few it has just dropped). */
  #trim(bySeq: Map<number, readonly ExchangeFinding[]>, newest: number): void {
    const keep = Math.max(1, this.#ctx.traffic.capacity)
    if (bySeq.size <= keep * 2) return
    for (const seq of bySeq.keys()) if (seq <= newest - keep) bySeq.delete(seq)
  }

  #account(accountId: string): AccountJudgements | undefined {
    const make = this.#ctx.trafficAudit
    if (!make) return undefined
    let account = this.#accounts.get(accountId)
    if (!account) {
      account = { auditor: make(), bySeq: new Map() }
      this.#accounts.set(accountId, account)
    }
    return account
  }
}
