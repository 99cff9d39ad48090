/**
 * Defect switches (mock-server/defects.ts): the deliberate misbehaviour each one turns on, kept in
 * one place so the routes carry only a marked one-line call. Used by the harness's sensitivity
 * tests to prove a rule can fail; never on by default.
 *
 * @module
 */
import type { ValidationIssue } from '../../model/validate.ts'
import type { DefectSwitches } from '../defects.ts'
import { badRequest, notFound } from '../errors/api-error.ts'
import type { MockContext } from '../context.ts'

const on = (defects: DefectSwitches | undefined, id: keyof DefectSwitches): boolean =>
  defects?.[id] === true

/** `wrong-total-results`: totalResults is the page size instead of the number of matches. */
export function defectTotalResults(
  ctx: MockContext,
  totalResults: number,
  pageSize: number,
): number {
  return on(ctx.defects, 'wrong-total-results') ? pageSize : totalResults
}

/** `case-sensitive-username-filter`: the `userName eq` lookup compares exactly. */
export function defectCaseSensitiveUserName<T extends { userName: string }>(
  ctx: MockContext,
  found: T | undefined,
  value: string,
): T | undefined {
  return on(ctx.defects, 'case-sensitive-username-filter') && found?.userName !== value
    ? undefined
    : found
}

/** `no-match-filter-404`: a filter without hits answers 404 instead of an empty list. */
export function defectNoMatch(
  ctx: MockContext,
  filter: string | undefined,
  totalResults: number,
): void {
  if (on(ctx.defects, 'no-match-filter-404') && filter !== undefined && totalResults === 0) {
    throw notFound('No User matches the filter.')
  }
}

/** `ignore-excluded-attributes`: excludedAttributes is read and then ignored. */
export function defectExcluded(ctx: MockContext, excluded: string[]): string[] {
  return on(ctx.defects, 'ignore-excluded-attributes') ? [] : excluded
}

/** `accept-two-letter-country-code`: "US" passes the three-letter rule. */
export function defectIssues(
  defects: DefectSwitches | undefined,
  issues: ValidationIssue[],
): ValidationIssue[] {
  if (!on(defects, 'accept-two-letter-country-code')) return issues
  return issues.filter(
    (issue) => !(issue.rule === 'countryCode' && /"[A-Za-z]{2}"/.test(issue.message)),
  )
}

/** `allow-duplicate-external-id`: the duplicate answers as if stored (it is not). */
export function defectAcceptsDuplicate(ctx: MockContext, attribute: string): boolean {
  return on(ctx.defects, 'allow-duplicate-external-id') && attribute === 'externalId'
}

/** `patch-ops-case-sensitive`: "Replace" (Entra's default dialect) is refused. */
export function defectRejectCapitalisedOps(ctx: MockContext, body: unknown): void {
  if (!on(ctx.defects, 'patch-ops-case-sensitive')) return
  const operations = (body as { Operations?: unknown } | null)?.Operations
  if (!Array.isArray(operations)) return
  for (const operation of operations) {
    const op = (operation as { op?: unknown } | null)?.op
    if (typeof op === 'string' && op !== op.toLowerCase()) {
      throw badRequest('invalidSyntax', `Unknown op "${op}": use "add", "replace" or "remove".`)
    }
  }
}

/** `non-atomic-patch`: when a PATCH fails, its first operation is kept anyway. */
export function defectPartialPatch(
  ctx: MockContext,
  body: unknown,
  commit: (firstOnly: unknown) => void,
): void {
  if (!on(ctx.defects, 'non-atomic-patch')) return
  const operations = (body as { Operations?: unknown } | null)?.Operations
  if (!Array.isArray(operations) || operations.length < 2) return
  try {
    commit({ ...(body as object), Operations: operations.slice(0, 1) })
  } catch {
    // The first operation alone fails too: nothing to keep.
  }
}

/** `groups-404`: GET /Groups answers 404, which breaks Entra's Test Connection. */
export function defectGroups404(ctx: MockContext): void {
  if (on(ctx.defects, 'groups-404')) throw notFound('Groups are not supported.')
}
