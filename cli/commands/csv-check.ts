/**
 * `csv check FILE… [--config FILE]`: judges CSV files against the CSV rules before ClearID's Cloud
 * CSV synchronization sees them, prints a preview of the identities and credentials it would make
 * (with `--against`, what it would create, update or leave alone) and writes the same report
 * formats as `run`, with the same exit codes.
 *
 * @module
 */
import { createWriteStream, type WriteStream } from 'node:fs'
import { basename } from 'node:path'
import { checkCsvFiles } from '../../csv/check.ts'
import { CsvConfigError, loadCsvConfig } from '../../csv/load-config.ts'
import { PreviewCollector } from '../../csv/preview.ts'
import { AgainstError } from '../../driver/rest/known-identities.ts'
import { CsvFileError, fileSize } from '../../csv/read-file.ts'
import { buildCsvReport } from '../../csv/report.ts'
import { DEFAULT_OUT_DIR } from '../../reports/write.ts'
import { CSV_RULES } from '../../rules/csv/index.ts'
import { selectRules, unmatchedIds } from '../../suites/runner/select.ts'
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from '../io.ts'
import * as read from '../parse.ts'
import { writePreSyncReport } from './report-output.ts'
import { AGAINST_HELP, againstClassifier } from './against-options.ts'
import { PRE_SYNC_OPTIONS, preSyncSettingsOf, type PreSyncSettings } from './pre-sync-settings.ts'
import { renderPreview as renderPreviewText } from './csv-preview-output.ts'

export const CSV_CHECK_OPTIONS = PRE_SYNC_OPTIONS

export const CSV_CHECK_HELP = `Usage: clearid-conformance csv check FILE… [options]

Judges CSV files before ClearID's Cloud CSV synchronization reads them: the CSV rules (CSV-…, see
\`rules --side file\`), a preview of the identities and credentials ClearID would make, and the
reports \`run\` writes. Several files are read as one synchronization: rows sharing an External ID
update the same identity.

  --config FILE          the CSV configuration (JSON; \`csv schema\` prints its schema). Without it:
                         ClearID's defaults, comma and UTF-8, header names mapped by name
  --preview N            identities shown in the preview (default 10; 0 hides it)
  --preview-out FILE     every row's identity, credentials and outcome as NDJSON
${AGAINST_HELP}
  --rule ID              only these rules (exact, prefix or glob; repeatable)
  --out DIR              report directory (default ${DEFAULT_OUT_DIR}/); - prints one --format
  --format LIST          json,junit,md,html (default all)
  --require-complete     exit 3 when MUST rules did not run (no data row was read)

Exit codes: 0 PASS (or INCOMPLETE); 1 a MUST rule failed; 2 usage error, an unreadable
configuration or file, or --against unreachable; 3 INCOMPLETE with --require-complete.
`

/** The file reports' heading: not a SCIM run. */
const RENDER_OPTIONS = {
  html: { title: 'ClearID Cloud CSV check' },
  md: { title: 'ClearID Cloud CSV check' },
}

interface Settings extends PreSyncSettings {
  readonly files: readonly string[]
  readonly configPath?: string
}

function settingsFrom(argv: string[]): Settings | 'help' {
  const { values, positionals } = read.parse(argv, CSV_CHECK_OPTIONS, 'csv check')
  if (values.help) return 'help'
  if (positionals.length === 0) throw new UsageError('csv check: name at least one CSV file.')
  return {
    files: positionals,
    ...(values.config !== undefined && { configPath: values.config }),
    ...preSyncSettingsOf(values),
  }
}

export async function csvCheckCommand(argv: string[], io: CliIo): Promise<number> {
  const startedAt = new Date()
  let settings: Settings
  try {
    const parsed = settingsFrom(argv)
    if (parsed === 'help') {
      io.stdout(CSV_CHECK_HELP)
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
    const config = await loadCsvConfig(settings.configPath)
    for (const file of settings.files) await fileSize(file)
    const unmatched = unmatchedIds(CSV_RULES, settings.rules)
    if (unmatched.length > 0)
      throw new UsageError(
        `--rule ${unmatched.join(', ')} matches no CSV rule (see rules --side file).`,
      )
    const rules = selectRules(CSV_RULES, { ids: settings.rules })
    const classify = await againstClassifier(settings, io)
    previewFile =
      settings.previewOut === undefined ? undefined : createWriteStream(settings.previewOut)
    const sink =
      previewFile && ((entry: object) => void previewFile?.write(`${JSON.stringify(entry)}\n`))
    const preview = new PreviewCollector({
      keep: settings.previewCount,
      ...(classify && { classify }),
      ...(sink && { sink }),
    })
    const names = uniqueNames(settings.files)
    const outcome = await checkCsvFiles(
      settings.files.map((path, i) => ({ path, name: names[i] ?? path })),
      config,
      { rules, preview },
    )
    const report = buildCsvReport(outcome, {
      startedAt,
      ...(settings.configPath !== undefined && { configPath: settings.configPath }),
      configName: config.name,
      ...(settings.against !== undefined && { against: settings.against }),
    })
    return await writePreSyncReport(io, report, settings, RENDER_OPTIONS, () =>
      settings.previewCount > 0 || settings.against !== undefined
        ? renderPreviewText(preview, settings.against !== undefined)
        : '',
    )
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof CsvConfigError ||
      error instanceof CsvFileError ||
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

/** File names as findings show them: the base name, unless two files share it. */
function uniqueNames(paths: readonly string[]): string[] {
  const bases = paths.map((p) => basename(p))
  return paths.map((path, i) =>
    bases.filter((b) => b === bases[i]).length > 1 ? path : (bases[i] ?? path),
  )
}
