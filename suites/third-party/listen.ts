/**
 * Starts a Node HTTP server on a free loopback port and returns the address and a close function.
 * Shared by the third-party SCIM servers.
 *
 * @module
 */
import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RunningServer {
  readonly baseUrl: string
  readonly token: string
  close(): Promise<void>
}

export interface Listening {
  readonly server: Server
  readonly origin: string
  close(): Promise<void>
}

/** `listener` may be attached later (`server.on('request', …)`) when it needs the origin first. */
export async function listenOnLoopback(listener?: RequestListener): Promise<Listening> {
  const server = listener === undefined ? createServer() : createServer(listener)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
