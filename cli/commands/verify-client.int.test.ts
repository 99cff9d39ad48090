/**
 * `verify-client` as a vendor meets it: a mock on a real port (or attached to over its control
 * plane), a client sending over HTTP, live findings, and the report at the end. Waits are for
 * events (a line printed, the run ending), never for a fixed time.
 */
import { readdir, readFile } from 'node:fs/promises'
import { request } from 'node:http'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../mock-server/app.ts'
import { startServer } from '../../mock-server/node/serve.ts'
import { DEV_ADMIN_TOKEN } from '../../mock-server/options.ts'
import { parseSession } from '../../mock-server/traffic/session.ts'
import { validateReport } from '../../reports/validate.ts'
import { userBody, withExtension } from '../../testing/client-users.ts'
import { lookupPath } from '../../driver/entra/requests.ts'
import { tempDirs } from '../../testing/temp-dirs.ts'
import { captureIo, type CapturedIo } from '../../testing/suite-support.ts'
import { replayCommand } from './replay.ts'
import { verifyClientCommand } from './verify-client.ts'
import { GENERATED_KEY_NOTE } from './verify-client/sessions.ts'

const tempDir = tempDirs('verify-client-')

/** Waits until the command printed the Tenant URL and key, or fails if it ended first. */
async function started(
  io: CapturedIo,
  run: Promise<number>,
): Promise<{ tenantUrl: string; key: string }> {
  const ended = run.then((code) => {
    throw new Error(`verify-client exited ${code} before it started:\n${io.text()}`)
  })
  const [, tenantUrl = '', key = ''] = await Promise.race([
    io.written(/Tenant URL:\s+(\S+)\s+Secret Token:\s+(\S+)/),
    ended,
  ])
  return { tenantUrl, key }
}

