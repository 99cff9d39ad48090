/**
 * One journal file being appended to. A record is written with a synchronous `write` as the change
 * is made, so it is in the kernel before the handler goes on: a killed process (`kill -9`) loses
 * nothing written. Durability against a power cut or an OS crash takes `fdatasync`; those run off
 * the event loop, one at a time, and each covers every record written before it started (group
 * commit), so answers ready meanwhile wait for the same one.
 *
 * @module
 */
import { closeSync, fdatasync, fdatasyncSync, fsyncSync, openSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * `fsync`: an answer waits until its change is on disk (survives power loss; the default).
 * `write`: an answer waits until its change is in the kernel (survives the process being killed,
 * not a power cut or an OS crash), and costs no wait at all.
 */
export type Durability = 'fsync' | 'write'

interface Waiter {
  readonly upTo: number
  readonly resolve: () => void
  readonly reject: (error: Error) => void
}

export class JournalWriter {
  #fd: number | undefined
  #written = 0
  #synced = 0
  #syncing = false
  #waiters: Waiter[] = []
  #failure: Error | undefined
  #closed: Promise<void> | undefined
  /** Bytes in the file, header included. */
  bytes: number

  private constructor(
    readonly file: string,
    fd: number,
    bytes: number,
    private readonly durability: Durability,
    private readonly onFailure: (error: Error) => void,
  ) {
    this.#fd = fd
    this.bytes = bytes
  }

  /** Opens `file` for appending; a new (empty) file gets `header` and its directory entry synced. */
  static open(
    file: string,
    header: string,
    durability: Durability,
    onFailure: (error: Error) => void,
    existingBytes = 0,
  ): JournalWriter {
    const fd = openSync(file, 'a', 0o600)
    const writer = new JournalWriter(file, fd, existingBytes, durability, onFailure)
    if (existingBytes === 0) {
      writeAll(fd, Buffer.from(header))
      writer.bytes = Buffer.byteLength(header)
      fdatasyncSync(fd)
      syncDirectory(dirname(file))
    }
    return writer
  }

  append(line: string): void {
    if (this.#failure || this.#fd === undefined) return
    const bytes = Buffer.from(line)
    try {
      writeAll(this.#fd, bytes)
    } catch (error) {
      this.#fail(error)
      return
    }
    this.#written++
    this.bytes += bytes.length
  }

  /** Undefined when every record written is as durable as asked; else resolves when it is. */
  settled(): Promise<void> | undefined {
    if (this.#failure) return Promise.reject(this.#failure)
    if (this.durability === 'write' || this.#synced >= this.#written) return undefined
    const upTo = this.#written
    return new Promise((resolve, reject) => {
      this.#waiters.push({ upTo, resolve, reject })
      this.#sync()
    })
  }

  /** Makes everything written durable, then closes the file. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      if (this.#failure === undefined && this.#written > this.#synced) {
        await new Promise<void>((resolve) => {
          this.#waiters.push({ upTo: this.#written, resolve, reject: () => resolve() })
          this.#sync()
        })
      }
      if (this.#fd !== undefined) closeSync(this.#fd)
      this.#fd = undefined
    })()
    return this.#closed
  }

  #sync(): void {
    if (this.#syncing || this.#fd === undefined) return
    this.#syncing = true
    const upTo = this.#written
    fdatasync(this.#fd, (error) => {
      this.#syncing = false
      if (error) {
        this.#fail(error)
        return
      }
      this.#synced = upTo
      const waiting = this.#waiters
      this.#waiters = []
      for (const waiter of waiting) {
        if (waiter.upTo <= upTo) waiter.resolve()
        else this.#waiters.push(waiter)
      }
      if (this.#waiters.length > 0) this.#sync()
    })
  }

  #fail(cause: unknown): void {
    if (this.#failure) return
    const code = (cause as { code?: string }).code ?? (cause as Error).message
    this.#failure = new Error(
      `The mock could not write its state to ${this.file} (${code}). Every change answered before this one is kept; this mock now answers 503 until it is restarted. Fix the cause (disk space, permissions) and restart it.`,
    )
    for (const waiter of this.#waiters) waiter.reject(this.#failure)
    this.#waiters = []
    this.onFailure(this.#failure)
  }
}

/** `write` may write less than asked (a full disk, a signal): loop until all is written. */
function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset)
}

/** A new or renamed file survives a power cut only once its directory is synced too. */
export function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
