import { describe, expect, it } from 'vitest'
import type { Exchange, Finding } from '../model/rule.ts'
import { failureHint, withFailureHint } from './failure-hint.ts'
import type { RuleResult } from './model.ts'
import { result } from './test/builders.ts'

const URL_BASE = 'https://scim.example.com/scim/v2/accounts/acme'
const PATCH_FIX = 'Accept op names in any case, URN-prefixed paths for extension attributes.'

function answered(
  status: number,
  body?: unknown,
  headers: Record<string, string> = { 'content-type': 'application/scim+json' },
  url = `${URL_BASE}/Users/u-1`,
): Exchange {
  return {
    request: { method: 'PATCH', url, headers: {} },
    response: { status, headers, ...(body === undefined ? {} : { body }) },
  }
}

function unanswered(error: string): Exchange {
  return {
    request: { method: 'POST', url: `${URL_BASE}/Users`, headers: {} },
    error,
    durationMs: 10_000,
  }
}

function failed(findings: Finding[], overrides: Partial<RuleResult> = {}): RuleResult {
  return result({
    ruleId: 'SRV-PATCH-001',
    title: 'Entra-style PATCH operations are applied',
    area: 'patch',
    fix: PATCH_FIX,
    status: 'failed',
    findings,
    ...overrides,
  })
}

const error = (exchange: Exchange, extra: Partial<Finding> = {}): Finding => ({
  severity: 'error',
  message: 'PATCH failed',
  exchange,
  ...extra,
})

describe('failureHint: a 5xx', () => {
  it('sends the reader to the server log for a 500, instead of the rule’s hint', () => {
    const hint = failureHint(failed([error(answered(500, { message: 'NullReferenceException' }))]))
    expect(hint?.reason).toBe('server-error')
    expect(hint?.fix).toMatch(
      /^The server answered HTTP 500 Internal Server Error to PATCH \/Users\/\{id\}: the request broke it\. Look in the server's log for the exception/,
    )
    expect(hint?.fix).not.toContain('op names')
  })

  it('says a 502, 503 or 504 is an unavailable server or gateway, and a 501 a missing feature', () => {
    expect(failureHint(failed([error(answered(503))]))?.fix).toContain(
      'HTTP 503 Service Unavailable to PATCH /Users/{id}: the server, or a gateway in front of it, was down',
    )
    expect(failureHint(failed([error(answered(501))]))?.fix).toContain(
      'it does not implement this request',
    )
  })

  it('keeps the rule’s hint when the rule is about never answering 5xx', () => {
    const badInput = failed([error(answered(500))], {
      area: 'bad-input',
      fix: 'Catch JSON parse errors and answer 400 with a SCIM error.',
    })
    expect(failureHint(badInput)).toBeUndefined()
    const names5xx = failed([error(answered(500))], {
      fix: 'Answer {"Operations":[]} with 200 or 204; never fail with a 5xx.',
    })
    expect(failureHint(names5xx)).toBeUndefined()
    const groups = failed([error(answered(501))], {
      area: 'groups',
      fix: 'Answer writes to /Groups with 501 and a SCIM error.',
    })
    expect(failureHint(groups)).toBeUndefined()
  })
})

describe('failureHint: no answer', () => {
  it('names a timeout and the --timeout flag', () => {
    const hint = failureHint(failed([error(unanswered('no answer within 10000 ms (timeout)'))]))
    expect(hint?.reason).toBe('no-response')
    expect(hint?.fix).toMatch(
      /^No answer to POST \/Users within 10000 ms: the server hung on this request or is too slow/,
    )
    expect(hint?.fix).toContain('raise --timeout')
    expect(failureHint(failed([error(unanswered('The operation timed out'))]))?.fix).toMatch(
      /^No answer to POST \/Users before the timeout: /,
    )
  })

  it('sends a refused connection to the Tenant URL and the server’s health', () => {
    const hint = failureHint(failed([error(unanswered('fetch failed (ECONNREFUSED)'))]))
    expect(hint?.reason).toBe('no-response')
    expect(hint?.fix).toContain('(fetch failed (ECONNREFUSED)): the target could not be reached')
    expect(hint?.fix).toContain('Check the Tenant URL')
  })
})

