/**
 * `report` command: re-render a saved report (`report render`) and compare two reports
 * (`report diff`). `cli/main.ts` dispatches `report …` here.
 *
 * Exit codes: 0 success; 1 `report diff` found a MUST rule newly failing; 2 usage error or an
 * unreadable or invalid file.
 *
 * @module
 */
import { CATALOGUE } from '../../rules/index.ts'
import { diffReports } from '../../reports/diff.ts'
import { loadReportFile, loadWaiverFile } from '../../reports/load.ts'
import type { ConformanceReport } from '../../reports/model.ts'
import { diffDocument, renderDiff } from '../../reports/renderers/diff.ts'
import type { DiffFormat } from '../../reports/renderers/diff.ts'
import { FORMAT_NAMES, parseFormats } from '../../reports/renderers/index.ts'
import { applyWaivers } from '../../reports/waivers.ts'
import { DEFAULT_OUT_DIR, writeReports } from '../../reports/write.ts'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from '../io.ts'
import * as read from '../parse.ts'

/** Only output: `report` reads files and nothing else of the outside world. */
type CommandIo = Pick<CliIo, 'stdout' | 'stderr'>

const USAGE = `Usage:
  clearid-conformance report render REPORT.json [--format ${FORMAT_NAMES.join(',')}] [--out DIR]
                                    [--waivers FILE] [--baseline BASE.json]
  clearid-conformance report diff BASE.json NEW.json [--format text|md|json]

render   writes the report in each format into DIR (default ${DEFAULT_OUT_DIR}/) and prints the paths.
         --waivers applies a JSON waiver file ({ "waivers": [{ "rule", "reason", "dialect"?, "expires"? }] });
         --baseline adds the changes since BASE.json to the report.
diff     prints what changed; exits 1 when a MUST rule newly fails, 0 otherwise.
Exit code 2: usage error, or a file that cannot be read or is not a valid report.
`

const RENDER_OPTIONS = {
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  waivers: { type: 'string' },
  baseline: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies read.OptionsConfig

const DIFF_OPTIONS = {
  format: { type: 'string', short: 'f' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies read.OptionsConfig

export async function reportCommand(argv: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = argv
  try {
    if (sub === 'render') return await render(rest, io)
    if (sub === 'diff') return await diff(rest, io)
    if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
      ;(sub === undefined ? io.stderr : io.stdout)(USAGE)
      return sub === undefined ? EXIT_USAGE : EXIT_OK
    }
    throw new UsageError(`report: unknown subcommand "${sub}"; expected render or diff`)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.stderr(`${error.message}\n\n${USAGE}`)
    return EXIT_USAGE
  }
}

async function render(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = read.parse(args, RENDER_OPTIONS, 'report render')
  if (values.help) return (io.stdout(USAGE), EXIT_OK)
  if (positionals.length !== 1) {
    throw new UsageError(
      `report render: expected one REPORT.json, got ${positionals.length} file arguments`,
    )
  }
  const formats = parseFormats(values.format ?? FORMAT_NAMES.join(','))
  if ('error' in formats) throw new UsageError(`report render: --format: ${formats.error}`)

  const loaded = await loadReportFile(positionals[0] ?? '')
  if (!loaded.ok) return fail(io, loaded.error)
  let report: ConformanceReport = loaded.value
  if (values.waivers !== undefined) {
    // The catalogue of both sides, and the report's own ids in case it predates a renamed rule.
    const known = [...CATALOGUE.map((rule) => rule.id), ...report.results.map((r) => r.ruleId)]
    const waivers = await loadWaiverFile(values.waivers, known)
    if (!waivers.ok) return fail(io, waivers.error)
    report = applyWaivers(report, waivers.value)
    for (const w of report.waivers ?? []) {
      if (w.state === 'expired')
        io.stderr(`warning: waiver for ${w.rule} expired on ${w.expires ?? '?'}; ignored\n`)
    }
  }
  if (values.baseline !== undefined) {
    const base = await loadReportFile(values.baseline)
    if (!base.ok) return fail(io, base.error)
    report = { ...report, baseline: diffReports(base.value, report) }
  }
  const written = await writeReports(report, formats.formats, values.out ?? DEFAULT_OUT_DIR)
  io.stdout(`${written.join('\n')}\n`)
  return EXIT_OK
}

async function diff(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = read.parse(args, DIFF_OPTIONS, 'report diff')
  if (values.help) return (io.stdout(USAGE), EXIT_OK)
  if (positionals.length !== 2) {
    throw new UsageError(
      `report diff: expected BASE.json and NEW.json, got ${positionals.length} file arguments`,
    )
  }
  const format = values.format ?? 'text'
  if (!isDiffFormat(format))
    throw new UsageError(`report diff: --format must be text, md or json, not "${format}"`)
  const [basePath = '', nextPath = ''] = positionals
  const base = await loadReportFile(basePath)
  if (!base.ok) return fail(io, base.error)
  const next = await loadReportFile(nextPath)
  if (!next.ok) return fail(io, next.error)
  const doc = diffDocument(diffReports(base.value, next.value), base.value, next.value)
  io.stdout(renderDiff(doc, format))
  return doc.mustRegressions > 0 ? EXIT_FAILED : EXIT_OK
}

function isDiffFormat(format: string): format is DiffFormat {
  return format === 'text' || format === 'md' || format === 'json'
}

function fail(io: CommandIo, message: string): number {
  io.stderr(`error: ${message}\n`)
  return EXIT_USAGE
}
