/**
 * Error bodies and media types (RFC 7644 §3.1, §3.12, §8.1; SPEC §2.1, §2.3): the Error schema with
 * `status` as a string, a `detail`, a valid `scimType`; `application/scim+json` on every answer;
 * requests accepted as `application/json` and with a charset.
 *
 * @module
 */
import { createUserBody } from '../../driver/entra/requests.ts'
import type { HttpAnswer, HttpRequest } from '../../driver/http/types.ts'
import { defineServerRule } from './define.ts'
import type { Findings } from './findings.ts'
import { isObject } from './findings.ts'
import { MALFORMED_JSON, NOT_AN_OBJECT, TRUNCATED_PATCH } from './bad-input.ts'
import { MALFORMED_PATCHES } from './patch-invariants.ts'
import { patchBody } from './patch.ts'
import { entraTutorial, okta, rfc7644, spec } from './sources.ts'
import { createUser, usersQuery } from './steps.ts'
import { SCIM_CONTENT_TYPE, SCIM_ERROR_SCHEMA } from '../../model/scim-protocol.ts'
import { resourcePath } from '../../driver/http/resource-path.ts'
import { excerpt } from '../../driver/http/excerpt.ts'

const SCIM_TYPES = [
  'invalidFilter',
  'tooMany',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'invalidVers',
  'sensitive',
]

/** Provoked errors that need no data: 404, 400 invalidFilter, 401. */
function errorProbes(guid: string): (HttpRequest & { label: string })[] {
  return [
    { label: 'GET /Users/{unknown id}', method: 'GET', path: resourcePath('Users', guid) },
    { label: 'GET /Users?filter=<invalid>', method: 'GET', path: usersQuery('userName eq') },
    { label: 'GET /Users without a key', method: 'GET', path: '/Users', auth: 'none' },
  ]
}

function checkErrorShape(f: Findings, answer: HttpAnswer, what: string): void {
  const body = isObject(answer.body) ? answer.body : undefined
  if (
    !f.check(
      body !== undefined,
      `${what}: the error must have a JSON body`,
      answer,
      'SCIM Error',
      excerpt(answer.text, 120),
    )
  )
    return
  const b = body as Record<string, unknown>
  const schemas = Array.isArray(b.schemas) ? b.schemas : []
  f.check(
    schemas.includes(SCIM_ERROR_SCHEMA),
    `${what}: "schemas" must contain ${SCIM_ERROR_SCHEMA}`,
    answer,
    [SCIM_ERROR_SCHEMA],
    b.schemas,
  )
  f.check(
    b.status === String(answer.status),
    `${what}: "status" must be the HTTP status as a string`,
    answer,
    String(answer.status),
    b.status,
  )
  f.check(
    typeof b.detail === 'string' && b.detail.trim() !== '',
    `${what}: "detail" must say what was wrong`,
    answer,
    'non-empty string',
    b.detail,
  )
  if (b.scimType !== undefined) {
    f.check(
      SCIM_TYPES.includes(String(b.scimType)),
      `${what}: "scimType" must be a keyword of RFC 7644 §3.12`,
      answer,
      SCIM_TYPES,
      b.scimType,
    )
  }
}

export const errorShape = defineServerRule({
  id: 'SRV-ERR-001',
  level: 'MUST',
  title: 'Errors use the SCIM Error schema with status as a string and a detail',
  profile: 'rfc',
  area: 'errors',
  tags: ['errors', 'read-only'],
  sources: [
    rfc7644('3.12'),
    entraTutorial('give status as a string'),
    spec('2.3', 'errors: Error URN, status as a string, scimType, detail'),
    okta('Check status 401 (status is a string)'),
  ],
  fix: 'Render every 4xx/5xx as {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"<code as string>","scimType":…,"detail":"…"}.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    for (const probe of errorProbes(ctx.data.guid())) {
      const answer = await ctx.http.send(probe)
      if (f.check(answer.status >= 400, `${probe.label} must fail`, answer, '4xx', answer.status))
        checkErrorShape(f, answer, probe.label)
    }
    return f.list
  },
})

function checkScimContentType(f: Findings, answer: HttpAnswer, what: string): void {
  const type = answer.headers['content-type'] ?? ''
  f.check(
    type.split(';')[0]?.trim().toLowerCase() === SCIM_CONTENT_TYPE,
    `${what}: Content-Type must be ${SCIM_CONTENT_TYPE}`,
    answer,
    SCIM_CONTENT_TYPE,
    type || '(absent)',
  )
}

