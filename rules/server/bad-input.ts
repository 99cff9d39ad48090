/**
 * Hostile and broken input (RFC 7644 §3.12; SPEC §2.1): malformed JSON, wrong media types, oversized
 * and deeply nested bodies, bodies of the wrong JSON type, odd query parameters and ids. Every one is
 * a 4xx with a SCIM error, never a 5xx and never a stored identity.
 *
 * @module
 */
import { createUserBody } from '../../driver/entra/requests.ts'
import type { HttpAnswer, HttpRequest } from '../../driver/http/types.ts'
import { defineServerRule } from './define.ts'
import type { Findings } from './findings.ts'
import { type ErrorExpectation } from './findings.ts'
import { entraTutorial, rfc7644, spec } from './sources.ts'
import { SCIM_CONTENT_TYPE } from '../../model/scim-protocol.ts'
import { createUser } from './steps.ts'
import { resourcePath } from '../../driver/http/resource-path.ts'

export const MALFORMED_JSON = [
  '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":',
  "{'userName':'single-quoted'}",
  '{"userName":"a",}',
]
export const TRUNCATED_PATCH = '{"Operations":[{"op":"replace"'
export const NOT_AN_OBJECT = ['[]', '[{"userName":"a"}]', '"a user"', '42', 'null', '']

/** Largest body the mock accepts by default (SPEC §2.1); the probe goes a little over it. */
const ONE_MIB = 1024 * 1024

function noServerError(f: Findings, answer: HttpAnswer, what: string): boolean {
  return f.check(
    answer.status < 500,
    `${what}: the server failed with ${answer.status}; bad input must be a 4xx`,
    answer,
    '4xx',
    answer.status,
  )
}

function expectRefused(
  f: Findings,
  answer: HttpAnswer,
  expectation: ErrorExpectation,
  what: string,
): void {
  if (noServerError(f, answer, what)) f.scimError(answer, expectation, what)
}

export const malformedJson = defineServerRule({
  id: 'SRV-INPUT-001',
  level: 'MUST',
  title: 'Malformed JSON answers 400 with a SCIM error',
  profile: 'rfc',
  area: 'bad-input',
  tags: ['bad-input', 'errors'],
  sources: [
    rfc7644('3.12'),
    spec('2.1', '400 invalidSyntax for malformed JSON'),
    { kind: 'entra-doc', ref: 'Microsoft SCIM reference tests: malformed JSON → 400' },
  ],
  fix: 'Catch JSON parse errors and answer 400 with a SCIM error (scimType "invalidSyntax") and a detail naming the problem.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    for (const rawBody of MALFORMED_JSON) {
      expectRefused(
        f,
        await ctx.http.send({ method: 'POST', path: '/Users', rawBody }),
        { status: 400, scimType: 'invalidSyntax', scimTypeAdvisory: true },
        `POST /Users with ${JSON.stringify(rawBody.slice(0, 30))}`,
      )
    }
    const patch = await ctx.http.send({
      method: 'PATCH',
      path: resourcePath('Users', user.id),
      rawBody: TRUNCATED_PATCH,
    })
    expectRefused(
      f,
      patch,
      { status: 400, scimType: 'invalidSyntax', scimTypeAdvisory: true },
      'PATCH with truncated JSON',
    )
    return f.list
  },
})

export const wrongMediaType = defineServerRule({
  id: 'SRV-INPUT-002',
  // Not an RFC MUST: RFC 7644 §3.1 and §8.1 say what a server must accept, not that it must refuse
  // other media types. The 415 is ClearID's documented limit (SPEC §2.1), and reading a text/plain
  // body as JSON harms nobody, so it is a ClearID-profile SHOULD.
  level: 'SHOULD',
  title: 'A body sent as text/plain (or without a media type) is refused with 415 or 400',
  profile: 'clearid',
  area: 'bad-input',
  tags: ['bad-input', 'content-type'],
  sources: [
    spec('2.1', '415 for media types other than application/scim+json or application/json'),
  ],
  fix: 'Refuse request bodies whose Content-Type is not application/scim+json or application/json with 415 (or 400) and a SCIM error.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const body = createUserBody(ctx.data.user(), ctx.dialect, ctx.entra.mapping)
      const answer = await ctx.http.send({ method: 'POST', path: '/Users', body, contentType })
      expectRefused(f, answer, { status: [415, 400] }, `POST /Users as ${contentType}`)
    }
    return f.list
  },
})

