/**
 * Key rotation and the SCIM reset, on the mock's control plane: a regenerated SCIM key or API
 * integration key replaces the previous one at once (research/clearid.md §1.2, §2.1), and a reset of
 * the SCIM identity data converges under Entra's own cycle (clearid-fidelity.md §4). Each works in
 * a scratch account or an integration of its own, never in what the other rules share.
 *
 * @module
 */
import { initialCycle, incrementalCycle, repeatCycle } from '../../driver/provisioning.ts'
import { EntraClient } from '../../driver/entra/client.ts'
import { TOKEN_PATH, CLIENT_CREDENTIALS } from '../../driver/rest/token-source.ts'
import { registerSecret } from '../../model/secret-values.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import type { RestCheckContext } from '../server/context.ts'
import { setupFailed } from '../server/check-stops.ts'
import { isObject } from '../server/findings.ts'
import { defineRestRule } from './define-rest.ts'
import { docs, restDoc } from './sources.ts'
import { admin, newScimKey, scratchAccount, scratchScim } from './control-steps.ts'
import { detailOf, expectOAuthError } from './steps.ts'

const AREA = 'rest-keys'

function scimProbe(rest: RestCheckContext, accountId: string, key: string): Promise<HttpAnswer> {
  return rest.http.send({
    service: 'mock',
    method: 'GET',
    path: `/scim/v2/accounts/${encodeURIComponent(accountId)}/Users?count=1`,
    auth: { bearer: key },
  })
}

export const scimKeyRotation = defineRestRule({
  id: 'REST-KEY-001',
  level: 'MUST',
  title: 'A regenerated SCIM key works at once and the previous key gets 401 at once',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'scim', 'keys', 'security'],
  needs: ['control-plane'],
  sources: [
    docs.scimKey(
      'the administrator generates the SCIM key under Administration > SCIM Integration',
    ),
    docs.apiIntegrations(
      'regenerating a key immediately invalidates the previous one, which cannot be recovered',
    ),
  ],
  fix: 'On key regeneration, replace the stored key: accept the new key from the next request on and answer the old one with 401.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const scratch = await scratchAccount(ctx, rest, 'keys')
    const first = await scimProbe(rest, scratch.accountId, scratch.scimKey)
    if (first.status !== 200)
      setupFailed('use the first SCIM key', `HTTP ${first.status}${detailOf(first)}`, first)
    const second = await newScimKey(rest, scratch.accountId, 'rotated')
    f.status(
      await scimProbe(rest, scratch.accountId, second),
      200,
      'GET /Users with the new SCIM key',
    )
    f.status(
      await scimProbe(rest, scratch.accountId, scratch.scimKey),
      401,
      'GET /Users with the previous SCIM key',
    )
    return f.list
  },
})

/** Generates a key for the integration and downloads its key file; returns the client secret. */
async function regenerate(rest: RestCheckContext, path: string): Promise<string> {
  const generated = await admin(rest, 'POST', `${path}/key`)
  if (generated.status !== 201 && generated.status !== 200)
    setupFailed(
      'generate the integration key (POST …/key)',
      `HTTP ${generated.status}${detailOf(generated)}`,
      generated,
    )
  const file = await admin(rest, 'GET', `${path}/key-file`)
  const secret = isObject(file.body) ? file.body.clientSecret : undefined
  if (file.status !== 200 || typeof secret !== 'string')
    setupFailed(
      'download the key file (GET …/key-file)',
      `HTTP ${file.status}${detailOf(file)}`,
      file,
    )
  return registerSecret(secret)
}

function secretToken(
  rest: RestCheckContext,
  clientId: string,
  secret: string,
): Promise<HttpAnswer> {
  return rest.http.send({
    service: 'sts',
    method: 'POST',
    path: TOKEN_PATH,
    form: { grant_type: CLIENT_CREDENTIALS, client_id: clientId, client_secret: secret },
  })
}

