/**
 * Where `graph preview` reads, read-only, with the reader the mock's engine uses
 * (`mock-server/graph-sync/graph-reader.ts`):
 *
 * - `fake`: the mock's fake Graph source, in-process (a fresh app with the seeded development
 *   tenant, or an app a test hands in), as a configuration without a Graph URL reads it;
 * - `export`: a Graph export file a team made from its own tenant, loaded into a fake tenant;
 * - `graph`: a real Graph endpoint, with the tenant, the client id and the secret, through `fetch`.
 *
 * @module
 */
import { readFile } from 'node:fs/promises'
import type { GraphSyncConfig } from '../model/graph/config.ts'
import { compileMappings } from '../model/graph/map-user.ts'
import { createApp, type MockApp } from '../mock-server/app.ts'
import { ApiError } from '../mock-server/errors/api-error.ts'
import {
  DEV_GRAPH_CLIENT_ID,
  DEV_GRAPH_CLIENT_SECRET,
  DEV_GRAPH_TENANT_ID,
} from '../mock-server/graph/graph-constants.ts'
import {
  GraphClient,
  GraphReadError,
  type GraphFetch,
} from '../mock-server/graph-sync/graph-client.ts'
import { readGraph, type GraphRead } from '../mock-server/graph-sync/graph-reader.ts'

export type GraphSourceSpec =
  | { readonly kind: 'fake'; readonly app?: MockApp; readonly clientSecret?: string }
  | { readonly kind: 'export'; readonly path: string }
  | {
      readonly kind: 'graph'
      readonly graphUrl: string
      readonly loginUrl?: string
      readonly tenantId: string
      readonly clientId: string
      readonly clientSecret: string
      readonly fetch?: GraphFetch
    }

/** The source could not be read (unreachable, refused, a bad export file). */
export class GraphSourceError extends Error {
  override readonly name = 'GraphSourceError'
}

export interface SourceRead {
  readonly read: GraphRead
  /** The token's Application permissions (not for an export file, read with a token of its own). */
  readonly roles?: readonly string[]
  /** How reports name the source, secrets left out. */
  readonly description: string
  readonly requests: number
  /** What the reader noted (groups, retries, unknown attributes), in order. */
  readonly notes: readonly string[]
}

export interface ReadOptions {
  /** Waits before retries; default a timer. */
  readonly sleep?: (ms: number) => Promise<void>
}

/** Export files can be large; a tenant of 20,000 users is some tens of megabytes. */
const MAX_EXPORT_BYTES = 512 * 1024 * 1024
const MOCK_BASE = 'http://localhost'

export async function readGraphSource(
  config: GraphSyncConfig,
  spec: GraphSourceSpec,
  options: ReadOptions = {},
): Promise<SourceRead> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  if (spec.kind === 'graph') {
    const loginUrl = spec.loginUrl ?? config.connection?.loginUrl
    if (loginUrl === undefined)
      throw new GraphSourceError(
        `The token endpoint cannot be told from ${spec.graphUrl}: give the configuration a connection.loginUrl.`,
      )
    return read(config, {
      graphUrl: spec.graphUrl,
      loginUrl,
      tenantId: spec.tenantId,
      clientId: spec.clientId,
      clientSecret: spec.clientSecret,
      fetch: spec.fetch ?? ((url, init) => fetch(url, init)),
      sleep,
      description: `${spec.graphUrl} (tenant ${spec.tenantId})`,
      tokenRoles: true,
    })
  }
  const tenantId = config.connection?.tenantId ?? DEV_GRAPH_TENANT_ID
  const clientId = config.connection?.clientId ?? DEV_GRAPH_CLIENT_ID
  if (spec.kind === 'fake') {
    const app = spec.app ?? createApp({ adminToken: false })
    const secret =
      spec.clientSecret ??
      (tenantId.toLowerCase() === DEV_GRAPH_TENANT_ID &&
      clientId.toLowerCase() === DEV_GRAPH_CLIENT_ID
        ? DEV_GRAPH_CLIENT_SECRET
        : undefined)
    if (secret === undefined)
      throw new GraphSourceError(
        'The fake source knows the secret of its development app only: set CLEARID_GRAPH_SECRET for another app.',
      )
    return read(config, {
      ...mockEndpoints(app),
      tenantId,
      clientId,
      clientSecret: secret,
      sleep,
      description: `the mock's fake Graph source (tenant ${tenantId})`,
      tokenRoles: true,
    })
  }
  const app = await exportApp(spec.path, tenantId)
  return read(config, {
    ...mockEndpoints(app.app),
    tenantId: app.tenantId,
    clientId: app.clientId,
    clientSecret: app.secret,
    sleep,
    description: `the Graph export ${spec.path}`,
    tokenRoles: false,
  })
}

