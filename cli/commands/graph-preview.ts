/**
 * `graph preview --config FILE [--source fake|graph] [--export FILE] [--graph URL] [--against URL]`:
 * reads a Graph
 * source read-only with the reader the mock's synchronization engine uses, prints the identities,
 * roles and credentials ClearID would make of it with the configuration, judges every problem with
 * the Graph rules, and writes the same report formats as `csv check` and `run`, with the same exit
 * codes.
 *
 * @module
 */
import { createWriteStream, type WriteStream } from 'node:fs'
import { previewGraphSource } from '../../graph/check.ts'
import { GraphConfigError, loadGraphConfig } from '../../graph/load-config.ts'
import { buildGraphReport } from '../../graph/report.ts'
import { GraphSourceError, type GraphSourceSpec } from '../../graph/sources.ts'
import { loginUrlFor, type GraphSyncConfig } from '../../model/graph/config.ts'
import { DEFAULT_OUT_DIR } from '../../reports/write.ts'
import { GRAPH_RULES } from '../../rules/graph/index.ts'
import { selectRules, unmatchedIds } from '../../suites/runner/select.ts'
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from '../io.ts'
import * as read from '../parse.ts'
import { AgainstError } from '../../driver/rest/known-identities.ts'
import { AGAINST_HELP, againstClassifier } from './against-options.ts'
import { PRE_SYNC_OPTIONS, preSyncSettingsOf, type PreSyncSettings } from './pre-sync-settings.ts'
import { writePreSyncReport } from './report-output.ts'
import { renderGraphPreview } from './graph-preview-output.ts'

export const GRAPH_PREVIEW_OPTIONS = {
  ...PRE_SYNC_OPTIONS,
  source: { type: 'string' },
  export: { type: 'string' },
  graph: { type: 'string' },
  tenant: { type: 'string' },
  'client-id': { type: 'string' },
} as const satisfies read.OptionsConfig

export const GRAPH_PREVIEW_HELP = `Usage: clearid-conformance graph preview --config FILE [options]

Shows what ClearID's Microsoft Entra ID synchronization would make of a Graph source with a
configuration, reading it only: the identities, roles and credentials, every problem as a finding of
the Graph rules (GRAPH-…, see \`rules --side source\`), and the reports \`run\` writes.

  --config FILE          the Graph configuration (JSON; \`graph schema\` prints its schema)
  --source fake|graph    fake (default): the mock's fake Graph source, its seeded development
                         tenant, in-process; graph: the configuration's connection
  --export FILE          a Graph export file (users, groups, managers, extensions) instead
  --graph URL            a Graph service root (https://graph.microsoft.com/v1.0) instead; with
                         --tenant and --client-id (or the configuration's connection); the client
                         secret comes from CLEARID_GRAPH_SECRET, never from a file or an option
  --tenant ID            the Directory (tenant) ID (overrides the configuration's)
  --client-id ID         the Application (client) ID (overrides the configuration's)
  --preview N            users shown in the preview (default 10; 0 hides it)
  --preview-out FILE     every user's identity, credentials, roles and outcome as NDJSON
${AGAINST_HELP}
  --rule ID              only these rules (exact, prefix or glob; repeatable)
  --out DIR              report directory (default ${DEFAULT_OUT_DIR}/); - prints one --format
  --format LIST          json,junit,md,html (default all)
  --require-complete     exit 3 when MUST rules did not run

Exit codes: 0 PASS (or INCOMPLETE); 1 a MUST rule failed; 2 usage error, an unreadable
configuration or export, a source that cannot be read, or --against unreachable; 3 INCOMPLETE with
--require-complete.
`

const RENDER_OPTIONS = {
  html: { title: 'ClearID Entra ID (Graph) synchronization preview' },
  md: { title: 'ClearID Entra ID (Graph) synchronization preview' },
}

type SourceChoice =
  | { readonly kind: 'fake' }
  | { readonly kind: 'export'; readonly path: string }
  | { readonly kind: 'graph'; readonly url?: string }

interface Settings extends PreSyncSettings {
  readonly configPath: string
  readonly source: SourceChoice
  readonly tenant?: string
  readonly clientId?: string
}