export const integrationKeyRotation = defineRestRule({
  id: 'REST-KEY-002',
  level: 'MUST',
  title: 'A regenerated API integration key works at once; the previous secret gets invalid_client',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'token', 'keys', 'security'],
  needs: ['control-plane'],
  sources: [
    docs.apiIntegrations(
      'Generate key: the current key becomes invalid immediately and cannot be recovered',
    ),
    restDoc(
      'API integrations and the key file',
      'the previous secret and key pair stop working at once',
    ),
  ],
  fix: 'On key regeneration, replace the client secret (and key pair): issue tokens for the new secret at once and answer the previous one with invalid_client.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const base = `/accounts/${encodeURIComponent(rest.http.endpoints.accountId)}/integrations`
    const made = await admin(rest, 'POST', base, {
      name: `${rest.http.runTag}key-rotation`,
      description: 'conformance: key regeneration',
    })
    const body = isObject(made.body) ? made.body : undefined
    if (
      made.status !== 201 ||
      typeof body?.integrationId !== 'string' ||
      typeof body.clientId !== 'string'
    )
      setupFailed(
        'add an API integration (POST /_admin/…/integrations)',
        `HTTP ${made.status}${detailOf(made)}`,
        made,
      )
    const path = `${base}/${encodeURIComponent(body.integrationId)}`
    const first = await regenerate(rest, path)
    const before = await secretToken(rest, body.clientId, first)
    if (before.status !== 200)
      setupFailed(
        'get a token with the first secret',
        `HTTP ${before.status}${detailOf(before)}`,
        before,
      )
    const second = await regenerate(rest, path)
    f.status(
      await secretToken(rest, body.clientId, second),
      200,
      'a token request with the new secret',
    )
    expectOAuthError(
      f,
      await secretToken(rest, body.clientId, first),
      [400, 401],
      'invalid_client',
      'a token request with the previous secret',
    )
    await admin(rest, 'DELETE', path)
    return f.list
  },
})

/** How long the rule waits for a reset to report Completed. */
const RESET_WAIT_MS = 10_000

export const resetConverges = defineRestRule({
  id: 'REST-RESET-001',
  level: 'MUST',
  title: "After a SCIM reset, Entra's next incremental cycle converges on the source values",
  profile: 'clearid',
  area: 'rest-reset',
  tags: ['rest', 'scim', 'reset', 'cycles'],
  needs: ['control-plane'],
  sources: [
    docs.reset(
      'the reset replaces all SCIM-integration identity data with the latest values from Entra',
    ),
    restDoc('Control plane', 'Reset models ClearID\'s "Force reset and replace"'),
  ],
  fix: "Model the reset so Entra's documented cycle (GET, then PATCH of the difference) brings every identity to the source values: a later cycle must find nothing to change, and no PATCH of the cycle may be refused.",
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const scratch = await scratchAccount(ctx, rest, 'reset')
    const entra = new EntraClient(scratchScim(rest, scratch), 'entra-default')
    const sources = ctx.data.users(3)
    const initial = await initialCycle(entra, sources)
    if (initial.failures.length > 0 || initial.linked.length !== sources.length) {
      const failure = initial.failures[0]
      setupFailed(
        'provision three identities (initial cycle)',
        failure?.message ?? 'not every identity was linked',
        failure?.answer,
      )
    }
    const path = `/accounts/${encodeURIComponent(scratch.accountId)}/scim/reset`
    const started = await admin(rest, 'POST', path)
    if (started.status !== 202 && started.status !== 200)
      setupFailed(
        'reset the SCIM identity data (POST …/scim/reset)',
        `HTTP ${started.status}${detailOf(started)}`,
        started,
      )
    for (const deadline = Date.now() + RESET_WAIT_MS; ;) {
      const status = await admin(rest, 'GET', path)
      if (isObject(status.body) && status.body.status === 'Completed') break
      if (Date.now() > deadline)
        setupFailed('wait for the reset to complete', 'still running after 10 s', status)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    // The source moved on meanwhile: one value changed, one user deactivated.
    const [first, second, third] = initial.linked
    const changed = [
      ...(first ? [first] : []),
      ...(second
        ? [
            {
              ...second,
              source: { ...second.source, displayName: `${second.source.displayName} (moved)` },
            },
          ]
        : []),
      ...(third ? [{ ...third, source: { ...third.source, active: false } }] : []),
    ]
    const cycle = await incrementalCycle(entra, changed)
    for (const failure of cycle.failures)
      f.error(
        `Entra's incremental cycle after the reset failed at ${failure.step} for ${failure.userName}: ${failure.message}`,
        failure.answer,
      )
    const repeat = await repeatCycle(entra, changed)
    for (const diff of repeat.diffs)
      f.check(
        diff.changes.length === 0,
        `${diff.user.source.userName} did not converge: the next cycle would still change ${diff.changes.map((c) => c.attribute).join(', ')}`,
        diff.read,
        'nothing to change',
        diff.changes.map((c) => c.attribute),
      )
    return f.list
  },
})
