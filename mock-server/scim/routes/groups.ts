/**
 * `/Groups`: ClearID does not synchronize groups (the seed asks admins to disable group
 * provisioning). Reads answer an empty list so Entra's Test Connection passes; writes answer 501
 * with a detail that says what to change (SPEC §2.1, mock choices).
 *
 * @module
 */
import { Hono } from 'hono'
import type { MockContext } from '../../context.ts'
import { ApiError, notFound } from '../../errors/api-error.ts'
import { SCIM_LIST_SCHEMA } from '../../../model/scim-protocol.ts'
import { listQueryFromParams } from '../list-query.ts'
import { queryParams, scimJson } from '../respond.ts'

const NOT_SUPPORTED =
  'ClearID does not synchronize groups. In the Entra enterprise application, open Provisioning > Mappings and set "Provision Microsoft Entra ID Groups" to Enabled = No.'

export function groupsRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  app.get('/', (c) => {
    const query = listQueryFromParams(queryParams(c), ctx.behaviour)
    return scimJson(c, {
      schemas: [SCIM_LIST_SCHEMA],
      totalResults: 0,
      startIndex: query.startIndex,
      itemsPerPage: 0,
      Resources: [],
    })
  })
  app.get('/:id', (c) => {
    throw notFound(`No Group with id "${c.req.param('id').slice(0, 100)}": ${NOT_SUPPORTED}`)
  })
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], ['/', '/*'], () => {
    throw new ApiError(501, NOT_SUPPORTED)
  })
  return app
}
