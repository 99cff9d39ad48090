/**
 * `replay`: re-send a recorded session (NDJSON from `verify-client --record` or the control plane)
 * to a fresh in-process mock or another target, compare every status and body, print the
 * differences; `--emit-test` also writes a vitest regression test of the session.
 *
 * Exit codes: 0 every exchange matched; 1 a difference; 2 usage error or unreadable session.
 *
 * @module
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { basename, dirname, extname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Behaviour } from '../../mock-server/options.ts'
import { registerSecret } from '../../model/secret-values.ts'
import { emitReplayTest } from '../../verify/emit-test.ts'
import { replaySession, type ReplayResult, type ReplayTarget } from '../../verify/replay.ts'
import {
  parseSession,
  SessionFormatError,
  type SessionExchange,
} from '../../mock-server/traffic/session.ts'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from '../io.ts'
import * as read from '../parse.ts'
import { describeResult } from './replay-output.ts'
import { BEHAVIOUR_OPTIONS, behaviourFrom } from '../behaviour-options.ts'

const OPTIONS = {
  target: { type: 'string' },
  key: { type: 'string' },
  'inject-faults': { type: 'boolean' },
  ignore: { type: 'string', multiple: true },
  timing: { type: 'string' },
  ...BEHAVIOUR_OPTIONS,
  'emit-test': { type: 'string' },
  'import-from': { type: 'string' },
  name: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

const HELP = `Usage: clearid-conformance replay FILE [options]

Replays a recorded session (NDJSON: verify-client --record, or GET /_admin/accounts/{id}/traffic.ndjson)
against a fresh in-process mock ClearID (default) or another target. Ids the target assigns replace
the recorded ones; ids, meta times, versions and locations are not compared.

  --target URL              Tenant URL of another target (https://host/scim/v2/accounts/acme)
  --key KEY                 its SCIM key (default: env CLEARID_SCIM_KEY)
  --inject-faults           the target is a mock ClearID: re-inject recorded faults (X-Mock-Fault);
                            without it, exchanges recorded with an injected fault are skipped
  --ignore PATH             also ignore this body path, repeatable (detail, meta.resourceType)
  --timing recorded|none    wait between requests as recorded (default none)
  --extension-booleans reject|coerce, --unknown-attributes ignore|reject
                            behaviour of the in-process mock (as the session was recorded)
  --emit-test FILE          also write a vitest regression test that replays this session in-process
  --import-from SPEC        module the test imports (default: a relative path inside this package,
                            else clearid-conformance/verify)
  --name NAME               name of the emitted test
  --json                    print the result as JSON

Exit codes: 0 every exchange matched; 1 a difference; 2 usage error or unreadable session.
`

interface ReplaySettings {
  readonly file: string
  readonly target?: ReplayTarget
  readonly ignore: string[]
  readonly timing: 'none' | 'recorded'
  readonly behaviour: Partial<Behaviour>
  readonly emitTest?: string
  readonly importFrom?: string
  readonly name?: string
  readonly json: boolean
}

export async function replayCommand(argv: string[], io: CliIo): Promise<number> {
  let settings: ReplaySettings
  let session: SessionExchange[]
  try {
    const { values, positionals } = read.parse(argv, OPTIONS, 'replay')
    if (values.help) {
      io.stdout(HELP)
      return EXIT_OK
    }
    settings = settingsFrom(values, positionals, io)
    session = await loadSession(settings.file)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.stderr(`${error.message}\nRun "clearid-conformance replay --help" for the options.\n`)
    return EXIT_USAGE
  }
  const result = await replaySession(session, {
    ...(settings.target && { target: settings.target }),
    ignore: settings.ignore,
    timing: settings.timing,
    appOptions: { behaviour: settings.behaviour },
  })
  if (settings.emitTest !== undefined) await emit(settings, session, io)
  print(result, settings, io)
  return result.ok ? EXIT_OK : EXIT_FAILED
}

type Values = ReturnType<typeof read.parse<typeof OPTIONS>>['values']

function settingsFrom(values: Values, positionals: string[], io: CliIo): ReplaySettings {
  const [file, extra] = positionals
  if (file === undefined) throw new UsageError('replay: name the session file (NDJSON)')
  if (extra !== undefined) throw new UsageError(`replay: unexpected argument "${extra}"`)
  const timing = values.timing ?? 'none'
  if (timing !== 'none' && timing !== 'recorded')
    throw new UsageError(`--timing must be none or recorded; got "${timing}"`)
  return {
    file,
    ...targetOf(values, io),
    ignore: read.listOf(values.ignore),
    timing,
    behaviour: behaviourFrom(values),
    ...(values['emit-test'] !== undefined && { emitTest: values['emit-test'] }),
    ...(values['import-from'] !== undefined && { importFrom: values['import-from'] }),
    ...(values.name !== undefined && { name: values.name }),
    json: values.json === true,
  }
}

function targetOf(values: Values, io: CliIo): { target?: ReplayTarget } {
  if (values.target === undefined) {
    if (values.key !== undefined || values['inject-faults'])
      throw new UsageError('--key and --inject-faults need --target')
    return {}
  }
  const key = values.key ?? io.env?.CLEARID_SCIM_KEY
  if (!key) throw new UsageError('--target needs --key (or env CLEARID_SCIM_KEY)')
  registerSecret(key)
  // A redirect is the target's answer, never followed: the key goes to the target's origin only.
  const fetcher = io.fetch ?? ((request: Request) => fetch(request, { redirect: 'manual' }))
  return {
    target: {
      fetch: fetcher,
      baseUrl: read.baseUrl('target', values.target),
      key,
      injectFaults: values['inject-faults'] === true,
    },
  }
}

async function loadSession(file: string): Promise<SessionExchange[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new UsageError(
      `replay: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    )
  }
  try {
    const session = parseSession(text)
    if (session.length === 0) throw new UsageError(`replay: ${file} holds no exchanges`)
    return session
  } catch (error) {
    if (error instanceof SessionFormatError)
      throw new UsageError(`replay: ${file}: ${error.message}`)
    throw error
  }
}

/**
 * Where this package's library entry for sessions lives: beside this file's tree, with this file's
 * own extension (`.ts` from a clone, `.js` once built), so an emitted test inside the checkout
 * imports the code it was emitted by.
 */
