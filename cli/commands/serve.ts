/**
 * `serve` (and `npm start`): the mock ClearID on a port, for local development and for clients
 * that need a real socket. Options come from flags or, as `npm start` documents, the environment:
 * PORT (8080), HOST (127.0.0.1), CLEARID_ACCOUNT_ID (demo), CLEARID_SCIM_KEY; for the REST API and
 * control plane CLEARID_CLIENT_ID, CLEARID_CLIENT_SECRET, CLEARID_ADMIN_TOKEN, CLEARID_PUBLIC_URL,
 * CLEARID_ALLOW_INSECURE_WEBHOOKS; CLEARID_FAULT_HEADERS (docs/rest-api.md); CLEARID_STATE_DIR to keep
 * the state across restarts (`--state DIR`). Runs until interrupted (Ctrl-C, SIGTERM).
 *
 * @module
 */
import { randomSecret } from '../../mock-server/accounts/secrets.ts'
import { createApp } from '../../mock-server/app.ts'
import { restStartupFromEnv } from '../../mock-server/node/rest-env.ts'
import { isLoopback, startServer } from '../../mock-server/node/serve.ts'
import { openStateDir, type StateDir } from '../../mock-server/node/state/state-dir.ts'
import { StateFileError } from '../../mock-server/node/state/state-file-error.ts'
import { DEFAULT_ACCOUNT_ID, DEV_SCIM_KEY } from '../../mock-server/options.ts'
import { clientAudit } from '../../verify/client-audit.ts'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from '../io.ts'
import { dashboardReports } from './serve-dashboard.ts'
import * as read from '../parse.ts'

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  account: { type: 'string' },
  state: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies read.OptionsConfig

export const SERVE_HELP = `Usage: clearid-conformance serve [options]

Serves the mock ClearID (SCIM, REST API, token service, webhooks, control plane) and its
dashboard (open the printed URL in a browser) until Ctrl-C.

  --port N        port (default $PORT or 8080; 0 picks a free one)
  --host HOST     interface (default $HOST or 127.0.0.1)
  --account ID    the account served at start (default $CLEARID_ACCOUNT_ID or demo)
  --state DIR     keep the state (accounts, keys, integrations, identities, webhooks,
                  faults, teams, CSV and Graph configurations) in DIR across restarts (default $CLEARID_STATE_DIR; none: memory only)

The SCIM key is $CLEARID_SCIM_KEY; without it, on a loopback host the development key
"${DEV_SCIM_KEY}" is used, elsewhere a random key is generated and printed once.
`

interface Listen {
  readonly port: number
  readonly host: string
  readonly accountId: string
  readonly stateDir?: string
}

function listenSettings(argv: string[], env: Readonly<Record<string, string | undefined>>) {
  const { values } = read.parse(argv, OPTIONS, 'serve')
  if (values.help) return undefined
  const portText = values.port ?? env.PORT
  const port = portText === undefined ? 8080 : Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`the port must be an integer from 0 to 65535; got "${portText}"`)
  }
  const stateDir = values.state ?? env.CLEARID_STATE_DIR
  if (stateDir === '') throw new UsageError('--state needs a directory')
  return {
    port,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    accountId: values.account ?? env.CLEARID_ACCOUNT_ID ?? DEFAULT_ACCOUNT_ID,
    ...(stateDir === undefined ? {} : { stateDir }),
  } satisfies Listen
}

function chooseKey(env: Readonly<Record<string, string | undefined>>, host: string) {
  const configured = env.CLEARID_SCIM_KEY
  if (configured) return { key: configured, announce: 'from CLEARID_SCIM_KEY' }
  if (isLoopback(host)) return { key: DEV_SCIM_KEY, announce: `development key "${DEV_SCIM_KEY}"` }
  const key = randomSecret()
  // Shown once so the operator can copy it; it is never logged again.
  return { key, announce: `generated for this run (shown once): ${key}` }
}

export async function serveCommand(argv: string[], io: CliIo): Promise<number> {
  const env = io.env ?? {}
  let listen: Listen | undefined
  try {
    listen = listenSettings(argv, env)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.stderr(`clearid-conformance: ${error.message}\nSee clearid-conformance serve --help.\n`)
    return EXIT_USAGE
  }
  if (listen === undefined) {
    io.stdout(SERVE_HELP)
    return EXIT_OK
  }
  const { port, host, accountId } = listen
  const { key, announce } = chooseKey(env, host)
  const rest = restStartupFromEnv(env, host, accountId)
  const faultHeaders = env.CLEARID_FAULT_HEADERS
  let state: StateDir | undefined
  let app
  try {
    state = listen.stateDir === undefined ? undefined : openStateDir(listen.stateDir)
    app = createApp({
      accounts: [{ id: accountId, scimKey: key, scimKeyName: 'Startup key' }],
      ...rest.options,
      // X-Mock-Fault: by default honoured on a loopback host only (startServer decides).
      ...(faultHeaders ? { faultHeaders: /^(1|true|yes)$/i.test(faultHeaders) } : {}),
      // The control plane's audit route judges recorded traffic with the client rules.
      trafficAudit: clientAudit,
      ...(state && { persistence: state }),
      // The dashboard at /: the page carries the development token on a loopback host only.
      dashboard: {
        reports: dashboardReports(),
        ...(isLoopback(host) ? {} : { tokenInPage: false }),
      },
    })
  } catch (error) {
    await state?.close()
    if (!(error instanceof StateFileError)) throw error
    io.stderr(`[clearid-mock] cannot start: ${error.message}\n`)
    return EXIT_FAILED
  }
  let running
  try {
    running = await startServer(app, port, host)
  } catch (error) {
    await state?.close()
    const reason = error instanceof Error ? error.message : String(error)
    io.stderr(`[clearid-mock] cannot listen on ${host}:${port}: ${reason}. Choose a free --port.\n`)
    return EXIT_USAGE
  }
  // A kept account keeps its kept key: the one configured now is then not the one in use.
  const keyNow = app.mock.accounts.verifyScimKey(accountId, key)
    ? announce
    : `the key kept in ${state?.dir ?? 'the state directory'} (set or generated before; not shown again)`
  io.stdout(`[clearid-mock] listening on ${running.url}\n`)
  io.stdout(`[clearid-mock] Dashboard: ${running.url}/ (open it in a browser)\n`)
  io.stdout(`[clearid-mock] Tenant URL: ${running.url}/scim/v2/accounts/${accountId}\n`)
  io.stdout(`[clearid-mock] Secret Token (SCIM key): ${keyNow}\n`)
  for (const line of rest.announce(running.url)) io.stdout(`${line}\n`)
  if (state) io.stdout(`[clearid-mock] State kept in ${state.dir}\n`)

  await untilAborted(io.signal)
  io.stdout('[clearid-mock] shutting down\n')
  app.mock.webhooks.stop()
  await running.close()
  await state?.close()
  return EXIT_OK
}

function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  // Without a signal (an embedding caller), serve until the process ends.
  if (signal === undefined) return new Promise(() => undefined)
  if (signal.aborted) return Promise.resolve()
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
}
