/**
 * The Entra ID (Graph) synchronization control plane under `/_admin/accounts/{accountId}/graph/`:
 * configurations (created from the configuration JSON `graph preview --config` reads, plus the
 * client secret, which is kept apart and never shown; then changed one part at a time), "Set
 * default mapping", "Force synchronization" and automatic runs, the runs, the synchronization
 * logs (type, entity search, only errors, a date range of at most a year) and the credentials the
 * synchronizations made.
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import { DEFAULT_GRAPH_MAPPINGS } from '../../model/graph/config.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { bodyLimitOf, readBody } from '../http/read-body.ts'
import { readRestBody } from '../rest/rest-body.ts'
import { readLogQuery } from '../sync/log-query.ts'
import {
  GRAPH_CONFIGURATION_PARTS,
  type GraphConfiguration,
  type GraphConfigurationPart,
} from './graph-configurations.ts'
import { connectionOf, type RunMode } from './graph-sync-run.ts'
import { graphSyncOf, type GraphSyncState } from './graph-sync-state.ts'

function view(ctx: MockContext, state: GraphSyncState, configuration: GraphConfiguration) {
  const connection = connectionOf(ctx, configuration)
  const runs = state.runs(configuration.id)
  const last = runs[0]
  return {
    id: configuration.id,
    name: configuration.config.name,
    source: connection.fake ? 'fake' : connection.graphUrl,
    tenantId: connection.tenantId,
    clientId: connection.clientId,
    clientSecretSet: state.configurations.hasSecret(configuration.id),
    automatic: configuration.config.management.automatic,
    createdUtc: configuration.createdUtc,
    lastModifiedUtc: configuration.lastModifiedUtc,
    deltaLinkKept: configuration.progress.deltaLink !== undefined,
    knownUsers: configuration.progress.known.size,
    runs: runs.length,
    ...(last && {
      lastRun: {
        runId: last.runId,
        mode: last.mode,
        status: last.status,
        finishedUtc: last.finishedUtc,
      },
    }),
    configuration: configuration.json,
  }
}

/** `{"mode": "force"}` (the default) or `{"mode": "automatic"}`; an empty body is a force run. */
async function modeOf(ctx: MockContext, c: Context): Promise<RunMode> {
  const { text } = await readBody(c, bodyLimitOf(ctx.behaviour))
  if (text.trim() === '') return 'force'
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new ApiError(
      400,
      'The body is not JSON: send {"mode": "force"} or {"mode": "automatic"}, or nothing.',
    )
  }
  const mode = (body as { mode?: unknown } | null)?.mode ?? 'force'
  if (mode !== 'force' && mode !== 'automatic')
    throw new ApiError(
      400,
      '"mode" is "force" (read everything) or "automatic" (the changes since the last run).',
      {
        errors: { mode: ['force or automatic'] },
      },
    )
  return mode
}

export function graphSyncRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  const account = (c: Context) => c.req.param('accountId') ?? ''
  const state = () => graphSyncOf(ctx)
  const configuration = (c: Context) =>
    state().configurations.get(account(c), c.req.param('configurationId') ?? '')
  const shown = (found: GraphConfiguration) => view(ctx, state(), found)

  app.get('/configurations', (c) =>
    c.json({ configurations: state().configurations.list(account(c)).map(shown) }),
  )
  app.post('/configurations', async (c) => {
    const created = state().configurations.create(account(c), await readRestBody(ctx, c))
    return c.json(shown(created), 201, {
      Location: `${c.req.path.replace(/\/$/, '')}/${created.id}`,
    })
  })
  app.get('/configurations/:configurationId', (c) => c.json(shown(configuration(c))))
  app.delete('/configurations/:configurationId', (c) => {
    state().configurations.delete(account(c), configuration(c).id)
    return c.body(null, 204)
  })
  for (const part of Object.keys(GRAPH_CONFIGURATION_PARTS) as GraphConfigurationPart[]) {
    app.put(`/configurations/:configurationId/${part}`, async (c) => {
      const current = configuration(c)
      const body = await readRestBody(ctx, c)
      return c.json(shown(state().configurations.setPart(account(c), current.id, part, body)))
    })
  }
  // ClearID's "Set default mapping": External ID, First name, Active.
  app.post('/configurations/:configurationId/default-mappings', (c) => {
    const current = configuration(c)
    const defaults = DEFAULT_GRAPH_MAPPINGS.map((m) =>
      m.type === 'fixed' ? m : { field: m.field, type: m.type, attribute: m.column },
    )
    return c.json(
      shown(state().configurations.setPart(account(c), current.id, 'identity-mappings', defaults)),
    )
  })
  app.post('/configurations/:configurationId/synchronize', async (c) => {
    const current = configuration(c)
    const mode = await modeOf(ctx, c)
    const run = await state().synchronize(current, mode, 'control plane')
    return c.json(run, run.status === 'completed' ? 201 : 502, {
      Location: `${c.req.path.replace(/\/synchronize\/?$/, '')}/runs/${run.runId}`,
    })
  })
  app.get('/configurations/:configurationId/runs', (c) =>
    c.json({ runs: state().runs(configuration(c).id) }),
  )
  app.get('/configurations/:configurationId/runs/:runId', (c) => {
    const run = state()
      .runs(configuration(c).id)
      .find((r) => r.runId === c.req.param('runId'))
    if (!run) throw new ApiError(404, 'No such run (the last 100 are kept).')
    return c.json(run)
  })
  app.get('/configurations/:configurationId/logs', (c) =>
    c.json(
      state()
        .log(account(c))
        .query(readLogQuery(c, configuration(c).id)),
    ),
  )
  app.get('/logs', (c) => c.json(state().log(account(c)).query(readLogQuery(c))))
  app.get('/credentials', (c) =>
    c.json({ credentials: state().credentials.list(account(c), c.req.query('externalId')) }),
  )
  return app
}
