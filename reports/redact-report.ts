/**
 * Applies `redact.ts` to a whole report: every renderer starts here, so no output format can print
 * a secret that slipped into the model.
 *
 * @module
 */
import type { Exchange, Finding } from '../model/rule.ts'
import type { ConformanceReport, RuleResult, RunInfo } from './model.ts'
import { redactHeaders, redactString, redactUrl, redactValue } from '../model/redact.ts'

export function redactExchange(exchange: Exchange): Exchange {
  const { request, response } = exchange
  return {
    ...exchange,
    request: {
      ...request,
      url: redactUrl(request.url),
      headers: redactHeaders(request.headers),
      ...(request.body === undefined ? {} : { body: redactValue(request.body) }),
    },
    ...(response && {
      response: {
        ...response,
        headers: redactHeaders(response.headers),
        ...(response.body === undefined ? {} : { body: redactValue(response.body) }),
      },
    }),
    ...(exchange.error === undefined ? {} : { error: redactString(exchange.error) }),
  }
}

export function redactFinding(finding: Finding): Finding {
  return {
    ...finding,
    message: redactString(finding.message),
    ...('expected' in finding && { expected: redactValue(finding.expected) }),
    ...('actual' in finding && { actual: redactValue(finding.actual) }),
    ...(finding.exchange && { exchange: redactExchange(finding.exchange) }),
  }
}

export function redactResult(result: RuleResult): RuleResult {
  return {
    ...result,
    ...(result.reason === undefined ? {} : { reason: redactString(result.reason) }),
    findings: result.findings.map(redactFinding),
  }
}

function redactRun(run: RunInfo): RunInfo {
  const { target } = run
  return {
    ...run,
    target: { ...target, ...(target.url === undefined ? {} : { url: redactUrl(target.url) }) },
    ...(run.options && { options: redactValue(run.options) as Record<string, unknown> }),
  }
}

/** A copy of `report` with every URL, header, body and message passed through the redactors. */
export function redactReport(report: ConformanceReport): ConformanceReport {
  return { ...report, run: redactRun(report.run), results: report.results.map(redactResult) }
}
