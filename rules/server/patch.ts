/**
 * PATCH in both Entra dialects (SPEC §2.3; research/entra.md §2.4 and §4): capitalised ops and
 * string booleans, URN-prefixed paths, path-less value objects with URN keys and the extension-object
 * form, and the attributes ClearID does not store.
 *
 * @module
 */
import { CLEARID_USER_EXTENSION } from '../../model/attributes.ts'
import { userValue } from '../../driver/entra/diff.ts'
import { type AttributeChange } from '../../driver/entra/requests.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import type { ServerCheckContext } from './context.ts'
import { defineServerRule } from './define.ts'
import type { Findings } from './findings.ts'
import { isObject } from './findings.ts'
import { entraCompat, entraTutorial, msValidator, rfc7644, spec } from './sources.ts'
import { createUser, readUser, type CreatedUser } from './steps.ts'
import { SCIM_PATCH_SCHEMA } from '../../model/scim-protocol.ts'

const ext = (name: string) => `${CLEARID_USER_EXTENSION}:${name}`

export function patchBody(operations: readonly Record<string, unknown>[]) {
  return { schemas: [SCIM_PATCH_SCHEMA], Operations: operations }
}

const shown = (value: unknown) =>
  value === undefined ? 'without a value' : `= ${JSON.stringify(value)}`

/** Expects 200 (with the resource) or 204, then the values on a fresh GET. */
export async function expectPatched(
  ctx: ServerCheckContext,
  f: Findings,
  user: CreatedUser,
  answer: HttpAnswer,
  expected: readonly [string, unknown][],
  what: string,
): Promise<void> {
  if (!f.status(answer, [200, 204], what)) return
  if (answer.status === 200) {
    f.check(
      isObject(answer.body) && answer.body.id === user.id,
      `${what}: a 200 must carry the updated resource`,
      answer,
      user.id,
      isObject(answer.body) ? answer.body.id : answer.body,
    )
    for (const [name, value] of expected) {
      const actual = userValue(answer.body, name)
      f.check(
        actual === value,
        `${what}: the response must show ${name} ${shown(value)}`,
        answer,
        value ?? '(absent)',
        actual ?? '(absent)',
      )
    }
  }
  const read = await readUser(ctx, user.id)
  for (const [name, value] of expected) {
    const actual = userValue(read.resource, name)
    f.check(
      actual === value,
      `${what}: GET after the PATCH must show ${name} ${shown(value)}`,
      read.answer,
      value ?? '(absent)',
      actual ?? '(absent)',
    )
  }
}

/** Core changes Entra sends in an incremental cycle: a renamed user (new UPN and display name). */
function coreChanges(ctx: ServerCheckContext, user: CreatedUser): AttributeChange[] {
  const next = ctx.data.user()
  const userName = `${ctx.data.prefix}renamed-${user.values.userName.slice(ctx.data.prefix.length)}`
  return [
    { attribute: 'displayName', value: next.displayName, op: 'replace' },
    { attribute: 'userName', value: userName, op: 'replace' },
  ]
}

export const patchDialect = defineServerRule({
  id: 'SRV-PATCH-001',
  level: 'MUST',
  title:
    'A PATCH in the Entra dialect (op case, path or path-less value) updates the core attributes',
  profile: 'entra',
  area: 'patch',
  tags: ['patch', 'entra'],
  sources: [
    entraCompat(
      'default dialect: capitalised ops, one op per attribute; flag: one path-less replace',
    ),
    rfc7644('3.5.2'),
  ],
  fix: 'Accept op names in any case, URN-prefixed paths for extension attributes, and path-less value objects keyed by attribute paths; answer 200 with the updated resource.',
  writes: true,
  perDialect: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const changes = coreChanges(ctx, user)
    const answer = await ctx.entra.patchUser(user.id, changes)
    await expectPatched(
      ctx,
      f,
      user,
      answer,
      changes.map((c) => [c.attribute, c.value]),
      `PATCH /Users/{id} (${ctx.dialect})`,
    )
    return f.list
  },
})

