/**
 * Disable, re-enable and hard delete (research/entra.md §1.5–§1.6; SPEC §2.2): a disabled identity
 * stays visible by id and by filter; a deleted one answers 404 and frees its userName and externalId.
 *
 * @module
 */
import { lookupPath } from '../../driver/entra/requests.ts'
import { defineServerRule } from './define.ts'
import { setupFailed } from './check-stops.ts'
import { isObject } from './findings.ts'
import { expectIds } from './filter.ts'
import { entraTutorial, logicApp, msValidator, rfc7644, spec } from './sources.ts'
import { createUser, needFilter, ownUsersFilter, queryUsers, readUser } from './steps.ts'
import { excerpt } from '../../driver/http/excerpt.ts'

export const disabledReadable = defineServerRule({
  id: 'SRV-LIFE-001',
  level: 'MUST',
  title: 'A disabled identity stays readable by id with active false',
  profile: 'entra',
  area: 'lifecycle',
  tags: ['lifecycle', 'entra', 'soft-delete'],
  sources: [
    entraTutorial('a disabled user must still be returned by GET /Users/{id}'),
    msValidator('Patch User - Disable User'),
    logicApp('Disable_User_Test'),
    spec('2.2', 'deactivate: stays readable by id and by filter'),
  ],
  fix: 'Keep deactivated identities (active false) readable; only a DELETE may make an identity disappear.',
  writes: true,
  perDialect: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const patched = await ctx.entra.setActive(user.id, false)
    if (!f.status(patched, [200, 204], `PATCH active false (${ctx.dialect})`)) return f.list
    const answer = await ctx.entra.getUser(user.id)
    if (!f.status(answer, 200, 'GET /Users/{id} of a disabled identity')) return f.list
    const active = isObject(answer.body) ? answer.body.active : undefined
    f.check(active === false, 'active must be the JSON boolean false', answer, false, active)
    return f.list
  },
})

export const disabledFindable = defineServerRule({
  id: 'SRV-LIFE-002',
  level: 'MUST',
  title: 'A disabled identity is still found by the matching filter, with active false',
  profile: 'entra',
  area: 'lifecycle',
  tags: ['lifecycle', 'entra', 'soft-delete', 'filter'],
  sources: [
    entraTutorial(
      'the matching filter must find inactive accounts, or Entra creates a duplicate (409)',
    ),
    msValidator('Patch User - Disable User'),
  ],
  fix: 'Include inactive identities in filter results: the userName lookup must find a disabled user, or Entra creates it again and gets 409.',
  writes: true,
  perDialect: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const patched = await ctx.entra.setActive(user.id, false)
    if (!f.status(patched, [200, 204], `PATCH active false (${ctx.dialect})`)) return f.list
    const lookup = await ctx.entra.findUser('userName', user.values.userName)
    if (expectIds(f, lookup, [user.id], 'GET /Users?filter=userName eq "<disabled>"')) {
      const list = f.listResponse(lookup, 'lookup of the disabled identity')
      f.check(
        list?.Resources[0]?.active === false,
        'the filter result must show active false',
        lookup,
        false,
        list?.Resources[0]?.active,
      )
    }
    return f.list
  },
})

export const activeFilter = defineServerRule({
  id: 'SRV-LIFE-004',
  level: 'MUST',
  title: 'Filters on active tell disabled identities from enabled ones',
  profile: 'clearid',
  area: 'lifecycle',
  tags: ['lifecycle', 'filter', 'booleans'],
  sources: [
    spec('2.2', 'deactivate: the identity stays readable by id and by filter'),
    spec('2.3', "full filter grammar, evaluated with each attribute's type"),
  ],
  fix: 'Evaluate "active eq false" and "active eq true" against the stored boolean, whatever form the value arrived in.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const disabled = await createUser(ctx)
    const enabled = await createUser(ctx)
    f.status(await ctx.entra.setActive(disabled.id, false), [200, 204], 'PATCH active false')
    const own = await ownUsersFilter(ctx)
    const inactive = await queryUsers(ctx, `${own} and active eq false`)
    expectIds(f, inactive, [disabled.id], 'filter active eq false')
    const active = await queryUsers(ctx, `${own} and active eq true`)
    expectIds(f, active, [enabled.id], 'filter active eq true')
    return f.list
  },
})

export const reEnable = defineServerRule({
  id: 'SRV-LIFE-003',
  level: 'MUST',
  title: 'Re-enabling a disabled identity sets active back to true',
  profile: 'entra',
  area: 'lifecycle',
  tags: ['lifecycle', 'entra'],
  sources: [
    entraTutorial('coming back into scope sends PATCH active=true ("True")'),
    logicApp('Restore_User_Test'),
  ],
  fix: 'Accept active "True"/true on a disabled identity and return active true.',
  writes: true,
  perDialect: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    f.status(await ctx.entra.setActive(user.id, false), [200, 204], 'disable')
    f.status(await ctx.entra.setActive(user.id, true), [200, 204], 're-enable')
    const { answer, resource } = await readUser(ctx, user.id)
    f.check(
      resource.active === true,
      'active must be true after re-enabling',
      answer,
      true,
      resource.active,
    )
    return f.list
  },
})

