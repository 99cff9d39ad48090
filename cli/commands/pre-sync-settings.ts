/**
 * The options `csv check` and `graph preview` share, the checks before a synchronization: the
 * configuration, the preview, `--against`, and the report output (`report-output.ts`). One
 * definition and one reading, so the two commands cannot drift apart.
 *
 * @module
 */
import { parseFormats, type FormatName } from '../../reports/renderers/index.ts'
import { DEFAULT_OUT_DIR } from '../../reports/write.ts'
import { UsageError } from '../io.ts'
import * as read from '../parse.ts'
import { AGAINST_OPTIONS, againstSettingsOf, type AgainstSettings } from './against-options.ts'
import type { ReportOutput } from './report-output.ts'

export const PRE_SYNC_OPTIONS = {
  config: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  rule: { type: 'string', multiple: true },
  preview: { type: 'string' },
  'preview-out': { type: 'string' },
  ...AGAINST_OPTIONS,
  'require-complete': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies read.OptionsConfig

export interface PreSyncSettings extends AgainstSettings, ReportOutput {
  readonly formats: FormatName[]
  readonly previewCount: number
  readonly previewOut?: string
  readonly rules: readonly string[]
}

type PreSyncValues = ReturnType<typeof read.parse<typeof PRE_SYNC_OPTIONS>>['values']

/** The shared options' settings; the command checks and reads its own (`--config` included). */
export function preSyncSettingsOf(values: PreSyncValues): PreSyncSettings {
  const parsed = parseFormats(values.format ?? 'json,junit,md,html')
  if ('error' in parsed) throw new UsageError(`--format: ${parsed.error}`)
  if (values.out === '-' && parsed.formats.length !== 1)
    throw new UsageError(
      '--out - writes one report to stdout: pick its format, e.g. --format junit',
    )
  return {
    formats: parsed.formats,
    out: values.out ?? DEFAULT_OUT_DIR,
    previewCount: read.integer('preview', values.preview, 10),
    ...(values['preview-out'] !== undefined && { previewOut: values['preview-out'] }),
    rules: read.listOf(values.rule),
    ...againstSettingsOf(values),
    requireComplete: values['require-complete'] === true,
  }
}
