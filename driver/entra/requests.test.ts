import { describe, expect, it } from 'vitest'
import { CLEARID_USER_EXTENSION, CORE_USER_SCHEMA } from '../../model/attributes.ts'
import { TestData } from '../../fixtures/test-data.ts'
import { diffUser } from './diff.ts'
import {
  createUserBody,
  defaultMapping,
  filterQuery,
  groupProbePath,
  lookupPath,
  patchUserBody,
  type AttributeChange,
} from './requests.ts'
import { SCIM_PATCH_SCHEMA } from '../../model/scim-protocol.ts'

const user = () => new TestData(1, 'r1', 'requests').user()

describe('Entra filters', () => {
  it('form-encodes like Entra: + for spaces, %22 for quotes, %40 for @', () => {
    expect(filterQuery('userName', 'alice@contoso.example')).toBe(
      'filter=userName+eq+%22alice%40contoso.example%22',
    )
    expect(lookupPath('displayName', 'Ada Lovelace')).toBe(
      '/Users?filter=displayName+eq+%22Ada+Lovelace%22',
    )
  })

  it('escapes quotes inside values', () => {
    expect(decodeURIComponent(filterQuery('displayName', 'A "B"').replace(/\+/g, ' '))).toBe(
      'filter=displayName eq "A \\"B\\""',
    )
  })

  it('sends the Test Connection group probe with excludedAttributes=members', () => {
    expect(groupProbePath('g')).toBe(
      '/Groups?excludedAttributes=members&filter=displayName+eq+%22g%22',
    )
  })
})

describe('POST /Users body', () => {
  it('uses "True" strings and leaves extension booleans out in the default dialect', () => {
    const body = createUserBody(user(), 'entra-default')
    expect(body.active).toBe('True')
    expect(body.schemas).toEqual([CORE_USER_SCHEMA])
    const ext = body[CLEARID_USER_EXTENSION] as Record<string, unknown>
    expect(ext).not.toHaveProperty('isAdmin')
    expect(ext).not.toHaveProperty('hasExtendedTime')
    expect(ext.externalId).toMatch(/^cc-r1-/)
  })

  it('uses JSON booleans, extension booleans included, with the flag', () => {
    const body = createUserBody(user(), 'entra-flag')
    expect(body.active).toBe(true)
    const ext = body[CLEARID_USER_EXTENSION] as Record<string, unknown>
    expect(typeof ext.isAdmin).toBe('boolean')
  })

  it('sends extension booleans as strings when a default-dialect mapping includes them', () => {
    const body = createUserBody(user(), 'entra-default', {
      extensionBooleans: true,
      declareExtension: false,
    })
    const ext = body[CLEARID_USER_EXTENSION] as Record<string, unknown>
    expect(['True', 'False']).toContain(ext.hasWebPortalAccess)
  })

  it('is byte-identical for the same seed', () => {
    expect(JSON.stringify(createUserBody(user(), 'entra-flag'))).toBe(
      JSON.stringify(createUserBody(user(), 'entra-flag')),
    )
  })
})

describe('PATCH body', () => {
  const changes: AttributeChange[] = [
    { attribute: 'displayName', value: 'New Name', op: 'replace' },
    { attribute: 'middleName', value: 'M', op: 'add' },
    { attribute: 'active', value: false, op: 'replace' },
  ]

  it('default dialect: one capitalised op per attribute, URN paths, "False"', () => {
    expect(patchUserBody(changes, 'entra-default')).toEqual({
      schemas: [SCIM_PATCH_SCHEMA],
      Operations: [
        { op: 'Replace', path: 'displayName', value: 'New Name' },
        { op: 'Add', path: `${CLEARID_USER_EXTENSION}:middleName`, value: 'M' },
        { op: 'Replace', path: 'active', value: 'False' },
      ],
    })
  })

  it('flag: one path-less replace keyed by attribute paths, JSON booleans', () => {
    expect(patchUserBody(changes, 'entra-flag')).toEqual({
      schemas: [SCIM_PATCH_SCHEMA],
      Operations: [
        {
          op: 'replace',
          value: {
            displayName: 'New Name',
            [`${CLEARID_USER_EXTENSION}:middleName`]: 'M',
            active: false,
          },
        },
      ],
    })
  })

  it('flag: a single change keeps its path (the disable shape)', () => {
    expect(
      patchUserBody([{ attribute: 'active', value: false, op: 'replace' }], 'entra-flag')
        .Operations,
    ).toEqual([{ op: 'replace', path: 'active', value: false }])
  })
})

describe('diff after read-back', () => {
  it('is empty when every value round-trips, and names what does not', () => {
    const source = user()
    const body = createUserBody(source, 'entra-flag')
    const resource = { ...body, active: true, id: 'x' }
    expect(diffUser(source, resource, 'entra-flag', defaultMapping('entra-flag'))).toEqual([])
    const reformatted = {
      ...resource,
      displayName: source.displayName.toUpperCase(),
      active: 'True',
    }
    const names = diffUser(source, reformatted, 'entra-flag', defaultMapping('entra-flag')).map(
      (c) => c.attribute,
    )
    expect(names).toEqual(['displayName', 'active'])
  })

  it('uses add for attributes the target lacks', () => {
    const source = user()
    const body = createUserBody(source, 'entra-default')
    const ext = { ...(body[CLEARID_USER_EXTENSION] as Record<string, unknown>) }
    delete ext.middleName
    const resource = { ...body, active: true, [CLEARID_USER_EXTENSION]: ext }
    expect(diffUser(source, resource, 'entra-default', defaultMapping('entra-default'))).toEqual([
      { attribute: 'middleName', value: source.ext.middleName, op: 'add' },
    ])
  })
})
