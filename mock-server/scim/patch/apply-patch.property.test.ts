import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EXTENSION_ATTRIBUTES, UNSUPPORTED_ATTRIBUTES } from '../../../model/attributes.ts'
import { ApiError } from '../../errors/api-error.ts'
import { DEFAULT_BEHAVIOUR, type Behaviour } from '../../behaviour.ts'
import { applyPatch, type UserState } from './apply-patch.ts'
import { baseUser, CORE, ENT, EXT, frozen, PATCH_OP, patchBody } from './patch-fixtures.ts'

const randomCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((flags) =>
      [...text].map((ch, i) => (flags[i] === true ? ch.toUpperCase() : ch.toLowerCase())).join(''),
    )

const extensionNames = EXTENSION_ATTRIBUTES.map((a) => a.name)
const attributeNames = [
  'userName',
  'displayName',
  'active',
  'externalId',
  'members',
  'id',
  'meta.created',
  'name.givenName',
  'name.nick',
  'title',
  'groups',
  ...extensionNames,
  ...UNSUPPORTED_ATTRIBUTES,
]

const plausiblePath = fc.oneof(
  fc.constantFrom(...attributeNames),
  fc
    .constantFrom(...extensionNames, ...UNSUPPORTED_ATTRIBUTES, 'shoeSize')
    .map((n) => `${EXT}:${n}`),
  fc
    .constantFrom('displayName', 'userName', 'active', 'name.givenName', 'emails')
    .map((n) => `${CORE}:${n}`),
  fc
    .constantFrom('department', 'manager', 'manager.value', 'costCenter', 'shoeSize')
    .map((n) => `${ENT}:${n}`),
  fc.constantFrom(EXT, CORE, ENT, 'urn:acme:2.0:User:level', `${EXT}.firstName`),
  fc.constantFrom(
    'emails[type eq "work"].value',
    'phoneNumbers[type eq "mobile"].value',
    'roles[primary eq "True"].display',
    'members[value eq "u1"]',
    `${ENT}:manager[value eq "m1"]`,
    'displayName[value eq "x"]',
    `${EXT}:firstName[value eq "x"]`,
    'addresses[type eq "work" and primary eq true].country',
  ),
)

const garbagePath = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    '[',
    ']',
    'a[',
    'a]',
    '..',
    'a..b',
    'urn:',
    ':',
    'a:b:',
    '$ref',
    '((',
    'emails[',
    'emails[type eq]',
    'emails[[a eq 1]]',
  ),
  fc.string({ unit: 'grapheme' }),
)

const pathValue = fc.oneof(
  { weight: 4, arbitrary: plausiblePath.chain(randomCase) },
  { weight: 4, arbitrary: plausiblePath },
  { weight: 2, arbitrary: garbagePath },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
)

const scalar = fc.oneof(
  fc.constantFrom('True', 'False', 'true', 'false', 'yes', '', 'ada@contoso.com', 'GBR'),
  fc.boolean(),
  fc.string(),
  fc.constant(null),
  fc.integer(),
  fc.double(),
)

/** Values nest objects keyed by plausible paths, so path-less ops reach every branch. */
const { value, object } = fc.letrec<{ value: unknown; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.jsonValue({ maxDepth: 3 }),
    tie('object'),
    fc.array(tie('value'), { maxLength: 3 }),
  ),
  object: fc.dictionary(fc.oneof(plausiblePath, garbagePath), tie('value'), { maxKeys: 5 }),
}))

const opName = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('add', 'replace', 'remove').chain(randomCase) },
  { weight: 1, arbitrary: fc.constantFrom('move', 'copy', 'test', 'update', '') },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
)

const memberName = (name: string) => fc.oneof(fc.constant(name), randomCase(name))

/** Mostly well-formed operations (so deep branches run), sometimes with members missing. */
const wellFormedOperation = fc
  .tuple(opName, fc.option(pathValue, { freq: 4, nil: undefined }))
  .chain(([op, path]) =>
    fc.tuple(
      fc.constant(op),
      fc.constant(path),
      // A path-less add/replace needs an object; give it one most of the time.
      fc.option(path === undefined || path === null ? fc.oneof(object, object, value) : value, {
        freq: 10,
        nil: undefined,
      }),
      memberName('op'),
      memberName('path'),
      memberName('value'),
    ),
  )
  .map(([op, path, item, opKey, pathKey, valueKey]) => {
    const renamed: Record<string, unknown> = { [opKey]: op }
    if (path !== undefined) renamed[pathKey] = path
    if (item !== undefined) renamed[valueKey] = item
    return renamed
  })