function client(tenantUrl: string, key: string) {
  return (method: string, path: string, body?: unknown) =>
    fetch(`${tenantUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/scim+json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
}

/** A POST with headers exactly as listed: `fetch` would join two Authorization headers. */
function rawPost(url: string, headers: string[], body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('verify-client', () => {
  it('serves a mock, shows findings live, and on Ctrl-C writes the client report (exit 1 on a MUST)', async () => {
    const out = await tempDir()
    const controller = new AbortController()
    const io = captureIo({ signal: controller.signal })
    const run = verifyClientCommand(
      ['--out', out, '--format', 'json,markdown', '--record', join(out, 'session.ndjson')],
      io,
    )
    const { tenantUrl, key } = await started(io, run)
    const send = client(tenantUrl, key)
    const body = withExtension(userBody(1), { hasExtendedTime: 'True' })
    await send('GET', lookupPath('userName', String(body.userName)))
    expect((await send('POST', '/Users', body)).status).toBe(400)
    await io.written(/FAIL CLI-ATTR-001/)
    controller.abort()
    expect(await run).toBe(1)

    const text = io.out.join('')
    expect(text).toMatch(/#2 {2}POST \/Users {2}-> 400/)
    expect(text).toMatch(
      /FAIL CLI-ATTR-001 \[MUST\] POST \/Users sent hasExtendedTime as the string "True"/,
    )
    expect(text).toContain('Stopped: interrupted.')
    expect(text.split(key)).toHaveLength(2)
    const report = JSON.parse(await readFile(join(out, 'conformance-report.json'), 'utf8'))
    expect(validateReport(report).ok).toBe(true)
    expect(report.run).toMatchObject({
      judged: 'client',
      target: { kind: 'mock-audit', url: tenantUrl },
    })
    expect(JSON.stringify(report)).not.toContain(key)
    const session = parseSession(await readFile(join(out, 'session.ndjson'), 'utf8'))
    expect(session.map((e) => e.response?.status)).toEqual([200, 400])
    expect(JSON.stringify(session)).not.toContain(key)
  })

  it('prints a generated key once, as the docs show it, and no output shows a misplaced key', async () => {
    const out = await tempDir()
    const controller = new AbortController()
    const io = captureIo({ signal: controller.signal })
    const record = join(out, 'session.ndjson')
    const run = verifyClientCommand(['--out', out, '--record', record], io)
    const { tenantUrl, key } = await started(io, run)
    await client(tenantUrl, key)('GET', `/Users/${key}`)
    await fetch(`${tenantUrl}/Users`, {
      headers: { Authorization: `Bearer ${key}`, 'X-Debug': `key ${key}` },
    })
    const twice = ['Authorization', `Bearer ${key}`, 'Authorization', 'Bearer another-credential']
    const body = JSON.stringify({ ...userBody(3), nickName: `debug ${key}` })
    await rawPost(`${tenantUrl}/Users`, [...twice, 'Content-Type', 'application/scim+json'], body)
    controller.abort()
    await run

    const stdout = io.out.join('')
    expect(stdout.split(key)).toHaveLength(2)
    expect(stdout).toContain(`Secret Token:  ${key}  ${GENERATED_KEY_NOTE}`)
    expect(stdout).toMatch(/#1 {2}GET \/Users\/\[REDACTED\]/)
    const docs = await readFile(
      new URL('../../docs/client-verification.md', import.meta.url),
      'utf8',
    )
    const shown = docs.split('\n').find((line) => line.includes('Secret Token:')) ?? ''
    expect(shown).toMatch(/Secret Token: {2}[\w-]{43} {2}\(/)
    expect(shown.endsWith(GENERATED_KEY_NOTE)).toBe(true)

    const emitDir = await tempDir()
    const emitted = join(emitDir, 'session.test.ts')
    const replayed = captureIo()
    await replayCommand([record, '--emit-test', emitted], replayed)
    const outputs = [emitted, ...(await readdir(out)).map((f) => join(out, f))]
    expect(outputs).toHaveLength(6)
    for (const file of outputs) expect(await readFile(file, 'utf8'), file).not.toContain(key)
    expect(replayed.text()).not.toContain(key)
    expect(io.err.join('')).not.toContain(key)
  })

  it('judges each exchange live against the ones before it, not against itself', async () => {
    const out = await tempDir()
    const controller = new AbortController()
    const io = captureIo({ signal: controller.signal })
    const run = verifyClientCommand(['--out', out, '--format', 'json'], io)
    const { tenantUrl, key } = await started(io, run)
    const send = client(tenantUrl, key)
    const body = userBody(7)
    await send('GET', lookupPath('userName', String(body.userName)))
    const created = (await (await send('POST', '/Users', body)).json()) as { id: string }
    const patch = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'displayName', value: 'Changed Name' }],
    }
    expect((await send('PATCH', `/Users/${created.id}`, patch)).status).toBe(200)
    await io.written(/#3 {2}PATCH/)
    controller.abort()
    await run
    const live = io.out.join('')
    expect(live).not.toMatch(/changed nothing/)
    expect(live).not.toMatch(/-0\.\d+ s/)
  })

  it('stops after --idle-timeout, injects --fault, and exits 0 for a clean client', async () => {
    const out = await tempDir()
    const io = captureIo()
    const run = verifyClientCommand(
      [
        '--idle-timeout',
        '600ms',
        '--out',
        out,
        '--format',
        'json',
        '--key',
        'vendor-key-123456',
        '--fault',
        'route=GET /Users,status=503,next=1',
        '--quiet',
      ],
      io,
    )
    const { tenantUrl } = await started(io, run)
    const send = client(tenantUrl, 'vendor-key-123456')
    expect((await send('GET', '/Users')).status).toBe(503)
    expect((await send('GET', '/Users')).status).toBe(200)
    expect(await run).toBe(0)
    const text = io.out.join('')
    expect(text).toContain('Fault f1:      GET /Users, status 503, next 1')
    expect(text).toContain('(the key you gave)')
    expect(text).toMatch(/--idle-timeout/)
    expect(text).not.toMatch(/#1 {2}GET/)
  })

  it('exits 3 with INCOMPLETE when the client sent no request at all', async () => {
    const out = await tempDir()
    const io = captureIo()
    const run = verifyClientCommand(
      ['--idle-timeout', '300ms', '--out', out, '--format', 'json', '--quiet'],
      io,
    )
    await started(io, run)
    expect(await run).toBe(3)
    expect(io.out.join('')).toMatch(/^INCOMPLETE {2}no MUST rule failed, but \d+ MUST rules/m)
    const report = JSON.parse(
      await readFile(join(out, 'conformance-report.json'), 'utf8'),
    ) as unknown
    expect(validateReport(report).ok).toBe(true)
    expect(report).toMatchObject({ summary: { verdict: 'incomplete' } })
  })

  it('attaches to a running mock through its control plane', async () => {
    const app = createApp({ accounts: [{ id: 'acme', scimKey: 'attached-key-123456' }] })
    const server = await startServer(app)
    try {
      const out = await tempDir()
      const controller = new AbortController()
      const io = captureIo({ signal: controller.signal })
      const run = verifyClientCommand(
        [
          '--attach',
          server.url,
          '--admin-token',
          DEV_ADMIN_TOKEN,
          '--account',
          'acme',
          '--out',
          out,
          '--format',
          'json',
          '--fault',
          'route=GET /Schemas,status=500',
        ],
        io,
      )
      const { tenantUrl } = await started(io, run)
      const send = client(tenantUrl, 'attached-key-123456')
      expect((await send('GET', '/Schemas')).status).toBe(500)
      await send('POST', '/Groups', { displayName: 'Staff' })
      // Shown live: the attached session polls the control plane while the client works.
      await io.written(/FAIL CLI-GROUP-001/)
      controller.abort()
      expect(await run).toBe(1)
      expect(app.mock.faults.list('acme')).toEqual([])
      const report = JSON.parse(await readFile(join(out, 'conformance-report.json'), 'utf8'))
      expect(report.run.options).toMatchObject({ mode: 'attach', exchanges: 2 })
    } finally {
      await server.close()
    }
  })

  it('exits 2 when it cannot reach the mock it should attach to', async () => {
    const io = captureIo()
    expect(
      await verifyClientCommand(['--attach', 'http://127.0.0.1:9', '--admin-token', 't'], io),
    ).toBe(2)
    expect(io.err.join('')).toMatch(/cannot reach the mock's control plane/)
  })
})
