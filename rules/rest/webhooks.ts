/**
 * Webhooks (research/clearid.md §3): a callback per identity event to each enabled webhook of that
 * event, carrying the configured headers and the app key, with a payload valid against the event's
 * published JSON Schema, and a delivery log (callback date, URL, response). ClearID configures
 * webhooks in its portal; the mock on its control plane, so these rules need it and a receiver the
 * harness reads.
 *
 * @module
 */
import Ajv2020 from 'ajv/dist/2020.js'
import type { ReceivedCallback } from '../../driver/rest/webhook-inbox.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import { setupFailed } from '../server/check-stops.ts'
import { isObject } from '../server/findings.ts'
import type { Findings } from '../server/findings.ts'
import { defineRestRule } from './define-rest.ts'
import { docs, restDoc } from './sources.ts'
import {
  callbackAbout,
  createWebhook,
  deleteWebhook,
  admin,
  type Webhook,
} from './control-steps.ts'
import { createRestIdentity, detailOf, patchIdentity } from './steps.ts'

const AREA = 'rest-webhooks'
const NEEDS = ['control-plane', 'webhook-receiver'] as const

/** The answer a finding about a callback shows: the callback as the receiver got it. */
function asAnswer(callback: ReceivedCallback): HttpAnswer {
  return {
    status: 0,
    headers: {},
    body: undefined,
    text: '',
    durationMs: 0,
    exchange: {
      request: {
        method: callback.method,
        url: callback.url,
        headers: callback.headers,
        body: callback.body ?? callback.bodyText,
      },
    },
  }
}

/** A callback arrived for `identityId`; stops the check otherwise. */
function received(
  f: Findings,
  callback: ReceivedCallback | undefined,
  webhook: Webhook,
  what: string,
): callback is ReceivedCallback {
  return f.check(
    callback !== undefined,
    `${what}: no callback reached ${webhook.url} (the queue was drained and the receiver waited 5 s)`,
    undefined,
    'one callback',
    'none',
  )
}

function payloadOf(callback: ReceivedCallback): Record<string, unknown> {
  return isObject(callback.body) ? callback.body : {}
}

export const createdDelivered = defineRestRule({
  id: 'REST-HOOK-001',
  level: 'MUST',
  title: 'Creating an identity sends IdentityCreated with the configured headers and app key',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'webhooks', 'create'],
  needs: NEEDS,
  sources: [
    docs.creatingWebhooks(
      'an optional secret (App key) for authentication and additional headers are sent with each callback',
    ),
    docs.webhooks('the webhook service calls the URL on the events it listens for'),
    restDoc('Delivery', 'POST with the configured headers and Authorization: Bearer <appKey>'),
  ],
  fix: "POST each IdentityCreated event to every enabled IdentityCreated webhook, with Content-Type application/json, every configured header, and the app key as 'Authorization: Bearer <appKey>'.",
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const webhook = await createWebhook(ctx, rest, 'IdentityCreated')
    const created = await createRestIdentity(ctx, rest)
    const callback = await callbackAbout(rest, webhook, created.id)
    await deleteWebhook(rest, webhook)
    if (!received(f, callback, webhook, 'after a REST create')) return f.list
    const shown = asAnswer(callback)
    f.check(callback.method === 'POST', 'a callback must be a POST', shown, 'POST', callback.method)
    f.check(
      callback.headers.authorization === `Bearer ${webhook.appKey}`,
      'the callback must carry the app key as "Authorization: Bearer <appKey>"',
      shown,
      'Bearer <appKey>',
      callback.headers.authorization === undefined ? '(absent)' : 'another value',
    )
    for (const header of webhook.headers)
      f.check(
        callback.headers[header.name.toLowerCase()] === header.value,
        `the callback must carry the configured header ${header.name}`,
        shown,
        header.value,
        callback.headers[header.name.toLowerCase()] ?? '(absent)',
      )
    f.check(
      /^application\/json\b/i.test(callback.headers['content-type'] ?? ''),
      'the callback body must be sent as application/json',
      shown,
      'application/json',
      callback.headers['content-type'],
    )
    f.check(
      payloadOf(callback).eventType === 'IdentityCreated',
      'the payload must name its event (eventType IdentityCreated)',
      shown,
      'IdentityCreated',
      payloadOf(callback).eventType,
    )
    return f.list
  },
})

export const updatedDelivered = defineRestRule({
  id: 'REST-HOOK-002',
  level: 'MUST',
  title: 'Updating an identity (a deactivation too) sends IdentityUpdated with the new state',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'webhooks', 'patch'],
  needs: NEEDS,
  sources: [
    docs.webhooks('events include Identity created and Identity updated'),
    restDoc('Webhooks', 'IdentityUpdated; deactivation is an update'),
  ],
  fix: 'Publish IdentityUpdated for every change of an identity, deactivation included, with the identity as it is after the change in "data".',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const webhook = await createWebhook(ctx, rest, 'IdentityUpdated')
    const created = await createRestIdentity(ctx, rest)
    const patched = await patchIdentity(rest, created.id, {
      eTag: created.eTag,
      status: 'Inactive',
    })
    if (patched.status !== 200)
      setupFailed(
        'deactivate the identity (PATCH status Inactive)',
        `HTTP ${patched.status}${detailOf(patched)}`,
        patched,
      )
    const callback = await callbackAbout(rest, webhook, created.id)
    await deleteWebhook(rest, webhook)
    if (!received(f, callback, webhook, 'after a deactivation')) return f.list
    const payload = payloadOf(callback)
    const data = isObject(payload.data) ? payload.data : {}
    f.check(
      payload.eventType === 'IdentityUpdated',
      'the payload must be an IdentityUpdated event',
      asAnswer(callback),
      'IdentityUpdated',
      payload.eventType,
    )
    f.check(
      data.status === 'Inactive',
      'the payload must show the identity after the change (status Inactive)',
      asAnswer(callback),
      'Inactive',
      data.status,
    )
    return f.list
  },
})

