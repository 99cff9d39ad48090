/**
 * How a check stops early without throwing past its rule: a step it depends on failed
 * (`SetupFailure`, through `setupFailed`), or the target cannot be tested on the rule's subject
 * (`RuleNotApplicable`). `defineServerRule` turns both into the rule's result.
 *
 * @module
 */
import type { HttpAnswer } from '../../driver/http/types.ts'
import type { Finding } from '../../model/rule.ts'

/**
 * The check cannot test its subject on this target (a query it needs is not supported, and the
 * rule's profile does not require it): the result is not-applicable with this reason.
 */
export class RuleNotApplicable extends Error {
  override readonly name = 'RuleNotApplicable'
}

/** A precondition of the check failed: the server did not let the rule set up its data. */
export class SetupFailure extends Error {
  override readonly name = 'SetupFailure'
  constructor(readonly finding: Finding) {
    super(finding.message)
  }
}

/**
 * Stops the check at `step` (what the harness was doing, in words: "read the identity back") with
 * an error finding that names the step and what the server answered. Findings recorded before it
 * stay in the result.
 */
export function setupFailed(step: string, problem: string, answer?: HttpAnswer): never {
  throw new SetupFailure({
    severity: 'error',
    message: `The check stopped at the step "${step}": ${problem}`,
    ...(answer ? { exchange: answer.exchange, actual: answer.status } : {}),
  })
}

/**
 * The check cannot test its subject because the server refused something the harness needs only
 * as a tool (a filter operator to find its own identities). Not a failure, and not "not
 * applicable" either: the result is skipped with "could not test: …", so a run with it is
 * incomplete rather than a pass.
 */
export class CannotTest extends Error {
  override readonly name = 'CannotTest'
}
