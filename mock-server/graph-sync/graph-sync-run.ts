/**
 * One Graph synchronization run of a configuration: "Force synchronization" reads everything
 * (and turns automatic synchronization on, as ClearID documents); an automatic run reads the
 * changes since the last run (users delta), or everything when there was none. The run reads all
 * it needs first (`graph-reader.ts`); a read that fails (throttled past the bounds, a token that
 * cannot be renewed, a broken `nextLink`) is logged and writes nothing, and the delta link stays
 * where it was, so the next run reads the same changes again. Then the plan is applied at once
 * (`graph-apply.ts`), and the log gets its `Synchronization` summary.
 *
 * @module
 */
import { compileMappings } from '../../model/graph/map-user.ts'
import { planSync } from '../../model/graph/plan.ts'
import type { SyncSource } from '../../model/identity.ts'
import type { MockContext } from '../context.ts'
import {
  DEV_GRAPH_CLIENT_ID,
  DEV_GRAPH_CLIENT_SECRET,
  DEV_GRAPH_TENANT_ID,
  GRAPH_MOUNT,
  GRAPH_VERSION,
  LOGIN_MOUNT,
} from '../graph/graph-constants.ts'
import type { SyncCredentials } from '../sync/sync-credentials.ts'
import type { SyncLog } from '../sync/sync-log.ts'
import { applyGraphPlan, emptyCounts, type GraphRunCounts, type LogInput } from './graph-apply.ts'
import {
  GraphClient,
  GraphReadError,
  type GraphClientEvent,
  type GraphFetch,
} from './graph-client.ts'
import type { GraphConfiguration } from './graph-configurations.ts'
import { readGraph } from './graph-reader.ts'

export type RunMode = 'force' | 'automatic'

export interface GraphRun {
  readonly runId: string
  readonly configurationId: string
  /** `force`: "Force synchronization"; `automatic`: change-driven. */
  readonly mode: RunMode
  /** What was read: everything, or the changes since the last run. */
  readonly read: 'full' | 'delta'
  readonly trigger: 'control plane' | 'change'
  readonly startedUtc: string
  readonly finishedUtc: string
  /** `failed`: Graph could not be read to the end; nothing was written. */
  readonly status: 'completed' | 'failed'
  readonly counts: GraphRunCounts
  /** Graph requests, the token's included. */
  readonly requests: number
  readonly retries: number
  readonly tokenRenewals: number
  readonly errors: readonly string[]
}

export interface GraphSyncHost {
  /** The app itself: the mock's own fake Graph source, in-process. */
  readonly appFetch: GraphFetch
  /** `createApp({graphFetch})`, or the global fetch: any other Graph URL. */
  readonly fetch: GraphFetch
  readonly sleep: (ms: number) => Promise<void>
}

export interface RunServices {
  readonly ctx: MockContext
  readonly host: GraphSyncHost
  readonly log: SyncLog
  readonly credentials: SyncCredentials
  /** Force synchronization turns automatic synchronization on. */
  readonly turnAutomaticOn: () => void
}

/** Where and as whom a configuration reads Graph: its connection, or the fake source's defaults. */
export interface ResolvedConnection {
  readonly graphUrl: string
  readonly loginUrl: string
  readonly tenantId: string
  readonly clientId: string
  /** The mock's own fake Graph source, reached through the app itself. */
  readonly fake: boolean
}

export function connectionOf(
  ctx: Pick<MockContext, 'publicBaseUrl'>,
  configuration: GraphConfiguration,
): ResolvedConnection {
  const c = configuration.config.connection
  if (c?.graphUrl !== undefined)
    return {
      graphUrl: c.graphUrl,
      loginUrl: c.loginUrl ?? c.graphUrl,
      tenantId: c.tenantId,
      clientId: c.clientId,
      fake: false,
    }
  const base = (ctx.publicBaseUrl ?? 'http://localhost').replace(/\/+$/, '')
  return {
    graphUrl: `${base}${GRAPH_MOUNT}/${GRAPH_VERSION}`,
    loginUrl: `${base}${LOGIN_MOUNT}`,
    tenantId: c?.tenantId ?? DEV_GRAPH_TENANT_ID,
    clientId: c?.clientId ?? DEV_GRAPH_CLIENT_ID,
    fake: true,
  }
}

/**
 * A URL on `publicBaseUrl` as the app itself routes it: a base behind a proxy may carry a path
 * prefix (`https://gw.example/clearid`) that the app's own routes do not have.
 */
function inProcessUrl(ctx: Pick<MockContext, 'publicBaseUrl'>, url: string): string {
  const base = ctx.publicBaseUrl?.replace(/\/+$/, '')
  if (base === undefined || !url.startsWith(`${base}/`)) return url
  return `${new URL(base).origin}${url.slice(base.length)}`
}

/**
 * The secret the run uses: the one set on the configuration; for the fake source's development
 * app, its documented development secret.
 */
function secretOf(connection: ResolvedConnection, set: string | undefined): string | undefined {
  if (set !== undefined) return set
  const dev =
    connection.fake &&
    connection.tenantId.toLowerCase() === DEV_GRAPH_TENANT_ID &&
    connection.clientId.toLowerCase() === DEV_GRAPH_CLIENT_ID
  return dev ? DEV_GRAPH_CLIENT_SECRET : undefined
}

