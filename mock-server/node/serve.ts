/**
 * Serves a mock app with the Node adapter and shuts it down cleanly.
 *
 * @module
 */
import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import type { MockApp } from '../app.ts'
import { withNetworkFaults } from './network-faults.ts'

export interface RunningServer {
  readonly url: string
  readonly port: number
  readonly server: ServerType
  close(): Promise<void>
}

export async function startServer(
  app: MockApp,
  port = 0,
  hostname = '127.0.0.1',
): Promise<RunningServer> {
  await app.ready
  // Fault headers stay on for a loopback server only, unless the app's options asked for them.
  app.mock.faults.servedOn(isLoopback(hostname))
  return new Promise((resolve, reject) => {
    // Injected connection resets and timeouts drop the socket (mock-server/faults).
    const fetch = withNetworkFaults(app.fetch)
    const server = serve({ fetch, port, hostname }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            // Keep-alive sockets would hold `close` open; end them.
            if ('closeAllConnections' in server) server.closeAllConnections()
          }),
      })
    })
    server.once('error', reject)
  })
}

export function isLoopback(host: string): boolean {
  return (
    host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
  )
}