function mockEndpoints(app: MockApp) {
  return {
    graphUrl: `${MOCK_BASE}/graph/v1.0`,
    loginUrl: `${MOCK_BASE}/graph/login`,
    fetch: ((url, init) => Promise.resolve(app.fetch(new Request(url, init)))) as GraphFetch,
  }
}

/** An export file in a fake tenant of its own, read through an app of its own. */
async function exportApp(path: string, tenantId: string) {
  let text: string
  try {
    const bytes = await readFile(path)
    if (bytes.length > MAX_EXPORT_BYTES)
      throw new GraphSourceError(
        `${path}: ${bytes.length} bytes is larger than an export file the preview reads (512 MiB).`,
      )
    text = bytes.toString('utf8')
  } catch (error) {
    if (error instanceof GraphSourceError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new GraphSourceError(
      `${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`}.`,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''))
  } catch (error) {
    throw new GraphSourceError(`${path} is not JSON: ${(error as Error).message}`)
  }
  const secret = crypto.randomUUID()
  const id = /^[0-9a-f-]{36}$/i.test(tenantId) ? tenantId : DEV_GRAPH_TENANT_ID
  try {
    const app = createApp({
      adminToken: false,
      graph: {
        tenants: [
          {
            id,
            apps: [{ appId: DEV_GRAPH_CLIENT_ID, secret, displayName: 'graph preview' }],
            export: json,
          },
        ],
      },
    })
    return { app, tenantId: id, clientId: DEV_GRAPH_CLIENT_ID, secret }
  } catch (error) {
    if (error instanceof ApiError)
      throw new GraphSourceError(
        `${path} is not a Graph export the preview can read: ${error.detail}`,
      )
    throw error
  }
}

async function read(
  config: GraphSyncConfig,
  settings: {
    graphUrl: string
    loginUrl: string
    tenantId: string
    clientId: string
    clientSecret: string
    fetch: GraphFetch
    sleep: (ms: number) => Promise<void>
    description: string
    tokenRoles: boolean
  },
): Promise<SourceRead> {
  const notes: string[] = []
  let roles: readonly string[] = []
  const client = new GraphClient({
    graphUrl: settings.graphUrl,
    loginUrl: settings.loginUrl,
    tenantId: settings.tenantId,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    fetch: settings.fetch,
    sleep: settings.sleep,
    maxRetries: config.options.maxRetries,
    maxRetryAfterSeconds: config.options.maxRetryAfterSeconds,
    onEvent: (event) => {
      if (event.type === 'token') roles = event.roles
      if (event.type === 'retry')
        notes.push(`${event.path} answered ${event.status}: waited ${event.seconds} s and retried.`)
      if (event.type === 'token-expired')
        notes.push(`${event.path}: the token expired; a new one was requested.`)
    },
  })
  try {
    const result = await readGraph(client, compileMappings(config), { mode: 'full' }, (message) =>
      notes.push(message),
    )
    return {
      read: result,
      ...(settings.tokenRoles && { roles }),
      description: settings.description,
      requests: client.requests,
      notes,
    }
  } catch (error) {
    if (error instanceof GraphReadError)
      throw new GraphSourceError(`${settings.description} could not be read: ${error.message}`)
    throw error
  }
}
