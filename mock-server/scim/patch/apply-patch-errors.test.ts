import { describe, expect, it } from 'vitest'
import { ENTRA_SCIM2_FLAG } from '../../../model/attributes.ts'
import { ApiError, type ScimType } from '../../errors/api-error.ts'
import { DEFAULT_BEHAVIOUR, type Behaviour } from '../../behaviour.ts'
import type { RequestWarning } from '../warnings.ts'
import { applyPatch } from './apply-patch.ts'
import {
  baseUser,
  CORE,
  ENT,
  EXT,
  frozen,
  PATCH_OP,
  patchBody,
  runPatch,
} from './patch-fixtures.ts'

interface FailureCase {
  readonly name: string
  readonly body: unknown
  readonly behaviour?: Partial<Behaviour>
  readonly scimType: ScimType
  /** What the detail must say, so the client knows how to fix the request. */
  readonly detail?: RegExp
}

function caught(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  return undefined
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const PATCH_OP_RE = new RegExp(escaped(PATCH_OP))

const invalidSyntax: FailureCase[] = [
  { name: 'body null', body: null, scimType: 'invalidSyntax', detail: PATCH_OP_RE },
  { name: 'body an array', body: [], scimType: 'invalidSyntax', detail: /JSON object/ },
  { name: 'body a string', body: 'replace', scimType: 'invalidSyntax' },
  { name: 'body a number', body: 42, scimType: 'invalidSyntax' },
  {
    name: 'no schemas',
    body: { Operations: [] },
    scimType: 'invalidSyntax',
    detail: new RegExp(`no "schemas".*${escaped(PATCH_OP)}`),
  },
  {
    name: 'schemas without PatchOp (the User schema)',
    body: { schemas: [CORE], Operations: [] },
    scimType: 'invalidSyntax',
    detail: PATCH_OP_RE,
  },
  {
    name: 'schemas a string instead of an array',
    body: { schemas: PATCH_OP, Operations: [] },
    scimType: 'invalidSyntax',
    detail: /array/,
  },
  {
    name: 'schemas holding a non-string',
    body: { schemas: [PATCH_OP, 7], Operations: [] },
    scimType: 'invalidSyntax',
  },
  {
    name: 'Operations missing',
    body: { schemas: [PATCH_OP] },
    scimType: 'invalidSyntax',
    detail: /no "Operations"/,
  },
  {
    name: 'Operations an object',
    body: { schemas: [PATCH_OP], Operations: { op: 'add' } },
    scimType: 'invalidSyntax',
    detail: /must be an array.*an object/,
  },
  {
    name: 'Operations null',
    body: { schemas: [PATCH_OP], Operations: null },
    scimType: 'invalidSyntax',
  },
  {
    name: 'Operations and operations both present',
    body: { schemas: [PATCH_OP], Operations: [], operations: [] },
    scimType: 'invalidSyntax',
    detail: /"Operations" and "operations"/,
  },
  {
    name: 'more operations than maxPatchOperations',
    behaviour: { maxPatchOperations: 2 },
    body: patchBody(
      { op: 'add', path: 'active', value: true },
      { op: 'add', path: 'active', value: true },
      { op: 'add', path: 'active', value: true },
    ),
    scimType: 'invalidSyntax',
    detail: /at most 2/,
  },
  {
    name: 'operation not an object',
    body: patchBody('replace displayName'),
    scimType: 'invalidSyntax',
    detail: /Operations\[0\] must be an object/,
  },
  {
    name: 'op missing',
    body: patchBody({ path: 'displayName', value: 'Ada' }),
    scimType: 'invalidSyntax',
    detail: /no "op".*"add", "replace" and "remove"/,
  },
  {
    name: 'op not a string',
    body: patchBody({ op: 1, path: 'displayName', value: 'Ada' }),
    scimType: 'invalidSyntax',
  },
  {
    name: 'op unknown (JSON Patch "move")',
    body: patchBody({ op: 'move', path: 'displayName', value: 'Ada' }),
    scimType: 'invalidSyntax',
    detail: /"move".*"add", "replace" and "remove"/,
  },
  {
    name: 'op "Update" (not SCIM)',
    body: patchBody({ op: 'Update', path: 'displayName', value: 'Ada' }),
    scimType: 'invalidSyntax',
    detail: /"Update"/,
  },
  {
    name: 'add without a value',
    body: patchBody({ op: 'add', path: 'displayName' }),
    scimType: 'invalidSyntax',
    detail: /without a "value"/,
  },
  {
    name: 'path-less replace whose value is a string',
    body: patchBody({ op: 'replace', value: 'Ada' }),
    scimType: 'invalidSyntax',
    detail: /JSON object of attributes/,
  },
  {
    name: 'path-less add whose value is an array',
    body: patchBody({ op: 'add', value: [{ displayName: 'Ada' }] }),
    scimType: 'invalidSyntax',
  },
  {
    name: 'path-less replace whose value is null',
    body: patchBody({ op: 'replace', value: null }),
    scimType: 'invalidSyntax',
  },
  {
    name: 'extension URN key whose value is a string',
    body: patchBody({ op: 'replace', value: { [EXT]: 'Ada' } }),
    scimType: 'invalidSyntax',
    detail: /JSON object/,
  },
  {
    name: 'bare extension URN path whose value is an array',
    body: patchBody({ op: 'Add', path: EXT, value: [{ firstName: 'Ada' }] }),
    scimType: 'invalidSyntax',
  },
]

const invalidPath: FailureCase[] = [
  {
    name: 'unparseable path (unclosed filter)',
    body: patchBody({ op: 'replace', path: 'emails[type eq "work"', value: 'x' }),
    scimType: 'invalidPath',
    detail: /malformed.*position/,
  },
  {
    name: 'unparseable path (filter without a value)',
    body: patchBody({ op: 'replace', path: 'emails[type eq].value', value: 'x' }),
    scimType: 'invalidPath',
    detail: /position/,
  },
  {
    name: 'unparseable path (spaces in a name)',
    body: patchBody({ op: 'remove', path: 'display name' }),
    scimType: 'invalidPath',
  },
  {
    name: 'path not a string',
    body: patchBody({ op: 'replace', path: 7, value: 'x' }),
    scimType: 'invalidPath',
    detail: /must be a string/,
  },
  {
    name: 'unknown attribute',
    body: patchBody({ op: 'replace', path: 'shoeSize', value: '42' }),
    scimType: 'invalidPath',
    detail: /not an attribute of a ClearID User/,
  },
  {
    name: 'unknown ClearID extension attribute',
    body: patchBody({ op: 'Add', path: `${EXT}:shoeSize`, value: '42' }),
    scimType: 'invalidPath',
  },
  {
    name: 'unknown enterprise attribute',
    body: patchBody({ op: 'Add', path: `${ENT}:shoeSize`, value: '42' }),
    scimType: 'invalidPath',
  },
  {
    name: 'unknown schema URN',
    body: patchBody({ op: 'replace', path: 'urn:acme:params:2.0:User:level', value: '3' }),
    scimType: 'invalidPath',
    detail: /schema "urn:acme:params:2.0:User"/,
  },
  {
    name: 'Group members on a User (Entra default dialect)',
    body: patchBody({ op: 'Remove', path: 'members', value: [{ value: 'u1' }] }),
    scimType: 'invalidPath',
    detail: /Groups.*group provisioning/,
  },
  {
    name: 'value filter on single-valued displayName',
    body: patchBody({ op: 'replace', path: 'displayName[value eq "x"]', value: 'Ada' }),
    scimType: 'invalidPath',
    detail: /single-valued/,
  },
  {
    name: 'value filter on a ClearID extension attribute',
    body: patchBody({ op: 'remove', path: `${EXT}:firstName[value eq "Ada"]` }),
    scimType: 'invalidPath',
    detail: /single-valued/,
  },
  {
    name: 'value filter on single-valued complex name',
    body: patchBody({ op: 'replace', path: 'name[givenName eq "Ada"].familyName', value: 'K' }),
    scimType: 'invalidPath',
  },
  {
    name: 'sub-attribute of a simple attribute',
    body: patchBody({ op: 'replace', path: 'displayName.value', value: 'Ada' }),
    scimType: 'invalidPath',
    detail: /simple attribute/,
  },
  {
    name: 'unknown sub-attribute of name',
    body: patchBody({ op: 'replace', path: 'name.nick', value: 'Ada' }),
    scimType: 'invalidPath',
    detail: /no sub-attribute "nick"/,
  },
  {
    name: 'the core schema URN as a path',
    body: patchBody({ op: 'replace', path: CORE, value: { displayName: 'Ada' } }),
    scimType: 'invalidPath',
  },
  {
    name: 'a value filter after the extension URN',
    body: patchBody({ op: 'remove', path: `${EXT}[firstName eq "Ada"]` }),
    scimType: 'invalidPath',
  },
]

const noTarget: FailureCase[] = [
  {
    name: 'remove without a path',
    body: patchBody({ op: 'remove' }),
    scimType: 'noTarget',
    detail: /needs a "path"/,
  },
  {
    name: 'remove with an empty path',
    body: patchBody({ op: 'Remove', path: '' }),
    scimType: 'noTarget',
  },
  {
    name: 'remove with a null path and a value object',
    body: patchBody({ op: 'remove', path: null, value: { displayName: 'Ada' } }),
    scimType: 'noTarget',
  },
]

const invalidValue: FailureCase[] = [
  {
    name: 'displayName a number',
    body: patchBody({ op: 'replace', path: 'displayName', value: 42 }),
    scimType: 'invalidValue',
    detail: /displayName must be a string/,
  },
  {
    name: 'userName a boolean in a value object',
    body: patchBody({ op: 'replace', value: { userName: true } }),
    scimType: 'invalidValue',
  },
  {
    name: 'firstName as a list of {value}',
    body: patchBody({ op: 'Add', path: `${EXT}:firstName`, value: [{ value: 'Ada' }] }),
    scimType: 'invalidValue',
  },
  {
    name: 'email an object',
    body: patchBody({ op: 'add', value: { [EXT]: { email: { value: 'a@b.cd' } } } }),
    scimType: 'invalidValue',
  },
  {
    name: 'active "yes"',
    body: patchBody({ op: 'Replace', path: 'active', value: 'yes' }),
    scimType: 'invalidValue',
    detail: /active must be a boolean/,
  },
  {
    name: 'active 0',
    body: patchBody({ op: 'replace', value: { active: 0 } }),
    scimType: 'invalidValue',
  },
  {
    name: 'extension boolean as "True" names the Entra flag',
    body: patchBody({ op: 'Replace', path: `${EXT}:hasExtendedTime`, value: 'True' }),
    scimType: 'invalidValue',
    detail: new RegExp(ENTRA_SCIM2_FLAG),
  },
  {
    name: 'extension boolean as "false" in a value object names the Entra flag',
    body: patchBody({ op: 'replace', value: { [`${EXT}:isAdmin`]: 'false' } }),
    scimType: 'invalidValue',
    detail: new RegExp(ENTRA_SCIM2_FLAG),
  },
  {
    name: 'extension boolean as a number',
    body: patchBody({ op: 'replace', path: `${EXT}:hasWebPortalAccess`, value: 1 }),
    scimType: 'invalidValue',
  },
  {
    name: 'strict mode: unknown key in a value object',
    behaviour: { unknownAttributes: 'reject' },
    body: patchBody({ op: 'replace', value: { shoeSize: '42' } }),
    scimType: 'invalidValue',
    detail: /Strict mode/,
  },
  {
    name: 'strict mode: name.givenName',
    behaviour: { unknownAttributes: 'reject' },
    body: patchBody({ op: 'Replace', path: 'name.givenName', value: 'Ada' }),
    scimType: 'invalidValue',
  },
  {
    name: 'strict mode: unsupported birthday',
    behaviour: { unknownAttributes: 'reject' },
    body: patchBody({ op: 'add', path: `${EXT}:birthday`, value: '1815-12-10' }),
    scimType: 'invalidValue',
  },
  {
    name: 'strict mode: enterprise department',
    behaviour: { unknownAttributes: 'reject' },
    body: patchBody({ op: 'Add', path: `${ENT}:department`, value: 'R&D' }),
    scimType: 'invalidValue',
  },
]

describe.each([
  ['invalidSyntax', invalidSyntax],
  ['invalidPath', invalidPath],
  ['noTarget', noTarget],
  ['invalidValue', invalidValue],
])('applyPatch refuses with 400 %s', (_title, cases) => {
  it.each(cases)('$name', ({ body, behaviour, scimType, detail }) => {
    const error = caught(() => runPatch(body, behaviour))
    expect(error).toBeInstanceOf(ApiError)
    if (!(error instanceof ApiError)) return
    expect(error.status).toBe(400)
    expect(error.options.scimType).toBe(scimType)
    if (detail) expect(error.detail).toMatch(detail)
  })
})

describe('applyPatch failures are atomic', () => {
  const failing = patchBody(
    { op: 'replace', path: 'displayName', value: 'Ada King' },
    { op: 'Add', path: `${ENT}:department`, value: 'R&D' },
    { op: 'remove', path: `${EXT}:firstName` },
    { op: 'replace', path: `${EXT}:hasExtendedTime`, value: 'True' },
  )

  it('leaves the frozen input deep-equal and reports no warnings', () => {
    const start = frozen(baseUser())
    const snapshot = structuredClone(start)
    const warnings: RequestWarning[] = []
    const error = caught(() =>
      applyPatch(start, failing, {
        behaviour: DEFAULT_BEHAVIOUR,
        warn: (warning) => warnings.push(warning),
      }),
    )
    expect(error).toBeInstanceOf(ApiError)
    expect(start).toEqual(snapshot)
    expect(warnings).toEqual([])
  })

  it('names the failing operation by index, op and path', () => {
    const error = caught(() => runPatch(failing))
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).detail).toMatch(
      new RegExp(`^Operations\\[3\\] \\(replace "${escaped(EXT)}:hasExtendedTime"\\): `),
    )
    expect((error as ApiError).options.attribute).toBe('hasExtendedTime')
  })

  it('bounds client text quoted in a detail', () => {
    const error = caught(() => runPatch(patchBody({ op: 'x'.repeat(10_000) })))
    expect((error as ApiError).detail.length).toBeLessThan(400)
  })
})
