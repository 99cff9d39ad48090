/**
 * `--record FILE`: appends each exchange to an NDJSON session file as it arrives, so an
 * interrupted session still leaves everything it saw on disk.
 *
 * @module
 */
import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { TrafficRecord } from '../../../mock-server/traffic/record.ts'
import { toSessionExchange } from '../../../mock-server/traffic/session.ts'

export interface SessionFile {
  write(record: TrafficRecord): void
  close(): Promise<void>
  readonly path: string
  readonly count: number
}

export async function openSessionFile(path: string): Promise<SessionFile> {
  await mkdir(dirname(path), { recursive: true })
  const stream: WriteStream = createWriteStream(path, { flags: 'w' })
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve())
    stream.once('error', reject)
  })
  let origin: number | undefined
  let count = 0
  return {
    path,
    get count() {
      return count
    },
    write(record) {
      origin ??= record.t
      stream.write(`${JSON.stringify(toSessionExchange(record, origin))}\n`)
      count++
    },
    close: () => new Promise<void>((resolve) => stream.end(() => resolve())),
  }
}
