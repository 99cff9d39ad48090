/**
 * Progress of a phase that can last (the rules, the scenario's users, cleanup's deletes, a sweep),
 * written to stderr so `--out -` output stays clean. On a terminal: one line rewritten in place,
 * `cleanup [██████░░░░░░] 84/200 identities · 12.3/s · ETA 9s`. Anywhere else (CI logs, a file):
 * a plain line at most every 5 s and every 10 % (whichever is rarer: a 40-minute run prints about
 * ten, a 3-second one none), then a closing line when there was one, so a log shows the run is
 * alive without filling up.
 *
 * @module
 */
import { paint } from '../reports/renderers/shared/ansi.ts'

/** Off a terminal, a line at most this often… */
export const PLAIN_EVERY_MS = 5_000
/** …and only after this share of the total more is done. */
export const PLAIN_EVERY_SHARE = 0.1
/** On a terminal, redraws at most this often (a fast in-process phase would flood it). */
const REDRAW_EVERY_MS = 100
const BAR_WIDTH = 20
const MIN_BAR_WIDTH = 5
const COMPACT_BAR_WIDTH = 10

export interface MeterOptions {
  /** The phase: `initial cycle`, `cleanup`, `rules`. */
  readonly label: string
  /** What is counted: `users`, `identities`, `rule runs`. */
  readonly unit: string
  readonly total: number
  readonly write: (text: string) => void
  /** stderr is an interactive terminal (`progressTty`). */
  readonly tty: boolean
  /** ANSI colour for the bar (`colorOf`); only ever on a terminal. */
  readonly color?: boolean
  /** Terminal width. */
  readonly columns?: number
  /** Milliseconds on a monotonic clock; tests inject one. Default `performance.now`. */
  readonly now?: () => number
}

export interface Meter {
  /** `done` of the total so far. */
  update(done: number): void
  /**
   * A compact status for `done` to show inside another line (the rules' line names the rule):
   * `██████░░░░ 12/40 · 3.1/s · ETA 9s`, plain text.
   */
  status(done: number): string
  /** The phase is over: clears the terminal line; off a terminal, closes the progress lines. */
  finish(): void
}

/** `9s`, `1m05s`, `2h03m`: short enough for a status line. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000))
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`
}

/** `0.5s`, `42.5s`, then as `formatDuration`: how long a finished phase took. */
export function formatElapsed(ms: number): string {
  return ms < 59_950 ? `${(Math.max(0, ms) / 1000).toFixed(1)}s` : formatDuration(ms)
}

/** Per second over `elapsedMs`: `0.4/s`, `12.3/s`, `587/s`; `-` before anything is done. */
export function formatRate(done: number, elapsedMs: number): string {
  if (done <= 0 || elapsedMs <= 0) return '-/s'
  const perSecond = done / (elapsedMs / 1000)
  return `${perSecond >= 100 ? Math.round(perSecond) : perSecond.toFixed(1)}/s`
}

/** Time left at the rate so far; undefined until something is done. */
export function etaMs(done: number, total: number, elapsedMs: number): number | undefined {
  if (done <= 0 || elapsedMs <= 0) return undefined
  return Math.max(0, total - done) * (elapsedMs / done)
}

/** `84/200 users (42%), 12.3/s, ETA 9s`: the plain line's figures. */
export function plainFigures(done: number, total: number, unit: string, elapsedMs: number): string {
  const eta = etaMs(done, total, elapsedMs)
  const share = total > 0 ? Math.floor((done / total) * 100) : 100
  return `${done}/${total} ${unit} (${share}%), ${formatRate(done, elapsedMs)}, ETA ${eta === undefined ? '-' : formatDuration(eta)}`
}

/** `██████░░░░` for `done` of `total`, `width` cells. */
export function bar(
  done: number,
  total: number,
  width = BAR_WIDTH,
): { full: string; empty: string } {
  const cells = total > 0 ? Math.min(width, Math.floor((done / total) * width)) : width
  return { full: '█'.repeat(cells), empty: '░'.repeat(width - cells) }
}

/** Whether a plain line is due: both 5 s and 10 % of the total since the last one. */
export function plainLineDue(
  last: { readonly at: number; readonly done: number },
  now: number,
  done: number,
  total: number,
): boolean {
  if (done >= total) return false
  return now - last.at >= PLAIN_EVERY_MS && done - last.done >= total * PLAIN_EVERY_SHARE
}

export function createMeter(options: MeterOptions): Meter {
  const now = options.now ?? (() => performance.now())
  const p = paint(options.tty && options.color === true)
  const started = now()
  const { label, unit, total } = options
  let last = { at: started, done: 0 }
  let lastDone = 0
  let lineShown = false
  let redrawnAt = Number.NEGATIVE_INFINITY

  const figures = (done: number) => {
    const elapsed = now() - started
    const eta = etaMs(done, total, elapsed)
    return `${done}/${total} ${unit} · ${formatRate(done, elapsed)} · ETA ${eta === undefined ? '-' : formatDuration(eta)}`
  }
  const status = (done: number, colored: boolean, width = BAR_WIDTH) => {
    const cells = bar(done, total, width)
    const drawn = colored
      ? `${cells.full && p.green(cells.full)}${cells.empty && p.dim(cells.empty)}`
      : cells.full + cells.empty
    return `[${drawn}] ${figures(done)}`
  }
  // A line wider than the terminal would wrap and break `\r`: the bar shrinks, then the label
  // goes, then the bar, then the figures are cut.
  const fitted = (done: number) => {
    const width = Math.max(10, (options.columns ?? 80) - 1)
    const text = figures(done)
    const room = width - text.length - 3
    if (room - label.length - 1 >= MIN_BAR_WIDTH)
      return `${label} ${status(done, true, Math.min(BAR_WIDTH, room - label.length - 1))}`
    if (room >= MIN_BAR_WIDTH) return status(done, true, Math.min(BAR_WIDTH, room))
    return text.length <= width ? text : `${text.slice(0, width - 1)}…`
  }
  const redraw = (done: number) => {
    options.write(`${lineShown ? '\r\u001b[2K' : ''}${fitted(done)}`)
    lineShown = true
  }

  return {
    update(done) {
      lastDone = done
      if (total <= 0) return
      const at = now()
      if (options.tty) {
        if (at - redrawnAt < REDRAW_EVERY_MS && done < total) return
        redrawnAt = at
        redraw(done)
        return
      }
      if (!plainLineDue(last, at, done, total)) return
      last = { at, done }
      options.write(`${label}: ${plainFigures(done, total, unit, at - started)}\n`)
    },
    status(done) {
      const cells = bar(done, total, COMPACT_BAR_WIDTH)
      const elapsed = now() - started
      const eta = etaMs(done, total, elapsed)
      return `${cells.full}${cells.empty} ${done}/${total} · ${formatRate(done, elapsed)} · ETA ${eta === undefined ? '-' : formatDuration(eta)}`
    },
    finish() {
      if (total <= 0) return
      if (options.tty) {
        if (lineShown) options.write('\r\u001b[2K')
        lineShown = false
        return
      }
      // A phase too short for a progress line needs no closing one either: the summary has it.
      if (last.done === 0) return
      const elapsed = now() - started
      options.write(
        `${label}: ${lastDone}/${total} ${unit} in ${formatElapsed(elapsed)} (${formatRate(lastDone, elapsed)})\n`,
      )
    },
  }
}
