/**
 * The console preview of `csv check`: a line per identity (first rows only) with its outcome,
 * External ID, name, e-mail and credentials, then the totals.
 *
 * @module
 */
import type { PreviewCollector, PreviewEntry } from '../../csv/preview.ts'

const OUTCOME: Record<PreviewEntry['outcome'], string> = {
  create: 'create',
  update: 'update',
  unchanged: 'same',
  refused: 'REFUSED',
  sync: 'identity',
}

function credentialText(entry: PreviewEntry): string {
  return entry.credentials
    .map((c) =>
      c.rawCode !== undefined
        ? `${c.format} ${c.rawCode}`
        : `${c.format} ${c.facilityCode}:${c.cardNumber}`,
    )
    .join('; ')
}

const cut = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width)

export function renderPreview(preview: PreviewCollector, against: boolean): string {
  const { totals, first } = preview
  const lines: string[] = []
  if (first.length > 0) {
    lines.push(`Preview (first ${first.length} of ${totals.rows} rows):`)
    lines.push(
      `  ${'OUTCOME'.padEnd(9)}${'ROW'.padEnd(7)}${'EXTERNAL ID'.padEnd(22)}${'NAME'.padEnd(26)}${'E-MAIL'.padEnd(30)}CREDENTIALS`,
    )
    for (const entry of first) {
      const email = typeof entry.attributes.email === 'string' ? entry.attributes.email : ''
      lines.push(
        `  ${OUTCOME[entry.outcome].padEnd(9)}${String(entry.row).padEnd(7)}${cut(entry.externalId ?? '(none)', 21)} ${cut(entry.displayName || '(no name)', 25)} ${cut(email, 29)} ${credentialText(entry)}`,
      )
      if (entry.errors)
        lines.push(
          `           ${entry.errors[0]?.slice(0, 110)}${entry.errors.length > 1 ? ` (+${entry.errors.length - 1} more)` : ''}`,
        )
      if (entry.changes) lines.push(`           changes: ${entry.changes.join(', ').slice(0, 110)}`)
    }
  }
  const made = `${totals.identities} identit${totals.identities === 1 ? 'y' : 'ies'} and ${totals.credentials} credential${totals.credentials === 1 ? '' : 's'} from ${totals.rows} row${totals.rows === 1 ? '' : 's'}; ${totals.refused} row${totals.refused === 1 ? '' : 's'} refused`
  lines.push(`ClearID would sync ${made}.`)
  if (against)
    lines.push(
      `Against the target: ${totals.create} to create, ${totals.update} to update, ${totals.unchanged} unchanged.`,
    )
  return `${lines.join('\n')}\n\n`
}