function sourceOf(
  values: ReturnType<typeof read.parse<typeof GRAPH_PREVIEW_OPTIONS>>['values'],
): SourceChoice {
  const chosen = [values.source, values.export, values.graph].filter((v) => v !== undefined)
  if (chosen.length > 1)
    throw new UsageError('Give one source: --source fake|graph, --export FILE or --graph URL.')
  if (values.export !== undefined) return { kind: 'export', path: values.export }
  if (values.graph !== undefined) {
    if (!/^https?:\/\//i.test(values.graph))
      throw new UsageError(`--graph must be an http(s) URL, got "${values.graph}".`)
    return { kind: 'graph', url: values.graph }
  }
  if (values.source === undefined || values.source === 'fake') return { kind: 'fake' }
  if (values.source === 'graph') return { kind: 'graph' }
  throw new UsageError(
    `--source is fake or graph, got "${values.source}" (an export file: --export FILE).`,
  )
}

function settingsFrom(argv: string[]): Settings | 'help' {
  const { values, positionals } = read.parse(argv, GRAPH_PREVIEW_OPTIONS, 'graph preview')
  if (values.help) return 'help'
  if (positionals.length > 0)
    throw new UsageError(`graph preview takes no file arguments (got "${positionals[0]}").`)
  if (values.config === undefined)
    throw new UsageError(
      'graph preview: --config FILE is required (graph schema prints its schema).',
    )
  const source = sourceOf(values)
  if (source.kind !== 'graph' && (values.tenant !== undefined || values['client-id'] !== undefined))
    throw new UsageError('--tenant and --client-id go with --graph URL or --source graph.')
  return {
    configPath: values.config,
    source,
    ...(values.tenant !== undefined && { tenant: values.tenant }),
    ...(values['client-id'] !== undefined && { clientId: values['client-id'] }),
    ...preSyncSettingsOf(values),
  }
}

/** The source to read; the secret only from the environment. */
function specOf(settings: Settings, config: GraphSyncConfig, io: CliIo): GraphSourceSpec {
  const secret = io.env?.CLEARID_GRAPH_SECRET
  const source = settings.source
  if (source.kind === 'export') return { kind: 'export', path: source.path }
  if (source.kind === 'fake')
    return { kind: 'fake', ...(secret !== undefined && secret !== '' && { clientSecret: secret }) }
  const graphUrl = source.url?.replace(/\/+$/, '') ?? config.connection?.graphUrl
  if (graphUrl === undefined)
    throw new UsageError(
      "--source graph reads the configuration's connection.graphUrl, which it has not: give --graph URL.",
    )
  const tenantId = settings.tenant ?? config.connection?.tenantId
  const clientId = settings.clientId ?? config.connection?.clientId
  if (tenantId === undefined || clientId === undefined)
    throw new UsageError(
      'Reading Graph needs the tenant and the app: --tenant ID and --client-id ID, or connection.tenantId and clientId in the configuration.',
    )
  if (secret === undefined || secret === '')
    throw new UsageError('Reading Graph needs the client secret: set CLEARID_GRAPH_SECRET.')
  const loginUrl = source.url === undefined ? config.connection?.loginUrl : loginUrlFor(graphUrl)
  return {
    kind: 'graph',
    graphUrl,
    ...(loginUrl !== undefined && { loginUrl }),
    tenantId,
    clientId,
    clientSecret: secret,
    ...(io.fetch && { fetch: fetchOf(io.fetch) }),
  }
}

export async function graphPreviewCommand(argv: string[], io: CliIo): Promise<number> {
  const startedAt = new Date()
  let settings: Settings
  try {
    const parsed = settingsFrom(argv)
    if (parsed === 'help') {
      io.stdout(GRAPH_PREVIEW_HELP)
      return EXIT_OK
    }
    settings = parsed
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.stderr(`clearid-conformance: ${error.message}\n`)
    return EXIT_USAGE
  }
  let previewFile: WriteStream | undefined
  try {
    const config = await loadGraphConfig(settings.configPath)
    const unmatched = unmatchedIds(GRAPH_RULES, settings.rules)
    if (unmatched.length > 0)
      throw new UsageError(
        `--rule ${unmatched.join(', ')} matches no Graph rule (see rules --side source).`,
      )
    const rules = selectRules(GRAPH_RULES, { ids: settings.rules })
    const spec = specOf(settings, config, io)
    const classify = await againstClassifier(settings, io)
    const outcome = await previewGraphSource(config, spec, { rules, ...(classify && { classify }) })
    for (const note of outcome.source.notes) io.stderr(`${note}\n`)
    if (settings.previewOut !== undefined) {
      const file = createWriteStream(settings.previewOut)
      previewFile = file
      for (const entry of outcome.preview.entries) file.write(`${JSON.stringify(entry)}\n`)
    }
    const report = buildGraphReport(outcome, {
      startedAt,
      configPath: settings.configPath,
      configName: config.name,
      ...(settings.against !== undefined && { against: settings.against }),
    })
    return await writePreSyncReport(io, report, settings, RENDER_OPTIONS, () =>
      renderGraphPreview(outcome.preview, settings.previewCount),
    )
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof GraphConfigError ||
      error instanceof GraphSourceError ||
      error instanceof AgainstError
    ) {
      io.stderr(`clearid-conformance: ${error.message}\n`)
      return EXIT_USAGE
    }
    throw error
  } finally {
    if (previewFile) await new Promise((resolve) => previewFile?.end(resolve))
  }
}

/** The CLI's fetch (one taking a Request) as the reader's (a URL and its init). */
function fetchOf(fetchLike: NonNullable<CliIo['fetch']>) {
  return (url: string, init: RequestInit) => fetchLike(new Request(url, init))
}
