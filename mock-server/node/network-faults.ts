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

export function withNetworkFaults(
  fetch: AppFetch,
): (request: Request, env: Bindings) => Promise<Response> {
  return async (request, env) => {
    try {
      return await fetch(request, env)
    } catch (error) {
      if (!isSimulatedNetworkFailure(error)) throw error
      dropConnection((env.incoming as { socket?: Socket }).socket)
      return new Response(null, { headers: ALREADY_SENT })
    }
  }
}

function dropConnection(socket: Socket | undefined): void {
  if (!socket || socket.destroyed) return
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy()
  else socket.destroy()
}
