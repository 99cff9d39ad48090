/**
 * A simulated network failure. In-process it surfaces the way `fetch` reports a dropped connection
 * (a `TypeError` "fetch failed" with a cause); the Node entry catches it and destroys the socket
 * instead (`mock-server/node/network-faults.ts`); the msw handlers answer `HttpResponse.error()`.
 *
 * The app's error handler rethrows it, so it leaves `app.fetch` as a rejection, never as a 500.
 *
 * @module
 */

export type NetworkFailureKind = 'reset' | 'timeout'

export class SimulatedNetworkFailure extends TypeError {
  override readonly name = 'TypeError'
  constructor(
    readonly kind: NetworkFailureKind,
    /** Id of the fault rule that caused it (`f1`), or `header` for `X-Mock-Fault`. */
    readonly faultId: string,
  ) {
    super('fetch failed', {
      cause: new Error(
        kind === 'reset'
          ? `ECONNRESET: the mock ClearID dropped the connection (fault ${faultId})`
          : `The mock ClearID never answered (fault ${faultId}); the connection was closed`,
      ),
    })
  }
}

export function isSimulatedNetworkFailure(error: unknown): error is SimulatedNetworkFailure {
  return error instanceof SimulatedNetworkFailure
}
