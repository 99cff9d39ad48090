/**
 * What `run` prints about its cleanup: counts, each identity left (path and userName, with why),
 * and the exact `sweep` that removes them: the target and run id, never the key.
 *
 * @module
 */
import { redactUrl } from '../../model/redact.ts'
import { terminalText } from '../../reports/renderers/shared/terminal-text.ts'
import type { CleanupFailure, CleanupOutcome } from '../../suites/runner/cleanup.ts'
import { ABANDONED_ERROR } from '../../suites/runner/cleanup.ts'
import type { Target } from '../../suites/targets/target.ts'

/** Leftovers listed one by one; the report (`run.options.cleanup.failed`) has them all. */
export const MAX_LISTED = 50

export interface CleanupContext {
  readonly target: Pick<Target, 'kind' | 'main' | 'other' | 'rest'>
  readonly runId: string
}

export function describeCleanup(cleanup: CleanupOutcome, context: CleanupContext): string {
  const unanswered =
    cleanup.unanswered > 0
      ? `${cleanup.unanswered} create request(s) got no answer; if the target applied them they are left over.\n`
      : ''
  if (cleanup.created === 0) return `Cleanup: nothing was created.\n${unanswered}`
  const line = `Cleanup: ${cleanup.created} identities created, ${cleanup.deletedByRules} deleted by the rules, ${cleanup.deleted} deleted now, ${cleanup.failed.length} left over.\n`
  const abandoned = cleanup.abandoned
    ? `Cleanup was abandoned (second Ctrl-C); left on the target:\n`
    : ''
  // Paths, names and errors come from the server: plain text only.
  const listed = cleanup.failed.slice(0, MAX_LISTED).map((f) => `${terminalText(leftover(f))}\n`)
  const more =
    cleanup.failed.length > MAX_LISTED
      ? `  …and ${cleanup.failed.length - MAX_LISTED} more (the report lists them all under run.options.cleanup)\n`
      : ''
  const hint =
    cleanup.failed.length > 0 || cleanup.unanswered > 0 ? sweepHint(cleanup, context) : ''
  return line + unanswered + abandoned + listed.join('') + more + hint
}

function leftover(f: CleanupFailure): string {
  const who = `  ${f.path}${f.userName ? ` (${f.userName})` : ''}`
  // Abandoned ones all share one reason, said once above the list.
  if (f.error === ABANDONED_ERROR) return who
  return `${who}: ${f.error ?? `HTTP ${f.status}`}`
}

/** `Remove them with: clearid-conformance sweep --target … --run-id … --older-than 0`, per account. */
function sweepHint(cleanup: CleanupOutcome, { target, runId }: CleanupContext): string {
  // The in-process mock lives in this process: whatever it still holds goes with it.
  if (target.kind === 'in-process') return ''
  const isRest = (f: CleanupFailure) => isRestPath(f.path)
  const scimLeft = cleanup.failed.some((f) => !isRest(f)) || cleanup.unanswered > 0
  const urls = target.main && scimLeft ? [target.main.baseUrl] : []
  if (
    target.main &&
    target.other &&
    cleanup.failed.some((f) => f.account === 'other' && !isRest(f))
  )
    urls.push(target.other.baseUrl)
  const commands = urls.map((url) => `  ${sweepCommand(url, runId)}\n`)
  const them = cleanup.failed.length > 0 ? 'them' : 'any such leftovers'
  const scim =
    commands.length === 0
      ? ''
      : `Remove ${them} with (the key as for this run: --key or CLEARID_SCIM_KEY${urls.length > 1 ? ', CLEARID_SCIM_KEY of the second account for the second command' : ''}):\n${commands.join('')}`
  const rest =
    target.rest && (cleanup.failed.some(isRest) || (!target.main && cleanup.unanswered > 0))
      ? `Remove those of the REST API with (the credential as for this run: CLEARID_CLIENT_SECRET or --key-file):\n  ${restSweepCommand(target.rest.endpoints, target.rest.credentials.clientId, runId)}\n`
      : ''
  return scim + rest
}

/** A leftover of the REST cleanup: an identity-service or control-plane path. */
function isRestPath(path: string): boolean {
  return path.startsWith('identityservice/') || path.startsWith('_admin/')
}

/** The `sweep` of the REST API: its base (or {service} template), client id and the run id. */
export function restSweepCommand(
  endpoints: { readonly identity: string },
  clientId: string,
  filters:
    string | { readonly 'run-id'?: string | undefined; readonly 'older-than'?: string | undefined },
): string {
  const { 'run-id': runId, 'older-than': olderThan = '0' } =
    typeof filters === 'string' ? { 'run-id': filters } : filters
  const base = endpoints.identity
    .replace(/identityservice(?=[-.]|$)/, '{service}')
    .replace(/\/\{service\}$/, '')
  const run = runId === undefined ? '' : ` --run-id ${shellWord(runId)}`
  return `clearid-conformance sweep --rest-target ${shellWord(terminalText(redactUrl(base)))} --client-id ${shellWord(clientId)}${run} --older-than ${shellWord(olderThan)}`
}

export function sweepCommand(baseUrl: string, runId: string): string {
  return `clearid-conformance sweep --target ${shellWord(terminalText(redactUrl(baseUrl)))} --run-id ${shellWord(runId)} --older-than 0`
}

/** A word a POSIX shell reads back as is: quoted when it holds anything but URL-safe characters. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}
