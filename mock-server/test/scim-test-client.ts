/**
 * A small in-process SCIM client for the mock's own tests: every call goes through `app.request`.
 *
 * @module
 */
import { CLEARID_USER_EXTENSION, CORE_USER_SCHEMA } from '../../model/attributes.ts'
import { createApp, type MockApp } from '../app.ts'
import type { AppOptions } from '../options.ts'
import { readTestResponse, type TestResponse } from './test-response.ts'

export const KEY = 'test-key'
export const OTHER_KEY = 'other-key'
export const BASE = '/scim/v2/accounts/acme'

export function testApp(options: AppOptions = {}): MockApp {
  return createApp({
    accounts: [
      { id: 'acme', scimKey: KEY },
      { id: 'other', scimKey: OTHER_KEY },
    ],
    ...options,
  })
}

export async function call(
  app: MockApp,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  const init: RequestInit = {
    method,
    headers: {
      Authorization: `Bearer ${KEY}`,
      'Content-Type': 'application/scim+json',
      ...headers,
    },
  }
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body)
  return readTestResponse(await app.request(path.startsWith('/') ? path : `${BASE}/${path}`, init))
}

let counter = 0

/** A valid ClearID user body; `ext` overrides extension attributes (undefined removes one). */
export function userBody(
  core: Record<string, unknown> = {},
  ext: Record<string, unknown> = {},
): Record<string, unknown> {
  counter++
  const extension: Record<string, unknown> = {
    externalId: `ext-${counter}`,
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: `ada${counter}@example.com`,
    countryCode: 'GBR',
    ...ext,
  }
  for (const key of Object.keys(extension)) if (extension[key] === undefined) delete extension[key]
  const body: Record<string, unknown> = {
    schemas: [CORE_USER_SCHEMA, CLEARID_USER_EXTENSION],
    userName: `ada${counter}@example.com`,
    displayName: 'Ada Lovelace',
    active: true,
    [CLEARID_USER_EXTENSION]: extension,
    ...core,
  }
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key]
  return body
}

export const ext = (resource: Record<string, unknown>): Record<string, unknown> =>
  resource[CLEARID_USER_EXTENSION] as Record<string, unknown>
