/**
 * The console preview of `graph preview`: a line per user (first ones only) with its outcome (with
 * `--against`, what writing the identity does to the target's), External ID, name, e-mail, roles
 * and credentials, then the totals.
 *
 * @module
 */
import type { GraphPreview, GraphPreviewEntry } from '../../graph/preview.ts'

const OUTCOME: Record<GraphPreviewEntry['outcome'], string> = {
  create: 'identity',
  refused: 'REFUSED',
  'role only': 'role only',
}

function credentialText(entry: GraphPreviewEntry): string {
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

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

export function renderGraphPreview(preview: GraphPreview, count: number): string {
  const { totals } = preview
  const first = preview.entries.slice(0, count)
  const lines: string[] = []
  if (first.length > 0) {
    lines.push(`Preview (first ${first.length} of ${totals.users} users):`)
    lines.push(
      `  ${'OUTCOME'.padEnd(10)}${'EXTERNAL ID'.padEnd(38)}${'NAME'.padEnd(24)}${'E-MAIL'.padEnd(30)}${'ROLES'.padEnd(16)}CREDENTIALS`,
    )
    for (const entry of first) {
      const email = typeof entry.attributes.email === 'string' ? entry.attributes.email : ''
      const outcome = entry.change ?? OUTCOME[entry.outcome]
      lines.push(
        `  ${outcome.padEnd(10)}${cut(entry.externalId ?? '(none)', 37)} ${cut(entry.displayName || '(no name)', 23)} ${cut(email, 29)} ${cut(entry.roles.join(', '), 15)} ${credentialText(entry)}`,
      )
      if (entry.errors)
        lines.push(
          `            ${entry.errors[0]?.slice(0, 110)}${entry.errors.length > 1 ? ` (+${entry.errors.length - 1} more)` : ''}`,
        )
      if (entry.changes)
        lines.push(`            changes: ${entry.changes.join(', ').slice(0, 110)}`)
    }
  }
  lines.push(
    `ClearID would synchronize ${plural(totals.identities, 'identity', 'identities')} with ${plural(totals.credentials, 'credential')} from ${plural(totals.users, 'user')}; ${totals.refused} refused; ${totals.roleOnly} in a role only.`,
  )
  if (totals.compared)
    lines.push(
      `Against the target: ${totals.compared.create} to create, ${totals.compared.update} to update, ${totals.compared.unchanged} unchanged in their values (${totals.compared.notCompared.join(', ')} not compared).`,
    )
  const roles = Object.entries(totals.roles)
  if (roles.length > 0) lines.push(`Roles: ${roles.map(([role, n]) => `${role} ${n}`).join(', ')}.`)
  return `${lines.join('\n')}\n\n`
}
