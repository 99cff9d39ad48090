/**
 * Client rules about lookup filters. ClearID-style matching (and Entra's) looks a user up with one
 * `eq` on userName, externalId or id; anything else depends on a full filter engine ClearID may not
 * have, and may miss users (then the create that follows gets 409).
 *
 * @module
 */
import type { FilterNode } from '../../mock-server/scim/filter/index.ts'
import { defineClientRule, type ClientFinding, type TrafficRecord } from './client-rule.ts'
import { tryParse } from './inspect/lookups.ts'
import { statusOf, userFilterOf } from './inspect/requests.ts'
import { entraHow, entraTutorial, rfc7644, spec } from './sources.ts'

const MATCHING = new Set(['username', 'externalid', 'id'])

const noFilters = (session: readonly TrafficRecord[]) =>
  session.some((r) => userFilterOf(r) !== undefined)
    ? undefined
    : 'No User lookup with a filter was sent.'

/** Every attribute comparison in the filter, with its operator (`pr` for presence). */
function comparisons(node: FilterNode): { attribute: string; op: string }[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...comparisons(node.left), ...comparisons(node.right)]
    case 'not':
      return comparisons(node.expr)
    case 'present':
      return [{ attribute: node.path.name, op: 'pr' }]
    case 'compare':
      return [
        {
          attribute: node.path.subAttr ? `${node.path.name}.${node.path.subAttr}` : node.path.name,
          op: node.op,
        },
      ]
    case 'valuePath':
      return [{ attribute: `${node.path.name}[…]`, op: node.op ?? 'filter' }]
  }
}

function judgeFilter(
  exchange: TrafficRecord,
  pick: (c: { attribute: string; op: string }, filter: string) => ClientFinding | undefined,
): ClientFinding[] {
  const filter = userFilterOf(exchange)
  const node = filter === undefined ? undefined : tryParse(filter)
  if (filter === undefined || !node) return []
  return comparisons(node).flatMap((c) => {
    const finding = pick(c, filter)
    return finding ? [finding] : []
  })
}

export const validFilters = defineClientRule({
  id: 'CLI-FILTER-001',
  level: 'MUST',
  title: 'Filters are valid SCIM filter expressions',
  profile: 'rfc',
  area: 'filter',
  tags: ['filter', 'bad-input'],
  sources: [rfc7644('3.4.2.2'), spec('2.3', 'anything unparseable: 400 invalidFilter')],
  fix: 'Build filters per RFC 7644 §3.4.2.2: attribute, operator, and a JSON-quoted value (userName eq "alice@contoso.com"), form-encoded in the query.',
  notApplicable: (session) =>
    session.some((r) => r.request.query.includes('filter=') || userFilterOf(r) !== undefined)
      ? undefined
      : 'No request sent a filter.',
  check: (exchange) => {
    if (statusOf(exchange) !== 400 || exchange.rejection?.scimType !== 'invalidFilter') return []
    const filter =
      new URLSearchParams(exchange.request.query).get('filter') ?? userFilterOf(exchange)
    return [
      {
        key: 'invalid',
        message: `The filter ${JSON.stringify(filter ?? '').slice(0, 160)} was refused as invalid (400 invalidFilter).`,
        actual: filter,
      },
    ]
  },
})

export const matchingAttributes = defineClientRule({
  id: 'CLI-FILTER-002',
  level: 'SHOULD',
  title: 'User lookups filter on userName, externalId or id',
  profile: 'entra',
  area: 'filter',
  tags: ['filter', 'matching'],
  sources: [
    entraHow('the target is queried by the matching attribute'),
    entraTutorial('filter userName eq and externalId eq'),
  ],
  fix: 'Look users up by the matching attribute only: filter=userName eq "…" or externalId eq "…" (or GET /Users/{id} with the id ClearID returned).',
  notApplicable: noFilters,
  check: (exchange) =>
    judgeFilter(exchange, (c, filter) =>
      MATCHING.has(c.attribute.toLowerCase())
        ? undefined
        : {
            key: c.attribute.toLowerCase(),
            message: `The lookup filter ${JSON.stringify(filter).slice(0, 160)} matches on ${c.attribute}, which is not a ClearID matching attribute (userName, externalId, id).`,
            actual: c.attribute,
          },
    ),
})

export const equalityLookups = defineClientRule({
  id: 'CLI-FILTER-003',
  level: 'SHOULD',
  title: 'User lookups compare with eq',
  profile: 'entra',
  area: 'filter',
  tags: ['filter', 'matching'],
  sources: [
    entraHow('matching is an equality query on the matching attribute'),
    rfc7644('3.4.2.2'),
  ],
  fix: 'Match users with eq on the whole value; co/sw/ew and ordering operators can match several users or the wrong one.',
  notApplicable: noFilters,
  check: (exchange) =>
    judgeFilter(exchange, (c, filter) =>
      MATCHING.has(c.attribute.toLowerCase()) && c.op !== 'eq'
        ? {
            key: `${c.attribute.toLowerCase()} ${c.op}`,
            message: `The lookup filter ${JSON.stringify(filter).slice(0, 160)} uses "${c.op}" on ${c.attribute}; matching expects eq.`,
            actual: c.op,
          }
        : undefined,
    ),
})
