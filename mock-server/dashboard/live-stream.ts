/**
 * The dashboard's live feed (`GET /_dashboard/accounts/{id}/live`, server-sent events, behind the
 * admin token): new exchanges as table rows with the client audit's verdict, and a nudge when the
 * account's identities or faults change, so the page refreshes those tabs.
 *
 * Why it polls (every 200 ms, only while a page is connected) rather than subscribing to the
 * traffic log: a listener makes the log flush on every request instead of in batches, which would
 * put the dashboard's cost on the request path of every client under load. Identity events are a
 * flag set by a listener, cheap enough to subscribe to for the stream's lifetime.
 *
 * The poll runs on the event loop the SCIM requests share, and judging an exchange is the costly
 * part (the client rules read its history: a millisecond or two with a full log). So one poll spends
 * at most `BUDGET_MS` on new rows and leaves the rest to the next: a client's exchanges all reach
 * the page, judged, a little later during a burst; a flood no longer slows the mock down, and the
 * page, once it is `MAX_ROWS_PER_EVENT` behind, skips ahead as a reconnecting page does.
 *
 * Events: `hello` `{lastSeq, lastRequestSeq, judged}`; `traffic` `{rows: [{seq, route, verdict,
 * html}]}` for the SCIM exchanges; `requests` (the same rows) for the REST calls, from the request
 * log with its own seq numbers; `identities` `{}`; `faults` `{}`. A comment line every 15 s keeps proxies from closing the
 * connection.
 *
 * @module
 */
import type { Context } from 'hono'
import { streamSSE, type SSEStreamingApi } from 'hono/streaming'
import type { MockContext } from '../context.ts'
import { restRouteOf, routeOf, verdictOf } from './exchange-summary.ts'
import type { JudgedTraffic } from './judged-traffic.ts'
import { requestRow, trafficRow } from './traffic-views.ts'

export const POLL_MS = 200
/** What one poll may spend on new rows (judging them, mostly): a tenth of the interval. */
export const BUDGET_MS = POLL_MS / 10
const HEARTBEAT_MS = 15_000
/** Rows sent at most in one event: a page that reconnects after a flood gets the newest ones. */
export const MAX_ROWS_PER_EVENT = 200

export interface LiveFeed {
  readonly ctx: MockContext
  readonly judged: JudgedTraffic
  readonly accountId: string
  /** `/_dashboard/accounts/{id}`. */
  readonly base: string
  /** The newest seq the page has; 0 sends the latest rows the log holds. */
  readonly since: number
  /** The same for the REST request log (its own seq numbers). */
  readonly requestsSince: number
}

export function liveStream(c: Context, feed: LiveFeed): Response {
  return streamSSE(
    c,
    (stream) => run(stream, feed),
    // A failure ends this stream; the page reconnects. Nothing to tell the console about.
    async () => undefined,
  )
}

async function run(stream: SSEStreamingApi, feed: LiveFeed): Promise<void> {
  const { ctx, accountId } = feed
  let identitiesChanged = false
  const unsubscribe = ctx.events.subscribe((event) => {
    if (event.accountId === accountId) identitiesChanged = true
  })
  stream.onAbort(unsubscribe)
  try {
    let sent = Math.max(0, feed.since)
    let sentRequests = Math.max(0, feed.requestsSince)
    let storeSignature = storeSignatureOf(ctx, accountId)
    let faultSignature = faultSignatureOf(ctx)
    let lastWrite = Date.now()
    const lastSeq = ctx.traffic.stats(accountId).lastSeq
    const lastRequestSeq = ctx.requestLog.lastSeq(accountId)
    await send(stream, 'hello', { lastSeq, lastRequestSeq, judged: feed.judged.judges })
    while (!stream.aborted && !stream.closed) {
      const newest = ctx.traffic.stats(accountId).lastSeq
      if (newest > sent) {
        const rows = rowsAfter(feed, sent)
        // No row: the log was cleared since (its seq numbers go on).
        sent = rows.at(-1)?.seq ?? newest
        if (rows.length > 0) {
          await send(stream, 'traffic', { rows })
          lastWrite = Date.now()
        }
      }
      if (ctx.requestLog.lastSeq(accountId) > sentRequests) {
        const rows = requestRowsAfter(feed, sentRequests)
        sentRequests = ctx.requestLog.lastSeq(accountId)
        if (rows.length > 0) {
          await send(stream, 'requests', { rows })
          lastWrite = Date.now()
        }
      }
      const store = storeSignatureOf(ctx, accountId)
      if (identitiesChanged || store !== storeSignature) {
        identitiesChanged = false
        storeSignature = store
        await send(stream, 'identities', {})
        lastWrite = Date.now()
      }
      const faults = faultSignatureOf(ctx)
      if (faults !== faultSignature) {
        faultSignature = faults
        await send(stream, 'faults', {})
        lastWrite = Date.now()
      }
      if (Date.now() - lastWrite >= HEARTBEAT_MS) {
        await stream.write(': keep-alive\n\n')
        lastWrite = Date.now()
      }
      await stream.sleep(POLL_MS)
    }
  } finally {
    unsubscribe()
  }
}

function send(stream: SSEStreamingApi, event: string, data: unknown): Promise<void> {
  return stream.writeSSE({ event, data: JSON.stringify(data) })
}

/**
 * The rows of the exchanges after `since`, oldest first, from the newest `MAX_ROWS_PER_EVENT`: as
 * many as `BUDGET_MS` allows, one at least.
 */
export function rowsAfter(
  feed: Pick<LiveFeed, 'ctx' | 'judged' | 'accountId' | 'base'>,
  since: number,
) {
  const records = feed.ctx.traffic.records(feed.accountId)
  const rows = []
  const stop = performance.now() + BUDGET_MS
  const first = Math.max(0, records.length - MAX_ROWS_PER_EVENT)
  for (let index = first; index < records.length; index++) {
    const record = records[index]!
    if (record.seq <= since) continue
    if (rows.length > 0 && performance.now() > stop) break
    const findings = feed.judged.findings(feed.accountId, records, index)
    rows.push({
      seq: record.seq,
      route: routeOf(record.request.method, record.request.path),
      verdict: verdictOf(findings),
      fault: record.fault !== undefined,
      html: String(trafficRow(feed.base, record, findings)),
    })
  }
  return rows
}

/**
 * The rows of the REST calls after `since`, oldest first, at most `MAX_ROWS_PER_EVENT` (the SCIM
 * surface's own entries in the request log are left out: the traffic rows show them).
 */
export function requestRowsAfter(
  feed: Pick<LiveFeed, 'ctx' | 'accountId' | 'base'>,
  since: number,
) {
  const entries = feed.ctx.requestLog.after(feed.accountId, since, 'scim')
  return entries.slice(-MAX_ROWS_PER_EVENT).map((entry) => ({
    seq: entry.seq,
    route: restRouteOf(entry.method, entry.path),
    verdict: 'unjudged',
    fault: false,
    html: String(requestRow(feed.base, entry)),
  }))
}

function storeSignatureOf(ctx: MockContext, accountId: string): string {
  return `${ctx.store.count(accountId, true)}/${ctx.store.count(accountId, false)}`
}

/** Changes with every fault change, also in other accounts (a rare extra refresh, never a missed one). */
function faultSignatureOf(ctx: MockContext): number {
  return ctx.faults.version
}
