// A strict TypeScript consumer: the package's declarations must type-check with skipLibCheck off
// under nodenext, and be precise (each @ts-expect-error below must meet a real type error).
import { createApp, MemoryIdentityStore, type AppOptions, type MockApp } from 'clearid-conformance'
import { startServer, type RunningServer } from 'clearid-conformance/node'
import { runConformance, type ConformanceOptions } from 'clearid-conformance/harness'
import { renderJunit, type ConformanceReport } from 'clearid-conformance/reports'
import { clientAudit, parseSession } from 'clearid-conformance/verify'

const options: AppOptions = {
  accounts: [{ id: 'acme', scimKey: 'secret' }],
  store: new MemoryIdentityStore(),
  behaviour: { patchResponse: 204 },
  trafficAudit: clientAudit,
}
const app: MockApp = createApp(options)
const response: Response | Promise<Response> = app.request('/health')
const server: Promise<RunningServer> = startServer(app, 0)
const run: ConformanceOptions = { rules: { levels: ['MUST'] }, dialects: ['entra-flag'] }
const report: Promise<ConformanceReport> = runConformance(run)
const junit: (r: ConformanceReport) => string = renderJunit
const session = parseSession('')

// @ts-expect-error accounts is a list of account seeds
createApp({ accounts: 'acme' })
// @ts-expect-error patchResponse is 200 or 204
createApp({ behaviour: { patchResponse: 202 } })
// @ts-expect-error dialects are Entra's two
void runConformance({ dialects: ['okta'] })

export { response, server, report, junit, session }
