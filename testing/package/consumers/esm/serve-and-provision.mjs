/* global fetch, console */
// A plain JavaScript ESM consumer: serve the mock on a port, provision a user over HTTP, read it
// back by filter, run a slice of the harness in-process, render its report. Prints one JSON line.
import { createApp, DEV_SCIM_KEY } from 'clearid-conformance'
import { startServer } from 'clearid-conformance/node'
import { runConformance, ruleCatalogue } from 'clearid-conformance/harness'
import { renderMarkdown, validateReport } from 'clearid-conformance/reports'

const app = createApp()
const server = await startServer(app, 0)
const tenant = `${server.url}/scim/v2/accounts/demo`
const headers = { Authorization: `Bearer ${DEV_SCIM_KEY}`, 'Content-Type': 'application/scim+json' }
const created = await fetch(`${tenant}/Users`, {
  method: 'POST',
  headers,
  body: JSON.stringify({
    schemas: [
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:clearid:2.0:User',
    ],
    userName: 'ada@contoso.example',
    displayName: 'Ada Lovelace',
    active: true,
    'urn:ietf:params:scim:schemas:extension:clearid:2.0:User': {
      externalId: 'E-1001',
      firstName: 'Ada',
      lastName: 'Lovelace',
    },
  }),
})
const filter = encodeURIComponent('userName eq "ada@contoso.example"')
const found = await (await fetch(`${tenant}/Users?filter=${filter}`, { headers })).json()
await server.close()

const report = await runConformance({ rules: { ids: ['SRV-CREATE'] } })
const markdown = renderMarkdown(report)

let mswError = ''
try {
  await import('clearid-conformance/msw')
} catch (error) {
  mswError = error.code ?? String(error)
}

console.log(
  JSON.stringify({
    created: created.status,
    found: found.totalResults,
    verdict: report.summary.verdict,
    results: report.results.length,
    valid: validateReport(report).ok,
    markdown: markdown.startsWith('#'),
    rules: ruleCatalogue().length,
    mswError,
  }),
)