export const readContentType = defineServerRule({
  id: 'SRV-ERR-002',
  level: 'MUST',
  title: 'Reads and errors answer with Content-Type application/scim+json',
  profile: 'entra',
  area: 'errors',
  tags: ['errors', 'read-only', 'content-type'],
  sources: [
    rfc7644('8.1'),
    entraTutorial(
      'application/scim+json on all responses (the Validator warns on application/json)',
    ),
    spec('2.1', 'always answer application/scim+json'),
  ],
  fix: 'Send Content-Type: application/scim+json on every SCIM answer with a body, successes and errors alike.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    const reads = [
      '/ServiceProviderConfig',
      '/Schemas',
      '/ResourceTypes',
      '/Users?count=1',
      usersQuery(`userName eq "${ctx.data.guid()}"`),
    ]
    for (const path of reads) {
      const answer = await ctx.http.send({ method: 'GET', path })
      if (f.status(answer, 200, `GET ${path.split('?')[0]}`))
        checkScimContentType(f, answer, `GET ${path.split('?')[0]}`)
    }
    for (const probe of errorProbes(ctx.data.guid()))
      checkScimContentType(f, await ctx.http.send(probe), probe.label)
    return f.list
  },
})

export const writeContentType = defineServerRule({
  id: 'SRV-ERR-003',
  level: 'MUST',
  title: 'Creates, updates and write errors answer with Content-Type application/scim+json',
  profile: 'entra',
  area: 'errors',
  tags: ['errors', 'content-type'],
  sources: [rfc7644('8.1'), entraTutorial('application/scim+json on all responses')],
  fix: 'Send Content-Type: application/scim+json on 201, 200 and error answers to writes.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    checkScimContentType(f, user.answer, 'POST /Users (201)')
    const patched = await ctx.entra.patchRaw(
      user.id,
      patchBody([{ op: 'replace', path: 'displayName', value: 'Typed Answer' }]),
    )
    if (patched.status === 200) checkScimContentType(f, patched, 'PATCH /Users/{id} (200)')
    const duplicate = await ctx.entra.createUser(user.values)
    if (f.status(duplicate, 409, 'duplicate POST'))
      checkScimContentType(f, duplicate, 'POST /Users (409)')
    return f.list
  },
})

export const requestMediaTypes = defineServerRule({
  id: 'SRV-ERR-004',
  level: 'MUST',
  title:
    'Request bodies are accepted as application/scim+json and application/json, with a charset',
  profile: 'clearid',
  area: 'errors',
  tags: ['content-type', 'create'],
  sources: [
    rfc7644('8.1'),
    entraTutorial('bodies arrive as application/scim+json; charset=utf-8'),
    spec('2.1', 'accept application/scim+json and application/json (with or without charset)'),
  ],
  fix: 'Accept request bodies labelled application/scim+json or application/json, with or without "; charset=utf-8".',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    for (const contentType of [
      'application/json',
      'application/scim+json; charset=utf-8',
      'application/json; charset=utf-8',
      'application/scim+json',
    ]) {
      const body = createUserBody(ctx.data.user(), ctx.dialect, ctx.entra.mapping)
      const answer = await ctx.http.send({ method: 'POST', path: '/Users', body, contentType })
      f.status(answer, 201, `POST /Users with Content-Type ${contentType}`)
    }
    return f.list
  },
})

export const unknownEndpoint = defineServerRule({
  id: 'SRV-ERR-005',
  level: 'SHOULD',
  title: 'An unknown endpoint under the SCIM base answers 404 with a SCIM error',
  profile: 'rfc',
  area: 'errors',
  tags: ['errors', 'read-only'],
  sources: [rfc7644('3.12')],
  fix: 'Answer unknown paths under the SCIM base with 404 and a SCIM Error body, not an HTML page.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    for (const path of ['/Devices', '/Users/.well-known/nothing']) {
      f.scimError(await ctx.http.send({ method: 'GET', path }), { status: 404 }, `GET ${path}`)
    }
    return f.list
  },
})

export const malformedIsInvalidSyntax = defineServerRule({
  id: 'SRV-ERR-006',
  level: 'MUST',
  title: 'Malformed JSON, non-object bodies and broken PatchOps carry scimType invalidSyntax',
  profile: 'clearid',
  area: 'errors',
  tags: ['errors', 'bad-input', 'patch'],
  sources: [
    rfc7644('3.12'),
    spec('2.1', '400 invalidSyntax for malformed JSON'),
    spec('2.3', 'PATCH malformed: 400 invalidSyntax'),
  ],
  fix: 'Answer every request body that cannot be read as the expected message (unparseable JSON, not an object, a PatchOp without a valid Operations array or op) with 400 and scimType "invalidSyntax".',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const expectation = { status: 400, scimType: 'invalidSyntax' }
    for (const rawBody of [...MALFORMED_JSON.slice(0, 1), ...NOT_AN_OBJECT.slice(0, 2)]) {
      const answer = await ctx.http.send({ method: 'POST', path: '/Users', rawBody })
      f.scimError(answer, expectation, `POST /Users with ${JSON.stringify(rawBody.slice(0, 30))}`)
    }
    const user = await createUser(ctx)
    const path = resourcePath('Users', user.id)
    const truncated = await ctx.http.send({ method: 'PATCH', path, rawBody: TRUNCATED_PATCH })
    f.scimError(truncated, expectation, 'PATCH with truncated JSON')
    for (const [label, body] of MALFORMED_PATCHES.slice(0, 3)) {
      f.scimError(await ctx.entra.patchRaw(user.id, body), expectation, `PATCH with ${label}`)
    }
    return f.list
  },
})
