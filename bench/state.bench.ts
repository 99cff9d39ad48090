/**
 * What keeping the state costs (`CLEARID_STATE_DIR`): the mock with 100,000 seeded identities in
 * memory only, and the same restarted from a state directory with durability `fsync` (the default:
 * each answer waits for its change to be on disk, one `fdatasync` shared by the answers ready
 * meanwhile) and `write` (each answer waits until its change is in the kernel: survives `kill -9`,
 * not a power cut). Each process is loaded in alternating rounds with `POST /Users` and with the
 * filter GET; a ratio is the median of each round against the in-memory round beside it, so the
 * machine's drift hits both sides. Each kept process also prints how long its restore took.
 *
 * @module
 */
import { once } from 'node:events'
import type autocannon from 'autocannon'
import type { ChildProcess } from 'node:child_process'
import {
  CONNECTIONS,
  DURATION,
  ROUNDS,
  combined,
  filterRequests,
  load,
  median,
  postRequests,
  report,
  startProcess,
  type LoadResult,
  type ServerKind,
} from './scim.bench.ts'

const SEEDED = 100_000
const KINDS: readonly ServerKind[] = ['mock', 'mock-kept', 'mock-kept-write']
const LABELS: Record<string, string> = {
  mock: 'in memory (baseline)',
  'mock-kept': 'kept, durability fsync',
  'mock-kept-write': 'kept, durability write',
}

type Server = { url: string; child: ChildProcess }

function requests(kind: 'post' | 'filter', server: Server): autocannon.Options {
  const users = `${server.url}/scim/v2/accounts/bench/Users`
  return kind === 'post' ? postRequests(users) : filterRequests(users, SEEDED)
}

async function measure(kind: 'post' | 'filter', servers: readonly Server[]): Promise<void> {
  for (const server of servers) await load({ ...requests(kind, server), duration: 1 }, server.child)
  const rounds: LoadResult[][] = servers.map(() => [])
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, server] of servers.entries()) {
      rounds[i]!.push(
        await load({ ...requests(kind, server), duration: DURATION / ROUNDS }, server.child),
      )
    }
  }
  const baseline = combined(rounds[0]!)
  for (const [i, kindName] of KINDS.entries()) {
    const ratio = median(rounds[i]!.map((result, r) => result.rps / rounds[0]![r]!.rps))
    const label = `${kind === 'post' ? 'POST /Users' : 'GET ?filter'}, ${LABELS[kindName]}`
    report(label, combined(rounds[i]!), baseline, ratio)
  }
}

export async function run(): Promise<void> {
  console.log(
    `\n## Kept state (${SEEDED.toLocaleString('en')} seeded identities, ${DURATION} s per load, ${CONNECTIONS} connections)`,
  )
  const servers: Server[] = []
  try {
    for (const kind of KINDS) servers.push(await startProcess(kind, SEEDED))
    await measure('post', servers)
    await measure('filter', servers)
  } finally {
    for (const server of servers) {
      server.child.kill('SIGTERM')
      await once(server.child, 'exit')
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
