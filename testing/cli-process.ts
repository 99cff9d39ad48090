/**
 * The built CLI as a process of its own, for tests that need what only a process has: signals
 * sent to its process group (as a terminal's Ctrl-C is), exit codes, stdout and stderr apart.
 *
 * @module
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../bin/clearid-conformance.mjs', import.meta.url))

export interface CliProcess {
  stdout(): string
  stderr(): string
  /** Resolves with the exit code; rejects if the process was killed by a signal. */
  readonly exited: Promise<number>
  /** Resolves when stderr matches; rejects if the process exits first (with what it wrote). */
  stderrMatches(pattern: RegExp): Promise<void>
  /** Sends a signal to the whole process group, as a terminal's Ctrl-C does. */
  signalGroup(signal: NodeJS.Signals): void
  /** Kills the group if it still runs: a failed test leaves no process behind. */
  dispose(): void
}

export function spawnCli(args: readonly string[], env: Record<string, string>): CliProcess {
  // Detached: the child leads a process group of its own, so the group gets the signal, not us.
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let out = ''
  let err = ''
  const waiters: { pattern: RegExp; resolve: () => void }[] = []
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString()
    for (const waiter of [...waiters]) {
      if (!waiter.pattern.test(err)) continue
      waiters.splice(waiters.indexOf(waiter), 1)
      waiter.resolve()
    }
  })
  const exited = once(child, 'exit').then(([code, signal]) => {
    if (code === null) throw new Error(`the CLI was killed by ${String(signal)}:\n${err}`)
    return code as number
  })
  // Awaited by the tests that need it; a disposed process's rejection is no failure of its own.
  exited.catch(() => undefined)
  const pid = child.pid
  return {
    stdout: () => out,
    stderr: () => err,
    exited,
    stderrMatches(pattern) {
      if (pattern.test(err)) return Promise.resolve()
      const matched = new Promise<void>((resolve) => waiters.push({ pattern, resolve }))
      const ended = exited.then((code) => {
        throw new Error(`the CLI exited (${code}) before stderr matched ${pattern}:\n${err}`)
      })
      return Promise.race([matched, ended])
    },
    signalGroup(signal) {
      if (pid !== undefined) process.kill(-pid, signal)
    },
    dispose() {
      if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return
      try {
        process.kill(-pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
    },
  }
}
