/**
 * Live progress during a run. On a terminal one line is rewritten in place (`\r`), and failures
 * are printed above it as they happen; in CI logs or a pipe every finished rule is a plain line,
 * because `\r` turns logs into noise. Every text shown is redacted and made terminal-safe first.
 *
 * @module
 */
import type { RuleMeta } from '../../model/rule.ts'
import type { Dialect, RuleResult } from '../model.ts'
import { redactString } from '../../model/redact.ts'
import { paint } from './shared/ansi.ts'
import { oneLine } from './shared/describe.ts'
import { terminalText } from './shared/terminal-text.ts'

export interface ProgressStream {
  write(text: string): unknown
  /** Terminal width, when known (`process.stdout.columns`). */
  readonly columns?: number
}

export interface ProgressOptions {
  readonly tty: boolean
  /** Colour on a TTY; default true there, never off a TTY. */
  readonly color?: boolean
  /** Number of rule runs expected, shown as `12/40`. */
  readonly total?: number
  /**
   * On a TTY, what the line shows in place of `12/40` for that many finished rule runs (the CLI's
   * bar, rate and ETA). Plain text: it is made terminal-safe like the rest of the line.
   */
  readonly status?: (finished: number) => string
}

export interface Progress {
  ruleStarted(meta: Pick<RuleMeta, 'id' | 'title'> & { readonly dialect?: Dialect }): void
  ruleFinished(result: RuleResult): void
  done(): void
}

const STATUS_WORD: Readonly<Record<RuleResult['status'], string>> = {
  passed: 'pass',
  failed: 'FAIL',
  waived: 'waived',
  skipped: 'skip',
  'not-applicable': 'n/a',
}

function plain(text: string): string {
  return terminalText(redactString(text))
}

export function createProgress(stream: ProgressStream, options: ProgressOptions): Progress {
  const p = paint(options.tty && (options.color ?? true))
  const counts = { finished: 0, failed: 0 }
  const of = () =>
    options.status?.(counts.finished) ??
    `${counts.finished}${options.total === undefined ? '' : `/${options.total}`}`
  const width = () => Math.max(20, (stream.columns ?? 80) - 1)
  let lineShown = false

  const clear = () => {
    if (lineShown) stream.write('\r\u001b[2K')
    lineShown = false
  }
  const show = (text: string) => {
    clear()
    stream.write(oneLine(plain(text), width()))
    lineShown = true
  }
  const name = (id: string, dialect?: string) => (dialect ? `${id} [${dialect}]` : id)

  return {
    ruleStarted(meta) {
      if (!options.tty) return
      const failed = counts.failed > 0 ? `, ${counts.failed} failed` : ''
      show(`[${of()}${failed}] ${name(meta.id, meta.dialect)} ${meta.title}`)
    },
    ruleFinished(result) {
      counts.finished += 1
      if (result.status === 'failed') counts.failed += 1
      const label = plain(`${name(result.ruleId, result.dialect)} ${oneLine(result.title, 120)}`)
      if (!options.tty) {
        stream.write(`${STATUS_WORD[result.status].padEnd(6)} ${result.level.padEnd(6)} ${label}\n`)
        return
      }
      if (result.status === 'failed') {
        clear()
        stream.write(`${p.red('✗')} ${result.level.padEnd(6)} ${label}\n`)
      }
    },
    done() {
      clear()
      const failed = counts.failed > 0 ? p.red(`${counts.failed} failed`) : '0 failed'
      const runs = `${counts.finished} rule run${counts.finished === 1 ? '' : 's'}`
      stream.write(`${runs} finished, ${failed}\n`)
    },
  }
}
