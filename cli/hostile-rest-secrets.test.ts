/**
 * A hostile REST API echoes the client secret, the access token and the private key back (raw,
 * percent-encoded, base64, in bodies and headers): no report file in any format and no line of the
 * console may carry them. The deployment is the mock behind a URL-shaped target (no network).
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { secretForms } from '../model/secret-values.ts'
import {
  captureIo,
  fakeDeployment,
  REST_CLIENT_ID,
  REST_ORIGIN,
  REST_SECRET,
} from '../testing/suite-support.ts'
import { main } from './main.ts'

let out: string
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'cc-hostile-rest-'))
})
afterEach(() => rm(out, { recursive: true, force: true }))

it('finds the secret, the tokens and the private key in no report format and nowhere on the console', async () => {
  const seen = { tokens: [] as string[], pem: '' }
  const deployment = fakeDeployment({}, async (request) => {
    const answer = await deployment.app.fetch(request)
    const text = await answer.text()
    const token = /"access_token":"([^"]+)"/.exec(text)?.[1]
    if (token) seen.tokens.push(token)
    const presented = request.headers.get('authorization') ?? ''
    const echo = `${REST_SECRET} ${encodeURIComponent(REST_SECRET)} ${btoa(REST_SECRET)} ${presented} ${seen.pem.slice(0, 200)}`
    const headers = new Headers(answer.headers)
    headers.delete('content-length')
    headers.set('x-echo', echo.replace(/\s+/g, ' '))
    if (answer.status < 400) return new Response(text, { status: answer.status, headers })
    // Every error quotes the credentials back, in the fields findings quote.
    return new Response(
      JSON.stringify({ detail: echo, error: 'invalid_request', error_description: echo }),
      {
        status: 418,
        headers,
      },
    )
  })
  // The key file of the deployment's integration: its private key is a secret too.
  const integration = deployment.app.mock.integrations.byClientId(REST_CLIENT_ID)
  const claim = integration && (await deployment.app.mock.integrations.claimKeyFile(integration))
  if (claim?.kind !== 'file') throw new Error('no key file')
  seen.pem = claim.privateKeyPem
  const keyFile = join(out, 'key.json')
  await writeFile(
    keyFile,
    JSON.stringify({
      clientId: REST_CLIENT_ID,
      accountId: 'acme',
      privateKeyPem: claim.privateKeyPem,
    }),
  )
  const reports = join(out, 'reports')
  const io = captureIo({ env: { CLEARID_CLIENT_SECRET: REST_SECRET }, fetch: deployment.fetch })
  const code = await main(
    [
      'run',
      '--rest-target',
      REST_ORIGIN,
      '--client-id',
      REST_CLIENT_ID,
      '--key-file',
      keyFile,
      '--allow-writes',
      '--rule',
      'REST-TOKEN-*',
      '--rule',
      'REST-IDN-006',
      '--rule',
      'REST-IDN-009',
      '--out',
      reports,
    ],
    io,
  )
  expect(code, io.err.join('')).toBe(1)
  const files = (await readdir(reports)).sort()
  expect(files).toEqual([
    'conformance-junit.xml',
    'conformance-report.html',
    'conformance-report.json',
    'conformance-report.md',
  ])
  const texts = await Promise.all(files.map((file) => readFile(join(reports, file), 'utf8')))
  // The server did echo, and the findings quote it, redacted.
  expect(texts[2]).toContain('[REDACTED]')
  expect(seen.tokens.length).toBeGreaterThan(0)
  const secrets = [
    REST_SECRET,
    ...seen.tokens,
    ...claim.privateKeyPem.split('\n').filter((l) => l.length > 40),
  ]
  const leaks = (text: string) =>
    secrets
      .flatMap((secret) => secretForms(secret))
      .filter((form) => form.length >= 8 && text.includes(form))
  for (const [i, text] of texts.entries()) expect(leaks(text), files[i]).toEqual([])
  expect(leaks(io.out.join('')), 'stdout').toEqual([])
  expect(leaks(io.err.join('')), 'stderr').toEqual([])
})
