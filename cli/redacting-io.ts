/**
 * The choke point for what the commands that talk to a target print: every secret in play (the
 * keys given on the command line, whatever the harness sent as a credential) is removed by value,
 * in every encoding, from each piece of text written to stdout or stderr, whichever code path made
 * it (an error quoting a server, a cleanup leftover, a progress line, a dry-run request).
 *
 * @module
 */
import { SECRETS_IN_PLAY } from '../model/secret-values.ts'
import type { CliIo } from './io.ts'

export function redactingIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(SECRETS_IN_PLAY.redact(text)),
    stderr: (text) => io.stderr(SECRETS_IN_PLAY.redact(text)),
  }
}
