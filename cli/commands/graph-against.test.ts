import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { tempPath } from '../../csv/test/check-files.ts'
import { GRAPH_EXAMPLE_CONFIG } from '../../fixtures/graph-sync-config.ts'
import { ACME, scim } from '../../mock-server/control/rest-test-client.ts'
import {
  configure,
  graphSyncTestApp,
  synchronize,
} from '../../mock-server/test/graph-sync-test-client.ts'
import { captureIo } from '../../testing/suite-support.ts'
import { main } from '../main.ts'

describe('graph preview --against', () => {
  it('tells which identities a synchronization would create, update or leave alone in the target', async () => {
    const { app } = graphSyncTestApp()
    const run = await synchronize(app, await configure(app))
    expect(run.body.status, run.text).toBe('completed')
    const made = Number(run.body.counts.created)
    expect(made).toBeGreaterThan(10)

    // In the target, one synchronized identity is changed and another is deleted.
    const list = await scim(app, 'GET', '/Users?count=2')
    const [changed, deleted] = list.body.Resources as { id: string }[]
    const patch = await scim(app, 'PATCH', `/Users/${changed!.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'displayName', value: 'Changed In The Target' }],
    })
    expect(patch.status, patch.text).toBe(200)
    expect((await scim(app, 'DELETE', `/Users/${deleted!.id}`)).status).toBe(204)

    const config = tempPath('graph-config.json')
    writeFileSync(config, JSON.stringify(GRAPH_EXAMPLE_CONFIG))
    const args = ['graph', 'preview', '--config', config, '--out', tempPath('out')]
    const target = ['--against', 'http://localhost/identityservice', '--account', 'acme']
    const io = captureIo({
      env: { CLEARID_CLIENT_ID: ACME.clientId, CLEARID_CLIENT_SECRET: ACME.clientSecret },
      fetch: (request: Request) => Promise.resolve(app.request(request)),
    })
    expect(await main([...args, ...target, '--preview', '200'], io)).toBe(0)
    const text = io.text()
    expect(text).toContain(
      `Against the target: 1 to create, 1 to update, ${made - 2} unchanged in their values (managers, pictures, roles, credentials not compared).`,
    )
    expect(text).toMatch(/^ {2}update .*\n {12}changes: displayName$/m)
    expect(text).not.toContain(ACME.clientSecret)

    const wrong = captureIo({
      env: { CLEARID_CLIENT_ID: ACME.clientId, CLEARID_CLIENT_SECRET: 'wrong-secret' },
      fetch: (request: Request) => Promise.resolve(app.request(request)),
    })
    expect(await main([...args, ...target], wrong)).toBe(2)
    expect(wrong.err.join('')).toMatch(/refused the client credentials/)
    expect(wrong.err.join('')).not.toContain('wrong-secret')
    const usage = captureIo()
    expect(await main([...args, '--account', 'acme'], usage)).toBe(2)
    expect(usage.err.join('')).toMatch(/--account and --sts go with --against URL/)
    for (const url of ['http://', 'https://[::1']) {
      const bad = captureIo()
      expect(await main([...args, '--against', url], bad), url).toBe(2)
      expect(bad.err.join('')).toMatch(/--against must be an http\(s\) URL/)
    }
  })
})
