/**
 * Differential test of the mock's PATCH engine: every corpus body is applied to the same ClearID
 * user by the mock, by the hand-worked RFC/SPEC answer, by scim-patch and by SCIMMY. Each
 * difference from the mock must be listed, with the same result, in `PATCH_DISAGREEMENTS`, and
 * each listed one must still happen.
 *
 * @module
 */
import { scimPatch } from 'scim-patch'
import type { ScimResource } from 'scim-patch'
import { describe, expect, it } from 'vitest'
import { PATCH_CASES } from './corpus/patches.ts'
import { PATCH_DISAGREEMENTS, type PatchOracle } from './expected-disagreements.ts'
import { mockPatchEngine, PATCH_ENGINES, runPatchEngine, toScim } from './patch-engines.ts'
import { baseUser } from '../mock-server/scim/patch/patch-fixtures.ts'

const listed = new Map(
  PATCH_DISAGREEMENTS.map((entry) => [`${entry.caseId}/${entry.engine}`, entry]),
)

describe('PATCH corpus', () => {
  it('has unique ids and about forty cases', () => {
    const ids = PATCH_CASES.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.length).toBeGreaterThanOrEqual(40)
  })

  it('lists each disagreement once, for a case and an oracle that exist', () => {
    const ids = new Set(PATCH_CASES.map((c) => c.id))
    const names = new Set<string>(['expected', ...PATCH_ENGINES.map((e) => e.name)])
    expect(listed.size).toBe(PATCH_DISAGREEMENTS.length)
    for (const entry of PATCH_DISAGREEMENTS) {
      expect(ids.has(entry.caseId), entry.caseId).toBe(true)
      expect(names.has(entry.engine), entry.engine).toBe(true)
    }
  })

  it('scim-patch mutates the resource it is given unless mutateDocument is false', () => {
    const resource = toScim(baseUser())
    scimPatch(resource as unknown as ScimResource, [
      { op: 'replace', path: 'displayName', value: 'Ada King' },
    ])
    expect(resource['displayName']).toBe('Ada King')
  })
})

describe('PATCH oracle: mock vs RFC answer, scim-patch and SCIMMY', () => {
  for (const c of PATCH_CASES) {
    it(`${c.id} ${c.title}`, async () => {
      const mock = await runPatchEngine(mockPatchEngine, baseUser(), c.body)
      const answers: [PatchOracle, string][] = [['expected', c.expected]]
      for (const engine of PATCH_ENGINES) {
        answers.push([engine.name, await runPatchEngine(engine, baseUser(), c.body)])
      }
      for (const [name, got] of answers) {
        const entry = listed.get(`${c.id}/${name}`)
        if (got === mock) {
          expect(
            entry,
            `${name} now agrees with the mock (${mock}); remove the listed disagreement`,
          ).toBeUndefined()
        } else {
          expect(
            entry?.got,
            `${name} answers ${got} but the mock ${mock}; list it with a reason`,
          ).toBe(got)
        }
      }
    })
  }
})
