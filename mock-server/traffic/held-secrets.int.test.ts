/**
 * In the integration tier because it fills the process-wide set of secrets in play, as a
 * long-running mock with many harness runs against it does; the unit tier shares its workers.
 */
import { describe, expect, it } from 'vitest'
import { graphExampleConfig } from '../../fixtures/graph-sync-config.ts'
import { registerSecret, SECRETS_IN_PLAY } from '../../model/secret-values.ts'
import { matchesSecret, storeSecret } from '../accounts/secrets.ts'
import { clientAudit } from '../../verify/client-audit.ts'
import { createApp } from '../app.ts'
import { DEV_ADMIN_TOKEN } from '../options.ts'

const KEY_A = 'held-Key-of-Acme_5Tq8Rw2'
const KEY_B = 'held-Key-of-Beta_9Lm3Zx7'
const GRAPH_SECRET = 'held-Graph-app-secret_4Kd8'
const ADMIN = { Authorization: `Bearer ${DEV_ADMIN_TOKEN}`, 'Content-Type': 'application/json' }

async function json(res: Response): Promise<Record<string, unknown>> {
  expect(res.status, await res.clone().text()).toBeLessThan(300)
  return (await res.json()) as Record<string, unknown>
}

describe('the credentials the mock holds', () => {
  it('stay out of the traffic log after many more secrets came into play', async () => {
    const app = createApp({
      accounts: [
        { id: 'acme', scimKey: KEY_A },
        { id: 'beta', scimKey: KEY_B },
      ],
      trafficAudit: clientAudit,
    })
    const integrations = '/_admin/accounts/acme/integrations'
    const created = await json(
      await app.request(integrations, {
        method: 'POST',
        headers: ADMIN,
        body: JSON.stringify({ name: 'hr' }),
      }),
    )
    const id = String(created.integrationId)
    await json(await app.request(`${integrations}/${id}/key`, { method: 'POST', headers: ADMIN }))
    const file = await json(await app.request(`${integrations}/${id}/key-file`, { headers: ADMIN }))
    const clientSecret = JSON.stringify(file).match(/"clientSecret":"([^"]+)"/)?.[1] ?? ''
    const pemLine = String(JSON.stringify(file).match(/\\n([A-Za-z0-9+/]{64})\\n/)?.[1] ?? '')
    expect(clientSecret.length).toBeGreaterThan(16)
    expect(pemLine).toHaveLength(64)

    const graph = graphExampleConfig()
    ;(graph.connection as Record<string, unknown>).clientSecret = GRAPH_SECRET
    await json(
      await app.request('/_admin/accounts/acme/graph/configurations', {
        method: 'POST',
        headers: ADMIN,
        body: JSON.stringify(graph),
      }),
    )

    // Dozens of harness runs in this process, each registering the secrets it made.
    for (let i = 0; i < 1000; i += 1) registerSecret(`harness-run-secret-${i}-${'x'.repeat(12)}`)

    // Beta's client puts what is not its own in a path and a body.
    await app.request(`/scim/v2/accounts/beta/Users/${KEY_A}`, {
      headers: { Authorization: `Bearer ${KEY_B}` },
    })
    await app.request('/scim/v2/accounts/beta/Users', {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY_B}`, 'Content-Type': 'application/scim+json' },
      body: JSON.stringify({
        userName: 'ada@contoso.example',
        nickName: `${KEY_A} ${clientSecret} ${pemLine} ${GRAPH_SECRET}`,
        title: DEV_ADMIN_TOKEN,
      }),
    })
    const read = async (path: string) =>
      (await app.request(`/_admin/accounts/beta${path}`, { headers: ADMIN })).text()
    const outputs = {
      traffic: await read('/traffic'),
      ndjson: await read('/traffic.ndjson'),
      audit: await read('/audit'),
    }
    expect(outputs.traffic).toContain('[REDACTED]')
    for (const [where, text] of Object.entries(outputs)) {
      for (const secret of [KEY_A, clientSecret, pemLine, GRAPH_SECRET, DEV_ADMIN_TOKEN]) {
        expect(text, where).not.toContain(secret)
      }
    }

    // A new key lets the old one go, key file included: rotations do not grow the set.
    await json(await app.request(`${integrations}/${id}/key`, { method: 'POST', headers: ADMIN }))
    for (let i = 0; i < 1000; i += 1) registerSecret(`after-rotation-${i}-${'z'.repeat(12)}`)
    expect(SECRETS_IN_PLAY.redact(`${clientSecret} ${pemLine}`)).toBe(`${clientSecret} ${pemLine}`)
    expect(SECRETS_IN_PLAY.redact(KEY_A)).toBe('[REDACTED]')
  })

  it('include a key restored from its digest once a client presents it, and not a rotated one', async () => {
    // After a restart only the digest is kept: the value is known once a client presents it.
    const restored = 'restored-Key-of-Acme_2Hw6'
    expect(matchesSecret(storeSecret(restored), restored)).toBe(true)
    const old = 'rotated-Key-of-Acme_8Ns1'
    const app = createApp({ accounts: [{ id: 'acme', scimKey: old }] })
    const rotated = await app.request('/_admin/accounts/acme/scim/key', {
      method: 'POST',
      headers: ADMIN,
    })
    expect(rotated.status).toBe(201)
    const fresh = String(((await rotated.json()) as { key: string }).key)
    for (let i = 0; i < 1000; i += 1) registerSecret(`later-run-secret-${i}-${'y'.repeat(12)}`)
    expect(SECRETS_IN_PLAY.redact(`a ${restored} b ${fresh}`)).toBe('a [REDACTED] b [REDACTED]')
    // The replaced key is let go: a process rotating keys all day does not keep every one.
    expect(SECRETS_IN_PLAY.redact(old)).toBe(old)
  })
})
