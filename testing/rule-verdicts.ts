/**
 * Runs chosen server rules against the mock behind a `tamper` layer and returns each rule's status,
 * so a blame test can show one server behaviour and the verdict it earns.
 *
 * @module
 */
import { runConformance } from '../suites/harness.ts'
import { startHostileServer, type Tamper } from './hostile-scim.ts'

export interface RuleVerdict {
  readonly status: string
  readonly messages: readonly string[]
  /** Why it did not run (skipped, not-applicable). */
  readonly reason?: string
}

/** Status (and finding messages) per rule id; a per-dialect rule keeps its worst dialect. */
export async function verdictsAgainst(
  tamper: Tamper,
  ids: readonly string[],
): Promise<Record<string, RuleVerdict>> {
  const key = `cc-blame-${crypto.randomUUID()}`
  const server = await startHostileServer({ key, tamper })
  try {
    const report = await runConformance({
      target: { url: server.baseUrl, key },
      rules: { ids: [...ids] },
      allowWrites: true,
    })
    const out: Record<string, RuleVerdict> = {}
    for (const result of report.results) {
      const messages = result.findings.map((finding) => finding.message)
      const seen = out[result.ruleId]
      if (seen?.status === 'failed') continue
      out[result.ruleId] = {
        status: result.status,
        messages,
        ...(result.reason ? { reason: result.reason } : {}),
      }
    }
    return out
  } finally {
    await server.close()
  }
}

/** The request's path below the account base (`/Users/abc`), without the query. */
export function pathOf(request: Request): string {
  return new URL(request.url).pathname.replace(/^.*\/accounts\/[^/]+/, '')
}
