import { describe, expect, it } from 'vitest'
import { CLEARID_USER_EXTENSION } from '../../model/attributes.ts'
import { TestData } from '../../fixtures/test-data.ts'
import type { HttpRequest, ScimHttp } from '../http/types.ts'
import { initialCycle } from '../provisioning.ts'
import { EntraClient } from './client.ts'
import { createUserBody, ENTRA_CONTENT_TYPE, matchLookup } from './requests.ts'

const data = () => new TestData(1, 'r1', 'traffic')

/** A target that records every request and answers lookups with `found` for one filter. */
function recorder(found?: { filter: string; id: string }) {
  const sent: HttpRequest[] = []
  const http: ScimHttp = {
    send: async (request) => {
      sent.push(request)
      const filter = new URLSearchParams(request.path.split('?')[1] ?? '').get('filter')
      const hit = found && filter === found.filter
      const body =
        request.method === 'POST'
          ? { id: 'new-id' }
          : { totalResults: hit ? 1 : 0, Resources: hit ? [{ id: found.id }] : [] }
      return {
        status: request.method === 'POST' ? 201 : 200,
        headers: {},
        body,
        text: JSON.stringify(body),
        durationMs: 1,
        exchange: { request: { method: request.method, url: request.path, headers: {} } },
      }
    },
  }
  return { http, sent }
}

describe('Entra traffic as Entra sends it', () => {
  it('matches on userName, then on the extension externalId, stopping at the first hit', async () => {
    const source = data().user()
    const externalIdFilter = `${CLEARID_USER_EXTENSION}:externalId eq "${String(source.ext.externalId)}"`
    const { http, sent } = recorder({ filter: externalIdFilter, id: 'kept' })
    const entra = new EntraClient(http, 'entra-flag', { matchOn: ['userName', 'externalId'] })
    const result = await initialCycle(entra, [source])
    expect(result.linked).toEqual([{ id: 'kept', source, matchedOn: 'externalId' }])
    expect(sent.map((r) => r.method)).toEqual(['GET', 'GET'])
    expect(matchLookup('externalId', source).filterAttribute).toBe(
      `${CLEARID_USER_EXTENSION}:externalId`,
    )
  })

  it('creates when neither matching attribute finds the user', async () => {
    const { http, sent } = recorder()
    const entra = new EntraClient(http, 'entra-default', { matchOn: ['userName', 'externalId'] })
    const result = await initialCycle(entra, [data().user()])
    expect(result.linked[0]?.id).toBe('new-id')
    expect(sent.map((r) => r.method)).toEqual(['GET', 'GET', 'POST'])
  })

  it('POSTs active as "True" or as JSON true in the default dialect, as the mapping says', () => {
    const values = data().user()
    expect(createUserBody(values, 'entra-default').active).toBe('True')
    expect(createUserBody(values, 'entra-default', { createBooleans: 'json' }).active).toBe(true)
  })

  it("sends Entra's exact Content-Type from the exact client, and the bare type otherwise", async () => {
    const { http, sent } = recorder()
    const client = new EntraClient(http, 'entra-flag')
    await client.createUser(data().user())
    await client.exact().createUser(data().user())
    await client
      .exact()
      .onDemand()
      .patchUser('x', [{ attribute: 'active', value: false, op: 'replace' }])
    expect(sent.map((r) => r.contentType)).toEqual([
      'application/scim+json',
      ENTRA_CONTENT_TYPE,
      ENTRA_CONTENT_TYPE,
    ])
  })

  it('provision on demand speaks the default dialect whatever the flag', () => {
    const { http } = recorder()
    const onDemand = new EntraClient(http, 'entra-flag', { extensionBooleans: true }).onDemand()
    expect(onDemand.dialect).toBe('entra-default')
    expect(onDemand.mapping.extensionBooleans).toBe(true)
  })

  it('makes sparse users: the sync key and names only, same seed same values', () => {
    const sparse = data().user({ sparse: true })
    expect(Object.keys(sparse.ext).sort()).toEqual(['email', 'externalId', 'firstName', 'lastName'])
    expect(data().user({ sparse: true })).toEqual(sparse)
    expect(data().userNames).toEqual([])
  })
})