export const payloadSchema = defineRestRule({
  id: 'REST-HOOK-003',
  level: 'MUST',
  title: "A callback's payload is valid against the event's published JSON Schema",
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'webhooks', 'schema'],
  needs: NEEDS,
  sources: [
    docs.creatingWebhooks('Download schema gives the JSON schema of the selected event'),
    restDoc('Delivery', 'the JSON Schema of each event is at /_mock/webhooks/schemas/{event}'),
  ],
  fix: 'Build the payload and the published schema from one definition, so every callback validates against the schema a receiver downloads.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const schemaAnswer = await rest.http.send({
      service: 'mock',
      method: 'GET',
      path: '/_mock/webhooks/schemas/IdentityCreated',
    })
    if (schemaAnswer.status !== 200 || !isObject(schemaAnswer.body))
      setupFailed(
        'download the IdentityCreated schema',
        `HTTP ${schemaAnswer.status}`,
        schemaAnswer,
      )
    const webhook = await createWebhook(ctx, rest, 'IdentityCreated')
    const created = await createRestIdentity(ctx, rest)
    const callback = await callbackAbout(rest, webhook, created.id)
    await deleteWebhook(rest, webhook)
    if (!received(f, callback, webhook, 'after a REST create')) return f.list
    let validate
    try {
      validate = new Ajv2020({ strict: false, allErrors: true })
        .addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)))
        .compile(schemaAnswer.body)
    } catch (error) {
      f.error(
        `the published schema does not compile: ${error instanceof Error ? error.message : String(error)}`,
        schemaAnswer,
      )
      return f.list
    }
    if (!validate(callback.body)) {
      const problems = (validate.errors ?? [])
        .slice(0, 5)
        .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim())
      f.error(
        `the payload breaks the published schema: ${problems.join('; ')}`,
        asAnswer(callback),
        'valid against /_mock/webhooks/schemas/IdentityCreated',
        problems,
      )
    }
    return f.list
  },
})

export const deliveryLog = defineRestRule({
  id: 'REST-HOOK-004',
  level: 'MUST',
  title: "The delivery log shows each callback: date, URL and the receiver's response",
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'webhooks', 'log'],
  needs: NEEDS,
  sources: [
    docs.webhookLogs(
      'columns Callback date, URL and Response (e.g. Accepted, BadRequest), newest first',
    ),
    restDoc('Delivery', 'one row per attempt: callbackDateUtc, url, response'),
  ],
  fix: 'Log every delivery attempt with callbackDateUtc, the URL called and the response as a .NET status name ("OK" for 200), newest first.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const webhook = await createWebhook(ctx, rest, 'IdentityCreated')
    const started = Date.now()
    const created = await createRestIdentity(ctx, rest)
    const callback = await callbackAbout(rest, webhook, created.id)
    const path = `/accounts/${encodeURIComponent(rest.http.endpoints.accountId)}/webhooks/${encodeURIComponent(webhook.id)}/logs`
    const log = await admin(rest, 'GET', path)
    await deleteWebhook(rest, webhook)
    if (!received(f, callback, webhook, 'after a REST create')) return f.list
    if (!f.status(log, 200, 'GET …/webhooks/{id}/logs')) return f.list
    const entries =
      isObject(log.body) && Array.isArray(log.body.entries) ? log.body.entries.filter(isObject) : []
    const recent = entries.filter((entry) => {
      const at =
        typeof entry.callbackDateUtc === 'string' ? Date.parse(entry.callbackDateUtc) : Number.NaN
      return at >= started - 60_000 && at <= Date.now() + 60_000
    })
    f.check(
      recent.some((entry) => entry.url === webhook.url && entry.response === 'OK'),
      'the log must list the callback: its date, the webhook URL and the response "OK"',
      log,
      { url: webhook.url, response: 'OK', callbackDateUtc: 'the time of the callback' },
      entries.slice(0, 3),
    )
    const dates = entries.map((entry) => Date.parse(String(entry.callbackDateUtc)))
    f.check(
      dates.every((date, i) => i === 0 || (dates[i - 1] ?? date) >= date),
      'the log must list the newest callback first',
      log,
      'newest first',
      entries.slice(0, 3).map((entry) => entry.callbackDateUtc),
    )
    return f.list
  },
})

export const disabledSilent = defineRestRule({
  id: 'REST-HOOK-005',
  level: 'MUST',
  title: 'A disabled webhook sends nothing while an enabled one for the same event does',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'webhooks'],
  needs: NEEDS,
  sources: [docs.creatingWebhooks('a disabled webhook sends no callback')],
  fix: 'Skip disabled webhooks when an event is published; deliver only to enabled ones.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const enabled = await createWebhook(ctx, rest, 'IdentityCreated', { suffix: 'on' })
    const disabled = await createWebhook(ctx, rest, 'IdentityCreated', {
      enabled: false,
      suffix: 'off',
    })
    const created = await createRestIdentity(ctx, rest)
    // The enabled twin's callback shows the event was delivered; the disabled one has had its chance.
    const delivered = await callbackAbout(rest, enabled, created.id)
    const silent = await callbackAbout(rest, disabled, created.id, 0)
    await deleteWebhook(rest, enabled)
    await deleteWebhook(rest, disabled)
    if (!received(f, delivered, enabled, 'the enabled webhook')) return f.list
    f.check(
      silent === undefined,
      'the disabled webhook must not be called',
      silent && asAnswer(silent),
      'no callback',
      'a callback',
    )
    return f.list
  },
})
