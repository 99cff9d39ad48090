/**
 * A state directory (`CLEARID_STATE_DIR`, `serve --state DIR`): the mock's kept state as an
 * append-only journal plus periodic snapshots, the `StatePersistence` that `createApp` takes.
 *
 * Files, generation `G` as six digits:
 * - `journal-G.ndjson`: the changes after snapshot G (or from empty, for G = 1), one line each;
 * - `snapshot-G.ndjson`: the whole state before journal G, written to a temporary file, synced and
 *   renamed, so it is complete or absent;
 * - `state.key`: the key that seals webhook secrets (`seal.ts`); `LOCK`: the process using it.
 *
 * Start-up loads the newest snapshot, then replays the journals from its generation on. When the
 * journal outgrows the last snapshot (and at least `compactAfterBytes`), a new generation starts: a
 * new journal takes the changes at once while the snapshot is written beside it; then files older
 * than the previous generation go. The previous generation stays, so a damaged newest snapshot can
 * be moved aside and the state rebuilt from the one before.
 *
 * @module
 */
import {
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  fdatasyncSync,
} from 'node:fs'
import { open, rename, unlink } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { StatePersistence } from '../../persistence/state-persistence.ts'
import { StateRecordError, type StateRecord } from '../../persistence/state-record.ts'
import { JournalWriter, syncDirectory, type Durability } from './journal-writer.ts'
import { decodeLines, encodeLine } from './line-codec.ts'
import { fromStored, toStored } from './record-codec.ts'
import { Seal } from './seal.ts'
import { StateFileError } from './state-file-error.ts'

export type { Durability } from './journal-writer.ts'

export interface StateDirOptions {
  /** Default `fsync` (see `journal-writer.ts`). */
  readonly durability?: Durability
  /** The journal size below which no snapshot is made. Default 4 MiB. */
  readonly compactAfterBytes?: number
  /** Where notices go (a torn journal end cut off, a stale lock taken over). Default: stderr. */
  readonly log?: (line: string) => void
}

const FORMAT = 'clearid-conformance/state'
const VERSION = 1
const FILE = /^(journal|snapshot)-(\d{6})\.ndjson$/
const DEFAULT_COMPACT_AFTER = 4 * 1024 * 1024
/** Records encoded per turn of the event loop while a snapshot is written. */
const SNAPSHOT_CHUNK = 2000

interface KeptLine {
  readonly file: string
  readonly line: number
  readonly record: StateRecord
}

const name = (kind: 'journal' | 'snapshot', generation: number) =>
  `${kind}-${String(generation).padStart(6, '0')}.ndjson`

/** Opens (or makes) the directory and reads its state; throws `StateFileError` when it cannot. */
export function openStateDir(dir: string, options: StateDirOptions = {}): StateDir {
  return new StateDir(resolve(dir), options)
}

export class StateDir implements StatePersistence {
  readonly #log: (line: string) => void
  readonly #durability: Durability
  readonly #compactAfter: number
  readonly #seal: Seal
  #kept: KeptLine[] | undefined
  #generation: number
  #writer: JournalWriter
  /** Writers of earlier generations still making their last records durable. */
  readonly #closing = new Set<JournalWriter>()
  #state: (() => StateRecord[]) | undefined
  #compaction: Promise<void> | undefined
  #snapshotBytes = 0
  #closed = false
  #failure: Error | undefined

  constructor(
    readonly dir: string,
    options: StateDirOptions,
  ) {
    this.#log = options.log ?? ((line) => process.stderr.write(`${line}\n`))
    this.#durability = options.durability ?? 'fsync'
    this.#compactAfter = options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    this.#lock()
    try {
      this.#seal = readSeal(join(dir, 'state.key'))
      const loaded = this.#load()
      this.#kept = loaded.kept
      this.#generation = loaded.generation
      this.#snapshotBytes = loaded.snapshotBytes
      this.#writer = this.#openWriter(loaded.generation, loaded.journalBytes)
    } catch (error) {
      this.#unlock()
      throw error
    }
  }

  // --- StatePersistence ---

