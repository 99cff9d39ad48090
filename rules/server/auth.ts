/**
 * Authentication (SPEC §2.1): the account SCIM key as a Bearer token; 401 with a SCIM error and a
 * `WWW-Authenticate: Bearer` challenge otherwise; a key of another account reveals nothing.
 *
 * @module
 */
import { createUserBody } from '../../driver/entra/requests.ts'
import type { AuthChoice, HttpAnswer, HttpRequest } from '../../driver/http/types.ts'
import type { ServerCheckContext } from './context.ts'
import { defineServerRule } from './define.ts'
import type { Findings } from './findings.ts'
import { isObject } from './findings.ts'
import { entraTutorial, okta, rfc6750, rfc7644, spec } from './sources.ts'
import { usersQuery } from './steps.ts'
import { SCIM_ERROR_SCHEMA } from '../../model/scim-protocol.ts'
import { resourcePath } from '../../driver/http/resource-path.ts'

const WRONG_KEY = 'cc-wrong-key-0000000000000000000000000000'

/** 401, a Bearer challenge, and an Error body with a detail. */
function expectUnauthorized(f: Findings, answer: HttpAnswer, what: string): void {
  if (!f.status(answer, 401, what)) return
  const challenge = answer.headers['www-authenticate'] ?? ''
  f.check(
    /^bearer\b/i.test(challenge),
    `${what}: a 401 must carry "WWW-Authenticate: Bearer …" (RFC 6750 §3)`,
    answer,
    'Bearer …',
    challenge || '(absent)',
  )
  const body = isObject(answer.body) ? answer.body : undefined
  const schemas = Array.isArray(body?.schemas) ? body.schemas : []
  f.check(
    schemas.includes(SCIM_ERROR_SCHEMA),
    `${what}: the 401 body must be a SCIM error`,
    answer,
    [SCIM_ERROR_SCHEMA],
    body?.schemas,
  )
  // RFC 7644 §3.12 makes "detail" optional: a missing one is advice, not a failure.
  if (typeof body?.detail !== 'string' || body.detail === '') {
    f.warning(
      `${what}: the 401 body should say what is wrong in "detail"`,
      answer,
      'non-empty detail',
      body?.detail,
    )
  }
}

function probes(guid: string): HttpRequest[] {
  return [
    { method: 'GET', path: '/Users' },
    { method: 'GET', path: usersQuery(`userName eq "${guid}"`) },
    { method: 'GET', path: resourcePath('Users', guid) },
  ]
}

async function expectAllUnauthorized(ctx: ServerCheckContext, auth: AuthChoice, label: string) {
  const f = ctx.findings
  for (const probe of probes(ctx.data.guid())) {
    const answer = await ctx.http.send({ ...probe, auth })
    expectUnauthorized(f, answer, `${probe.method} ${probe.path.split('?')[0]} ${label}`)
  }
  return f.list
}

export const missingKey = defineServerRule({
  id: 'SRV-AUTH-001',
  level: 'MUST',
  title: 'A request without a key gets 401, a SCIM error and a Bearer challenge',
  // RFC 7644 §2 and RFC 6750 §3: an RFC rule, so `--profile rfc` checks the challenge.
  profile: 'rfc',
  area: 'auth',
  tags: ['auth', 'read-only', 'security'],
  sources: [
    rfc7644('2'),
    rfc6750('3'),
    spec('2.1', 'missing/invalid key: 401, SCIM error body, WWW-Authenticate: Bearer'),
    okta('Check status 401'),
  ],
  fix: 'Reject requests without "Authorization: Bearer <SCIM key>" with 401, a SCIM Error body and "WWW-Authenticate: Bearer".',
  writes: false,
  check: (ctx) => expectAllUnauthorized(ctx, 'none', 'without a key'),
})

export const wrongKey = defineServerRule({
  id: 'SRV-AUTH-002',
  level: 'MUST',
  title: 'A wrong key gets 401, a SCIM error and a Bearer challenge',
  profile: 'rfc',
  area: 'auth',
  tags: ['auth', 'read-only', 'security'],
  sources: [
    rfc7644('2'),
    rfc6750('3.1'),
    spec('2.1', 'missing/invalid key: 401'),
    entraTutorial('401 is reported as invalid credentials'),
    okta('Check status 401'),
  ],
  fix: 'Compare the Bearer token with the account SCIM key (in constant time) and answer 401 with a SCIM error when it differs.',
  writes: false,
  check: (ctx) => expectAllUnauthorized(ctx, { bearer: WRONG_KEY }, 'with a wrong key'),
})

const needsOtherAccount = (facts: { hasOtherAccount: boolean }) =>
  facts.hasOtherAccount
    ? undefined
    : 'needs a second account: pass --other-account-url and --other-account-key'

