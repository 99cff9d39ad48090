/**
 * Cycles as Entra really runs them against ClearID, beyond the textbook ones (clearid-fidelity §5):
 * a user renamed at the source is found again by ClearID's synchronization key, provision on demand
 * speaks the default dialect on a tenant set up with the flag, and extension booleans mapped
 * without the flag (the usual misconfiguration) fail without leaving anything behind.
 *
 * @module
 */
import { EntraClient } from '../../driver/entra/client.ts'
import { incrementalCycle, initialCycle } from '../../driver/provisioning.ts'
import type { LinkedUser } from '../../driver/provisioning.ts'
import { clearIdEntra, expectConverged, provision, reportFailures } from './cycles.ts'
import { defineServerRule } from './define.ts'
import { errorDetail } from './findings.ts'
import { clearIdEntraSettings, entraCompat, entraMappings, seed } from './sources.ts'

export const renamedUserMatchedByExternalId = defineServerRule({
  id: 'SRV-CYCLE-004',
  level: 'MUST',
  title:
    'A user renamed at the source is matched by the extension externalId and keeps its identity',
  profile: 'clearid',
  area: 'cycles',
  tags: ['cycles', 'entra', 'filter', 'matching'],
  sources: [
    clearIdEntraSettings(
      'the ClearID externalId is the unique identifier ClearID uses for synchronization, mapped to the Entra objectId',
    ),
    entraMappings(
      'several matching attributes are queried in precedence order, stopping at the first hit',
    ),
  ],
  fix: 'Answer filter=urn:ietf:params:scim:schemas:extension:clearid:2.0:User:externalId eq "<value>" with the identity that carries it, and accept the PATCH of userName that follows.',
  writes: true,
  perDialect: true,
  check: async (ctx) => {
    const f = ctx.findings
    const entra = clearIdEntra(ctx)
    const linked = await provision(ctx, f, entra)
    if (!linked) return f.list
    const [renamed, ...others] = linked
    if (!renamed) return f.list
    // The UPN changed in Entra (a marriage, a domain move); the objectId did not.
    const newName = ctx.data.user().userName
    const sources = [{ ...renamed.source, userName: newName }, ...others.map((u) => u.source)]
    const again = await initialCycle(entra, sources)
    reportFailures(f, again.failures, 'second initial cycle')
    const match = again.linked.find((u) => u.source.userName === newName)
    f.check(
      match?.id === renamed.id,
      `the renamed user must be linked to its identity ${renamed.id} through externalId, not created again`,
      undefined,
      renamed.id,
      match?.id,
    )
    if (match?.id !== renamed.id) return f.list
    f.check(
      match.matchedOn === 'externalId',
      'the renamed user must be found by its externalId after the userName lookup found nothing',
      undefined,
      'externalId',
      match.matchedOn ?? 'a create',
    )
    const cycle = await incrementalCycle(entra, [match])
    reportFailures(f, cycle.failures, 'incremental cycle after the rename')
    await expectConverged(f, entra, [match], 'after the rename')
    return f.list
  },
})

export const provisionOnDemand = defineServerRule({
  id: 'SRV-CYCLE-005',
  level: 'MUST',
  title:
    'Provision on demand (default dialect) works on a tenant whose cycles use the SCIM 2.0 flag',
  profile: 'entra',
  area: 'cycles',
  tags: ['cycles', 'entra', 'entra-default', 'patch'],
  sources: [
    entraCompat('the aadOptscim062020 flag does not apply to provision on demand'),
    seed('the Tenant URL carries ?aadOptscim062020 for the SCIM 2.0 feature flag'),
  ],
  fix: 'Accept both dialects on every request of the same tenant: capitalised ops, URN-qualified paths and "True"/"False" strings from on-demand runs, lower-case ops and JSON booleans from the flagged cycles.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const flagged = new EntraClient(ctx.http, 'entra-flag').exact()
    const linked = await provision(ctx, f, flagged)
    const [user] = linked ?? []
    if (!user) return f.list
    const onDemand = flagged.onDemand()
    const next = ctx.data.user()
    const changed: LinkedUser = {
      id: user.id,
      source: { ...user.source, displayName: next.displayName },
    }
    const found = await initialCycle(onDemand, [changed.source])
    reportFailures(f, found.failures, 'on-demand lookup')
    f.check(
      found.linked[0]?.id === user.id,
      'the on-demand run must find the identity the flagged cycle created',
      undefined,
      user.id,
      found.linked[0]?.id,
    )
    // The difference the on-demand run finds is the new display name; it PATCHes that, then the
    // disable, each in the default dialect ("Replace", "False").
    const renamed = await onDemand.patchUser(user.id, [
      { attribute: 'displayName', value: next.displayName, op: 'replace' },
    ])
    f.status(renamed, [200, 204], 'on-demand Replace displayName')
    f.status(
      await onDemand.setActive(user.id, false),
      [200, 204],
      'on-demand Replace active "False"',
    )
    const disabled = { ...changed, source: { ...changed.source, active: false } }
    await expectConverged(f, flagged, [disabled], 'the next flagged cycle', [
      'userName',
      'displayName',
      'active',
    ])
    return f.list
  },
})

export const extensionBooleansWithoutFlag = defineServerRule({
  id: 'SRV-CYCLE-006',
  level: 'MUST',
  title:
    'Extension booleans mapped without the flag: refused creates leave nothing behind, other users provision',
  profile: 'clearid',
  area: 'cycles',
  tags: ['cycles', 'entra', 'entra-default', 'booleans'],
  sources: [
    seed('boolean fields only work with the SCIM 2.0 feature flag'),
    clearIdEntraSettings('the setup lists the boolean attributes to map'),
  ],
  fix: 'Refuse a create whose extension booleans are "True"/"False" strings as a whole (400 invalidValue naming the attribute, nothing stored), and keep provisioning users whose request is valid.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const misconfigured = new EntraClient(ctx.http, 'entra-default', {
      extensionBooleans: true,
    }).exact()
    const withBooleans = ctx.data.user()
    const sparse = ctx.data.user({ sparse: true })
    const cycle = await initialCycle(misconfigured, [withBooleans, sparse])
    f.check(
      cycle.linked.some((u) => u.source.userName === sparse.userName),
      'a user without extension booleans must still provision in the misconfigured cycle',
      cycle.failures.find((x) => x.userName === sparse.userName)?.answer,
      'created',
      cycle.failures.find((x) => x.userName === sparse.userName)?.message,
    )
    const refused = cycle.failures.find((x) => x.userName === withBooleans.userName)
    if (!refused) {
      // Accepting the strings is SRV-CREATE-031's finding; here only what the cycle leaves matters.
      f.info('the server accepted extension booleans as strings; SRV-CREATE-031 judges that')
      return f.list
    }
    if (refused.answer) {
      f.check(
        refused.step === 'create' && refused.answer.status === 400,
        `the misconfigured create must be refused with 400, got ${refused.answer.status} at the ${refused.step} step${errorDetail(refused.answer) ? ` (${errorDetail(refused.answer)})` : ''}`,
        refused.answer,
        400,
        refused.answer.status,
      )
    }
    const lookup = await misconfigured.findUser('userName', withBooleans.userName)
    const total = (lookup.body as { totalResults?: unknown } | undefined)?.totalResults
    f.check(
      lookup.status === 200 && total === 0,
      'a refused create must leave no identity behind, or the next cycle matches a half-written one',
      lookup,
      0,
      total ?? lookup.status,
    )
    return f.list
  },
})
