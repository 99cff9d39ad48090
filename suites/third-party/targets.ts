/**
 * The third-party servers the harness is checked against, and how the harness is run on them: the
 * rfc and entra profiles of the catalogue, both Entra dialects, a fixed seed.
 *
 * @module
 */
import { resultKey } from '../../reports/result-key.ts'
import { RULES } from '../../rules/index.ts'
import { runConformance, type RunOutcome } from '../runner/run.ts'
import { urlTarget } from '../targets/url.ts'
import { startBetterAuthServer } from './better-auth-server.ts'
import type { Expectations } from './expectations.ts'
import type { RunningServer } from './listen.ts'
import { startScimmyServer } from './scimmy-server.ts'

export const THIRD_PARTY_SERVERS = {
  scimmy: startScimmyServer,
  'better-auth': startBetterAuthServer,
} satisfies Record<string, () => Promise<RunningServer>>

export type ThirdPartyName = keyof typeof THIRD_PARTY_SERVERS

export function runHarness(
  name: ThirdPartyName,
  server: RunningServer,
  expectations: Expectations,
): Promise<RunOutcome> {
  return runConformance({
    target: urlTarget({ url: server.baseUrl, key: server.token }),
    rules: RULES.filter((rule) => expectations.profiles.includes(rule.profile)),
    dialects: expectations.dialects,
    seed: 1,
    runId: `third-party-${name}`,
    allowWrites: true,
    maxCreates: 10_000,
  })
}

export function failedKeys(outcome: RunOutcome): string[] {
  return outcome.report.results
    .filter((result) => result.status === 'failed')
    .map((result) => resultKey(result))
    .sort()
}