describe('failureHint: a body that is not SCIM', () => {
  it('says an HTML page is not the SCIM endpoint, naming its media type', () => {
    const page = answered(200, '<html>Sign in</html>', {
      'Content-Type': 'text/html; charset=utf-8',
    })
    const hint = failureHint(failed([error(page)]))
    expect(hint?.reason).toBe('not-json')
    expect(hint?.fix).toContain('was HTTP 200 OK with a text/html body, not SCIM JSON')
  })

  it('treats JSON-labelled text that opens like an object but did not parse as not JSON', () => {
    const broken = answered(200, '{"id": "u-1",', { 'content-type': 'application/json' })
    expect(failureHint(failed([error(broken)]))?.reason).toBe('not-json')
  })

  it('does not judge a body that was cut for the report, or a JSON string value', () => {
    const cut = answered(200, '{"Resources":[… [20000 characters, cut]', {})
    expect(failureHint(failed([error(cut)]))).toBeUndefined()
    const tooLarge = answered(200, '{"Resources":[… [larger than 4 MiB: not read to its end]')
    expect(failureHint(failed([error(tooLarge)]))).toBeUndefined()
    const jsonString = answered(200, 'ok', { 'content-type': 'application/json' })
    expect(failureHint(failed([error(jsonString)]))).toBeUndefined()
  })

  it('says an error in JSON without the SCIM Error schema is why its scimType could not be read', () => {
    const plain = answered(400, { message: 'bad op' })
    const hint = failureHint(
      failed([error(plain, { expected: 'invalidValue', actual: undefined })]),
    )
    expect(hint?.reason).toBe('not-scim-error')
    expect(hint?.fix).toContain(
      'HTTP 400 Bad Request to PATCH /Users/{id} with JSON that is not a SCIM error',
    )
  })

  it('keeps the rule’s hint when the status itself was wrong, or the error was a SCIM error', () => {
    const plain = answered(400, { message: 'bad op' })
    expect(failureHint(failed([error(plain, { expected: '200', actual: 400 })]))).toBeUndefined()
    const scim = answered(400, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: 'invalidPath',
    })
    expect(failureHint(failed([error(scim)]))).toBeUndefined()
  })

  it('keeps the rule’s hint when the rule is about the form of answers', () => {
    const page = answered(404, '<html>Not found</html>', { 'content-type': 'text/html' })
    expect(failureHint(failed([error(page)], { area: 'errors' }))).toBeUndefined()
    const named = failed([error(page)], { fix: 'Answer 404 with a SCIM Error body.' })
    expect(failureHint(named)).toBeUndefined()
  })
})

describe('failureHint: what it reads', () => {
  it('reads the leading error, not a warning or a later error', () => {
    const warning: Finding = { severity: 'warning', message: 'slow', exchange: answered(500) }
    const subject = error(answered(200, { id: 'u-1' }), { message: 'op "Replace" was ignored' })
    expect(failureHint(failed([warning, subject, error(answered(500))]))).toBeUndefined()
  })

  it('leaves results alone that did not fail, judge a client, or carry no exchange', () => {
    const finding = error(answered(500))
    expect(failureHint(failed([finding], { status: 'passed' }))).toBeUndefined()
    expect(failureHint(failed([finding], { status: 'waived' }))).toBeUndefined()
    expect(failureHint(failed([finding], { side: 'client' }))).toBeUndefined()
    expect(failureHint(failed([{ severity: 'error', message: 'bug' }]))).toBeUndefined()
  })

  it('names the path from the SCIM endpoint on, without the query or the id', () => {
    const hint = (url: string) =>
      failureHint(failed([error(answered(500, undefined, {}, url))]))?.fix ?? ''
    expect(hint(`${URL_BASE}/Users?filter=userName+eq+%22a%22`)).toContain('to PATCH /Users:')
    expect(hint(`${URL_BASE}/Users/.search`)).toContain('to PATCH /Users/.search:')
    expect(hint('https://scim.example.com/api/identities/7')).toContain(
      'to PATCH /api/identities/7:',
    )
  })
})

describe('withFailureHint', () => {
  it('puts the hint in fix and keeps the rule’s own in ruleFix', () => {
    const hinted = withFailureHint(failed([error(answered(500))]))
    expect(hinted.fixReason).toBe('server-error')
    expect(hinted.ruleFix).toBe(PATCH_FIX)
    expect(hinted.fix).toContain('HTTP 500 Internal Server Error')
  })

  it('returns the result unchanged when the rule’s hint fits, and applies only once', () => {
    const fits = failed([error(answered(200, { id: 'u-1' }))])
    expect(withFailureHint(fits)).toBe(fits)
    const once = withFailureHint(failed([error(answered(500))]))
    expect(withFailureHint(once)).toBe(once)
  })
})

describe('failureHint: an answer of the REST API', () => {
  const REST = 'https://identityservice.example/api/v2/accounts/acme/identities/i-1'
  const restFailed = (exchange: Exchange) =>
    failed([error(exchange, { actual: 'x' })], {
      ruleId: 'REST-IDN-004',
      title: 'A merge PATCH changes only the members it names',
      area: 'rest-identity',
      fix: 'Apply a merge PATCH member by member.',
    })

  it('does not hold a problem-details error to the SCIM Error schema', () => {
    const problem = { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'no' }
    const exchange = answered(400, problem, { 'content-type': 'application/problem+json' }, REST)
    expect(failureHint(restFailed(exchange))).toBeUndefined()
  })

  it('sends a web page to --rest-target, not to the Tenant URL', () => {
    const page = answered(200, '<html>sign in</html>', { 'content-type': 'text/html' }, REST)
    const hint = failureHint(restFailed(page))
    expect(hint?.reason).toBe('not-json')
    expect(hint?.fix).toContain("ClearID's REST API")
    expect(hint?.fix).toContain('--rest-target')
    expect(hint?.fix).not.toContain('SCIM')
  })
})
