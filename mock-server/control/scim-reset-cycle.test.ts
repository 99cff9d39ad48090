/**
 * The SCIM reset against Entra's own cycle, in both dialects (default and `aadOptscim062020`),
 * driven by the harness's Entra client (driver/entra): identities provisioned by Entra drift in
 * ClearID (REST edits, values deleted, a value Entra does not have), Entra's source changes, the
 * account is reset, Entra disables a user while the reset is pending, and then one Entra cycle
 * runs. ClearID documents the outcome: the reset "replaces all SCIM-integration identity data with
 * the latest values from Entra". So: no request is refused, and afterwards every identity equals
 * Entra's values, and the next cycle has nothing to send.
 */
import { describe, expect, it } from 'vitest'
import { EntraClient } from '../../driver/entra/client.ts'
import { diffUser } from '../../driver/entra/diff.ts'
import { mappedExtension } from '../../driver/entra/requests.ts'
import { ScimHttpClient } from '../../driver/http/scim-http.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import {
  incrementalCycle,
  initialCycle,
  repeatCycle,
  type LinkedUser,
} from '../../driver/provisioning.ts'
import { TestData } from '../../fixtures/test-data.ts'
import type { ClearIdUserValues } from '../../fixtures/workforce.ts'
import { DIALECTS, type Dialect } from '../../reports/model.ts'
import type { MockApp } from '../app.ts'
import { ACME, accessToken, admin, api, EXT, restTestApp, scim, V2 } from './rest-test-client.ts'

interface World {
  readonly app: MockApp
  readonly entra: EntraClient
  /** Every answer Entra got, in order. */
  readonly answers: HttpAnswer[]
}

function world(dialect: Dialect): World {
  const app = restTestApp()
  const answers: HttpAnswer[] = []
  const http = new ScimHttpClient({
    main: { baseUrl: `http://localhost/scim/v2/accounts/${ACME.accountId}`, key: ACME.scimKey },
    fetch: async (request, init) => app.fetch(new Request(request, init)),
    onExchange: (answer) => answers.push(answer),
  })
  return { app, entra: new EntraClient(http, dialect), answers }
}

/** Six users: one sparse (no middleName, no zipCode in Entra), the others complete. */
function sources(dialect: Dialect): ClearIdUserValues[] {
  const data = new TestData(11, 'reset', `reset-${dialect}`)
  return [...data.users(5), data.user({ ext: { middleName: undefined, zipCode: undefined } })]
}

/** ClearID-side drift, through the REST API: what a reset is for ("after manual edits"). */
async function driftInClearId(app: MockApp, linked: readonly LinkedUser[]): Promise<void> {
  const token = await accessToken(app)
  const edit = async (id: string, changes: Record<string, unknown>) => {
    const { eTag } = (await api(app, token, 'GET', `${V2}/${id}`)).body
    const res = await api(app, token, 'PATCH', `${V2}/${id}`, { eTag, ...changes })
    expect(res.status).toBe(200)
  }
  const [a, b, , , e, sparse] = linked.map((user) => user.id)
  await edit(a!, { description: 'edited in ClearID', middleName: null })
  await edit(b!, { firstName: 'Manual', countryCode: 'FRA' })
  // "identity data was deleted in ClearID"
  await edit(e!, { description: null, email: null, countryCode: null })
  // A value Entra does not have: the reset must not keep it.
  await edit(sparse!, { middleName: 'Only-in-ClearID' })
}

/** The identity as Entra's mapping would have it: core values and the mapped extension values. */
function expected(source: ClearIdUserValues, entra: EntraClient) {
  return {
    userName: source.userName,
    displayName: source.displayName,
    active: source.active,
    ext: mappedExtension(source, entra.dialect, entra.mapping),
  }
}

async function assertEqualsSource(w: World, users: readonly LinkedUser[]): Promise<void> {
  for (const { id, source } of users) {
    const read = await scim(w.app, 'GET', `/Users/${id}`)
    const want = expected(source, w.entra)
    expect(
      {
        userName: read.body.userName,
        displayName: read.body.displayName,
        active: read.body.active,
        ext: read.body[EXT],
      },
      source.userName,
    ).toEqual(want)
  }
}

