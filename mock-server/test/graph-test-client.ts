/**
 * Helpers for the fake Graph source's tests: an app with one small test tenant (known ids, one app
 * registration, an admin token), a shared RS256 key (key generation is the slow part of a test),
 * and clients that get a token, read Graph and drive the control plane through `app.request`.
 *
 * @module
 */
import { generateKeyPair } from 'jose'
import { createApp, type MockApp } from '../app.ts'
import type { AppOptions } from '../options.ts'
import { readTestResponse, type TestResponse } from './test-response.ts'
import type { GraphTenantSeed } from '../graph/graph-directory.ts'

export const ADMIN = 'graph-test-admin-token'
export const TENANT = '7e57a000-0000-4000-8000-00000000a001'
export const APP_ID = '7e57a000-0000-4000-8000-0000000000a1'
export const SECRET = 'graph-test-client-secret'
export const GRAPH = '/graph/v1.0'
export const TOKEN_PATH = `/graph/login/${TENANT}/oauth2/v2.0/token`
export const ADMIN_TENANT = `/_admin/graph/tenants/${TENANT}`

const SIGNING_KEYS = await generateKeyPair('RS256')

export interface GraphTestOptions {
  readonly tenant?: Partial<GraphTenantSeed>
  readonly app?: AppOptions
}

/** An app whose only Graph tenant is the test tenant (seeded with `seed`, or empty). */
export function graphTestApp(options: GraphTestOptions = {}): MockApp {
  return createApp({
    adminToken: ADMIN,
    ...options.app,
    graph: {
      signingKeys: SIGNING_KEYS,
      tenants: [
        {
          id: TENANT,
          domain: 'fabrikam.onmicrosoft.com',
          displayName: 'Fabrikam',
          apps: [{ appId: APP_ID, secret: SECRET, displayName: 'ClearID sync test' }],
          ...options.tenant,
        },
      ],
    },
  })
}

export function tokenForm(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  }
}

export const CLIENT_CREDENTIALS = {
  grant_type: 'client_credentials',
  client_id: APP_ID,
  client_secret: SECRET,
  scope: 'https://graph.microsoft.com/.default',
}

export async function requestToken(
  app: MockApp,
  fields: Record<string, string> = CLIENT_CREDENTIALS,
  path = TOKEN_PATH,
): Promise<TestResponse> {
  return readTestResponse(await app.request(path, tokenForm(fields)))
}

/** A valid access token for the test app. */
export async function accessToken(app: MockApp): Promise<string> {
  const response = await requestToken(app)
  if (response.status !== 200) throw new Error(`token request failed: ${response.text}`)
  return response.body.access_token as string
}

/** A Graph reader holding one token: `get('/users?$top=5')`, or an absolute nextLink. */
export async function graphClient(app: MockApp, token?: string) {
  const bearer = token ?? (await accessToken(app))
  return {
    token: bearer,
    get: async (path: string, headers: Record<string, string> = {}): Promise<TestResponse> =>
      readTestResponse(
        await app.request(path.startsWith('http') ? path : `${GRAPH}${path}`, {
          headers: { Authorization: `Bearer ${bearer}`, ...headers },
        }),
      ),
  }
}

/** Every page of a collection, following `@odata.nextLink`. */
export async function allPages(
  get: (path: string) => Promise<TestResponse>,
  first: string,
): Promise<TestResponse[]> {
  const pages: TestResponse[] = []
  let next: string | undefined = first
  while (next !== undefined) {
    const page = await get(next)
    pages.push(page)
    if (page.status !== 200) break
    next = page.body['@odata.nextLink'] as string | undefined
  }
  return pages
}

export async function admin(
  app: MockApp,
  method: string,
  path: string,
  body?: unknown,
): Promise<TestResponse> {
  return readTestResponse(
    await app.request(`${ADMIN_TENANT}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${ADMIN}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  )
}
