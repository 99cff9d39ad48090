/**
 * How many attribute expressions a parsed filter holds: the work a scan does per resource grows
 * with it, so the mock weighs a filter by it before scanning (`scim/search-users.ts`).
 *
 * @module
 */
import type { FilterNode } from './ast.ts'

/** Comparisons and `pr` tests, those inside value filters included. */
export function countClauses(node: FilterNode): number {
  switch (node.kind) {
    case 'compare':
    case 'present':
      return 1
    case 'and':
    case 'or':
      return countClauses(node.left) + countClauses(node.right)
    case 'not':
      return countClauses(node.expr)
    case 'valuePath':
      return countClauses(node.filter) + (node.op === undefined ? 0 : 1)
  }
}