export const deleteThenGone = defineServerRule({
  id: 'SRV-DEL-001',
  level: 'MUST',
  title: 'DELETE answers 204 without a body, then GET answers 404',
  profile: 'rfc',
  area: 'delete',
  tags: ['delete'],
  sources: [rfc7644('3.6'), msValidator('Delete a User'), logicApp('Delete_User_Test')],
  msValidatorTest: 'Delete a User',
  fix: 'Answer DELETE /Users/{id} with 204 and no body; afterwards GET /Users/{id} must answer 404.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const answer = await ctx.entra.deleteUser(user.id)
    if (f.status(answer, 204, 'DELETE /Users/{id}')) {
      f.check(
        answer.text === '',
        'a 204 must not carry a body',
        answer,
        '',
        excerpt(answer.text, 100),
      )
    }
    const read = await ctx.entra.getUser(user.id)
    f.scimError(read, { status: 404 }, 'GET /Users/{id} after DELETE')
    return f.list
  },
})

export const deletedNotFound = defineServerRule({
  id: 'SRV-DEL-002',
  level: 'MUST',
  title: 'A deleted identity no longer matches filters',
  profile: 'rfc',
  area: 'delete',
  tags: ['delete', 'filter'],
  sources: [rfc7644('3.6')],
  fix: 'Exclude deleted identities from every list and filter result.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    f.status(await ctx.entra.deleteUser(user.id), 204, 'DELETE /Users/{id}')
    const byName = await ctx.entra.findUser('userName', user.values.userName)
    expectIds(f, byName, [], 'filter userName eq "<deleted>"')
    const byId = needFilter(
      await ctx.http.send({ method: 'GET', path: lookupPath('id', user.id) }),
      'id eq',
    )
    expectIds(f, byId, [], 'filter id eq "<deleted>"')
    return f.list
  },
})

export const deletedKeysReusable = defineServerRule({
  id: 'SRV-DEL-003',
  level: 'MUST',
  title: 'After a delete, the userName and externalId can be used again',
  profile: 'clearid',
  area: 'delete',
  tags: ['delete', 'uniqueness'],
  sources: [spec('2.2', 'DELETE: its externalId and userName may be reused')],
  fix: 'Leave soft-deleted identities out of uniqueness checks so a re-created user with the same userName and externalId gets 201.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    f.status(await ctx.entra.deleteUser(user.id), 204, 'DELETE /Users/{id}')
    const again = await ctx.entra.createUser(user.values)
    f.status(again, 201, "POST /Users with the deleted identity's userName and externalId")
    return f.list
  },
})

export const deletedUserNameReusable = defineServerRule({
  id: 'SRV-DEL-005',
  level: 'SHOULD',
  title: 'After a delete, its userName can be used again',
  profile: 'rfc',
  area: 'delete',
  tags: ['delete', 'uniqueness'],
  // The RFC part of SRV-DEL-003: RFC 7644 §3.6 says a create with a deleted user's userName
  // "SHOULD NOT fail with a 409". The externalId is a ClearID extension key: SRV-DEL-003 only.
  sources: [rfc7644('3.6')],
  fix: 'Leave deleted users out of uniqueness checks so a new user with the same userName gets 201.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const deleted = await ctx.entra.deleteUser(user.id)
    if (deleted.status >= 300)
      setupFailed('delete the identity (DELETE /Users/{id})', `HTTP ${deleted.status}`, deleted)
    const again = await ctx.entra.createUser(ctx.data.user({ userName: user.values.userName }))
    f.status(again, 201, "POST /Users with the deleted user's userName")
    return f.list
  },
})

export const deleteUnknownAndTwice = defineServerRule({
  id: 'SRV-DEL-004',
  level: 'SHOULD',
  title: 'DELETE of an unknown id, or a second DELETE, answers 404',
  profile: 'rfc',
  area: 'delete',
  tags: ['delete', 'errors'],
  sources: [
    rfc7644('3.6'),
    msValidator('Delete a non-existent User (preview)'),
    msValidator('Delete the same User twice (preview)'),
  ],
  msValidatorTest: 'Delete the same User twice',
  fix: 'Answer DELETE of an id that does not exist (or no longer exists) with 404 and a SCIM error.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    f.scimError(
      await ctx.entra.deleteUser(ctx.data.guid()),
      { status: 404 },
      'DELETE /Users/{unknown id}',
    )
    const user = await createUser(ctx)
    f.status(await ctx.entra.deleteUser(user.id), 204, 'first DELETE')
    f.scimError(
      await ctx.entra.deleteUser(user.id),
      { status: 404 },
      'second DELETE of the same id',
    )
    return f.list
  },
})
