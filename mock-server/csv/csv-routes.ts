/**
 * The Cloud CSV control plane under `/_admin/accounts/{accountId}/csv/`: configurations (created
 * from the configuration JSON `csv check --config` reads; then template upload, mappings, advanced
 * and management settings, activation, one part at a time), the upload that stands in for the Local
 * Agent's manual "Upload file", the synchronization logs and upload runs, and the credentials CSV
 * made. Files (uploads, templates) are read as bytes by these routes themselves
 * (`http/read-upload.ts`).
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import { delimiterOf } from '../../model/csv/config.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { readRestBody } from '../rest/rest-body.ts'
import {
  CONFIGURATION_PARTS,
  uploadBlocker,
  type ConfigurationPart,
  type CsvConfiguration,
} from './csv-configurations.ts'
import { csvStateOf } from './csv-state.ts'
import { ingestUpload } from './ingest.ts'
import { readUploadedCsv } from './parse-upload.ts'
import { MOCK_UPLOAD_LIMIT, readUpload } from '../http/read-upload.ts'
import { readLogQuery } from '../sync/log-query.ts'

/** Paths (below the account) whose body is a file these routes read themselves. */
export function isCsvFileRoute(path: string): boolean {
  return /\/csv\/configurations\/[^/]+\/(uploads|template)\/?$/.test(path)
}

function view(configuration: CsvConfiguration, runs: number) {
  const blocker = uploadBlocker(configuration)
  return {
    id: configuration.id,
    name: configuration.config.name,
    active: configuration.config.management.active,
    createdUtc: configuration.createdUtc,
    lastModifiedUtc: configuration.lastModifiedUtc,
    canUpload: blocker === undefined,
    ...(blocker !== undefined && { uploadBlockedBecause: blocker }),
    uploads: runs,
    configuration: configuration.json,
  }
}

const MEDIA_JSON = /^application\/([\w.+-]+\+)?json\b/i

export function csvRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  const state = csvStateOf(ctx)
  const account = (c: Context) => c.req.param('accountId') ?? ''
  const configuration = (c: Context) =>
    state.configurations.get(account(c), c.req.param('configurationId') ?? '')
  const shown = (c: Context, found: CsvConfiguration) => view(found, state.runs(found.id).length)
  const logs = (c: Context, configurationId?: string) =>
    state.log(account(c)).query(readLogQuery(c, configurationId))

  app.get('/configurations', (c) =>
    c.json({
      configurations: state.configurations.list(account(c)).map((found) => shown(c, found)),
    }),
  )
  app.post('/configurations', async (c) => {
    const created = state.configurations.create(account(c), await readRestBody(ctx, c))
    return c.json(shown(c, created), 201, {
      Location: `${c.req.path.replace(/\/$/, '')}/${created.id}`,
    })
  })
  app.get('/configurations/:configurationId', (c) => c.json(shown(c, configuration(c))))
  app.delete('/configurations/:configurationId', (c) => {
    state.configurations.delete(account(c), c.req.param('configurationId'))
    return c.body(null, 204)
  })

  // The template: its file (the header row is read with the advanced settings) or a JSON list.
  app.put('/configurations/:configurationId/template', async (c) => {
    const current = configuration(c)
    let columns: unknown
    if (MEDIA_JSON.test(c.req.header('content-type') ?? '')) {
      const text = new TextDecoder().decode(
        await readUpload(c, 1024 * 1024, 'the limit of a template'),
      )
      try {
        columns = JSON.parse(text)
      } catch {
        throw new ApiError(
          400,
          'The template body is not JSON: send a JSON list of column names, or the template file as text/csv.',
        )
      }
    } else {
      const bytes = await readUpload(c, MOCK_UPLOAD_LIMIT, 'the limit of a template file')
      columns = templateColumns(bytes, current)
    }
    return c.json(
      shown(c, state.configurations.setPart(account(c), current.id, 'template', columns)),
    )
  })
  for (const part of Object.keys(CONFIGURATION_PARTS) as ConfigurationPart[]) {
    if (part === 'template') continue
    app.put(`/configurations/:configurationId/${part}`, async (c) => {
      const current = configuration(c)
      return c.json(
        shown(
          c,
          state.configurations.setPart(account(c), current.id, part, await readRestBody(ctx, c)),
        ),
      )
    })
  }
  app.post('/configurations/:configurationId/activate', (c) =>
    c.json(shown(c, state.configurations.setActive(account(c), configuration(c).id, true))),
  )
  app.post('/configurations/:configurationId/deactivate', (c) =>
    c.json(shown(c, state.configurations.setActive(account(c), configuration(c).id, false))),
  )

  app.post('/configurations/:configurationId/uploads', async (c) => {
    const current = configuration(c)
    const blocker = uploadBlocker(current)
    if (blocker) throw new ApiError(409, blocker)
    const limit = Math.min(current.config.options.maxFileBytes, MOCK_UPLOAD_LIMIT)
    const why =
      limit === MOCK_UPLOAD_LIMIT
        ? "the mock's upload limit"
        : "the configuration's options.maxFileBytes"
    const bytes = await readUpload(c, limit, why)
    const file = fileNameOf(c)
    const run = ingestUpload(
      ctx,
      {
        log: state.log(account(c)),
        credentials: state.credentials,
        synchronized: (configuration, externalIds) =>
          state.configurations.setSynchronized(configuration, externalIds),
      },
      current,
      bytes,
      file,
    )
    state.addRun(run)
    return c.json(run, run.status === 'completed' ? 201 : 422, {
      Location: `${c.req.path.replace(/\/uploads\/?$/, '')}/runs/${run.runId}`,
    })
  })
  app.get('/configurations/:configurationId/runs', (c) =>
    c.json({ runs: state.runs(configuration(c).id) }),
  )
  app.get('/configurations/:configurationId/runs/:runId', (c) => {
    const run = state.runs(configuration(c).id).find((r) => r.runId === c.req.param('runId'))
    if (!run) throw new ApiError(404, 'No such upload run (the last 100 are kept).')
    return c.json(run)
  })
  app.get('/configurations/:configurationId/logs', (c) => c.json(logs(c, configuration(c).id)))
  app.get('/logs', (c) => c.json(logs(c)))
  app.get('/credentials', (c) =>
    c.json({ credentials: state.credentials.list(account(c), c.req.query('externalId')) }),
  )

  return app
}

/** `?fileName=` or the Content-Disposition file name, else `upload.csv`. */
function fileNameOf(c: Context): string {
  const query = c.req.query('fileName')
  const disposition = /filename="?([^";]+)"?/i.exec(c.req.header('content-disposition') ?? '')?.[1]
  const name = (query ?? disposition ?? 'upload.csv').replace(/[\r\n]/g, '').slice(0, 200)
  return name === '' ? 'upload.csv' : name
}

/** The template file's header row, read with the configuration's delimiter and encoding. */
function templateColumns(bytes: Uint8Array, configuration: CsvConfiguration): string[] {
  let header: readonly string[] | undefined
  let problem: string | undefined
  readUploadedCsv(bytes, configuration.config, {
    header: (record) => (header ??= record.cells),
    row: () => undefined,
    problem: (p) => (problem ??= p.message),
  })
  if (!header)
    throw new ApiError(400, `The template file has no header row${problem ? `: ${problem}` : ''}.`)
  if (header.length === 1 && header[0]?.includes(';') && delimiterOf(configuration.config) !== ';')
    throw new ApiError(
      400,
      `The template's header is one column with the configured delimiter (${configuration.config.advanced.delimiter}); set advanced.delimiter first (PUT …/advanced).`,
    )
  return [...header]
}