const HERE = fileURLToPath(import.meta.url)
const TRAFFIC_ENTRY = resolve(dirname(HERE), '..', '..', 'verify', `index${extname(HERE)}`)
const PACKAGE_ROOT = resolve(dirname(TRAFFIC_ENTRY), '..')

function importSpecifier(testFile: string): string {
  const absolute = resolve(testFile)
  if (relative(PACKAGE_ROOT, absolute).startsWith('..')) return 'clearid-conformance/verify'
  const path = relative(dirname(absolute), TRAFFIC_ENTRY).split('\\').join('/')
  return path.startsWith('.') ? path : `./${path}`
}

async function emit(
  settings: ReplaySettings,
  session: readonly SessionExchange[],
  io: CliIo,
): Promise<void> {
  const file = settings.emitTest ?? ''
  const source = emitReplayTest(session, {
    importFrom: settings.importFrom ?? importSpecifier(file),
    name: settings.name ?? `replays ${basename(settings.file)}`,
    source: basename(settings.file),
    ignore: settings.ignore,
    behaviour: settings.behaviour,
  })
  await mkdir(dirname(resolve(file)), { recursive: true })
  await writeFile(file, source, 'utf8')
  io.stdout(`Wrote ${join(file)}: a vitest test replaying ${session.length} exchanges.\n`)
}

function print(result: ReplayResult, settings: ReplaySettings, io: CliIo): void {
  if (settings.json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`)
    return
  }
  const where = settings.target ? settings.target.baseUrl : 'a fresh in-process mock'
  io.stdout(describeResult(result, where))
}
