/**
 * Versions (RFC 7644 §3.14; SPEC §2.3): an `ETag` equal to `meta.version` when ServiceProviderConfig
 * says etag is supported, a new version after every write, 412 for a stale `If-Match`, and `If-Match`
 * never required (Entra never sends it).
 *
 * @module
 */
import { createUserBody } from '../../driver/entra/requests.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import { notApplicable, type ServerCheckContext } from './context.ts'
import { defineServerRule } from './define.ts'
import type { Findings } from './findings.ts'
import { isObject } from './findings.ts'
import { patchBody } from './patch.ts'
import { entraTutorial, rfc7643, rfc7644, spec } from './sources.ts'
import { createUser, readUser } from './steps.ts'
import { resourcePath } from '../../driver/http/resource-path.ts'

const ETAG = /^(W\/)?"[^"]*"$/

function etagSupported(ctx: ServerCheckContext): boolean {
  const etag = ctx.discovery.serviceProviderConfig?.etag
  if (isObject(etag) && etag.supported === true) return true
  notApplicable(ctx, 'ServiceProviderConfig does not advertise etag.supported=true')
  return false
}

function versionOf(resource: unknown): unknown {
  return isObject(resource) && isObject(resource.meta) ? resource.meta.version : undefined
}

function expectEtag(
  f: Findings,
  answer: HttpAnswer,
  resource: unknown,
  what: string,
): string | undefined {
  const etag = answer.headers.etag
  if (
    !f.check(
      etag !== undefined && ETAG.test(etag),
      `${what}: an ETag header (W/"…" or "…") must be present`,
      answer,
      'W/"<version>"',
      etag ?? '(absent)',
    )
  )
    return undefined
  if (resource !== undefined) {
    f.check(
      versionOf(resource) === etag,
      `${what}: the ETag header must equal meta.version`,
      answer,
      etag,
      versionOf(resource),
    )
  }
  return etag
}

const patchDisplayName = (value: string) =>
  patchBody([{ op: 'replace', path: 'displayName', value }])

export const etagHeader = defineServerRule({
  id: 'SRV-ETAG-001',
  level: 'MUST',
  title: 'When etag is supported, answers carry an ETag equal to meta.version',
  profile: 'rfc',
  area: 'etag',
  tags: ['etag', 'discovery'],
  sources: [rfc7644('3.14'), rfc7643('3.1'), spec('2.3', 'meta.version and an ETag header')],
  fix: 'Send ETag: W/"<version>" on GET, POST, PUT and PATCH answers for a User, identical to meta.version.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    if (!etagSupported(ctx)) return f.list
    const user = await createUser(ctx)
    expectEtag(f, user.answer, user.resource, 'POST /Users')
    const { answer, resource } = await readUser(ctx, user.id)
    expectEtag(f, answer, resource, 'GET /Users/{id}')
    return f.list
  },
})

export const etagChanges = defineServerRule({
  id: 'SRV-ETAG-002',
  level: 'MUST',
  title: 'Every write produces a new version',
  profile: 'rfc',
  area: 'etag',
  tags: ['etag'],
  sources: [rfc7644('3.14'), rfc7643('3.1')],
  fix: 'Change meta.version (and the ETag) on every successful write.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    if (!etagSupported(ctx)) return f.list
    const user = await createUser(ctx)
    const before = versionOf(user.resource)
    const answer = await ctx.entra.patchRaw(user.id, patchDisplayName('Versioned Change'))
    if (!f.status(answer, [200, 204], 'PATCH /Users/{id}')) return f.list
    const etag = expectEtag(
      f,
      answer,
      answer.status === 200 ? answer.body : undefined,
      'PATCH /Users/{id}',
    )
    f.check(
      etag !== undefined && etag !== before,
      'the version must change after a PATCH',
      answer,
      `not ${String(before)}`,
      etag,
    )
    return f.list
  },
})

export const staleIfMatch = defineServerRule({
  id: 'SRV-ETAG-003',
  level: 'MUST',
  title: 'A stale If-Match answers 412 and changes nothing',
  profile: 'rfc',
  area: 'etag',
  tags: ['etag', 'errors'],
  sources: [rfc7644('3.14'), spec('2.3', 'If-Match honoured (412 on mismatch)')],
  fix: 'Compare If-Match with the current version on PATCH, PUT and DELETE and answer 412 Precondition Failed without changing anything when they differ.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    if (!etagSupported(ctx)) return f.list
    const user = await createUser(ctx)
    const stale = String(versionOf(user.resource) ?? 'W/"0"')
    f.status(
      await ctx.entra.patchRaw(user.id, patchDisplayName('Bump')),
      [200, 204],
      'PATCH to move the version on',
    )
    const headers = { 'If-Match': stale }
    const path = resourcePath('Users', user.id)
    const attempts = [
      { method: 'PATCH', body: patchDisplayName('Stale Write') },
      { method: 'PUT', body: createUserBody(user.values, ctx.dialect, ctx.entra.mapping) },
      { method: 'DELETE' },
    ]
    for (const attempt of attempts) {
      const answer = await ctx.http.send({ ...attempt, path, headers })
      f.scimError(answer, { status: 412 }, `${attempt.method} with a stale If-Match`)
    }
    const { answer, resource } = await readUser(ctx, user.id)
    f.check(
      resource.displayName === 'Bump',
      'the stale writes must not have changed the identity',
      answer,
      'Bump',
      resource.displayName,
    )
    return f.list
  },
})

export const ifMatchOptional = defineServerRule({
  id: 'SRV-ETAG-004',
  level: 'MUST',
  title: 'If-Match is honoured when current and never required',
  profile: 'entra',
  area: 'etag',
  tags: ['etag', 'entra'],
  sources: [
    entraTutorial('Entra never sends If-Match; a server requiring it (428) breaks provisioning'),
    rfc7644('3.14'),
  ],
  fix: 'Apply writes without If-Match (never answer 428); with a current If-Match, apply them too.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    f.status(
      await ctx.entra.patchRaw(user.id, patchDisplayName('No Precondition')),
      [200, 204],
      'PATCH without If-Match',
    )
    const { resource } = await readUser(ctx, user.id)
    const current = versionOf(resource)
    if (typeof current === 'string') {
      const answer = await ctx.http.send({
        method: 'PATCH',
        path: resourcePath('Users', user.id),
        body: patchDisplayName('Current Precondition'),
        headers: { 'If-Match': current },
      })
      f.status(answer, [200, 204], 'PATCH with the current If-Match')
    }
    return f.list
  },
})