export async function runGraphSync(
  services: RunServices,
  configuration: GraphConfiguration,
  secret: string | undefined,
  mode: RunMode,
  trigger: GraphRun['trigger'],
): Promise<GraphRun> {
  const { ctx, host } = services
  const runId = ctx.ids()
  const startedUtc = ctx.clock().toISOString()
  const { config } = configuration
  const connection = connectionOf(ctx, configuration)
  const source = connection.fake
    ? `the mock's fake Graph source (tenant ${connection.tenantId})`
    : `${connection.graphUrl} (tenant ${connection.tenantId})`
  const log = (entry: LogInput) =>
    services.log.add({
      runId,
      configurationId: configuration.id,
      timestamp: ctx.clock().toISOString(),
      ...entry,
    })
  const readMode: GraphRun['read'] =
    mode === 'automatic' && configuration.progress.deltaLink !== undefined ? 'delta' : 'full'
  let retries = 0
  let tokenRenewals = 0
  const errors: string[] = []
  const finish = (
    status: GraphRun['status'],
    counts: GraphRunCounts,
    requests: number,
  ): GraphRun => ({
    runId,
    configurationId: configuration.id,
    mode,
    read: readMode,
    trigger,
    startedUtc,
    finishedUtc: ctx.clock().toISOString(),
    status,
    counts,
    requests,
    retries,
    tokenRenewals,
    errors,
  })
  log({
    type: 'Extraction',
    entity: source,
    outcome: 'succeeded',
    message: `${mode === 'force' ? 'Force synchronization' : 'Automatic synchronization'}: reading ${readMode === 'full' ? 'every user and group' : 'the changes since the last run'} from ${source}.`,
  })
  const fail = (message: string, requests: number) => {
    errors.push(message)
    log({
      type: 'Extraction',
      entity: source,
      outcome: 'failed',
      message: 'Graph could not be read: nothing was written.',
      errors: [message],
    })
    log({
      type: 'Synchronization',
      entity: source,
      outcome: 'failed',
      message:
        'The synchronization stopped before writing anything; the next run reads the same changes again.',
      errors: [message],
    })
    return finish('failed', emptyCounts(), requests)
  }
  const clientSecret = secretOf(connection, secret)
  if (clientSecret === undefined)
    return fail(
      'No client secret is set for this connection: PUT …/connection with connection.clientSecret.',
      0,
    )
  const client = new GraphClient({
    graphUrl: connection.graphUrl,
    loginUrl: connection.loginUrl,
    tenantId: connection.tenantId,
    clientId: connection.clientId,
    clientSecret,
    fetch: connection.fake
      ? (url, init) => host.appFetch(inProcessUrl(ctx, url), init)
      : host.fetch,
    sleep: host.sleep,
    maxRetries: config.options.maxRetries,
    maxRetryAfterSeconds: config.options.maxRetryAfterSeconds,
    onEvent: (event) => {
      if (event.type === 'retry') retries++
      if (event.type === 'token-expired') tokenRenewals++
      const message = clientEventMessage(event)
      if (message) log({ type: 'Extraction', entity: source, outcome: 'succeeded', message })
    },
  })
  const compiled = compileMappings(config)
  let read: Awaited<ReturnType<typeof readGraph>>
  try {
    read = await readGraph(
      client,
      compiled,
      {
        mode: readMode,
        ...(configuration.progress.deltaLink !== undefined && {
          deltaLink: configuration.progress.deltaLink,
        }),
        known: new Set(configuration.progress.known.keys()),
      },
      (message, outcome = 'succeeded') => {
        if (outcome === 'failed') errors.push(message)
        log({ type: 'Extraction', entity: source, outcome, message })
      },
    )
  } catch (error) {
    if (!(error instanceof GraphReadError)) throw error
    return fail(error.message, client.requests)
  }
  const plan = planSync(compiled, read.snapshot)
  const sync: SyncSource = {
    kind: 'graph',
    sourceId: configuration.id,
    name: config.name,
    at: ctx.clock().toISOString(),
  }
  const counts = applyGraphPlan(
    { ctx, credentials: services.credentials, log },
    configuration,
    read,
    plan,
    sync,
  )
  configuration.progress.deltaLink = read.deltaLink
  // After the run, so the changes it reads (a tenant seeded on first use) start no automatic run.
  if (mode === 'force' && !config.management.automatic) services.turnAutomaticOn()
  const parts = [
    `${counts.users} user${counts.users === 1 ? '' : 's'} synchronized: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} failed`,
    counts.deactivated > 0 ? `${counts.deactivated} deactivated` : '',
    counts.deleted > 0 ? `${counts.deleted} deleted` : '',
    counts.kept > 0 ? `${counts.kept} kept` : '',
    counts.roleMembersAdded + counts.roleMembersRemoved + counts.roleMembersFailed > 0
      ? `role members: ${counts.roleMembersAdded} added, ${counts.roleMembersRemoved} removed, ${counts.roleMembersFailed} without an identity`
      : '',
  ].filter((p) => p !== '')
  log({
    type: 'Synchronization',
    entity: source,
    // As for Cloud CSV: the run failed when the source could not be read as configured; what was
    // refused has its own entries.
    outcome: errors.length > 0 ? 'failed' : 'succeeded',
    message: `${parts.join('; ')}.`,
    ...(errors.length > 0 && { errors }),
  })
  return finish('completed', counts, client.requests)
}

function clientEventMessage(event: GraphClientEvent): string | undefined {
  if (event.type === 'retry')
    return `${event.path} answered ${event.status}${event.code ? ` ${event.code}` : ''}: waited ${event.seconds} s (Retry-After) and retried (retry ${event.attempt}).`
  if (event.type === 'token-expired')
    return `${event.path} answered 401 InvalidAuthenticationToken (the token expired mid-run): a new token was requested and the request sent again.`
  if (event.renewal) return undefined
  return `Token acquired (client credentials); permissions: ${event.roles.join(', ') || 'none'}.`
}
