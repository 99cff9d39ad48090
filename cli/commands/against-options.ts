/**
 * `--against URL [--account ID] [--sts URL]` of the previews before a synchronization (`csv
 * check`, `graph preview`): what the options mean, their check, and the classifier they give
 * (the target's identities read through its REST API, read-only).
 *
 * @module
 */
import { classifierFor, readTarget, type Classifier } from '../../driver/rest/known-identities.ts'
import { UsageError, type CliIo } from '../io.ts'
import type * as read from '../parse.ts'

export const AGAINST_OPTIONS = {
  against: { type: 'string' },
  account: { type: 'string' },
  sts: { type: 'string' },
} as const satisfies read.OptionsConfig

export const AGAINST_HELP = `  --against URL          compare with a target's identities, read-only: the identity service base
                         URL (the mock: http://localhost:8080/identityservice); credentials from
                         CLEARID_CLIENT_ID and CLEARID_CLIENT_SECRET
  --account ID           the target account (with --against; default: default)
  --sts URL              the token service base URL (default: --against's origin + /sts)`

export interface AgainstSettings {
  readonly against?: string
  readonly account: string
  readonly sts?: string
}

export function againstSettingsOf(values: {
  readonly against?: string | undefined
  readonly account?: string | undefined
  readonly sts?: string | undefined
}): AgainstSettings {
  if (values.against === undefined && (values.account !== undefined || values.sts !== undefined))
    throw new UsageError('--account and --sts go with --against URL.')
  for (const [option, value] of [
    ['against', values.against],
    ['sts', values.sts],
  ] as const) {
    if (value !== undefined && (!/^https?:\/\//i.test(value) || !URL.canParse(value)))
      throw new UsageError(`--${option} must be an http(s) URL, got "${value.slice(0, 200)}".`)
  }
  return {
    ...(values.against !== undefined && { against: values.against }),
    account: values.account ?? 'default',
    ...(values.sts !== undefined && { sts: values.sts }),
  }
}

/** The target's identities as a classifier; undefined without `--against`. */
export async function againstClassifier(
  settings: AgainstSettings,
  io: CliIo,
): Promise<Classifier | undefined> {
  if (settings.against === undefined) return undefined
  const env = io.env ?? {}
  const clientId = env.CLEARID_CLIENT_ID
  const clientSecret = env.CLEARID_CLIENT_SECRET
  if (!clientId || !clientSecret)
    throw new UsageError(
      '--against reads the target through its REST API: set CLEARID_CLIENT_ID and CLEARID_CLIENT_SECRET.',
    )
  const tokenService = settings.sts ?? new URL('/sts', settings.against).href
  const { byExternalId, truncated } = await readTarget({
    identityService: settings.against,
    tokenService,
    accountId: settings.account,
    clientId,
    clientSecret,
    ...(io.fetch && { fetch: io.fetch }),
  })
  io.stderr(
    `Read ${byExternalId.size} identities with an External ID from ${settings.against}${truncated ? ' (the list was cut at 2,000,000 entries or 100,000 pages: the rest is not compared)' : ''}.\n`,
  )
  return classifierFor(byExternalId)
}
