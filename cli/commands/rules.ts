/**
 * `rules`: the catalogue as a table (or JSON with `--json`), filtered like `run`.
 *
 * @module
 */
import { CLIENT_RULES, CSV_RULES, GRAPH_RULES, RULES } from '../../rules/index.ts'
import type { RuleMeta } from '../../model/rule.ts'
import { selectRules } from '../../suites/runner/select.ts'
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from '../io.ts'
import * as read from '../parse.ts'
import { RULE_LEVELS } from '../../model/rule.ts'

const OPTIONS = {
  json: { type: 'boolean' },
  side: { type: 'string' },
  rule: { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true },
  level: { type: 'string', multiple: true },
  profile: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies read.OptionsConfig

const HELP = `Usage: clearid-conformance rules [--json] [--side server|client|file|source|all] [--rule ID] [--tag TAG] [--level LEVEL] [--profile PROFILE]

Lists the rule catalogue: id, level, profile, area, whether the rule writes (W) and whether it runs
once per Entra dialect (D), and its title. --side picks server rules (judged by \`run\`, the
default), client rules (judged by \`verify-client\`), file rules (judged by \`csv check\`), source
rules (judged by \`graph preview\`) or all. --json prints every field, sources and fix hints
included.
`

/** The catalogue entry without the check function. */
export function describeRule(rule: RuleMeta): Record<string, unknown> {
  const meta: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(rule))
    if (typeof value !== 'function') meta[key] = value
  return meta
}

type Listed = RuleMeta & { readonly writes?: boolean; readonly perDialect?: boolean }

function rulesOfSide(side: string | undefined): readonly Listed[] {
  if (side === undefined || side === 'server') return RULES
  if (side === 'client') return CLIENT_RULES
  if (side === 'file' || side === 'csv') return CSV_RULES
  if (side === 'source' || side === 'graph') return GRAPH_RULES
  if (side === 'all') return [...RULES, ...CLIENT_RULES, ...CSV_RULES, ...GRAPH_RULES]
  throw new UsageError(`--side must be server, client, file, source or all; got "${side}".`)
}

function table(rules: readonly Listed[], width: number): string {
  const header = `${'ID'.padEnd(16)} ${'LEVEL'.padEnd(6)} ${'PROFILE'.padEnd(7)} ${'AREA'.padEnd(15)} W D TITLE`
  const lines = rules.map((rule) => {
    const head = `${rule.id.padEnd(16)} ${rule.level.padEnd(6)} ${rule.profile.padEnd(7)} ${rule.area.padEnd(15)} ${rule.writes ? 'W' : '-'} ${rule.perDialect ? 'D' : '-'} `
    const room = Math.max(20, width - head.length)
    return head + (rule.title.length > room ? `${rule.title.slice(0, room - 1)}…` : rule.title)
  })
  const counts = RULE_LEVELS.map(
    (level) => `${rules.filter((r) => r.level === level).length} ${level}`,
  )
  return `${header}\n${lines.join('\n')}\n\n${rules.length} rules (${counts.join(', ')})\n`
}

export async function rulesCommand(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values } = read.parse(argv, OPTIONS, 'rules')
    if (values.help) {
      io.stdout(HELP)
      return EXIT_OK
    }
    const rules = selectRules(rulesOfSide(values.side), {
      ids: read.listOf(values.rule),
      tags: read.listOf(values.tag),
      levels: read.levels(values.level),
      profiles: read.profiles(values.profile),
    })
    io.stdout(
      values.json
        ? `${JSON.stringify(rules.map(describeRule), null, 2)}\n`
        : table(rules, io.columns ?? 120),
    )
    return EXIT_OK
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.stderr(`clearid-conformance: ${error.message}\n`)
    return EXIT_USAGE
  }
}
