/**
 * Steps of the rules that need the mock's control plane: scratch accounts (named with the run tag,
 * so the run may do anything in them), webhooks of the main account, delivering what is queued, and
 * a SCIM client bound to a scratch account. ClearID does these in its portal, so against a real
 * tenant these rules do not apply (`needs: ['control-plane']`).
 *
 * @module
 */
import type { HttpAnswer, HttpRequest, ScimHttp } from '../../driver/http/types.ts'
import type { ReceivedCallback } from '../../driver/rest/webhook-inbox.ts'
import { registerSecret } from '../../model/secret-values.ts'
import type { RestCheckContext, ServerCheckContext } from '../server/context.ts'
import { setupFailed } from '../server/check-stops.ts'
import { isObject, type Json } from '../server/findings.ts'
import { detailOf } from './steps.ts'

export function admin(
  rest: RestCheckContext,
  method: string,
  path: string,
  body?: unknown,
): Promise<HttpAnswer> {
  return rest.http.send({
    service: 'control',
    method,
    path,
    ...(body === undefined ? {} : { body }),
  })
}

const account = (id: string) => `/accounts/${encodeURIComponent(id)}`

export interface ScratchAccount {
  readonly accountId: string
  /** Its SCIM key, as the control plane handed it out. */
  readonly scimKey: string
}

/**
 * A scratch account of this run with a fresh SCIM key: `cc-<runId>-<name>`. Rules that rotate keys
 * or reset work there, never in the account the other rules share.
 */
export async function scratchAccount(
  ctx: ServerCheckContext,
  rest: RestCheckContext,
  name: string,
): Promise<ScratchAccount> {
  const accountId = `${rest.http.runTag}${name}`
  const made = await admin(rest, 'POST', '/accounts', { accountId })
  if (made.status !== 201 && made.status !== 409)
    setupFailed(
      'create a scratch account (POST /_admin/accounts)',
      `HTTP ${made.status}${detailOf(made)}`,
      made,
    )
  return { accountId, scimKey: await newScimKey(rest, accountId, `${ctx.ruleId} key`) }
}

/** Generates (or regenerates) the account's SCIM key; returns it. */
export async function newScimKey(
  rest: RestCheckContext,
  accountId: string,
  name: string,
): Promise<string> {
  const answer = await admin(rest, 'POST', `${account(accountId)}/scim/key`, { name })
  const key = isObject(answer.body) ? answer.body.key : undefined
  if (answer.status !== 201 || typeof key !== 'string' || key === '')
    setupFailed(
      'generate a SCIM key (POST …/scim/key)',
      `HTTP ${answer.status}${detailOf(answer)}`,
      answer,
    )
  return registerSecret(key)
}

/**
 * A SCIM client for a scratch account: Entra's requests relative to that account's SCIM base, with
 * its key, through the control plane's origin (the `mock` service, which allows writes there only).
 */
export function scratchScim(rest: RestCheckContext, scratch: ScratchAccount): ScimHttp {
  const base = `/scim/v2/accounts/${encodeURIComponent(scratch.accountId)}`
  return {
    send: (request: HttpRequest) =>
      rest.http.send({
        service: 'mock',
        method: request.method,
        path: base + request.path,
        ...(request.body === undefined ? {} : { body: request.body }),
        ...(request.rawBody === undefined ? {} : { rawBody: request.rawBody }),
        contentType:
          request.contentType === undefined ? 'application/scim+json' : request.contentType,
        ...(request.headers ? { headers: request.headers } : {}),
        auth: { bearer: scratch.scimKey },
      }),
  }
}

export interface Webhook {
  readonly id: string
  readonly url: string
  readonly appKey: string
  readonly headers: readonly { name: string; value: string }[]
}

/** A webhook of the main account for `event`, delivering to a path of its own in the inbox. */
export async function createWebhook(
  ctx: ServerCheckContext,
  rest: RestCheckContext,
  event: 'IdentityCreated' | 'IdentityUpdated',
  options: { enabled?: boolean; suffix?: string } = {},
): Promise<Webhook> {
  const inbox = rest.webhooks
  if (!inbox) setupFailed('configure a webhook', 'no webhook receiver')
  const url = inbox.urlFor(
    `${ctx.data.prefix}${options.suffix ?? event}-${ctx.data.guid().slice(0, 8)}`,
  )
  const appKey = registerSecret(`cc-app-key-${crypto.randomUUID()}`)
  const headers = [{ name: 'X-Conformance-Run', value: rest.http.runTag }]
  const answer = await admin(rest, 'POST', `${account(rest.http.endpoints.accountId)}/webhooks`, {
    name: `${rest.http.runTag}${ctx.ruleId}`,
    url,
    event,
    appKey,
    headers,
    enabled: options.enabled ?? true,
  })
  const id = isObject(answer.body) ? answer.body.webhookId : undefined
  if (answer.status !== 201 || typeof id !== 'string')
    setupFailed(
      'configure a webhook (POST /_admin/…/webhooks)',
      `HTTP ${answer.status}${detailOf(answer)}`,
      answer,
    )
  return { id, url, appKey, headers }
}

export function deleteWebhook(rest: RestCheckContext, webhook: Webhook): Promise<HttpAnswer> {
  return admin(
    rest,
    'DELETE',
    `${account(rest.http.endpoints.accountId)}/webhooks/${encodeURIComponent(webhook.id)}`,
  )
}

/** Delivers everything queued now (`POST /_admin/webhooks/drain`). */
export async function drain(rest: RestCheckContext): Promise<void> {
  const answer = await admin(rest, 'POST', '/webhooks/drain')
  if (answer.status !== 204 && answer.status !== 200)
    setupFailed(
      'deliver queued webhooks (POST /_admin/webhooks/drain)',
      `HTTP ${answer.status}`,
      answer,
    )
}

/** The callback to `webhook` about `identityId`, after delivering what is queued; undefined if none came. */
export async function callbackAbout(
  rest: RestCheckContext,
  webhook: Webhook,
  identityId: string,
  timeoutMs = 5000,
): Promise<ReceivedCallback | undefined> {
  await drain(rest)
  const about = (callback: ReceivedCallback) =>
    isObject(callback.body) &&
    isObject(callback.body.data) &&
    callback.body.data.identityId === identityId
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const match = rest.webhooks?.at(webhook.url).find(about)
    if (match || Date.now() >= deadline) return match
    const seen = rest.webhooks?.at(webhook.url).length ?? 0
    await rest.webhooks?.waitFor(webhook.url, seen + 1, Math.max(0, deadline - Date.now()))
  }
}

export type { Json }
