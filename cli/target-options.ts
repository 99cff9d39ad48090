/**
 * `--target URL --key KEY` (or `CLEARID_SCIM_KEY`), `--other-account-url/--other-account-key`:
 * which target a command talks to. Without `--target`, the in-process mock.
 *
 * @module
 */
import type { Target } from '../suites/targets/target.ts'
import { inProcessTarget } from '../suites/targets/in-process.ts'
import { urlTarget } from '../suites/targets/url.ts'
import { UsageError, type CliIo } from './io.ts'
import { baseUrl, type OptionsConfig } from './parse.ts'

export const TARGET_OPTIONS = {
  target: { type: 'string' },
  key: { type: 'string' },
  'other-account-url': { type: 'string' },
  'other-account-key': { type: 'string' },
} as const satisfies OptionsConfig

export const TARGET_HELP = `Target:
  --target URL               SCIM base URL of a deployment (default: the mock, in-process, no port)
  --key KEY                  its SCIM key (prefer the environment variable CLEARID_SCIM_KEY)
  --other-account-url URL    a second account's SCIM base, for the cross-account check
  --other-account-key KEY    its key (or CLEARID_OTHER_SCIM_KEY)`

interface TargetValues {
  target?: string | undefined
  key?: string | undefined
  'other-account-url'?: string | undefined
  'other-account-key'?: string | undefined
}

export function targetFrom(values: TargetValues, io: CliIo): Target {
  const env = io.env ?? {}
  if (values.target === undefined) {
    if (values.key !== undefined || values['other-account-url'] !== undefined) {
      throw new UsageError('--key and --other-account-* need --target URL')
    }
    return inProcessTarget()
  }
  const key = values.key ?? env.CLEARID_SCIM_KEY
  if (key === undefined || key === '') {
    throw new UsageError('--target needs a SCIM key: pass --key KEY or set CLEARID_SCIM_KEY')
  }
  const otherUrl = values['other-account-url']
  const otherKey = values['other-account-key'] ?? env.CLEARID_OTHER_SCIM_KEY
  if ((otherUrl === undefined) !== (otherKey === undefined || otherKey === '')) {
    throw new UsageError(
      '--other-account-url and --other-account-key (or CLEARID_OTHER_SCIM_KEY) go together',
    )
  }
  return urlTarget({
    url: baseUrl('target', values.target),
    key,
    ...(otherUrl !== undefined && otherKey
      ? { otherUrl: baseUrl('other-account-url', otherUrl), otherKey }
      : {}),
    ...(io.fetch ? { fetch: io.fetch } : {}),
  })
}
