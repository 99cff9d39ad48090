/**
 * The shape of a conformance rule. Every check the toolkit makes, on a server's answers or on a
 * client's traffic, is one `RuleDefinition` with a stable id; `rules/index.ts` lists them in order.
 *
 * @module
 */

/** Every level, strongest first: the order reports and filters list them in. */
export const RULE_LEVELS = ['MUST', 'SHOULD', 'MAY'] as const
export type RuleLevel = (typeof RULE_LEVELS)[number]

/**
 * Which side a rule judges: the server's behaviour, a client's traffic, or both; `file`: a file
 * before it is synchronized (the Cloud CSV rules, `CSV-…`); `source`: a directory before ClearID
 * synchronizes it (the Entra ID over Graph rules, `GRAPH-…`).
 */
export type RuleSide = 'server' | 'client' | 'both' | 'file' | 'source'

/**
 * Layers of expectations. `rfc`: RFC 7643/7644 alone. `entra`: what Entra ID's provisioning service
 * needs from a server (or sends as a client). `clearid`: ClearID's documented attribute rules and the
 * mock's documented choices.
 */
export const RULE_PROFILES = ['rfc', 'entra', 'clearid'] as const
export type RuleProfile = (typeof RULE_PROFILES)[number]

export type SourceKind =
  'seed' | 'rfc' | 'entra-doc' | 'ms-validator' | 'okta' | 'clearid-doc' | 'mock-choice'

export interface RuleSource {
  readonly kind: SourceKind
  /** Human reference: "RFC 7644 §3.4.2.2", "SCIM Validator: Filter for an existing user with a different case". */
  readonly ref: string
  readonly url?: string
}

/** One problem (or observation) a check found. Checks return findings; they never throw. */
export interface Finding {
  readonly severity: 'error' | 'warning' | 'info'
  readonly message: string
  readonly expected?: unknown
  readonly actual?: unknown
  /** The request/response pair that shows it, secrets redacted. */
  readonly exchange?: Exchange
  /** Where in a file it was found (file rules); the message names the place too. */
  readonly location?: FileLocation
}

/** A place in a checked file: rows and columns count from 1, the header is row 1. */
export interface FileLocation {
  readonly file: string
  /** Record number (the header is row 1). */
  readonly row?: number
  /** Physical line the row starts on, when it differs from `row` (quoted line breaks). */
  readonly line?: number
  /** Cell number in the row. */
  readonly column?: number
  /** The header name of that column. */
  readonly columnName?: string
}

/** What both halves of an exchange carry. */
export interface ExchangeMessage {
  /** In an `Exchange` and a traffic record: lower-case names, secret-named values redacted. */
  readonly headers: Readonly<Record<string, string>>
  /** Parsed JSON, or the text when it is not JSON; large bodies are cut. */
  readonly body?: unknown
}

export interface ExchangeRequest extends ExchangeMessage {
  readonly method: string
  readonly url: string
}

export interface ExchangeResponse extends ExchangeMessage {
  readonly status: number
}

/**
 * One HTTP request and its answer, secrets redacted: what a finding and the JSON report carry. The
 * other forms of an exchange build on it and differ only where their job needs it:
 * - `TrafficRecord` (mock-server/traffic/record.ts): an exchange the mock received, with its
 *   SCIM-relative path and query, sequence number, timing, auth state, warnings and fault.
 * - `SessionExchange` (mock-server/traffic/session.ts): a record as one NDJSON line of a recorded
 *   session: no URL (it replays against any Tenant URL), time as an offset, a format version.
 * - `RawExchange` and `ExchangeNote` (mock-server/traffic): how the recorder keeps a record cheaply
 *   on the request path (text and packed bytes, redacted later in batches).
 * - `RawRequest` and `RawResponse` (driver/http/exchange.ts): what the harness sent and got, bodies
 *   as text, before redaction turns them into this type.
 * - `HttpAnswer` (driver/http/types.ts): a response as a rule reads it: parsed body, raw text,
 *   duration, and this exchange for its findings.
 */
export interface Exchange {
  readonly request: ExchangeRequest
  readonly response?: ExchangeResponse
  readonly durationMs?: number
  /** Network or timeout error when no response arrived. */
  readonly error?: string
}

/** Metadata common to every rule. The check itself lives beside it, typed by side. */
export interface RuleMeta {
  /**
   * Stable, never reused. `SRV-…` judges servers, `CLI-…` clients, `CSV-…` files, `GRAPH-…`
   * Graph sources.
   */
  readonly id: string
  readonly level: RuleLevel
  readonly title: string
  readonly side: RuleSide
  readonly profile: RuleProfile
  /** Report grouping: discovery, auth, create, read, filter, paging, projection, patch, put, delete, groups, errors, etag, bad-input, … */
  readonly area: string
  readonly tags: readonly string[]
  readonly sources: readonly RuleSource[]
  /** What to change so the rule passes. */
  readonly fix: string
  /** The Microsoft SCIM Validator test this rule mirrors, when there is one. */
  readonly msValidatorTest?: string
}

/**
 * Only the metadata of `rule` (a rule object also carries its check and flags): the one list of
 * RuleMeta fields, for the catalogue and for results.
 */
export function ruleMetaOf(rule: RuleMeta): RuleMeta {
  return {
    id: rule.id,
    level: rule.level,
    title: rule.title,
    side: rule.side,
    profile: rule.profile,
    area: rule.area,
    tags: rule.tags,
    sources: rule.sources,
    fix: rule.fix,
    ...(rule.msValidatorTest !== undefined && { msValidatorTest: rule.msValidatorTest }),
  }
}
