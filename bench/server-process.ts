/**
 * Benchmark servers in their own processes (`scim-server.ts`), and what the bench reads of them
 * over IPC: CPU time (`process.cpuUsage`, in µs, so a round of a few seconds measures to the
 * microsecond per request) and memory.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import type { ServerStats } from './scim-server.ts'

const serverScript = fileURLToPath(new URL('./scim-server.ts', import.meta.url))

export type ServerKind =
  'bare' | 'mock' | 'mock-unrecorded' | 'mock-empty' | 'mock-kept' | 'mock-kept-write'

export interface BenchServer {
  readonly kind: ServerKind
  /** Identities seeded at start-up. */
  readonly seeded: number
  readonly url: string
  readonly child: ChildProcess
}

/** Starts a server and resolves once it listens (its seeding done and collected). */
export async function startServer(kind: ServerKind, seeded: number): Promise<BenchServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverScript, kind, String(seeded)], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  let buffered = ''
  for await (const chunk of child.stdout!) {
    buffered += String(chunk)
    const match = /READY (\S+)/.exec(buffered)
    if (match?.[1]) return { kind, seeded, url: match[1], child }
  }
  throw new Error(`${kind} benchmark server exited before it was ready`)
}

/** CPU time and memory of the server now; `gc`: after collecting garbage. */
export async function statsOf(server: BenchServer, gc = false): Promise<ServerStats> {
  const answer = once(server.child, 'message') as Promise<[ServerStats]>
  server.child.send({ stats: { gc } })
  const [stats] = await answer
  return stats
}

export async function stopServers(servers: readonly BenchServer[]): Promise<void> {
  for (const { child } of servers) {
    if (child.exitCode !== null) continue
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
}
