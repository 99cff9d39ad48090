/**
 * Properties of the SCIM endpoint as a whole: no filter string and no PATCH body makes the mock
 * answer 5xx, and a refused request leaves the stored identity exactly as it was.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { call, testApp, userBody } from './scim-test-client.ts'
import { filterString, patchBody } from '../../testing/scim-arbitraries.ts'

describe('SCIM endpoint properties', () => {
  it('never answers 5xx to a filter', async () => {
    const app = testApp()
    await call(app, 'POST', 'Users', userBody())
    await fc.assert(
      fc.asyncProperty(filterString, async (filter) => {
        const res = await call(app, 'GET', `Users?filter=${encodeURIComponent(filter)}`)
        expect(res.status).toBeLessThan(500)
        if (res.status !== 200) expect(res.body.scimType).toBe('invalidFilter')
      }),
      { numRuns: 400 },
    )
  })

  it('never answers 5xx to a PATCH, and a refused PATCH changes nothing', async () => {
    const app = testApp()
    const created = await call(app, 'POST', 'Users', userBody())
    const path = `Users/${created.body.id}`
    await fc.assert(
      fc.asyncProperty(patchBody, async (body) => {
        const before = await call(app, 'GET', path)
        const res = await call(app, 'PATCH', path, body)
        expect(res.status).toBeLessThan(500)
        const after = await call(app, 'GET', path)
        if (res.status >= 400) expect(after.body).toEqual(before.body)
      }),
      { numRuns: 300 },
    )
  })
})
