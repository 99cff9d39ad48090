import { exportPKCS8, generateKeyPair } from 'jose'
import { expect, it } from 'vitest'
import { ADMIN, ACME, restTestApp } from './rest-test-client.ts'

it("a start-up integration given a key pair hands out that pair's private key in its key file", async () => {
  const keyPair = await generateKeyPair('RS512', { extractable: true })
  const app = restTestApp({ apiIntegrations: [{ ...ACME, keyPair }] })
  const guid = ACME.clientId.split(':')[0] ?? ''
  const file = await app.request(`/_admin/accounts/acme/integrations/${guid}/key-file`, {
    headers: { Authorization: `Bearer ${ADMIN}` },
  })
  expect(file.status).toBe(200)
  const body = (await file.json()) as { privateKeyPem: string; clientSecret: string }
  expect(body.privateKeyPem).toBe(await exportPKCS8(keyPair.privateKey))
  expect(body.clientSecret).toBe(ACME.clientSecret)
})