export const malformedJsonMediaType = defineServerRule({
  id: 'SRV-INPUT-007',
  level: 'MUST',
  title: 'The error for malformed JSON is sent as application/scim+json',
  profile: 'entra',
  area: 'bad-input',
  tags: ['bad-input', 'errors', 'content-type'],
  // SRV-ERR-003 probes write errors with well-formed bodies; a server whose JSON parser fails
  // before the SCIM layer often answers with its framework's application/json error instead.
  sources: [
    rfc7644('8.1'),
    entraTutorial(
      'application/scim+json on all responses (the Validator warns on application/json)',
    ),
    spec('2.1', 'always answer application/scim+json'),
  ],
  fix: 'Catch JSON parse errors in the SCIM layer and answer them like every other error, with Content-Type: application/scim+json.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    for (const rawBody of MALFORMED_JSON) {
      const what = `POST /Users with ${JSON.stringify(rawBody.slice(0, 30))}`
      const answer = await ctx.http.send({ method: 'POST', path: '/Users', rawBody })
      // A wrong status is SRV-INPUT-001's finding: only the media type of a 4xx is judged here.
      if (answer.status < 400 || answer.status >= 500) continue
      const type = answer.headers['content-type'] ?? ''
      f.check(
        type.split(';')[0]?.trim().toLowerCase() === SCIM_CONTENT_TYPE,
        `${what}: the error's Content-Type must be ${SCIM_CONTENT_TYPE}`,
        answer,
        SCIM_CONTENT_TYPE,
        type || '(absent)',
      )
    }
    return f.list
  },
})

export const oversizedBody = defineServerRule({
  id: 'SRV-INPUT-003',
  level: 'MUST',
  title: 'A body over the size limit answers 413 with a SCIM error',
  profile: 'clearid',
  area: 'bad-input',
  tags: ['bad-input', 'limits'],
  sources: [rfc7644('3.12'), spec('2.1', '413 for oversized bodies (> 1 MiB by default)')],
  fix: 'Stop reading bodies past the limit and answer 413 Payload Too Large with a SCIM error saying the limit.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const body = createUserBody(
      ctx.data.user({ ext: { description: 'x'.repeat(ONE_MIB + 64 * 1024) } }),
      ctx.dialect,
      ctx.entra.mapping,
    )
    const answer = await ctx.http.send({ method: 'POST', path: '/Users', body })
    expectRefused(f, answer, { status: 413 }, 'POST /Users with a 1.06 MiB body')
    return f.list
  },
})

/** `{"a":{"a":…}}` nested `depth` levels, built as text so the harness itself cannot overflow. */
function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
}

export const deepNesting = defineServerRule({
  id: 'SRV-INPUT-004',
  level: 'MUST',
  title: 'Deeply nested JSON answers 400, never 5xx',
  profile: 'clearid',
  area: 'bad-input',
  tags: ['bad-input', 'limits', 'security'],
  sources: [rfc7644('3.12'), spec('2.1', 'bad input: 4xx with a SCIM error, never 5xx')],
  fix: 'Bound the nesting depth of request JSON and answer deeper bodies with 400 invalidSyntax instead of recursing until the stack overflows.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const valid = JSON.stringify(createUserBody(ctx.data.user(), ctx.dialect, ctx.entra.mapping))
    const rawBody = `${valid.slice(0, -1)},"nestedProbe":${nested(10_000)}}`
    const answer = await ctx.http.send({ method: 'POST', path: '/Users', rawBody })
    expectRefused(f, answer, { status: 400 }, 'POST /Users with 10,000 levels of nesting')
    return f.list
  },
})

export const wrongJsonType = defineServerRule({
  id: 'SRV-INPUT-005',
  level: 'MUST',
  title: 'A body that is a JSON array, string, number, null or empty answers 400',
  profile: 'rfc',
  area: 'bad-input',
  tags: ['bad-input', 'errors'],
  sources: [rfc7644('3.3'), rfc7644('3.12')],
  fix: 'Require a JSON object for User bodies and answer anything else with 400 (invalidSyntax) and a SCIM error.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    for (const rawBody of NOT_AN_OBJECT) {
      const answer = await ctx.http.send({ method: 'POST', path: '/Users', rawBody })
      expectRefused(
        f,
        answer,
        { status: 400, scimType: ['invalidSyntax', 'invalidValue'], scimTypeAdvisory: true },
        `POST /Users with body ${JSON.stringify(rawBody)}`,
      )
    }
    return f.list
  },
})

export const oddQueries = defineServerRule({
  id: 'SRV-INPUT-006',
  level: 'MUST',
  title: 'Odd query parameters and ids never cause a 5xx',
  profile: 'rfc',
  area: 'bad-input',
  tags: ['bad-input', 'read-only', 'paging'],
  sources: [rfc7644('3.4.2.4'), spec('2.3', '400 on anything unparseable, never 500')],
  fix: 'Validate query parameters and ids: answer 200 with a sensible default or 400 with a SCIM error, never 5xx.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    const probes: HttpRequest[] = [
      { method: 'GET', path: '/Users?startIndex=abc' },
      { method: 'GET', path: '/Users?count=abc' },
      { method: 'GET', path: '/Users?count=99999999999999999999' },
      { method: 'GET', path: '/Users?attributes=,,,&excludedAttributes=' },
      {
        method: 'GET',
        path: `/Users?filter=${'('.repeat(500)}userName+eq+%22a%22${')'.repeat(500)}`,
      },
      { method: 'GET', path: `/Users/${'x'.repeat(2000)}` },
      { method: 'GET', path: '/Users/%00%ff' },
    ]
    for (const probe of probes) {
      const answer = await ctx.http.send(probe)
      const what = `GET ${probe.path.slice(0, 60)}`
      if (noServerError(f, answer, what) && answer.status >= 400)
        f.scimError(answer, { status: answer.status }, what)
    }
    return f.list
  },
})
