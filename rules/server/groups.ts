/**
 * Groups are not synchronized (seed; SPEC §2.1): reads answer an empty list so Entra's probes pass,
 * writes answer 501 with a detail telling the admin to turn group provisioning off.
 *
 * @module
 */
import { defineServerRule } from './define.ts'
import { entraTutorial, seed, spec } from './sources.ts'
import { GROUP_SCHEMA, SCIM_PATCH_SCHEMA } from '../../model/scim-protocol.ts'
import { resourcePath } from '../../driver/http/resource-path.ts'

const ENTRA_GROUP_SCHEMA =
  'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'

export const groupsEmpty = defineServerRule({
  id: 'SRV-GROUP-001',
  level: 'MUST',
  title: 'GET /Groups answers 200 with an empty list, with or without a filter',
  profile: 'clearid',
  area: 'groups',
  tags: ['groups', 'read-only'],
  sources: [
    seed('groups are not synchronized; disable the Entra groups setting'),
    spec('2.1', 'GET /Groups (any filter) answers 200 with an empty ListResponse'),
  ],
  fix: 'Answer every GET /Groups with 200 and {"totalResults":0,"Resources":[]}, so Entra probes do not fail on a user-only server.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    for (const path of [
      '/Groups',
      '/Groups?filter=externalId+eq+%22g-1%22',
      '/Groups?startIndex=1&count=10',
    ]) {
      const answer = await ctx.http.send({ method: 'GET', path })
      const list = f.listResponse(answer, `GET ${path}`)
      if (list)
        f.check(
          list.totalResults === 0 && list.Resources.length === 0,
          `GET ${path} must be empty`,
          answer,
          0,
          list.totalResults,
        )
    }
    return f.list
  },
})

export const groupWritesRefused = defineServerRule({
  id: 'SRV-GROUP-002',
  level: 'MUST',
  title: 'POST /Groups answers 501 telling the admin to disable group provisioning',
  profile: 'clearid',
  area: 'groups',
  tags: ['groups'],
  sources: [
    seed('set "Provision Microsoft Entra ID Groups" to No'),
    spec('2.1', 'any write to /Groups answers 501 with a SCIM error'),
    entraTutorial('POST /Groups with the ADSCIM group schema'),
  ],
  fix: 'Answer writes to /Groups with 501, a SCIM error, and a detail saying that ClearID does not synchronize groups and group provisioning must be disabled in Entra.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const body = {
      schemas: [GROUP_SCHEMA, ENTRA_GROUP_SCHEMA],
      externalId: ctx.data.guid(),
      displayName: `${ctx.data.prefix}Badge Office`,
      meta: { resourceType: 'Group' },
    }
    const answer = await ctx.http.send({ method: 'POST', path: '/Groups', body })
    f.scimError(answer, { status: 501, mentions: ['group'] }, 'POST /Groups')
    const detail =
      typeof (answer.body as { detail?: unknown } | undefined)?.detail === 'string'
        ? String((answer.body as { detail: string }).detail)
        : ''
    f.check(
      /disabl|turn (?:it )?off|switch off|enabled\s*=\s*no|to "?no"?/i.test(detail),
      'the detail should tell the admin to disable group provisioning',
      answer,
      'a hint to disable group provisioning',
      detail,
    )
    return f.list
  },
})

export const groupOtherWrites = defineServerRule({
  id: 'SRV-GROUP-003',
  level: 'SHOULD',
  title: 'PATCH, PUT and DELETE on /Groups/{id} answer 501',
  profile: 'clearid',
  area: 'groups',
  tags: ['groups'],
  sources: [spec('2.1', 'any write to /Groups answers 501')],
  fix: 'Answer every write to /Groups/{id} with 501 and the same SCIM error as POST /Groups.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const id = ctx.data.guid()
    const patch = {
      schemas: [SCIM_PATCH_SCHEMA],
      Operations: [{ op: 'Add', path: 'members', value: [{ value: id }] }],
    }
    const requests = [
      { method: 'PATCH', body: patch },
      { method: 'PUT', body: { schemas: [GROUP_SCHEMA], displayName: 'Renamed' } },
      { method: 'DELETE' },
    ] as const
    for (const request of requests) {
      const answer = await ctx.http.send({ ...request, path: resourcePath('Groups', id) })
      f.scimError(answer, { status: 501 }, `${request.method} /Groups/{id}`)
    }
    return f.list
  },
})
