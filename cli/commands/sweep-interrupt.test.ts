import { describe, expect, it } from 'vitest'
import { TestData } from '../../fixtures/test-data.ts'
import { EntraClient } from '../../driver/entra/client.ts'
import { ScimHttpClient } from '../../driver/http/scim-http.ts'
import { captureIo, DEPLOYMENT, fakeDeployment, KEY } from '../../testing/suite-support.ts'
import { main } from '../main.ts'

// Ctrl-C during a sweep: the delete in flight finishes, the rest are listed, with the command
// that resumes the sweep (target and filters, never the key), and the exit code is 130.
async function leftovers(count: number, abortOn: (request: Request) => boolean) {
  const controller = new AbortController()
  const deployment = fakeDeployment({}, (request) => {
    if (abortOn(request)) controller.abort()
    return undefined
  })
  const entra = new EntraClient(
    new ScimHttpClient({ main: { baseUrl: DEPLOYMENT, key: KEY }, fetch: deployment.fetch }),
    'entra-flag',
  )
  for (const user of new TestData(1, 'old1', 'leftover').users(count))
    expect((await entra.createUser(user)).status).toBe(201)
  const io = captureIo({ fetch: deployment.fetch, signal: controller.signal })
  const args = ['sweep', '--target', DEPLOYMENT, '--key', KEY, '--run-id', 'old1']
  const code = await main([...args, '--older-than', '0'], io)
  return { code, io, deployment }
}

describe('sweep interrupted', () => {
  it('stops deleting, lists what is left and how to resume, and exits 130', async () => {
    const { code, io, deployment } = await leftovers(3, (r) => r.method === 'DELETE')
    expect(code).toBe(130)
    const stderr = io.err.join('')
    expect(stderr).toContain('interrupted; 2 leftover(s) not deleted:')
    expect(stderr.match(/^ {2}\S+ cc-old1-/gm)).toHaveLength(2)
    expect(stderr).toContain(
      `Resume with:\n  clearid-conformance sweep --target ${DEPLOYMENT} --run-id old1 --older-than 0\n`,
    )
    expect(io.out.join('').match(/^delete /gm)).toHaveLength(1)
    expect(io.text()).not.toContain(KEY)
    expect(await deployment.liveUsers()).toBe(2)
  })

  it('deletes nothing when interrupted while listing', async () => {
    // Aborted during preflight's request: that one finishes, the listing's first is never sent.
    const { code, io, deployment } = await leftovers(2, (r) => r.url.endsWith('/Users?count=1'))
    expect(code).toBe(130)
    expect(io.err.join('')).toContain('interrupted while listing users; nothing was deleted')
    expect(await deployment.liveUsers()).toBe(2)
  })
})
