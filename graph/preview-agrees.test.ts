/**
 * `graph preview` agrees with what the engine then does: the preview of the seeded development
 * tenant is taken, then a forced synchronization of the same tenant runs, and every identity,
 * value, credential, role and supervisor the preview showed is what the store holds; what it
 * refused or showed for a role only, the engine did not create.
 */
import { describe, expect, it } from 'vitest'
import { GRAPH_EXAMPLE_CONFIG } from '../fixtures/graph-sync-config.ts'
import { parseGraphConfig } from '../model/graph/parse-config.ts'
import { admin } from '../mock-server/control/rest-test-client.ts'
import {
  configure,
  graphSyncTestApp,
  SYNC,
  synchronize,
} from '../mock-server/test/graph-sync-test-client.ts'
import { previewGraphSource } from './check.ts'

function exampleConfig(change: (json: Record<string, unknown>) => void = () => undefined) {
  const json = JSON.parse(JSON.stringify(GRAPH_EXAMPLE_CONFIG)) as Record<string, unknown>
  change(json)
  const reading = parseGraphConfig(json)
  if (!reading.config) throw new Error(JSON.stringify(reading.problems))
  return { json, config: reading.config }
}

describe('graph preview and the engine', () => {
  it('the engine makes exactly the identities, values, credentials, roles and supervisors the preview showed', async () => {
    const { app } = graphSyncTestApp()
    // Users the example refuses: no External ID (employeeId is empty for some), a bad e-mail.
    const { json, config } = exampleConfig((c) => {
      const mappings = c.identityMappings as Record<string, unknown>[]
      mappings[0] = { field: 'externalId', attribute: 'employeeId' }
      mappings.push({
        field: 'secondaryEmail',
        type: 'regex',
        attribute: 'mobilePhone',
        pattern: '^\\+1',
        replacement: 'not-an-email ',
      })
    })
    const { preview } = await previewGraphSource(config, { kind: 'fake', app })
    expect(preview.totals.refused).toBeGreaterThan(0)
    expect(preview.totals.identities).toBeGreaterThan(10)
    expect(preview.totals.roleOnly).toBeGreaterThan(0)

    const id = await configure(app, (c) => Object.assign(c, json))
    const run = await synchronize(app, id)
    expect(run.body.status, run.text).toBe('completed')
    expect(run.body.counts).toMatchObject({
      created: preview.totals.identities,
      failed: preview.totals.refused,
    })
    expect(app.mock.store.count('acme', false)).toBe(preview.totals.identities)
    const credentials = (await admin(app, 'GET', `${SYNC}/credentials`)).body.credentials
    expect(credentials).toHaveLength(preview.totals.credentials)

    const teams = app.mock.teams.list('acme', false)
    for (const entry of preview.entries) {
      const stored =
        entry.externalId === undefined
          ? undefined
          : app.mock.store.findByExternalId('acme', entry.externalId)
      if (entry.outcome !== 'create') {
        // Refused, or a role member whose identity no source made: nothing written for it.
        if (entry.outcome === 'refused' && entry.externalId !== undefined)
          expect(stored, entry.entity).toBeUndefined()
        continue
      }
      expect(stored, entry.entity).toBeDefined()
      expect(stored?.displayName).toBe(entry.displayName)
      expect(stored?.active).toBe(entry.active ?? true)
      const { supervisorName, ...attributes } = stored?.attributes ?? {}
      expect(attributes).toEqual(entry.attributes)
      expect(supervisorName).toBe(entry.supervisor)
      expect(
        credentials
          .filter((c: { identityId: string }) => c.identityId === stored?.id)
          .map(({ format, facilityCode, cardNumber, rawCode }: Record<string, unknown>) =>
            JSON.parse(JSON.stringify({ format, facilityCode, cardNumber, rawCode })),
          ),
      ).toEqual(entry.credentials)
      const roles = teams
        .filter((t) =>
          app.mock.teams.membersOf('acme', t.id).some((m) => m.identityId === stored?.id),
        )
        .map((t) => t.name)
      expect(roles.sort()).toEqual([...entry.roles].sort())
    }
  })
})
