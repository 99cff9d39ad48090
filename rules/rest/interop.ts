/**
 * SCIM and REST over one identity store (SPEC §2.4): an identity Entra provisions is readable
 * through the REST API by its `systemData.externalId`; sync is inbound only, so a REST edit of a
 * SCIM-managed member lasts until the next SCIM write; a write through either door makes the other
 * door's eTag stale; a SCIM delete removes the identity from REST reads.
 *
 * @module
 */
import { incrementalCycle } from '../../driver/provisioning.ts'
import { createUser } from '../server/steps.ts'
import { setupFailed } from '../server/check-stops.ts'
import { spec } from '../server/sources.ts'
import { defineRestRule } from './define-rest.ts'
import { docs, restDoc } from './sources.ts'
import {
  detailOf,
  eTagOf,
  expectProblem,
  externalIdOf,
  getIdentity,
  lookup,
  patchIdentity,
  readRestIdentity,
  restValue,
} from './steps.ts'

const AREA = 'rest-interop'
const ALL_GROUPS = '&include=CompanyData&include=PrivateData&include=SystemData'
const SPEC_24 = spec(
  '2.4',
  'an identity provisioned by SCIM is visible through REST (with systemData.externalId)',
)

export const scimReadThroughRest = defineRestRule({
  id: 'REST-INTEROP-001',
  level: 'MUST',
  title: 'An identity Entra provisioned over SCIM reads back through REST by its externalId',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'scim', 'interop'],
  needs: ['scim'],
  sources: [
    SPEC_24,
    restDoc('ClearID REST API', 'all services use the same identity store as SCIM'),
    docs.swagger('identities are looked up by their external id'),
  ],
  fix: "Serve SCIM and the REST API from one store: the SCIM extension's externalId is systemData.externalId, core and extension values are the REST identity's members, and the SCIM id is the identityId.",
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const ext = user.values.ext
    const externalId = String(ext.externalId)
    const found = await lookup(rest, externalId, ALL_GROUPS)
    if (!f.status(found, 200, 'GET …/identities?externalId=<SCIM externalId>')) return f.list
    const identity = Array.isArray(found.body) ? found.body[0] : undefined
    if (
      !f.check(
        Array.isArray(found.body) && found.body.length === 1,
        'the SCIM identity must be found exactly once',
        found,
        1,
        found.body,
      )
    )
      return f.list
    const expected: Record<string, unknown> = {
      identityId: user.id,
      displayName: user.values.displayName,
      firstName: ext.firstName,
      lastName: ext.lastName,
      email: ext.email,
      status: user.values.active ? 'Active' : 'Inactive',
      externalId,
      // Members whose nested group differs between ClearID and the mock: read wherever they are.
      departmentName: ext.departmentName,
      jobTitle: ext.jobTitle,
      employeeNumber: ext.employeeNumber,
    }
    for (const [name, value] of Object.entries(expected)) {
      const actual = name === 'externalId' ? externalIdOf(identity) : restValue(identity, name)
      // A value Entra did not send is unset: REST shows it as null or leaves it out.
      const same = value === undefined ? actual === null || actual === undefined : actual === value
      f.check(same, `REST "${name}" must equal what SCIM stored`, found, value ?? null, actual)
    }
    return f.list
  },
})

