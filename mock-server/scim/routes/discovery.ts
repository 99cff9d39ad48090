/**
 * `/ServiceProviderConfig`, `/ResourceTypes`, `/Schemas` (RFC 7644 §4). Read-only: other methods
 * get 405.
 *
 * @module
 */
import { Hono } from 'hono'
import type { MockContext } from '../../context.ts'
import { notFound } from '../../errors/api-error.ts'
import { SCIM_LIST_SCHEMA } from '../../../model/scim-protocol.ts'
import { schemaDocuments, serviceProviderConfig, userResourceType } from '../discovery/documents.ts'
import { scimJson } from '../respond.ts'
import { scimBaseOf } from '../scim-base.ts'

const listOf = (resources: unknown[]) => ({
  schemas: [SCIM_LIST_SCHEMA],
  totalResults: resources.length,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
})

export function discoveryRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  app.get('/ServiceProviderConfig', (c) =>
    scimJson(c, serviceProviderConfig(scimBaseOf(c), ctx.behaviour)),
  )
  app.get('/ResourceTypes', (c) => scimJson(c, listOf([userResourceType(scimBaseOf(c))])))
  app.get('/ResourceTypes/:id', (c) => {
    if (c.req.param('id').toLowerCase() !== 'user') {
      throw notFound(
        `No resource type "${c.req.param('id').slice(0, 100)}": ClearID SCIM serves User only.`,
      )
    }
    return scimJson(c, userResourceType(scimBaseOf(c)))
  })
  app.get('/Schemas', (c) => scimJson(c, listOf(schemaDocuments(scimBaseOf(c)))))
  app.get('/Schemas/:id', (c) => {
    const id = c.req.param('id').toLowerCase()
    const schema = schemaDocuments(scimBaseOf(c)).find((s) => String(s.id).toLowerCase() === id)
    if (!schema) throw notFound(`No schema "${c.req.param('id').slice(0, 200)}".`)
    return scimJson(c, schema)
  })
  return app
}