const operation = fc.oneof(
  { weight: 15, arbitrary: wellFormedOperation },
  {
    weight: 1,
    arbitrary: fc.record({ op: opName, path: pathValue, value }, { requiredKeys: [] }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
)

const body = fc.oneof(
  { weight: 12, arbitrary: fc.array(operation, { maxLength: 4 }).map((ops) => patchBody(...ops)) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        schemas: fc.oneof(
          fc.constant([PATCH_OP]),
          fc.constant([CORE]),
          fc.jsonValue({ maxDepth: 1 }),
        ),
        Operations: fc.oneof(fc.array(operation, { maxLength: 3 }), fc.jsonValue({ maxDepth: 2 })),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
)

const behaviour: fc.Arbitrary<Behaviour> = fc
  .record({
    extensionBooleanStrings: fc.constantFrom('reject' as const, 'coerce' as const),
    unknownAttributes: fc.constantFrom('ignore' as const, 'reject' as const),
    maxPatchOperations: fc.oneof(
      { weight: 5, arbitrary: fc.constant(1000) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 4 }) },
    ),
  })
  .map((b) => ({ ...DEFAULT_BEHAVIOUR, ...b }))

const stateArb: fc.Arbitrary<UserState> = fc
  .record({
    active: fc.boolean(),
    drop: fc.subarray(Object.keys(baseUser().attributes)),
  })
  .map(({ active, drop }) => {
    const state = { ...baseUser(), active }
    for (const name of drop) delete state.attributes[name]
    return state
  })

function expectWellFormed(state: UserState): void {
  expect(typeof state.userName).toBe('string')
  expect(typeof state.displayName).toBe('string')
  expect(typeof state.active).toBe('boolean')
  for (const [name, stored] of Object.entries(state.attributes)) {
    const definition = EXTENSION_ATTRIBUTES.find((a) => a.name === name)
    expect(definition, `stored attribute ${name}`).toBeDefined()
    expect(typeof stored).toBe(definition?.type === 'boolean' ? 'boolean' : 'string')
  }
}

describe('applyPatch properties', () => {
  it('returns a well-formed state or throws a 400 ApiError, and never touches the input', () => {
    const outcomes = new Set<string>()
    fc.assert(
      fc.property(stateArb, body, behaviour, (start, patch, options) => {
        const snapshot = structuredClone(start)
        const input = frozen(start)
        try {
          expectWellFormed(applyPatch(input, patch, { behaviour: options, warn: () => {} }))
          outcomes.add('ok')
        } catch (error) {
          if (!(error instanceof ApiError)) throw error
          outcomes.add(error.options.scimType ?? 'none')
          expect(error.status).toBe(400)
          expect(error.options.scimType).toBeDefined()
          expect(error.detail.length).toBeLessThan(1200)
        }
        expect(input).toEqual(snapshot)
      }),
      { numRuns: 1500 },
    )
    // Guards the generator: it must keep reaching successes and every kind of refusal.
    expect([...outcomes].sort()).toEqual(
      ['invalidPath', 'invalidSyntax', 'invalidValue', 'noTarget', 'ok'].sort(),
    )
  })

  it('stores any string sent to a string attribute exactly, whatever the dialect', () => {
    const stringAttributes = EXTENSION_ATTRIBUTES.filter((a) => a.type === 'string')
    fc.assert(
      fc.property(
        fc.constantFrom(...stringAttributes.map((a) => a.name)),
        fc.string(),
        fc.constantFrom('path', 'key', 'object'),
        fc.constantFrom('add', 'Add', 'replace', 'Replace'),
        (name, text, form, op) => {
          const ops = {
            path: { op, path: `${EXT}:${name}`, value: text },
            key: { op, value: { [`${EXT}:${name}`]: text } },
            object: { op, value: { [EXT]: { [name]: text } } },
          }
          const next = applyPatch(frozen(baseUser()), patchBody(ops[form]), {
            behaviour: DEFAULT_BEHAVIOUR,
            warn: () => {},
          })
          expect(next.attributes[name]).toBe(text)
        },
      ),
    )
  })
})
