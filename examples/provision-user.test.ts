/**
 * Example: unit-test a SCIM client against the mock ClearID with msw, no port and no network.
 * `createMswHandlers` routes every request for the ClearID origin to an in-memory mock, and its
 * audit judges what the client sent against the client rules (the same report as
 * `clearid-conformance verify-client`).
 *
 * Copy this file into your project (import from 'clearid-conformance/msw') and swap in your client.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { createMswHandlers } from '../msw/index.ts'
import { HrConnector } from './vendor-scim-client.ts'

const clearid = createMswHandlers({ origin: 'https://clearid.test' })
const server = setupServer(...clearid.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => clearid.reset())
afterAll(() => server.close())

const ada = {
  employeeId: 'E-1001',
  email: 'ada.lovelace@contoso.example',
  firstName: 'Ada',
  lastName: 'Lovelace',
  country: 'GBR',
}

it('creates a person, then updates it, and ClearID would accept every request', async () => {
  const connector = new HrConnector(clearid.tenantUrl(), clearid.scimKey)

  expect(await connector.provision(ada)).toMatchObject({ action: 'created' })
  expect(await connector.provision({ ...ada, lastName: 'King' })).toMatchObject({
    action: 'updated',
  })

  const report = clearid.audit()
  const failed = report.results.filter((result) => result.status === 'failed')
  expect(failed.map((result) => `${result.ruleId}: ${result.findings[0]?.message}`)).toEqual([])
  expect(report.summary.verdict).toBe('pass')
  expect(clearid.traffic().map((r) => `${r.request.method} ${r.response?.status}`)).toEqual([
    'GET 200',
    'POST 201',
    'GET 200',
    'PATCH 200',
  ])
})

it('shows what ClearID would refuse: a two-letter country code', async () => {
  const connector = new HrConnector(clearid.tenantUrl(), clearid.scimKey)

  await expect(
    connector.provision({ ...ada, employeeId: 'E-1002', country: 'GB' }),
  ).rejects.toThrow(/400/)

  const countryCode = clearid.audit().results.find((result) => result.ruleId === 'CLI-ATTR-003')
  expect(countryCode?.status).toBe('failed')
  expect(countryCode?.fix).toMatch(/alpha-3/)
})

it('survives ClearID throttling when the client retries (fault injection per request)', async () => {
  clearid.fault('route=POST /Users,status=429,retry-after=1,next=1')
  const connector = new HrConnector(clearid.tenantUrl(), clearid.scimKey)
  // This connector has no retry logic, so the 429 surfaces; the audit says what to do about it.
  await expect(
    connector.provision({ ...ada, employeeId: 'E-1003', email: 'ada3@contoso.example' }),
  ).rejects.toThrow(/429/)
  const retry = clearid.audit().results.find((result) => result.ruleId === 'CLI-RETRY-002')
  expect(retry?.status).toBe('failed')
})