const refused = (answers: readonly HttpAnswer[]) =>
  answers.filter((a) => a.status >= 400).map((a) => `${a.status} ${a.text.slice(0, 200)}`)

describe.each(DIALECTS)('SCIM reset, then one Entra cycle (%s)', (dialect) => {
  it('incremental cycle (GET by id, PATCH the diff): no request refused, every identity equals Entra', async () => {
    const w = world(dialect)
    const provisioned = await initialCycle(w.entra, sources(dialect))
    expect(provisioned.failures).toEqual([])
    await driftInClearId(w.app, provisioned.linked)

    // Entra's side changes too: a new last name, and a user who leaves the scope.
    const users = provisioned.linked.map((user, index) => {
      if (index === 2)
        return {
          ...user,
          source: { ...user.source, ext: { ...user.source.ext, lastName: 'Renamed' } },
        }
      if (index === 4) return { ...user, source: { ...user.source, active: false } }
      return user
    })

    const reset = await admin(w.app, 'POST', '/accounts/acme/scim/reset')
    expect(reset.body).toMatchObject({ identitiesMarked: 6, identitiesPending: 6 })

    // Entra disables the user that left the scope before its next full read: one operation,
    // `active` only. It is applied, not refused for the names it does not carry.
    const disabled = await w.entra.setActive(users[4]!.id, false)
    expect(disabled.status).toBe(200)

    const cycle = await incrementalCycle(w.entra, users)
    expect(cycle.failures).toEqual([])
    expect(refused(w.answers)).toEqual([])
    // Every user was read without its extension data, so every PATCH carried all of it.
    for (const diff of cycle.diffs) {
      const sent = diff.changes.map((c) => c.attribute)
      expect(sent, diff.user.source.userName).toEqual(
        expect.arrayContaining(
          Object.keys(expected(diff.user.source, w.entra).ext).filter((n) => n !== 'externalId'),
        ),
      )
    }

    await assertEqualsSource(w, users)
    expect((await admin(w.app, 'GET', '/accounts/acme/scim/reset')).body.identitiesPending).toBe(0)
    // REST agrees: the manual edits are gone.
    const token = await accessToken(w.app)
    const first = (await api(w.app, token, 'GET', `${V2}/${users[0]!.id}`)).body
    expect(first.description).toBe(users[0]!.source.ext.description)
    expect(first.middleName).toBe(users[0]!.source.ext.middleName)
    expect((await api(w.app, token, 'GET', `${V2}/${users[5]!.id}`)).body.middleName).toBeNull()

    // Converged: the next cycle finds nothing to send.
    const again = await repeatCycle(w.entra, users)
    expect(again.failures).toEqual([])
    expect(again.diffs.flatMap((d) => d.changes)).toEqual([])
  })

  it('after "Restart provisioning" (match by filter, then diff): the same outcome', async () => {
    const w = world(dialect)
    const provisioned = await initialCycle(w.entra, sources(dialect))
    await driftInClearId(w.app, provisioned.linked)
    await admin(w.app, 'POST', '/accounts/acme/scim/reset')
    // The initial cycle again: the matching lookup returns the identity, Entra diffs what it shows.
    for (const user of provisioned.linked) {
      const lookup = await w.entra.findUser('userName', user.source.userName)
      const list = lookup.body as { totalResults: number; Resources: { id: string }[] }
      expect(list.totalResults).toBe(1)
      const changes = diffUser(user.source, list.Resources[0], w.entra.dialect, w.entra.mapping)
      if (changes.length > 0) expect((await w.entra.patchUser(user.id, changes)).status).toBe(200)
    }
    expect(refused(w.answers)).toEqual([])
    await assertEqualsSource(w, provisioned.linked)
    expect((await admin(w.app, 'GET', '/accounts/acme/scim/reset')).body.identitiesPending).toBe(0)
  })
})
