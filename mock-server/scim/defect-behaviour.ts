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

/** Validation defects: each one lets the issues it names through. */
const IGNORED_ISSUES: Partial<Record<keyof DefectSwitches, (issue: ValidationIssue) => boolean>> = {
  'accept-two-letter-country-code': (issue) =>
    issue.rule === 'countryCode' && /"[A-Za-z]{2}"/.test(issue.message),
  'missing-username-accepted': (issue) =>
    issue.rule === 'required' && issue.attribute === 'userName',
  'missing-display-name-accepted': (issue) =>
    issue.rule === 'required' && issue.attribute === 'displayName',
  'missing-external-id-accepted': (issue) =>
    issue.rule === 'required' && issue.attribute === 'externalId',
  'first-or-last-name-not-required': (issue) => issue.rule === 'firstOrLastName',
  'email-format-unchecked': (issue) => issue.rule === 'email' && issue.attribute === 'email',
  'secondary-email-unchecked': (issue) =>
    issue.rule === 'email' && issue.attribute === 'secondaryEmail',
}

/** The validation issues left once the validation defects that are on have dropped theirs. */
export function defectIssues(
  defects: DefectSwitches | undefined,
  issues: ValidationIssue[],
): ValidationIssue[] {
  if (!defects || issues.length === 0) return issues
  const ignored = Object.entries(IGNORED_ISSUES).flatMap(([id, test]) =>
    on(defects, id as keyof DefectSwitches) && test ? [test] : [],
  )
  return ignored.length === 0 ? issues : issues.filter((issue) => !ignored.some((t) => t(issue)))
}

/**
 * Uniqueness defects: the conflicting write answers as if stored (it is not).
 * `allow-duplicate-external-id`, `duplicate-username-allowed`, `username-uniqueness-case-sensitive`
 * (a case variant of a taken userName is not a conflict).
 */
export function defectAcceptsDuplicate(
  ctx: MockContext,
  conflict: { attribute: string; value: string },
  accountId: string,
): boolean {
  if (conflict.attribute === 'externalId') return on(ctx.defects, 'allow-duplicate-external-id')
  if (on(ctx.defects, 'duplicate-username-allowed')) return true
  return (
    on(ctx.defects, 'username-uniqueness-case-sensitive') &&
    ctx.store.findByUserName(accountId, conflict.value)?.userName !== conflict.value
  )
}

/** `accept-foreign-key`: a key of any account opens every account. */
export function defectForeignKeyAccepted(ctx: MockContext, key: string): boolean {
  return (
    on(ctx.defects, 'accept-foreign-key') &&
    ctx.accounts.list().some((account) => ctx.accounts.verifyScimKey(account.id, key))
  )
}

/** `foreign-key-distinct-detail`: the 401 for another account's key says the key is valid elsewhere. */
export function defectForeignKeyDetail(ctx: MockContext, key: string): string | undefined {
  if (!on(ctx.defects, 'foreign-key-distinct-detail')) return undefined
  return ctx.accounts.list().some((account) => ctx.accounts.verifyScimKey(account.id, key))
    ? 'This SCIM key belongs to another account.'
    : undefined
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
