/**
 * `sweep --rest-target`: finds live identities an earlier run left (tagged `cc-<run>-` in
 * `systemData.externalId`) through the search service and deletes them; leaves everything else.
 */
import { describe, expect, it } from 'vitest'
import {
  captureIo,
  fakeDeployment,
  REST_CLIENT_ID,
  REST_ORIGIN,
  REST_SECRET,
} from '../../testing/suite-support.ts'
import { main } from '../main.ts'

async function seeded() {
  const deployment = fakeDeployment()
  const answer = await deployment.app.fetch(
    new Request(`${REST_ORIGIN}/sts/connect/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: REST_CLIENT_ID,
        client_secret: REST_SECRET,
      }),
    }),
  )
  const token = ((await answer.json()) as { access_token: string }).access_token
  const create = (externalId: string) =>
    deployment.app.fetch(
      new Request(`${REST_ORIGIN}/identityservice/api/v2/accounts/acme/identities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          displayName: externalId,
          firstName: 'Ada',
          systemData: { externalId },
        }),
      }),
    )
  for (const id of ['cc-old1-a', 'cc-old1-b', 'cc-old2-c', 'hr-0001'])
    expect((await create(id)).status).toBe(201)
  return deployment
}

const live = (deployment: Awaited<ReturnType<typeof seeded>>) =>
  [...deployment.app.mock.store.scan('acme', false)]
    .map((i) => String(i.attributes.externalId))
    .sort()

describe('sweep --rest-target', () => {
  it('deletes the tagged leftovers of one run, and nothing else', async () => {
    const deployment = await seeded()
    const io = captureIo({ env: { CLEARID_CLIENT_SECRET: REST_SECRET }, fetch: deployment.fetch })
    const args = [
      'sweep',
      '--rest-target',
      REST_ORIGIN,
      '--client-id',
      REST_CLIENT_ID,
      '--older-than',
      '0',
    ]
    expect(await main([...args, '--run-id', 'old1'], io)).toBe(0)
    expect(live(deployment)).toEqual(['cc-old2-c', 'hr-0001'])
    expect(io.out.join('')).toContain('2 leftovers, 2 deleted, 0 failed')
    expect(io.text()).not.toContain(REST_SECRET)
  })

  it('lists and deletes nothing with --dry-run', async () => {
    const deployment = await seeded()
    const io = captureIo({ env: { CLEARID_CLIENT_SECRET: REST_SECRET }, fetch: deployment.fetch })
    const code = await main(
      [
        'sweep',
        '--rest-target',
        REST_ORIGIN,
        '--client-id',
        REST_CLIENT_ID,
        '--older-than',
        '0',
        '--dry-run',
      ],
      io,
    )
    expect(code).toBe(0)
    expect(live(deployment)).toEqual(['cc-old1-a', 'cc-old1-b', 'cc-old2-c', 'hr-0001'])
    expect(io.out.join('').match(/would delete/g)?.length).toBe(3)
    expect(deployment.requests.filter((r) => r.method === 'DELETE')).toEqual([])
  })
})