  restore(apply: (record: StateRecord) => void): void {
    const kept = this.#kept ?? []
    this.#kept = undefined
    for (const { file, line, record } of kept) {
      try {
        apply(record)
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        throw new StateFileError(
          file,
          `line ${line} does not apply: ${reason}`,
          this.#damagedRecovery(file, line),
        )
      }
    }
  }

  append(record: StateRecord): void {
    this.#writer.append(encodeLine(toStored(record, this.#seal)))
    this.#maybeCompact()
  }

  settled(): Promise<void> | undefined {
    if (this.#failure) return Promise.reject(this.#failure)
    const current = this.#writer.settled()
    if (this.#closing.size === 0) return current
    const waits = [...this.#closing].map((w) => w.settled()).filter((p) => p !== undefined)
    if (current) waits.push(current)
    return waits.length === 0 ? undefined : Promise.all(waits).then(() => undefined)
  }

  attach(state: () => StateRecord[]): void {
    this.#state = state
  }

  // --- the rest ---

  /** The current generation (tests, notices). */
  get generation(): number {
    return this.#generation
  }

  /** Writes a snapshot now (tests, shutdown); resolves when it is in place. */
  compact(): Promise<void> {
    this.#compaction ??= this.#writeSnapshot().finally(() => (this.#compaction = undefined))
    return this.#compaction
  }

  /** Makes everything durable, finishes a snapshot in progress, closes the files, frees the lock. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#compaction?.catch(() => undefined)
    await Promise.all([...this.#closing].map((w) => w.close()))
    await this.#writer.close()
    this.#unlock()
  }

  #maybeCompact(): void {
    if (this.#compaction || this.#closed || !this.#state) return
    const bytes = this.#writer.bytes
    if (bytes < this.#compactAfter || bytes < this.#snapshotBytes) return
    // Not inside the change that triggered it: the snapshot starts on a turn of its own.
    this.#compaction = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.#writeSnapshot())
      .catch((error: unknown) => this.#log(`[clearid-mock] snapshot failed: ${String(error)}`))
      .finally(() => (this.#compaction = undefined))
  }

  async #writeSnapshot(): Promise<void> {
    if (!this.#state || this.#closed) return
    // One synchronous step: the state as records, and the next journal takes every later change.
    const records = this.#state()
    const generation = this.#generation + 1
    const previous = this.#writer
    this.#writer = this.#openWriter(generation, 0)
    this.#generation = generation
    this.#closing.add(previous)
    void previous.close().finally(() => this.#closing.delete(previous))

    const target = join(this.dir, name('snapshot', generation))
    const temporary = `${target}.tmp`
    const file = await open(temporary, 'w', 0o600)
    let bytes = 0
    try {
      const header = encodeLine({ format: FORMAT, version: VERSION, kind: 'snapshot', generation })
      bytes += (await file.write(header)).bytesWritten
      for (let start = 0; start < records.length; start += SNAPSHOT_CHUNK) {
        let chunk = ''
        for (const record of records.slice(start, start + SNAPSHOT_CHUNK)) {
          chunk += encodeLine(toStored(record, this.#seal))
        }
        bytes += (await file.write(chunk)).bytesWritten
        await new Promise((resolve) => setImmediate(resolve))
      }
      bytes += (await file.write(encodeLine({ end: true, records: records.length }))).bytesWritten
      await file.datasync()
    } finally {
      await file.close()
    }
    await rename(temporary, target)
    syncDirectory(this.dir)
    this.#snapshotBytes = bytes
    // Keep this generation and the one before; older files are covered twice over.
    for (const entry of readdirSync(this.dir)) {
      const match = FILE.exec(entry)
      if (match && Number(match[2]) < generation - 1) {
        await unlink(join(this.dir, entry)).catch(() => undefined)
      }
    }
  }

  #openWriter(generation: number, existingBytes: number): JournalWriter {
    const header = encodeLine({ format: FORMAT, version: VERSION, kind: 'journal', generation })
    const file = join(this.dir, name('journal', generation))
    return JournalWriter.open(
      file,
      header,
      this.#durability,
      (error) => {
        this.#failure ??= error
        this.#log(`[clearid-mock] ${error.message}`)
      },
      existingBytes,
    )
  }

  /** Reads the newest snapshot and the journals after it; cuts a torn end off the last journal. */
  #load(): { kept: KeptLine[]; generation: number; snapshotBytes: number; journalBytes: number } {
    const snapshots: number[] = []
    const journals: number[] = []
    for (const entry of readdirSync(this.dir)) {
      if (entry.endsWith('.ndjson.tmp')) {
        // A snapshot a crash interrupted: never renamed, so never relied on.
        unlinkSync(join(this.dir, entry))
        continue
      }
      const match = FILE.exec(entry)
      if (match) (match[1] === 'journal' ? journals : snapshots).push(Number(match[2]))
    }
    snapshots.sort((a, b) => a - b)
    journals.sort((a, b) => a - b)
    const snapshot = snapshots.at(-1)
    const first = snapshot ?? 1
    const replay = journals.filter((g) => g >= first)
    const kept: KeptLine[] = []
    let snapshotBytes = 0
    if (snapshot !== undefined) {
      snapshotBytes = this.#readSnapshot(snapshot, kept)
    } else if (journals.length > 0 && journals[0] !== 1) {
      const file = join(this.dir, name('journal', journals[0]!))
      throw new StateFileError(
        file,
        `it continues snapshot ${journals[0]}, which is missing`,
        `Put ${name('snapshot', journals[0]!)} back, or move the directory aside (mv ${this.dir} ${this.dir}.damaged) to start empty.`,
      )
    }
    let expected = first
    let journalBytes = 0
    for (const [index, generation] of replay.entries()) {
      const file = join(this.dir, name('journal', generation))
      if (generation !== expected) {
        throw new StateFileError(
          join(this.dir, name('journal', expected)),
          'it is missing, and later journals depend on it',
          `Put it back, or move the directory aside (mv ${this.dir} ${this.dir}.damaged) to start empty.`,
        )
      }
      expected++
      journalBytes = this.#readJournal(file, generation, index === replay.length - 1, kept)
    }
    const generation = replay.at(-1) ?? first
    return { kept, generation, snapshotBytes, journalBytes }
  }

  #readSnapshot(generation: number, kept: KeptLine[]): number {
    const file = join(this.dir, name('snapshot', generation))
    const text = readFileSync(file, 'utf8')
    const recovery = this.#snapshotRecovery(file, generation)
    let records = 0
    let ended = false
    for (const decoded of decodeLines(text)) {
      const problem = (what: string) =>
        new StateFileError(file, `line ${decoded.line}: ${what}`, recovery)
      if (decoded.kind === 'torn') throw problem('it ends in an unfinished line')
      if (decoded.kind === 'damaged') throw problem(decoded.reason)
      if (ended) throw problem('it goes on after its end marker')
      if (decoded.line === 1) {
        checkHeader(decoded.value, 'snapshot', generation, problem)
        continue
      }
      const value = decoded.value as { end?: unknown; records?: unknown }
      if (value.end === true) {
        if (value.records !== records)
          throw problem(`it holds ${records} records of ${String(value.records)}`)
        ended = true
        continue
      }
      kept.push({ file, line: decoded.line, record: this.#record(decoded.value, problem) })
      records++
    }
    if (!ended) {
      throw new StateFileError(file, 'it has no end marker (it was cut short)', recovery)
    }
    return Buffer.byteLength(text)
  }

  #readJournal(file: string, generation: number, last: boolean, kept: KeptLine[]): number {
    const text = readFileSync(file, 'utf8')
    let bytes = Buffer.byteLength(text)
    for (const decoded of decodeLines(text)) {
      const problem = (what: string) =>
        new StateFileError(
          file,
          `line ${decoded.line}: ${what}`,
          this.#damagedRecovery(file, decoded.line),
        )
      if (decoded.kind === 'torn') {
        // Only the very end of the newest journal can be a write a crash cut short, and no answer
        // had reported it: answers wait for their record to be written whole (and synced).
        if (!last) throw problem('it ends in an unfinished line, yet a later journal follows')
        truncateSync(file, decoded.offset)
        bytes = decoded.offset
        this.#log(
          `[clearid-mock] ${file}: cut off an unfinished last line (${Buffer.byteLength(text) - decoded.offset} bytes), a write a crash interrupted before any answer reported it.`,
        )
        break
      }
      if (decoded.kind === 'damaged') throw problem(decoded.reason)
      if (decoded.line === 1) {
        checkHeader(decoded.value, 'journal', generation, problem)
        continue
      }
      kept.push({ file, line: decoded.line, record: this.#record(decoded.value, problem) })
    }
    return bytes
  }

  #record(value: unknown, problem: (what: string) => StateFileError): StateRecord {
    try {
      return fromStored(value, this.#seal)
    } catch (error) {
      if (error instanceof StateRecordError) throw problem(error.message)
      throw error
    }
  }

  #snapshotRecovery(file: string, generation: number): string {
    const before = join(this.dir, name('journal', generation - 1))
    const aside = `mv ${file} ${file}.damaged`
    return existsSync(before)
      ? `The mock does not start from damaged state. Move the file aside (${aside}) to start from the generation before it, which is kept for this; or restore the directory from a backup.`
      : `The mock does not start from damaged state. Restore the directory from a backup, or move it aside (mv ${this.dir} ${this.dir}.damaged) to start empty.`
  }

  #damagedRecovery(file: string, line: number): string {
    return `The mock does not start from damaged state. To keep the records before line ${line}, cut the journal there (head -n ${line - 1} ${file} > ${file}.cut && mv ${file} ${file}.damaged && mv ${file}.cut ${file}); or restore the directory from a backup, or move it aside (mv ${this.dir} ${this.dir}.damaged) to start empty.`
  }

  #lock(): void {
    const file = join(this.dir, 'LOCK')
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx', 0o600)
        writeSync(fd, `${process.pid}\n`)
        closeSync(fd)
        return
      } catch (error) {
        if ((error as { code?: string }).code !== 'EEXIST') throw error
      }
      const holder = Number(readFileSync(file, 'utf8').trim())
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
        throw new StateFileError(
          file,
          `the state directory is in use by process ${holder}`,
          'Two mocks cannot share one state directory: stop that one, or give this one another directory. If no such process runs, delete the LOCK file.',
        )
      }
      // Left by a process that is gone (killed): take it over.
      this.#log(`[clearid-mock] ${file}: taking over from process ${holder}, which is gone.`)
      unlinkSync(file)
    }
  }

  #unlock(): void {
    try {
      unlinkSync(join(this.dir, 'LOCK'))
    } catch {
      // Already gone.
    }
  }
}

