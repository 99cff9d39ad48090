/**
 * A small collector that turns expectations about an HTTP answer into findings, each carrying the
 * exchange that shows it. Checks gather every problem instead of stopping at the first; helpers
 * return whether the expectation held so a check can stop when later steps would be meaningless.
 *
 * @module
 */
import type { HttpAnswer } from '../../driver/http/types.ts'
import type { Finding } from '../../model/rule.ts'
import { SCIM_LIST_SCHEMA } from '../../model/scim-protocol.ts'
import { excerpt } from '../../driver/http/excerpt.ts'

export type Json = Record<string, unknown>

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export interface ListBody {
  readonly totalResults: number
  readonly Resources: readonly Json[]
  readonly startIndex?: unknown
  readonly itemsPerPage?: unknown
  readonly raw: Json
}

export interface ErrorExpectation {
  readonly status: number | readonly number[]
  readonly scimType?: string | readonly string[]
  /** Words the `detail` must contain (case-insensitive), e.g. the attribute name. */
  readonly mentions?: readonly string[]
  /**
   * The `scimType` is a recommendation only (RFC 7644 §3.12 makes it optional): a missing or other
   * keyword is a warning, not an error.
   */
  readonly scimTypeAdvisory?: boolean
}

function statusText(status: number | readonly number[]): string {
  return typeof status === 'number' ? String(status) : status.join(' or ')
}

function statusMatches(actual: number, expected: number | readonly number[]): boolean {
  return typeof expected === 'number' ? actual === expected : expected.includes(actual)
}

export class Findings {
  private readonly items: Finding[] = []

  get list(): readonly Finding[] {
    return this.items
  }

  get failed(): boolean {
    return this.items.some((finding) => finding.severity === 'error')
  }

  add(finding: Finding): void {
    this.items.push(finding)
  }

  error(message: string, answer?: HttpAnswer, expected?: unknown, actual?: unknown): false {
    this.push('error', message, answer, expected, actual)
    return false
  }

  warning(message: string, answer?: HttpAnswer, expected?: unknown, actual?: unknown): void {
    this.push('warning', message, answer, expected, actual)
  }

  info(message: string, answer?: HttpAnswer): void {
    this.push('info', message, answer)
  }

  /** Records an error unless `condition` holds; returns `condition`. */
  check(
    condition: boolean,
    message: string,
    answer?: HttpAnswer,
    expected?: unknown,
    actual?: unknown,
  ): boolean {
    if (!condition) this.error(message, answer, expected, actual)
    return condition
  }

  /** The HTTP status is one of `expected`. */
  status(answer: HttpAnswer, expected: number | readonly number[], what: string): boolean {
    if (statusMatches(answer.status, expected)) return true
    const detail = errorDetail(answer)
    return this.error(
      `${what}: expected HTTP ${statusText(expected)}, got ${answer.status}${detail ? ` (${detail})` : ''}`,
      answer,
      statusText(expected),
      answer.status,
    )
  }

  /** A SCIM error: the status, optionally the `scimType`, and words the `detail` must mention. */
  scimError(answer: HttpAnswer, expectation: ErrorExpectation, what: string): boolean {
    if (!this.status(answer, expectation.status, what)) return false
    const body = isObject(answer.body) ? answer.body : undefined
    let ok = this.check(
      body !== undefined,
      `${what}: the error answer has no JSON body`,
      answer,
      'a SCIM Error body',
      excerpt(answer.text, 200),
    )
    if (!body) return false
    const { scimType, mentions = [] } = expectation
    if (scimType !== undefined) {
      const allowed = typeof scimType === 'string' ? [scimType] : scimType
      const message = `${what}: expected scimType "${allowed.join('" or "')}", got ${JSON.stringify(body.scimType)}`
      if (!allowed.includes(String(body.scimType))) {
        if (expectation.scimTypeAdvisory) {
          this.warning(message, answer, allowed.join(' or '), body.scimType)
        } else {
          ok = this.error(message, answer, allowed.join(' or '), body.scimType)
        }
      }
    }
    const detail = typeof body.detail === 'string' ? body.detail.toLowerCase() : ''
    for (const word of mentions) {
      ok =
        this.check(
          detail.includes(word.toLowerCase()),
          `${what}: the error detail should name "${word}" so the admin knows what to fix`,
          answer,
          `detail mentioning "${word}"`,
          body.detail,
        ) && ok
    }
    return ok
  }

  /** A `ListResponse` (RFC 7644 §3.4.2) with HTTP 200; returns it, or undefined after a finding. */
  listResponse(answer: HttpAnswer, what: string): ListBody | undefined {
    if (!this.status(answer, 200, what)) return undefined
    const body = answer.body
    if (!isObject(body)) {
      this.error(
        `${what}: the answer is not a JSON object`,
        answer,
        'ListResponse',
        excerpt(answer.text, 200),
      )
      return undefined
    }
    const schemas = Array.isArray(body.schemas) ? body.schemas : []
    this.check(
      schemas.includes(SCIM_LIST_SCHEMA),
      `${what}: "schemas" must contain ${SCIM_LIST_SCHEMA}`,
      answer,
      [SCIM_LIST_SCHEMA],
      body.schemas,
    )
    const total = body.totalResults
    if (
      !this.check(
        Number.isInteger(total),
        `${what}: "totalResults" must be an integer`,
        answer,
        'integer',
        total,
      )
    ) {
      return undefined
    }
    const resources = body.Resources ?? []
    if (!Array.isArray(resources) || !resources.every(isObject)) {
      this.error(`${what}: "Resources" must be an array of resources`, answer, 'array', resources)
      return undefined
    }
    return {
      totalResults: total as number,
      Resources: resources,
      startIndex: body.startIndex,
      itemsPerPage: body.itemsPerPage,
      raw: body,
    }
  }

  private push(
    severity: Finding['severity'],
    message: string,
    answer?: HttpAnswer,
    expected?: unknown,
    actual?: unknown,
  ): void {
    this.items.push({
      severity,
      message,
      ...(expected === undefined ? {} : { expected }),
      ...(actual === undefined ? {} : { actual }),
      ...(answer ? { exchange: answer.exchange } : {}),
    })
  }
}

/** `detail` of a SCIM error answer, shortened, for messages. */
export function errorDetail(answer: HttpAnswer): string | undefined {
  const location = answer.headers.location
  if (answer.status >= 300 && answer.status < 400 && location !== undefined)
    return `a redirect to ${excerpt(location, 160)}, which the harness does not follow`
  const body = answer.body
  if (!isObject(body) || typeof body.detail !== 'string') return undefined
  return body.detail.length > 160 ? `${excerpt(body.detail, 160)}…` : body.detail
}