export const patchDisable = defineServerRule({
  id: 'SRV-PATCH-002',
  level: 'MUST',
  title: 'Disabling through PATCH active works in the dialect and returns a JSON boolean',
  profile: 'entra',
  area: 'patch',
  tags: ['patch', 'entra', 'booleans', 'lifecycle'],
  sources: [
    entraCompat('flag off: {"op":"Replace","path":"active","value":"False"}'),
    msValidator('Patch User - Disable User'),
    spec('2.2', 'active accepts "True"/"False"'),
  ],
  msValidatorTest: 'Patch User - Disable User',
  fix: 'Accept {"op":"Replace","path":"active","value":"False"} as well as {"op":"replace","path":"active","value":false}, and return active as a JSON boolean.',
  writes: true,
  perDialect: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const answer = await ctx.entra.setActive(user.id, false)
    await expectPatched(
      ctx,
      f,
      user,
      answer,
      [['active', false]],
      `PATCH active false (${ctx.dialect})`,
    )
    return f.list
  },
})

export const patchUrnPaths = defineServerRule({
  id: 'SRV-PATCH-003',
  level: 'MUST',
  title: 'URN-prefixed extension paths work with any op case and URN case',
  profile: 'clearid',
  area: 'patch',
  tags: ['patch', 'entra', 'case'],
  sources: [
    entraTutorial('extension attributes are addressed as urn:…:User:<attr>'),
    rfc7644('3.5.2'),
    spec('2.3', 'URN-prefixed paths'),
  ],
  fix: `Resolve paths such as "${ext('departmentName')}" (URN and attribute case-insensitive) and op names in any case.`,
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const operations = [
      { op: 'Replace', path: ext('departmentName'), value: 'Security Operations' },
      {
        op: 'replace',
        path: ext('jobTitle').toUpperCase().replace('JOBTITLE', 'JobTitle'),
        value: 'Site Lead',
      },
      { op: 'ADD', path: ext('zipCode'), value: '02139' },
    ]
    const answer = await ctx.entra.patchRaw(user.id, patchBody(operations))
    await expectPatched(
      ctx,
      f,
      user,
      answer,
      [
        ['departmentName', 'Security Operations'],
        ['jobTitle', 'Site Lead'],
        ['zipCode', '02139'],
      ],
      'PATCH with URN paths',
    )
    return f.list
  },
})

export const patchPathlessUrnKeys = defineServerRule({
  id: 'SRV-PATCH-004',
  level: 'MUST',
  title:
    'A path-less replace renaming the user (userName, displayName, active) is applied key by key',
  profile: 'entra',
  area: 'patch',
  tags: ['patch', 'entra', 'entra-flag'],
  sources: [
    entraCompat('flag on: one replace without path whose value is keyed by attribute paths'),
    msValidator('Update User userName'),
  ],
  msValidatorTest: 'Update User userName',
  fix: 'Apply each key of a path-less value object as the attribute it names ({"op":"replace","value":{"userName":"…"}} renames the user).',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const userName = `${ctx.data.prefix}renamed-${user.values.userName.slice(ctx.data.prefix.length)}`
    const value = { userName, displayName: 'Renamed Person', active: false }
    const answer = await ctx.entra.patchRaw(user.id, patchBody([{ op: 'replace', value }]))
    await expectPatched(
      ctx,
      f,
      user,
      answer,
      [
        ['userName', userName],
        ['displayName', 'Renamed Person'],
        ['active', false],
      ],
      'path-less PATCH of userName, displayName and active',
    )
    return f.list
  },
})

export const patchExtensionObject = defineServerRule({
  id: 'SRV-PATCH-005',
  level: 'MUST',
  title: 'A path-less value holding the extension object merges it and keeps other attributes',
  profile: 'clearid',
  area: 'patch',
  tags: ['patch'],
  sources: [rfc7644('3.5.2.3'), spec('2.3', 'path-less value objects')],
  fix: 'Treat {"urn:…:clearid:2.0:User":{…}} in a path-less value as a complex attribute: replace the sub-attributes it names and leave the others unchanged.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const value = {
      [CLEARID_USER_EXTENSION]: { jobTitle: 'Badge Office Lead', cityOfResidence: 'Springfield' },
    }
    const answer = await ctx.entra.patchRaw(user.id, patchBody([{ op: 'replace', value }]))
    await expectPatched(
      ctx,
      f,
      user,
      answer,
      [
        ['jobTitle', 'Badge Office Lead'],
        ['cityOfResidence', 'Springfield'],
        ['lastName', user.values.ext.lastName],
        ['externalId', user.values.ext.externalId],
      ],
      'path-less PATCH with the extension object',
    )
    return f.list
  },
})