function checkHeader(
  value: unknown,
  kind: string,
  generation: number,
  problem: (what: string) => StateFileError,
): void {
  const header = value as {
    format?: unknown
    version?: unknown
    kind?: unknown
    generation?: unknown
  }
  if (header.format !== FORMAT || header.kind !== kind) {
    throw problem(`it is not a ${kind} of this mock's state`)
  }
  if (header.version !== VERSION) {
    throw problem(
      `it is format version ${String(header.version)}; this mock reads version ${VERSION}`,
    )
  }
  if (header.generation !== generation) {
    throw problem(`its header says generation ${String(header.generation)}, its name ${generation}`)
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'
  }
}

/** The directory's sealing key: made once (mode 0600), then read. */
function readSeal(file: string): Seal {
  if (!existsSync(file)) {
    const seal = Seal.random()
    const temporary = `${file}.tmp`
    writeFileSync(temporary, `${seal.key.toString('hex')}\n`, { mode: 0o600 })
    const fd = openSync(temporary, 'r')
    fdatasyncSync(fd)
    closeSync(fd)
    renameSync(temporary, file)
    return seal
  }
  const text = readFileSync(file, 'utf8').trim()
  if (!/^[0-9a-f]{64}$/.test(text) || statSync(file).size > 80) {
    throw new StateFileError(
      file,
      'it is not a state key (64 hex digits)',
      "Put the directory's own state.key back; without it the webhook app keys kept there cannot be opened. To start over, move the directory aside.",
    )
  }
  return new Seal(Buffer.from(text, 'hex'))
}
