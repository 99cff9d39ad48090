/**
 * Generated hostile input over a real socket, as a client on the network sends it: SCIM filters
 * (GET and `.search`), SCIM PATCH bodies, and REST identity bodies (create and PATCH), raw text
 * included. Two promises hold for every input: the mock never answers 5xx, and a refused write
 * leaves the stored identity exactly as it was. Seeded and bounded, so a failure replays.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLEARID_USER_EXTENSION } from '../../model/attributes.ts'
import { filterString, patchBody } from '../scim-arbitraries.ts'
import { SCIM_SEARCH_SCHEMA } from '../../model/scim-protocol.ts'
import { ACME, restTestApp } from '../../mock-server/control/rest-test-client.ts'
import { startServer, type RunningServer } from '../../mock-server/node/serve.ts'

const SEED = 20_261_204
const RUNS = 120

let server: RunningServer
let token = ''
const scimBase = () => `${server.url}/scim/v2/accounts/${ACME.accountId}`
const restBase = () => `${server.url}/identityservice/api/v2/accounts/${ACME.accountId}/identities`

interface Answer {
  readonly status: number
  readonly text: string
}

async function send(
  url: string,
  method: string,
  auth: string,
  body?: string,
  type = 'application/json',
): Promise<Answer> {
  const res = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${auth}`, 'Content-Type': type },
    ...(body !== undefined && { body }),
  })
  return { status: res.status, text: await res.text() }
}

const scimCall = (path: string, method = 'GET', body?: string) =>
  send(`${scimBase()}${path}`, method, ACME.scimKey, body, 'application/scim+json')
const restCall = (path: string, method = 'GET', body?: string) =>
  send(`${restBase()}${path}`, method, token, body)

/** How many identities the account holds, from the search service (`take: 0` counts only). */
async function identityCount(): Promise<number> {
  const url = `${server.url}/searchservice/api/v1/accounts/${ACME.accountId}/identities`
  const answer = await send(url, 'POST', token, JSON.stringify({ take: 0 }))
  return (JSON.parse(answer.text) as { totalItems: number }).totalItems
}

/** Raw text as well as JSON: a body need not parse. */
function asBody(value: unknown): string {
  return typeof value === 'string' && value.startsWith('RAW:')
    ? value.slice(4)
    : JSON.stringify(value)
}

const rawText = fc.string({ maxLength: 60 }).map((s) => `RAW:${s}`)
const scalar = fc.oneof(
  fc.constantFrom('', 'True', 'false', 'x@example.com', 'GBR', 'US', null, true, 0, -1, 1e308),
  fc.string({ maxLength: 12 }),
)
const hostilePatch = fc.oneof(patchBody, rawText)
const restBody = fc.oneof(
  fc.record(
    {
      displayName: scalar,
      firstName: scalar,
      lastName: scalar,
      email: scalar,
      countryCode: scalar,
      status: fc.oneof(fc.constantFrom('Active', 'Inactive'), scalar),
      eTag: scalar,
      systemData: fc.oneof(
        fc.record(
          {
            externalId: scalar,
            provisioningAttributes: fc.jsonValue({ maxDepth: 3 }),
            customFields: fc.jsonValue({ maxDepth: 3 }),
            activationDateUtc: scalar,
          },
          { requiredKeys: [] },
        ),
        scalar,
      ),
      privateData: fc.oneof(
        fc.dictionary(fc.constantFrom('birthday', 'zipCode', 'Birthday', 'x'), scalar),
        fc.dictionary(fc.string({ maxLength: 12 }), scalar),
        scalar,
      ),
      companyData: fc.oneof(
        fc.record({ approvers: fc.jsonValue({ maxDepth: 3 }) }),
        fc.dictionary(fc.string({ maxLength: 12 }), scalar),
        scalar,
      ),
      nationalIdentityData: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 3 }),
  rawText,
)

/** A 5xx answer, with what was sent, for the assertion message. */
function no5xx(answer: Answer, sent: unknown): void {
  expect(answer.status, `${JSON.stringify(sent)} -> ${answer.text.slice(0, 300)}`).toBeLessThan(500)
}

beforeAll(async () => {
  server = await startServer(restTestApp(), 0)
  const res = await fetch(`${server.url}/sts/connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: ACME.clientId,
      client_secret: ACME.clientSecret,
    }).toString(),
  })
  token = ((await res.json()) as { access_token: string }).access_token
})

afterAll(() => server.close())

describe('hostile input over HTTP', () => {
  it('never answers 5xx to a SCIM filter, by GET or by .search', async () => {
    await fc.assert(
      fc.asyncProperty(filterString, async (filter) => {
        no5xx(await scimCall(`/Users?filter=${encodeURIComponent(filter)}`), filter)
        const search = JSON.stringify({ schemas: [SCIM_SEARCH_SCHEMA], filter })
        no5xx(await scimCall('/Users/.search', 'POST', search), filter)
      }),
      { seed: SEED, numRuns: RUNS },
    )
  })

  it('never answers 5xx to a SCIM PATCH, and a refused PATCH changes nothing', async () => {
    const created = await scimCall(
      '/Users',
      'POST',
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', CLEARID_USER_EXTENSION],
        userName: 'fuzz@contoso.example',
        displayName: 'Fuzz Target',
        [CLEARID_USER_EXTENSION]: { externalId: 'fuzz-1', firstName: 'Fuzz' },
      }),
    )
    expect(created.status).toBe(201)
    const path = `/Users/${(JSON.parse(created.text) as { id: string }).id}`
    await fc.assert(
      fc.asyncProperty(hostilePatch, async (body) => {
        const before = await scimCall(path)
        const answer = await scimCall(path, 'PATCH', asBody(body))
        no5xx(answer, body)
        if (answer.status >= 400) expect((await scimCall(path)).text).toBe(before.text)
      }),
      { seed: SEED, numRuns: RUNS },
    )
  })

  it('never answers 5xx to a REST create, and a refused create stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(restBody, async (body) => {
        const before = await identityCount()
        const answer = await restCall('', 'POST', asBody(body))
        no5xx(answer, body)
        expect(await identityCount()).toBe(answer.status >= 400 ? before : before + 1)
      }),
      { seed: SEED, numRuns: RUNS },
    )
  })

  it('never answers 5xx to a REST PATCH, and a refused PATCH changes nothing', async () => {
    const created = await restCall(
      '',
      'POST',
      JSON.stringify({
        displayName: 'Rest Fuzz',
        firstName: 'Rest',
        lastName: 'Fuzz',
        systemData: { externalId: 'rest-fuzz-1' },
      }),
    )
    expect(created.status).toBeLessThan(300)
    const id = (JSON.parse(created.text) as { identityId: string }).identityId
    await fc.assert(
      fc.asyncProperty(restBody, async (body) => {
        const before = await restCall(`/${id}`)
        const answer = await restCall(`/${id}`, 'PATCH', asBody(body))
        no5xx(answer, body)
        if (answer.status >= 400) expect((await restCall(`/${id}`)).text).toBe(before.text)
      }),
      { seed: SEED, numRuns: RUNS },
    )
  })
})
