/**
 * The Node side of injected network faults: when the app rejects with a simulated network failure
 * (fault `reset` or `timeout`), drop the client's connection (a TCP reset where Node supports it)
 * instead of letting the adapter answer 500. Everything else passes through untouched.
 *
 * @module
 */
import type { Http2Bindings, HttpBindings } from '@hono/node-server'
import type { Socket } from 'node:net'
import { isSimulatedNetworkFailure } from '../faults/network-failure.ts'

type Bindings = HttpBindings | Http2Bindings
type AppFetch = (request: Request, env: Bindings) => Response | Promise<Response>

/** Tells the adapter the response was handled elsewhere (here: the socket is gone). */
const ALREADY_SENT = { 'x-hono-already-sent': 'true' }

/**
 * Synchronous when the app is: an answer the app gives at once goes to the adapter at once, which
 * writes it without a promise (see `http/pipeline.ts`).
 */
export function withNetworkFaults(fetch: AppFetch): AppFetch {
  return (request, env) => {
    try {
      const answer = fetch(request, env)
      return answer instanceof Promise
        ? answer.catch((error: unknown) => dropped(error, env))
        : answer
    } catch (error) {
      return dropped(error, env)
    }
  }
}

/** The adapter's answer once the connection is dropped; any other error is passed on. */
function dropped(error: unknown, env: Bindings): Response {
  if (!isSimulatedNetworkFailure(error)) throw error
  dropConnection((env.incoming as { socket?: Socket }).socket)
  return new Response(null, { headers: ALREADY_SENT })
}

function dropConnection(socket: Socket | undefined): void {
  if (!socket || socket.destroyed) return
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy()
  else socket.destroy()
}
