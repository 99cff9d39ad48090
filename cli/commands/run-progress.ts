/**
 * `run`'s progress on stderr, fed by the runner's hooks: the rules (reports' per-rule progress,
 * with the bar, rate and ETA of `cli/progress.ts`), the scenario's users, and cleanup, which is
 * announced because it runs after the work people were waiting for and can take a while (200
 * identities at 50 ms a request: about 15 s).
 *
 * @module
 */
import { createProgress, type Progress } from '../../reports/renderers/console.ts'
import type { RunProgress } from '../../suites/runner/run-options.ts'
import { colorOf, progressTty, type CliIo } from '../io.ts'
import { createMeter, type Meter } from '../progress.ts'

export interface RunMeters {
  readonly hooks: RunProgress
  /** Closes whatever is still shown (a run that ended before cleanup reported). */
  finish(): void
}

export function createRunMeters(io: CliIo, options: { readonly rules?: number } = {}): RunMeters {
  const tty = progressTty(io)
  const color = colorOf(io)
  const write = (text: string) => io.stderr(text)
  const meter = (label: string, unit: string, total: number): Meter =>
    createMeter({
      label,
      unit,
      total,
      write,
      tty,
      color,
      ...(io.columns ? { columns: io.columns } : {}),
    })

  let rules: { progress: Progress; meter: Meter; started: number; finished: number } | undefined
  if (options.rules !== undefined) {
    const rulesMeter = meter('rules', 'rule runs', options.rules)
    rules = {
      meter: rulesMeter,
      started: 0,
      finished: 0,
      // On a terminal the per-rule line carries the bar; off it, per-rule lines plus the meter's.
      progress: createProgress(
        { write, ...(io.columns ? { columns: io.columns } : {}) },
        {
          tty,
          color,
          total: options.rules,
          ...(tty ? { status: (finished: number) => rulesMeter.status(finished) } : {}),
        },
      ),
    }
  }
  let users: Meter | undefined
  let cleanup: Meter | undefined
  let cleanupTotal = 0
  let cleanupDone = 0

  const endWork = () => {
    // A run that never reached its rules (the target refused the key) has no rule count to give.
    if (rules && rules.started > 0) rules.progress.done()
    rules = undefined
    users?.finish()
    users = undefined
  }
  const hooks: RunProgress = {
    ruleStarted(rule, dialect) {
      if (rules) rules.started += 1
      rules?.progress.ruleStarted({ id: rule.id, title: rule.title, ...(dialect && { dialect }) })
    },
    ruleFinished(result) {
      if (!rules) return
      rules.finished += 1
      rules.progress.ruleFinished(result)
      if (!tty) rules.meter.update(rules.finished)
    },
    users(done, total) {
      users ??= meter('initial cycle', 'users', total)
      users.update(done)
    },
    // SCIM's cleanup reports first, then REST's, counting from 0 towards a total of its own.
    cleanup(done, total) {
      if (!cleanup || total !== cleanupTotal || done < cleanupDone) {
        const more = cleanup !== undefined
        endWork()
        cleanup?.finish()
        if (total > 0)
          write(
            `Cleanup: deleting ${more ? '' : 'the '}${total} ${more ? 'more ' : ''}${total === 1 ? 'identity' : 'identities'} this run created…\n`,
          )
        cleanup = meter('cleanup', 'identities', total)
        cleanupTotal = total
      }
      cleanupDone = done
      cleanup.update(done)
    },
  }
  return {
    hooks,
    finish() {
      endWork()
      cleanup?.finish()
      cleanup = undefined
    },
  }
}
