/**
 * Helpers for the REST, STS, webhook and control-plane tests: an app with two accounts, an API
 * integration each and a known admin token, plus small clients that go through `app.request`.
 *
 * @module
 */
import { generateKeyPair } from 'jose'
import { createApp, type MockApp } from '../app.ts'
import type { AppOptions } from '../options.ts'
import { readTestResponse, type TestResponse } from '../test/test-response.ts'

export const ADMIN = 'test-admin-token'
export const ACME = {
  accountId: 'acme',
  clientId: '11111111-1111-4111-8111-111111111111:acme',
  clientSecret: 'acme-client-secret',
  scimKey: 'acme-scim-key',
}
export const OTHER = {
  accountId: 'other',
  clientId: '22222222-2222-4222-8222-222222222222:other',
  clientSecret: 'other-client-secret',
  scimKey: 'other-scim-key',
}
export const V2 = '/identityservice/api/v2/accounts/acme/identities'
export const V3 = '/identityservice/api/v3/accounts/acme/identities'
export const SEARCH = '/searchservice/api/v1/accounts/acme/identities'
export const SCIM = '/scim/v2/accounts/acme'
export const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' }

/** One STS signing key for every test app: RSA key generation is the slow part of a test. */
const SIGNING_KEYS = await generateKeyPair('RS512')

export function restTestApp(options: AppOptions = {}): MockApp {
  return createApp({
    accounts: [
      { id: ACME.accountId, scimKey: ACME.scimKey },
      { id: OTHER.accountId, scimKey: OTHER.scimKey },
    ],
    apiIntegrations: [ACME, OTHER],
    adminToken: ADMIN,
    tokenSigningKeys: SIGNING_KEYS,
    ...options,
  })
}

export async function send(
  app: MockApp,
  path: string,
  init: RequestInit = {},
): Promise<TestResponse> {
  return readTestResponse(await app.request(path, init))
}

export function tokenRequest(
  app: MockApp,
  params: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return send(app, '/sts/connect/token', {
    method: 'POST',
    headers: { ...FORM, ...headers },
    body: new URLSearchParams(params).toString(),
  })
}

/** An access token of the account's integration (client credentials). */
export async function accessToken(app: MockApp, client = ACME): Promise<string> {
  const response = await tokenRequest(app, {
    grant_type: 'client_credentials',
    client_id: client.clientId,
    client_secret: client.clientSecret,
  })
  if (response.status !== 200) throw new Error(`token request failed: ${response.text}`)
  return response.body.access_token as string
}

/** A JSON call with a bearer token. */
export function api(
  app: MockApp,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const init: RequestInit = {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
  }
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body)
  return send(app, path, init)
}

export function admin(app: MockApp, method: string, path: string, body?: unknown) {
  return api(app, ADMIN, method, `/_admin${path}`, body)
}

export function scim(
  app: MockApp,
  method: string,
  path: string,
  body?: unknown,
  key = ACME.scimKey,
) {
  const init: RequestInit = {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/scim+json' },
  }
  if (body !== undefined) init.body = JSON.stringify(body)
  return send(app, `${SCIM}${path}`, init)
}

export const EXT = 'urn:ietf:params:scim:schemas:extension:clearid:2.0:User'

/** A SCIM User body in Entra's flag dialect. */
export function scimUser(
  externalId: string,
  extra: Record<string, unknown> = {},
  core: Record<string, unknown> = {},
) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', EXT],
    userName: `${externalId}@example.com`,
    displayName: `User ${externalId}`,
    active: true,
    ...core,
    [EXT]: { externalId, firstName: 'Grace', lastName: 'Hopper', ...extra },
  }
}

/** A REST identity body for create. */
export function restIdentity(externalId: string, extra: Record<string, unknown> = {}) {
  return {
    displayName: `Identity ${externalId}`,
    firstName: 'Ada',
    lastName: 'Lovelace',
    systemData: { externalId },
    ...extra,
  }
}

/** A clock tests can move. */
export function testClock(start = '2026-03-01T09:00:00.000Z') {
  let now = new Date(start).getTime()
  return {
    clock: () => new Date(now),
    advance: (ms: number) => {
      now += ms
    },
  }
}
