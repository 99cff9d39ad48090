/**
 * Client verification as a library: the traffic log's records, the audit and its report, and
 * recorded sessions (NDJSON, replay, generated regression tests).
 *
 * @module
 */
export { ClientAuditor, toExchange, type LiveFinding } from './audit.ts'
export { clientAudit } from './client-audit.ts'
export { buildClientReport, type ClientReportInfo } from './client-report.ts'
export { emitReplayTest, type EmitTestOptions } from './emit-test.ts'
export type {
  AuthState,
  RecordedRequest,
  RecordedResponse,
  TrafficRecord,
} from '../mock-server/traffic/record.ts'
export {
  inProcessTarget,
  replaySession,
  type Difference,
  type ReplayOptions,
  type ReplayResult,
  type ReplayStep,
  type ReplayTarget,
} from './replay.ts'
export {
  parseSession,
  recordsFromSession,
  SessionFormatError,
  toNdjson,
  toSessionExchange,
  type SessionExchange,
} from '../mock-server/traffic/session.ts'
export type { TrafficOptions } from '../mock-server/traffic/traffic-log.ts'
