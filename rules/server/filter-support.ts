/**
 * Which filter operators the target accepts, asked once per run and only when a check needs one
 * as a tool. RFC 7644 §3.4.2.2 lets a server support a subset of filters, so a helper query is
 * built from what the server takes instead of failing it for the harness's own clause.
 *
 * @module
 */
import type { ScimHttp } from '../../driver/http/types.ts'

export class FilterSupport {
  private readonly known = new Map<string, Promise<FilterProbe>>()

  /**
   * Whether the server answers `filter` (a query that uses `operator`) with 200. The first caller
   * for an operator sends the probe; later callers share its answer.
   */
  accepts(http: ScimHttp, operator: string, filter: string): Promise<FilterProbe> {
    let probe = this.known.get(operator)
    if (!probe) {
      probe = http
        .send({ method: 'GET', path: `/Users?${new URLSearchParams({ filter, count: '1' })}` })
        .then((answer) => ({ accepted: answer.status === 200, status: answer.status }))
      // A probe that got no answer is not remembered: the next check asks again.
      probe.catch(() => this.known.delete(operator))
      this.known.set(operator, probe)
    }
    return probe
  }
}

export interface FilterProbe {
  readonly accepted: boolean
  /** The status the probe got, for the "could not test" reason. */
  readonly status: number
}
