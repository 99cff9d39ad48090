/**
 * Entra's Test Connection (research/entra.md §1.8): random-GUID lookups that must answer 200 with an
 * empty ListResponse, on `/Users` and on `/Groups` even though ClearID has no groups.
 *
 * @module
 */
import { CLEARID_USER_EXTENSION } from '../../model/attributes.ts'
import { lookupPath } from '../../driver/entra/requests.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import { defineServerRule } from './define.ts'
import type { Findings } from './findings.ts'
import { entraTutorial, msValidator, okta, spec } from './sources.ts'

function expectEmptyList(f: Findings, answer: HttpAnswer, what: string): void {
  const list = f.listResponse(answer, what)
  if (!list) return
  f.check(list.totalResults === 0, `${what}: totalResults must be 0`, answer, 0, list.totalResults)
  f.check(
    Array.isArray(list.raw.Resources) && list.Resources.length === 0,
    `${what}: "Resources" should be present as an empty array`,
    answer,
    [],
    list.raw.Resources,
  )
}

export const userProbe = defineServerRule({
  id: 'SRV-CONN-001',
  level: 'MUST',
  title: 'Test Connection: a random-GUID userName lookup answers 200 with an empty list',
  profile: 'entra',
  area: 'test-connection',
  tags: ['entra', 'read-only', 'filter', 'test-connection'],
  sources: [
    entraTutorial('Test Connection queries a non-existent user with a random GUID and expects 200'),
    msValidator('Filter for a non-existing user'),
    okta('Check the random user does not exist'),
  ],
  fix: 'Answer GET /Users?filter=userName+eq+%22<guid>%22 with 200 and {"totalResults":0,"Resources":[]}; never 404 for "no match".',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    const { users } = await ctx.entra.testConnection(ctx.data.guid())
    expectEmptyList(f, users, 'GET /Users?filter=userName eq "<random guid>"')
    return f.list
  },
})

export const groupProbe = defineServerRule({
  id: 'SRV-CONN-002',
  level: 'MUST',
  title: 'Test Connection: the /Groups probe answers 200 with an empty list',
  profile: 'entra',
  area: 'test-connection',
  tags: ['entra', 'read-only', 'groups', 'test-connection'],
  sources: [
    entraTutorial('Test Connection also fetches a random group'),
    spec('2.1', 'GET /Groups (any filter) answers 200 with an empty ListResponse'),
  ],
  fix: 'Answer GET /Groups?excludedAttributes=members&filter=displayName+eq+%22<guid>%22 with 200 and an empty ListResponse, even though groups are not supported: a 404 breaks Test Connection.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    const { groups: answer } = await ctx.entra.testConnection(ctx.data.guid())
    expectEmptyList(
      f,
      answer,
      'GET /Groups?excludedAttributes=members&filter=displayName eq "<random guid>"',
    )
    return f.list
  },
})

export const externalIdProbe = defineServerRule({
  id: 'SRV-CONN-003',
  level: 'MUST',
  title: 'Test Connection on externalId: a random-GUID lookup answers 200 with an empty list',
  profile: 'clearid',
  area: 'test-connection',
  tags: ['entra', 'read-only', 'filter', 'test-connection'],
  sources: [
    entraTutorial('Test Connection probes the configured matching attribute'),
    spec('2.2', 'extension externalId is the synchronization key'),
  ],
  fix: `Answer a lookup on ${CLEARID_USER_EXTENSION}:externalId (and on the short name externalId) with 200 and an empty list when nothing matches.`,
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    for (const attribute of [`${CLEARID_USER_EXTENSION}:externalId`, 'externalId']) {
      const answer = await ctx.http.send({
        method: 'GET',
        path: lookupPath(attribute, ctx.data.guid()),
      })
      expectEmptyList(f, answer, `GET /Users?filter=${attribute} eq "<random guid>"`)
    }
    return f.list
  },
})
