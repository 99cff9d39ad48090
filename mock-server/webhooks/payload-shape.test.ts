/**
 * Webhook payloads carry the identity in ClearID's REST shape (members where real clients read
 * them, no `userName`), and every payload delivered validates against the JSON Schema the mock
 * serves for its event, so a receiver generated from the schema reads what is sent.
 */
import Ajv2020 from 'ajv/dist/2020.js'
import { afterEach, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import {
  accessToken,
  admin,
  api,
  restTestApp,
  scim,
  scimUser,
  send,
  V2,
} from '../control/rest-test-client.ts'

let app: MockApp
afterEach(() => app?.mock.webhooks.stop())

describe('webhook payloads', () => {
  it('follow the REST shape and validate against the served schema of their event', async () => {
    const bodies: string[] = []
    app = restTestApp({
      webhookFetch: async (_url, init) => {
        bodies.push(String(init?.body))
        return new Response(null, { status: 202 })
      },
    })
    for (const event of ['IdentityCreated', 'IdentityUpdated']) {
      const hook = await admin(app, 'POST', '/accounts/acme/webhooks', {
        name: event,
        url: `https://receiver.example/${event}`,
        event,
      })
      expect(hook.status).toBe(201)
    }
    const created = await scim(
      app,
      'POST',
      '/Users',
      scimUser('hook-1', { employeeNumber: 'E-1', jobTitle: 'Pilot', hasExtendedTime: true }),
    )
    const token = await accessToken(app)
    const patched = await api(app, token, 'PATCH', `${V2}/${created.body.id}`, {
      eTag: created.body.meta.version,
      identityType: 'Employee',
      companyData: { approvers: [{ approverId: 'boss' }] },
      systemData: { provisioningAttributes: [{ name: 'Parking' }] },
      nationalIdentityData: { passport: 'P1' },
    })
    expect(patched.status).toBe(200)
    await app.mock.webhooks.drain()

    const payloads = bodies.map((b) => JSON.parse(b))
    expect(payloads.map((p) => p.eventType)).toEqual(['IdentityCreated', 'IdentityUpdated'])
    const [first, second] = payloads
    expect(first.data).not.toHaveProperty('userName')
    expect(first.data).toMatchObject({
      ordinal: 1,
      privateData: { employeeNumber: 'E-1' },
      companyData: { jobTitle: 'Pilot' },
      systemData: { externalId: 'hook-1', hasExtendedTime: true },
    })
    expect(second.data).toMatchObject({
      identityType: 'Employee',
      companyData: { jobTitle: 'Pilot', approvers: [{ approverId: 'boss' }] },
      systemData: { provisioningAttributes: [{ name: 'Parking' }] },
      nationalIdentityData: { passport: 'P1' },
    })

    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true })
    for (const payload of payloads) {
      const schema = (await send(app, `/_mock/webhooks/schemas/${payload.eventType}`)).body
      const validate = ajv.compile(schema)
      expect(validate(payload), JSON.stringify(validate.errors)).toBe(true)
    }
  })
})
