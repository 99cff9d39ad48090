/**
 * `npm start`: the mock ClearID on a port. Configuration from the environment:
 * PORT (8080), HOST (127.0.0.1), CLEARID_ACCOUNT_ID (demo), CLEARID_SCIM_KEY; for the REST API and
 * control plane CLEARID_CLIENT_ID, CLEARID_CLIENT_SECRET, CLEARID_ADMIN_TOKEN, CLEARID_PUBLIC_URL,
 * CLEARID_ALLOW_INSECURE_WEBHOOKS (see docs/rest-api.md and `node/rest-env.ts`).
 *
 * @module
 */
import { createApp } from '../mock-server/app.ts'
import { randomSecret } from '../mock-server/accounts/secrets.ts'
import { restStartupFromEnv } from '../mock-server/node/rest-env.ts'
import { isLoopback, startServer } from '../mock-server/node/serve.ts'
import { DEFAULT_ACCOUNT_ID, DEV_SCIM_KEY } from '../mock-server/options.ts'
import { clientAudit } from '../verify/client-audit.ts'

const port = Number(process.env.PORT ?? 8080)
const host = process.env.HOST ?? '127.0.0.1'
const accountId = process.env.CLEARID_ACCOUNT_ID ?? DEFAULT_ACCOUNT_ID

function chooseKey(): { key: string; announce: string } {
  const configured = process.env.CLEARID_SCIM_KEY
  if (configured) return { key: configured, announce: 'from CLEARID_SCIM_KEY' }
  if (isLoopback(host)) return { key: DEV_SCIM_KEY, announce: `development key "${DEV_SCIM_KEY}"` }
  const key = randomSecret()
  // Shown once so the operator can copy it; it is never logged again.
  return { key, announce: `generated for this run (shown once): ${key}` }
}

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `[clearid-mock] PORT must be an integer from 0 to 65535; got "${process.env.PORT}".`,
  )
  process.exit(2)
}

const { key, announce } = chooseKey()
const rest = restStartupFromEnv(process.env, host, accountId)
const app = createApp({
  accounts: [{ id: accountId, scimKey: key, scimKeyName: 'Startup key' }],
  ...rest.options,
  // The control plane's audit route judges recorded traffic with the client rules.
  trafficAudit: clientAudit,
})
const running = await startServer(app, port, host).catch((error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error)
  console.error(
    `[clearid-mock] cannot listen on ${host}:${port}: ${reason}. Set PORT to a free port.`,
  )
  process.exit(2)
})

console.log(`[clearid-mock] listening on ${running.url}`)
console.log(`[clearid-mock] Tenant URL: ${running.url}/scim/v2/accounts/${accountId}`)
console.log(`[clearid-mock] Secret Token (SCIM key): ${announce}`)
for (const line of rest.announce(running.url)) console.log(line)

let closing = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return
    closing = true
    console.log(`[clearid-mock] ${signal}: shutting down`)
    app.mock.webhooks.stop()
    void running.close().then(() => process.exit(0))
  })
}