export const patchUnstoredKeys = defineServerRule({
  id: 'SRV-PATCH-006',
  level: 'SHOULD',
  title: 'Dotted and URN keys for attributes ClearID does not store are ignored, the rest applied',
  profile: 'clearid',
  area: 'patch',
  tags: ['patch', 'entra', 'entra-flag', 'attributes'],
  sources: [
    entraCompat('flag on: dotted keys such as name.givenName in path-less values'),
    spec('2.2', 'unsupported attributes: ignored, not stored'),
  ],
  fix: 'Expand dotted keys (name.givenName) and enterprise URN keys; drop the ones ClearID does not store with a warning instead of refusing the whole PATCH or storing junk keys.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const value = {
      'name.givenName': 'Ignored',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber': '99',
      displayName: 'Kept Change',
    }
    const answer = await ctx.entra.patchRaw(user.id, patchBody([{ op: 'replace', value }]))
    await expectPatched(
      ctx,
      f,
      user,
      answer,
      [
        ['displayName', 'Kept Change'],
        ['employeeNumber', user.values.ext.employeeNumber],
      ],
      'path-less PATCH with unstored keys',
    )
    const read = await readUser(ctx, user.id)
    f.check(
      !('name.givenName' in read.resource) && !('name' in read.resource),
      'the dotted key must not be stored as a literal attribute',
      read.answer,
      '(absent)',
      read.resource['name.givenName'] ?? read.resource.name,
    )
    return f.list
  },
})

export const patchFilteredUnsupported = defineServerRule({
  id: 'SRV-PATCH-007',
  level: 'SHOULD',
  title: 'A filtered add on a missing element of an unsupported multi-valued attribute is ignored',
  profile: 'entra',
  area: 'patch',
  tags: ['patch', 'entra', 'attributes'],
  sources: [
    entraTutorial(
      'filtered add to an element that does not exist yet (phoneNumbers[type eq "mobile"].value)',
    ),
    spec('2.2', 'unsupported attributes: ignored'),
  ],
  fix: 'Accept {"op":"Add","path":"phoneNumbers[type eq \\"mobile\\"].value",…} on a User without phone numbers and ignore it (ClearID does not store core phoneNumbers); never answer 5xx.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const operations = [
      { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'someone@contoso.example' },
      { op: 'Replace', path: 'displayName', value: 'Still Applied' },
    ]
    const answer = await ctx.entra.patchRaw(user.id, patchBody(operations))
    await expectPatched(
      ctx,
      f,
      user,
      answer,
      [['displayName', 'Still Applied']],
      'PATCH with filtered paths on unsupported attributes',
    )
    return f.list
  },
})

export const patchEmptyOperations = defineServerRule({
  id: 'SRV-PATCH-008',
  level: 'SHOULD',
  title: 'A PATCH with an empty Operations array changes nothing: a no-op or a 400',
  profile: 'entra',
  area: 'patch',
  tags: ['patch', 'entra'],
  sources: [
    {
      kind: 'ms-validator',
      ref: 'Microsoft SCIM Validator (preview): PATCH with empty Operations',
    },
    rfc7644('3.5.2'),
  ],
  fix: 'Answer {"Operations":[]} with 200 or 204 and change nothing (what Entra-compatible servers do), or refuse it with 400 and a SCIM error; never fail with a 5xx or change the user.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const answer = await ctx.entra.patchRaw(user.id, patchBody([]))
    const unchanged: [string, unknown][] = [
      ['displayName', user.values.displayName],
      ['userName', user.values.userName],
    ]
    const what = 'PATCH with empty Operations'
    // RFC 7644 §3.5.2: the body "MUST contain at least one" operation, so refusing an empty array
    // with 400 obeys the RFC; only Entra's validator expects a no-op. Either answer is right.
    if (answer.status === 200 || answer.status === 204) {
      await expectPatched(ctx, f, user, answer, unchanged, what)
      return f.list
    }
    if (!f.status(answer, [200, 204, 400], what)) return f.list
    f.scimError(answer, { status: 400 }, what)
    const read = await readUser(ctx, user.id)
    for (const [name, value] of unchanged) {
      const actual = userValue(read.resource, name)
      f.check(
        actual === value,
        `${what}: refused with 400, yet GET shows ${name} changed`,
        read.answer,
        value,
        actual ?? '(absent)',
      )
    }
    return f.list
  },
})