export const foreignKey = defineServerRule({
  id: 'SRV-AUTH-003',
  level: 'MUST',
  title: "Another account's key gets 401 and reveals nothing about this account",
  profile: 'clearid',
  area: 'auth',
  tags: ['auth', 'read-only', 'security', 'multi-account'],
  sources: [
    spec('2.1', 'a key of account A used on account B: 401, and nothing about B is revealed'),
  ],
  fix: 'Scope each SCIM key to its own account: a valid key of account A used on account B must get the same 401 as an unknown key, with no data.',
  writes: false,
  applies: needsOtherAccount,
  check: async (ctx) => {
    const f = ctx.findings
    for (const account of ['main', 'other'] as const) {
      const answer = await ctx.http.send({
        method: 'GET',
        path: '/Users',
        auth: 'foreign-key',
        account,
      })
      const label =
        account === 'main'
          ? "on this account with the other account's key"
          : "on the other account with this account's key"
      expectUnauthorized(f, answer, `GET /Users ${label}`)
      const body = isObject(answer.body) ? answer.body : {}
      f.check(
        !('Resources' in body) && !('totalResults' in body),
        `GET /Users ${label}: the 401 must not carry any list data`,
        answer,
        'no Resources/totalResults',
        Object.keys(body),
      )
    }
    return f.list
  },
})

export const foreignKeyIndistinguishable = defineServerRule({
  id: 'SRV-AUTH-004',
  level: 'SHOULD',
  title: "Another account's key is indistinguishable from an unknown key",
  profile: 'clearid',
  area: 'auth',
  tags: ['auth', 'read-only', 'security', 'multi-account'],
  sources: [spec('2.1', 'nothing about B is revealed')],
  fix: 'Give a key of another account exactly the same 401 (status, challenge, detail) as an unknown key, so a caller cannot learn which keys or accounts exist.',
  writes: false,
  applies: needsOtherAccount,
  check: async (ctx) => {
    const f = ctx.findings
    const foreign = await ctx.http.send({ method: 'GET', path: '/Users', auth: 'foreign-key' })
    const wrong = await ctx.http.send({
      method: 'GET',
      path: '/Users',
      auth: { bearer: WRONG_KEY },
    })
    const detailOf = (a: HttpAnswer) => (isObject(a.body) ? a.body.detail : undefined)
    f.check(
      foreign.status === wrong.status,
      'the status differs from the one an unknown key gets',
      foreign,
      wrong.status,
      foreign.status,
    )
    f.check(
      detailOf(foreign) === detailOf(wrong),
      'the error detail differs from the one an unknown key gets, which tells a caller the key is valid elsewhere',
      foreign,
      detailOf(wrong),
      detailOf(foreign),
    )
    return f.list
  },
})

export const basicScheme = defineServerRule({
  id: 'SRV-AUTH-005',
  level: 'SHOULD',
  title: 'A non-Bearer Authorization scheme gets 401',
  profile: 'rfc',
  area: 'auth',
  tags: ['auth', 'read-only', 'security'],
  sources: [rfc7644('2'), spec('2.1', 'Auth: Authorization: Bearer <SCIM key>')],
  fix: 'Accept only the Bearer scheme; answer 401 with a Bearer challenge for Basic or any other scheme.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    const basic = btoa(`demo:${WRONG_KEY}`)
    const answer = await ctx.http.send({
      method: 'GET',
      path: '/Users',
      auth: { authorization: `Basic ${basic}` },
    })
    expectUnauthorized(f, answer, 'GET /Users with Basic authentication')
    return f.list
  },
})

export const writeWithoutKey = defineServerRule({
  id: 'SRV-AUTH-006',
  level: 'MUST',
  title: 'A create without a key gets 401 and creates nothing',
  profile: 'clearid',
  area: 'auth',
  tags: ['auth', 'security', 'create'],
  sources: [rfc7644('2'), spec('2.1', 'missing/invalid key: 401')],
  fix: 'Authenticate before parsing or applying any write; an unauthenticated POST must not create an identity.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const values = ctx.data.user()
    const body = createUserBody(values, ctx.dialect, ctx.entra.mapping)
    const answer = await ctx.http.send({ method: 'POST', path: '/Users', body, auth: 'none' })
    expectUnauthorized(f, answer, 'POST /Users without a key')
    const lookup = await ctx.entra.findUser('userName', values.userName)
    const list = f.listResponse(lookup, 'lookup after the refused create')
    if (list) {
      f.check(
        list.totalResults === 0,
        'the refused create must not have stored the identity',
        lookup,
        0,
        list.totalResults,
      )
    }
    return f.list
  },
})
