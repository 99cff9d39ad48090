/**
 * What `sweep` prints beside its listing: progress while it lists and deletes, and when Ctrl-C
 * stopped it, what is left with the command that resumes it (target and filters, never the key).
 *
 * @module
 */
import { redactUrl } from '../../model/redact.ts'
import { terminalText } from '../../reports/renderers/shared/terminal-text.ts'
import type { SweepOutcome } from '../../suites/runner/sweep.ts'
import { colorOf, progressTty, type CliIo } from '../io.ts'
import { createMeter, type Meter } from '../progress.ts'
import { shellWord } from './run-cleanup.ts'

/** Listing and deleting meters on stderr: a sweep of thousands of users takes minutes. */
export function sweepMeters(io: CliIo) {
  const options = {
    write: (text: string) => io.stderr(text),
    tty: progressTty(io),
    color: colorOf(io),
    ...(io.columns ? { columns: io.columns } : {}),
  }
  let listing: Meter | undefined
  let deleting: Meter | undefined
  return {
    listed(done: number, total: number) {
      listing ??= createMeter({ ...options, label: 'listing', unit: 'users', total })
      listing.update(done)
    },
    deleted(done: number, total: number) {
      listing?.finish()
      listing = undefined
      deleting ??= createMeter({ ...options, label: 'sweep', unit: 'identities', total })
      deleting.update(done)
    },
    finish() {
      listing?.finish()
      deleting?.finish()
      listing = deleting = undefined
    },
  }
}

/** What an interrupted sweep left, and the command that resumes it (never the key). */
export function describeInterrupted(outcome: SweepOutcome, resume: string): string {
  if (outcome.interrupted === 'listing')
    return `clearid-conformance: interrupted while listing users; nothing was deleted. Resume with:\n  ${resume}\n`
  const left = outcome.left ?? []
  const lines = left.map((c) => `  ${terminalText(`${c.id} ${c.userName}`)}\n`)
  return `clearid-conformance: interrupted; ${left.length} leftover(s) not deleted:\n${lines.join('')}Resume with:\n  ${resume}\n`
}

/** This sweep again, with the same target and filters; the key as given (--key or the environment). */
export function resumeCommand(
  baseUrl: string,
  values: { readonly 'run-id'?: string | undefined; readonly 'older-than'?: string | undefined },
): string {
  const parts = [
    'clearid-conformance sweep',
    '--target',
    shellWord(terminalText(redactUrl(baseUrl))),
  ]
  if (values['run-id'] !== undefined) parts.push('--run-id', shellWord(values['run-id']))
  if (values['older-than'] !== undefined)
    parts.push('--older-than', shellWord(values['older-than']))
  return parts.join(' ')
}
