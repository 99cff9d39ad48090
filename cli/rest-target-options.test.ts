/**
 * `--rest-target` and its companions: what each refusal says (and that it never quotes a secret),
 * and the target they build.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { captureIo } from '../testing/suite-support.ts'
import { UsageError } from './io.ts'
import { targetFrom } from './target-options.ts'

const CLIENT = '6625aaaa-0000-4000-8000-00000000b21f:acme'
const SECRET = `rest-options-secret-${crypto.randomUUID()}`

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-rest-options-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

async function refusal(values: Record<string, string>, env: Record<string, string> = {}) {
  const error = await targetFrom(values, captureIo({ env })).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UsageError)
  const message = (error as UsageError).message
  expect(message).not.toContain(SECRET)
  return message
}

describe('--rest-target', () => {
  it('builds ClearID service hosts from a {service} template, the account from the client id', async () => {
    const target = await targetFrom(
      { 'rest-target': 'https://{service}-demo.clearid.io', 'client-id': CLIENT },
      captureIo({ env: { CLEARID_CLIENT_SECRET: SECRET } }),
    )
    expect(target.main).toBeUndefined()
    expect(target.rest?.endpoints).toEqual({
      sts: 'https://sts-demo.clearid.io',
      identity: 'https://identityservice-demo.clearid.io',
      search: 'https://searchservice-demo.clearid.io',
      accountId: 'acme',
    })
    expect(target.rest?.credentials.clientSecret).toBe(SECRET)
    expect(target.rest?.control).toBeUndefined()
  })

  it('reads the key file: client, account and the private key of the JWT grant', async () => {
    const file = join(dir, 'key.json')
    const pem =
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n'
    await writeFile(
      file,
      JSON.stringify({ clientId: CLIENT, accountId: 'acme', privateKeyPem: pem }),
    )
    const target = await targetFrom(
      { 'rest-target': 'http://127.0.0.1:8080', 'key-file': file },
      captureIo(),
    )
    expect(target.rest?.endpoints.identity).toBe('http://127.0.0.1:8080/identityservice')
    expect(target.rest?.credentials.clientSecret).toBeUndefined()
    expect((await target.rest?.credentials.assertionKey?.())?.privateKeyPem).toBe(pem)
  })

  it("takes the mock's admin token from CLEARID_ADMIN_TOKEN for a base URL, not for a template", async () => {
    const env = { CLEARID_CLIENT_SECRET: SECRET, CLEARID_ADMIN_TOKEN: 'x-admin-env-0000000' }
    const mock = await targetFrom(
      {
        'rest-target': 'http://127.0.0.1:8080',
        'client-id': CLIENT,
        'webhook-listen': '127.0.0.1:0',
      },
      captureIo({ env }),
    )
    try {
      expect(mock.rest?.control?.adminToken).toBe('x-admin-env-0000000')
    } finally {
      await mock.close?.()
    }
    const tenant = await targetFrom(
      { 'rest-target': 'https://{service}-demo.clearid.io', 'client-id': CLIENT },
      captureIo({ env }),
    )
    expect(tenant.rest?.control).toBeUndefined()
  })

  it('says what is missing, and never quotes the secret', async () => {
    expect(await refusal({ 'client-id': CLIENT, 'client-secret': SECRET })).toMatch(
      /--client-id needs --target URL \(SCIM\) or --rest-target URL/,
    )
    expect(await refusal({ 'rest-target': 'https://{service}.clearid.io' })).toMatch(
      /--client-id \(or CLEARID_CLIENT_ID\) or --key-file/,
    )
    expect(
      await refusal({ 'rest-target': 'https://{service}.clearid.io', 'client-id': CLIENT }),
    ).toMatch(/set CLEARID_CLIENT_SECRET/)
    expect(
      await refusal(
        { 'rest-target': 'https://{service}.clearid.io', 'client-id': 'no-account-here' },
        { CLEARID_CLIENT_SECRET: SECRET },
      ),
    ).toMatch(/--account-id/)
    expect(
      await refusal(
        {
          'rest-target': 'https://{service}.clearid.io',
          'client-id': CLIENT,
          'admin-token': 'x-admin-0000000000',
        },
        { CLEARID_CLIENT_SECRET: SECRET },
      ),
    ).toMatch(/not a \{service\} template/)
    expect(await refusal({ 'rest-target': 'ftp://host', 'client-id': CLIENT })).toMatch(
      /http\(s\) URL/,
    )
    const bad = join(dir, 'bad.json')
    await writeFile(bad, `{"clientSecret": "${SECRET}"`)
    expect(await refusal({ 'rest-target': 'http://127.0.0.1:8080', 'key-file': bad })).toMatch(
      /key file is not JSON/,
    )
  })
})
