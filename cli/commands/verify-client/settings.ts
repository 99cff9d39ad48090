/**
 * Options of `verify-client`, read into settings with usage errors that say what is wrong.
 *
 * @module
 */
import { FaultSpecError, type FaultRule } from '../../../mock-server/faults/fault-rule.ts'
import { faultRuleFromText } from '../../../mock-server/faults/fault-text.ts'
import type { Behaviour } from '../../../mock-server/options.ts'
import { DEFAULT_ACCOUNT_ID } from '../../../mock-server/options.ts'
import { allowedHostsFromEnv } from '../../../mock-server/node/rest-env.ts'
import { FORMAT_NAMES, parseFormats, type FormatName } from '../../../reports/renderers/index.ts'
import { DEFAULT_OUT_DIR } from '../../../reports/write.ts'
import { UsageError } from '../../io.ts'
import * as read from '../../parse.ts'
import { BEHAVIOUR_OPTIONS, behaviourFrom } from '../../behaviour-options.ts'

export const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  account: { type: 'string' },
  key: { type: 'string' },
  attach: { type: 'string' },
  'admin-token': { type: 'string' },
  duration: { type: 'string' },
  'idle-timeout': { type: 'string' },
  fault: { type: 'string', multiple: true },
  record: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  capacity: { type: 'string' },
  ...BEHAVIOUR_OPTIONS,
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const

export const HELP = `Usage: clearid-conformance verify-client [options]

Starts a mock ClearID (or attaches to a running one), prints the Tenant URL and Secret Token to
give your SCIM client, judges every request it sends against the client rules (live), and on
Ctrl-C, --duration or --idle-timeout writes a client compliance report.

Mock:
  --port N                  port to listen on (default: a free port)
  --host HOST               interface (default 127.0.0.1)
  --account ID              account id in the Tenant URL (default ${DEFAULT_ACCOUNT_ID})
  --key KEY                 SCIM key to accept (default: env CLEARID_SCIM_KEY, else a new random key)
  --extension-booleans reject|coerce   "True"/"False" for extension booleans (default reject, as ClearID)
  --unknown-attributes ignore|reject   unmapped attributes (default ignore, with a finding)
  --capacity N              exchanges kept for the report (default 10000)
  --admin-token TOKEN       also serve the control plane (/_admin) with this token
Attach instead:
  --attach URL              a running mock (its origin); the log is read from its control plane
  --admin-token TOKEN       its admin token (default: env CLEARID_ADMIN_TOKEN)
Session:
  --fault SPEC              inject a fault, repeatable: "route=POST /Users,status=503,next=2",
                            "status=429,retry-after=2,rate=0.3", "latency=200", "reset", "timeout=5000",
                            "slow-body=64:100", "conflict-after-success", "404-after-create=3000"
  --duration D              stop after D (10s, 2m; a bare number is seconds)
  --idle-timeout D          stop after D without requests
  --record FILE             write the session as NDJSON (replay it with "clearid-conformance replay")
  --out DIR                 report directory (default ${DEFAULT_OUT_DIR})
  --format LIST             ${FORMAT_NAMES.join(',')} (default all)
  --quiet                   findings only, no line per request

The local mock answers to loopback names and the --host it listens on; a tunnel's or proxy's host
name needs env CLEARID_ALLOWED_HOSTS (comma-separated), else it gets 421.

Exit codes: 0 no MUST client rule failed; 1 a MUST client rule failed; 2 usage or start-up error;
3 no request received (verdict INCOMPLETE: nothing was judged).
`

export interface Settings {
  readonly mode: 'local' | 'attach'
  readonly port: number
  readonly host: string
  readonly account: string
  readonly key?: string
  readonly attach?: string
  readonly adminToken?: string
  readonly durationMs?: number
  readonly idleMs?: number
  readonly faults: readonly FaultRule[]
  readonly faultTexts: readonly string[]
  readonly record?: string
  readonly out: string
  readonly formats: FormatName[]
  readonly capacity: number
  readonly behaviour: Partial<Behaviour>
  readonly quiet: boolean
  /** Hosts the local mock answers to besides loopback (env CLEARID_ALLOWED_HOSTS, a typed --host). */
  readonly allowedHosts: readonly string[] | true
}

type Values = ReturnType<typeof read.parse<typeof OPTIONS>>['values']

export function settingsFrom(
  values: Values,
  env: Readonly<Record<string, string | undefined>>,
): Settings {
  const attach = values.attach === undefined ? undefined : read.baseUrl('attach', values.attach)
  if (attach !== undefined) refuseLocalOptions(values)
  const adminToken =
    values['admin-token'] ?? (attach !== undefined ? env.CLEARID_ADMIN_TOKEN : undefined)
  if (attach !== undefined && !adminToken) {
    throw new UsageError(
      '--attach needs --admin-token (or env CLEARID_ADMIN_TOKEN): the log is read from the control plane',
    )
  }
  // One --fault per fault: its value has commas of its own, so it is not a list.
  const faultTexts = (values.fault ?? []).map((f) => f.trim()).filter((f) => f !== '')
  const key = values.key ?? env.CLEARID_SCIM_KEY
  return {
    mode: attach === undefined ? 'local' : 'attach',
    port: read.integer('port', values.port, 0),
    host: values.host ?? '127.0.0.1',
    account: accountOf(values.account),
    ...(key !== undefined && key !== '' && { key }),
    ...(attach !== undefined && { attach }),
    ...(adminToken !== undefined && { adminToken }),
    ...optionalDuration('durationMs', 'duration', values.duration),
    ...optionalDuration('idleMs', 'idle-timeout', values['idle-timeout']),
    faults: faultTexts.map(faultOf),
    faultTexts,
    ...(values.record !== undefined && { record: values.record }),
    out: values.out ?? DEFAULT_OUT_DIR,
    formats: formatsOf(values.format),
    capacity: read.integer('capacity', values.capacity, 10_000, 1),
    behaviour: behaviourFrom(values),
    quiet: values.quiet === true,
    allowedHosts: allowedHostsFromEnv(env.CLEARID_ALLOWED_HOSTS, values.host ?? '127.0.0.1'),
  }
}

function refuseLocalOptions(values: Values): void {
  for (const name of [
    'port',
    'host',
    'key',
    'extension-booleans',
    'unknown-attributes',
    'capacity',
  ] as const) {
    if (values[name] !== undefined)
      throw new UsageError(`--${name} configures the local mock; it cannot be used with --attach`)
  }
}

function accountOf(value: string | undefined): string {
  const account = value ?? DEFAULT_ACCOUNT_ID
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(account)) {
    throw new UsageError(
      `--account must be 1 to 64 letters, digits, "-" or "_"; got "${account.slice(0, 80)}"`,
    )
  }
  return account
}

function optionalDuration<K extends string>(
  key: K,
  name: string,
  value: string | undefined,
): { [P in K]?: number } {
  if (value === undefined) return {}
  const ms = read.duration(name, value, 0)
  if (ms <= 0) throw new UsageError(`--${name} must be longer than 0`)
  return { [key]: ms } as { [P in K]?: number }
}

function faultOf(text: string): FaultRule {
  try {
    return faultRuleFromText(text)
  } catch (error) {
    if (error instanceof FaultSpecError)
      throw new UsageError(`--fault "${text.slice(0, 80)}": ${error.message}`)
    throw error
  }
}

function formatsOf(value: string | undefined): FormatName[] {
  if (value === undefined) return [...FORMAT_NAMES]
  const parsed = parseFormats(value)
  if ('error' in parsed) throw new UsageError(`--format: ${parsed.error}`)
  return parsed.formats
}
