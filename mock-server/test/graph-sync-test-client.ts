/**
 * Helpers for the Graph synchronization's tests: an app with the REST test accounts and the fake
 * source's development tenant (seeded: 60 users, 8 groups), a shared RS256 key, the waits between
 * retries recorded instead of slept, webhook deliveries caught, and clients for the synchronization
 * control plane (`/_admin/accounts/acme/graph`) and the tenant's (`/_admin/graph/tenants/…`).
 *
 * @module
 */
import { generateKeyPair } from 'jose'
import { graphExampleConfig } from '../../fixtures/graph-sync-config.ts'
import type { MockApp } from '../app.ts'
import { admin, restTestApp } from '../control/rest-test-client.ts'
import { DEV_GRAPH_TENANT } from '../graph/graph-directory.ts'
import { DEV_GRAPH_TENANT_ID } from '../graph/graph-constants.ts'
import type { AppOptions } from '../options.ts'
import type { TestResponse } from './test-response.ts'

const SIGNING_KEYS = await generateKeyPair('RS256')

export const SYNC = '/accounts/acme/graph'
export const TENANT_ADMIN = `/graph/tenants/${DEV_GRAPH_TENANT_ID}`

export interface Delivery {
  readonly event: string
  readonly body: Record<string, unknown>
}

export interface GraphSyncTestApp {
  readonly app: MockApp
  /** Every wait the engine asked for before a retry, in milliseconds. */
  readonly sleeps: number[]
  /** Webhook callbacks, once `app.mock.webhooks.idle()` resolved. */
  readonly deliveries: Delivery[]
}

export function graphSyncTestApp(options: AppOptions = {}): GraphSyncTestApp {
  const sleeps: number[] = []
  const deliveries: Delivery[] = []
  const app = restTestApp({
    graph: { signingKeys: SIGNING_KEYS, tenants: [DEV_GRAPH_TENANT] },
    graphSleep: async (ms) => void sleeps.push(ms),
    webhookFetch: async (url, init) => {
      deliveries.push({
        event: url.split('/').at(-1) ?? '',
        body: JSON.parse(String(init.body)) as Record<string, unknown>,
      })
      return new Response(null, { status: 200 })
    },
    ...options,
  })
  return { app, sleeps, deliveries }
}

/** Subscribes `https://receiver.example/hooks/{event}` to each event. */
export async function subscribe(app: MockApp, ...events: string[]): Promise<void> {
  for (const event of events) {
    const res = await admin(app, 'POST', '/accounts/acme/webhooks', {
      name: event,
      url: `https://receiver.example/hooks/${event}`,
      event,
    })
    if (res.status !== 201) throw new Error(`webhook: ${res.text}`)
  }
}

/** Creates a configuration (default: the example for the development tenant); returns its id. */
export async function configure(
  app: MockApp,
  change: (json: Record<string, unknown>) => void = () => undefined,
): Promise<string> {
  const json = graphExampleConfig()
  change(json)
  const created = await admin(app, 'POST', `${SYNC}/configurations`, json)
  if (created.status !== 201) throw new Error(`configuration: ${created.text}`)
  return created.body.id as string
}

export function synchronize(
  app: MockApp,
  id: string,
  mode?: 'force' | 'automatic',
): Promise<TestResponse> {
  return admin(
    app,
    'POST',
    `${SYNC}/configurations/${id}/synchronize`,
    mode === undefined ? undefined : { mode },
  )
}

/** The configuration's log entries (newest first), with query parameters. */
export async function logEntries(
  app: MockApp,
  id: string,
  query = '',
): Promise<
  {
    type: string
    outcome: string
    entity: string
    message: string
    errors?: string[]
    runId: string
  }[]
> {
  const res = await admin(app, 'GET', `${SYNC}/configurations/${id}/logs${query}`)
  if (res.status !== 200) throw new Error(`logs: ${res.text}`)
  return res.body.entries
}

/** The development tenant's control plane (users, groups, photos, faults). */
export function tenantAdmin(
  app: MockApp,
  method: string,
  path: string,
  body?: unknown,
): Promise<TestResponse> {
  return admin(app, method, `${TENANT_ADMIN}${path}`, body)
}

/** The development tenant itself, loaded. */
export async function devTenant(app: MockApp) {
  const tenant = app.mock.graph.get(DEV_GRAPH_TENANT_ID)
  if (!tenant) throw new Error('no development tenant')
  await tenant.ready()
  return tenant
}