export const inboundOnly = defineRestRule({
  id: 'REST-INTEROP-002',
  level: 'MUST',
  title: "A REST edit of a SCIM-managed member is overwritten by Entra's next cycle",
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'scim', 'interop', 'cycles'],
  needs: ['scim'],
  sources: [
    docs.inboundOnly(
      'synchronization into ClearID is inbound only; changes made only in ClearID can be overwritten by the next sync',
    ),
    restDoc(
      'Sync is inbound only',
      "a REST edit lasts until the next SCIM write to that member; Entra's value then wins",
    ),
  ],
  fix: "Let a SCIM write replace a value a REST client changed: Entra's incremental cycle reads the identity, sees the difference and PATCHes it back, and that PATCH must win.",
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const { identity } = await readRestIdentity(rest, user.id)
    const edited = await patchIdentity(rest, user.id, {
      eTag: identity.eTag,
      firstName: 'Edited-In-ClearID',
    })
    if (edited.status !== 200)
      setupFailed(
        'edit firstName through REST (PATCH with eTag)',
        `HTTP ${edited.status}${detailOf(edited)}`,
        edited,
      )
    const cycle = await incrementalCycle(ctx.entra, [{ id: user.id, source: user.values }])
    for (const failure of cycle.failures)
      f.error(
        `Entra's incremental cycle failed at ${failure.step}: ${failure.message}`,
        failure.answer,
      )
    const diff = cycle.diffs[0]
    f.check(
      diff?.changes.some((change) => change.attribute === 'firstName') === true,
      "Entra's GET must show the REST edit, so its cycle PATCHes firstName back",
      diff?.read,
      'firstName in the diff',
      diff?.changes.map((change) => change.attribute),
    )
    const after = await readRestIdentity(rest, user.id)
    f.check(
      after.identity.firstName === user.values.ext.firstName,
      "after Entra's cycle, REST must show Entra's firstName again",
      after.answer,
      user.values.ext.firstName,
      after.identity.firstName,
    )
    return f.list
  },
})

export const sharedETag = defineRestRule({
  id: 'REST-INTEROP-003',
  level: 'MUST',
  title: 'A SCIM write makes the REST eTag stale: a REST PATCH with the old one answers 412',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'scim', 'interop', 'etag'],
  needs: ['scim'],
  sources: [
    restDoc(
      'Update',
      'the eTag has the same value as the SCIM ETag header, so a write through either door changes it',
    ),
    restDoc('Update', 'a stale eTag answers 412'),
  ],
  fix: 'Derive the REST eTag from the same version the SCIM write changes, so a REST client holding an eTag from before an Entra update cannot overwrite it.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const { answer: read } = await readRestIdentity(rest, user.id)
    const before = eTagOf(read)
    if (before === undefined) setupFailed('read the REST eTag', 'the identity has no eTag', read)
    const scim = await ctx.entra.patchUser(user.id, [
      { attribute: 'displayName', value: `${user.values.displayName} (moved)`, op: 'replace' },
    ])
    if (scim.status !== 200 && scim.status !== 204)
      setupFailed(
        "change the identity through SCIM (Entra's PATCH)",
        `HTTP ${scim.status}${detailOf(scim)}`,
        scim,
      )
    const stale = await patchIdentity(rest, user.id, { eTag: before, middleName: 'Stale' })
    expectProblem(f, stale, 412, 'REST PATCH with the eTag read before the SCIM write')
    return f.list
  },
})

export const scimDeleteGone = defineRestRule({
  id: 'REST-INTEROP-004',
  level: 'MUST',
  title:
    'An identity Entra deletes over SCIM is gone from REST: 404 by id, not found by externalId',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'scim', 'interop', 'delete'],
  needs: ['scim'],
  sources: [SPEC_24, docs.deleting('a deleted identity is removed')],
  fix: 'Apply a SCIM DELETE to the identity the REST API serves: GET by id answers 404 and the lookup by external id finds nothing.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const removed = await ctx.entra.deleteUser(user.id)
    if (removed.status !== 204 && removed.status !== 200)
      setupFailed(
        "delete the identity through SCIM (Entra's DELETE)",
        `HTTP ${removed.status}${detailOf(removed)}`,
        removed,
      )
    expectProblem(f, await getIdentity(rest, user.id), 404, 'REST GET by id after the SCIM DELETE')
    const found = await lookup(rest, String(user.values.ext.externalId))
    if (f.status(found, 200, 'the REST lookup by external id after the SCIM DELETE'))
      f.check(
        Array.isArray(found.body) && found.body.length === 0,
        'an identity deleted over SCIM must not be found by its external id',
        found,
        [],
        found.body,
      )
    return f.list
  },
})
