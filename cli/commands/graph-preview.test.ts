import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempPath } from '../../csv/test/check-files.ts'
import { graphExampleConfig } from '../../fixtures/graph-sync-config.ts'
import { createApp } from '../../mock-server/app.ts'
import { graphHostApps } from '../../mock-server/graph/graph-mount.ts'
import { exportTenant } from '../../mock-server/graph/graph-export.ts'
import { validateReport } from '../../reports/validate.ts'
import { captureIo } from '../../testing/suite-support.ts'
import { main } from '../main.ts'

function configFile(change: (json: Record<string, unknown>) => void = () => undefined) {
  const json = graphExampleConfig()
  change(json)
  const path = tempPath('graph-config.json')
  writeFileSync(path, JSON.stringify(json))
  return path
}

const report = (out: string) =>
  JSON.parse(readFileSync(join(out, 'conformance-report.json'), 'utf8'))

describe('graph preview', () => {
  it('previews the fake source with the example configuration: PASS (exit 0), identities, roles, credentials, every format', async () => {
    const out = tempPath('out')
    const io = captureIo()
    expect(await main(['graph', 'preview', '--config', configFile(), '--out', out], io)).toBe(0)
    expect(io.text()).toMatch(
      /ClearID would synchronize 56 identities with \d+ credentials from 58 users; 0 refused; 2 in a role only\./,
    )
    expect(io.text()).toMatch(/Roles: Security \d+, Contractors \d+\./)
    expect(io.text()).toMatch(/PASS/)
    const json = report(out)
    expect(validateReport(json)).toMatchObject({ ok: true })
    expect(json.run).toMatchObject({ judged: 'source', target: { kind: 'graph' } })
    expect(json.results.every((r: { side: string }) => r.side === 'source')).toBe(true)
    expect(readFileSync(join(out, 'conformance-report.md'), 'utf8')).toContain(
      'ClearID Entra ID (Graph) synchronization preview',
    )
  })

  it('fails a configuration that leaves users without an External ID or a valid country code (exit 1), each problem a finding', async () => {
    const out = tempPath('out')
    const io = captureIo()
    const config = configFile((json) => {
      const mappings = json.identityMappings as Record<string, unknown>[]
      mappings[0] = { field: 'externalId', attribute: 'employeeId' }
      mappings[11] = { field: 'countryCode', attribute: 'country' }
    })
    expect(await main(['graph', 'preview', '--config', config, '--out', out], io)).toBe(1)
    expect(io.text()).toMatch(/REFUSED/)
    const failed = report(out)
      .results.filter((r: { status: string }) => r.status === 'failed')
      .map((r: { ruleId: string }) => r.ruleId)
    expect(failed).toEqual(expect.arrayContaining(['GRAPH-ID-001', 'GRAPH-ID-005']))
  })

  it('reads a Graph export file (--export), and judges no permission without a token', async () => {
    const app = createApp({ adminToken: false })
    const tenant = app.mock.graph.list()[0]
    await tenant?.ready()
    const file = tempPath('contoso-export.json')
    writeFileSync(file, JSON.stringify(exportTenant(tenant!)))
    const out = tempPath('out')
    const io = captureIo()
    expect(
      await main(
        ['graph', 'preview', '--config', configFile(), '--export', file, '--out', out],
        io,
      ),
    ).toBe(0)
    expect(io.text()).toMatch(/ClearID would synchronize 56 identities/)
    const permissions = report(out).results.find(
      (r: { ruleId: string }) => r.ruleId === 'GRAPH-CONN-001',
    )
    expect(permissions.status).toBe('not-applicable')
  })

  it('reads a Graph URL with CLEARID_GRAPH_SECRET, never showing the secret; refuses without it', async () => {
    const app = createApp({ adminToken: false })
    const hosts = graphHostApps(app.mock)
    const fetch = async (request: Request) =>
      request.url.startsWith('https://login.microsoftonline.com/')
        ? hosts.login.fetch(request)
        : hosts.graph.fetch(request)
    const args = [
      'graph',
      'preview',
      '--config',
      configFile((json) => delete json.connection),
      '--graph',
      'https://graph.microsoft.com/v1.0',
      '--tenant',
      'c1ea41d0-6a5f-4d3e-9b1c-00000000e17a',
      '--client-id',
      'c1ea41d0-5e7c-4a2b-8f00-00000000a991',
      '--out',
      tempPath('out'),
    ]
    const without = captureIo({ fetch })
    expect(await main(args, without)).toBe(2)
    expect(without.text()).toMatch(/set CLEARID_GRAPH_SECRET/)
    const wrong = captureIo({ fetch, env: { CLEARID_GRAPH_SECRET: 'not-the-secret-1234' } })
    expect(await main(args, wrong)).toBe(2)
    expect(wrong.text()).toMatch(/token endpoint refused the app \(401 invalid_client\)/)
    expect(wrong.text()).not.toContain('not-the-secret-1234')
    const right = captureIo({ fetch, env: { CLEARID_GRAPH_SECRET: 'clearid-dev-graph-secret' } })
    expect(await main(args, right)).toBe(0)
    expect(right.text()).toMatch(/ClearID would synchronize 56 identities/)
    expect(right.text()).not.toContain('clearid-dev-graph-secret')
  })

  it('refuses usage errors, a secret in the file and an unreadable export with exit 2', async () => {
    const io = captureIo()
    expect(await main(['graph', 'preview'], io)).toBe(2)
    expect(io.text()).toMatch(/--config FILE is required/)
    const secret = configFile((json) => {
      ;(json.connection as Record<string, unknown>).clientSecret = 'in-the-file-5678'
    })
    const leaked = captureIo()
    expect(await main(['graph', 'preview', '--config', secret], leaked)).toBe(2)
    expect(leaked.text()).toMatch(
      /connection\.clientSecret does not belong in a configuration file/,
    )
    expect(leaked.text()).not.toContain('in-the-file-5678')
    const missing = captureIo()
    expect(
      await main(
        ['graph', 'preview', '--config', configFile(), '--export', tempPath('nope.json')],
        missing,
      ),
    ).toBe(2)
    expect(missing.text()).toMatch(/no such file/)
    const both = captureIo()
    expect(
      await main(
        ['graph', 'preview', '--config', configFile(), '--source', 'fake', '--export', 'x'],
        both,
      ),
    ).toBe(2)
    expect(await main(['graph', 'schema'], captureIo())).toBe(0)
    const rules = captureIo()
    expect(await main(['rules', '--side', 'source'], rules)).toBe(0)
    expect(rules.text()).toMatch(/GRAPH-ID-001/)
  })
})
