import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../../mock-server/app.ts'
import { startServer } from '../../mock-server/node/serve.ts'
import { DEV_ADMIN_TOKEN } from '../../mock-server/options.ts'
import { parseSession } from '../../mock-server/traffic/session.ts'
import { validateReport } from '../../reports/validate.ts'
import { userBody, withExtension } from '../../testing/client-users.ts'
import { lookupPath } from '../../driver/entra/requests.ts'
import { captureIo, type CapturedIo } from '../../testing/suite-support.ts'
import { replayCommand } from './replay.ts'
import { verifyClientCommand } from './verify-client.ts'
import { GENERATED_KEY_NOTE } from './verify-client/sessions.ts'

const dirs: string[] = []
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))))

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'verify-client-'))
  dirs.push(dir)
  return dir
}

/** Waits until the command printed the Tenant URL; returns it and the key. */
async function started(io: CapturedIo): Promise<{ tenantUrl: string; key: string }> {
  for (let i = 0; i < 200; i++) {
    const text = io.out.join('')
    const url = /Tenant URL:\s+(\S+)/.exec(text)?.[1]
    const key = /Secret Token:\s+(\S+)/.exec(text)?.[1]
    if (url && key) return { tenantUrl: url, key }
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`verify-client did not start:\n${io.text()}`)
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
    const { tenantUrl, key } = await started(io)
    const send = client(tenantUrl, key)
    const body = withExtension(userBody(1), { hasExtendedTime: 'True' })
    await send('GET', lookupPath('userName', String(body.userName)))
    expect((await send('POST', '/Users', body)).status).toBe(400)
    await new Promise((r) => setTimeout(r, 50))
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
    const { tenantUrl, key } = await started(io)
    await client(tenantUrl, key)('GET', `/Users/${key}`)
    await fetch(`${tenantUrl}/Users`, {
      headers: { Authorization: `Bearer ${key}`, 'X-Debug': `key ${key}` },
    })
    const twice = ['Authorization', `Bearer ${key}`, 'Authorization', 'Bearer another-credential']
    const body = JSON.stringify({ ...userBody(3), nickName: `debug ${key}` })
    await rawPost(`${tenantUrl}/Users`, [...twice, 'Content-Type', 'application/scim+json'], body)
    await new Promise((r) => setTimeout(r, 50))
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
    const { tenantUrl } = await started(io)
    const send = client(tenantUrl, 'vendor-key-123456')
    expect((await send('GET', '/Users')).status).toBe(503)
    await new Promise((r) => setTimeout(r, 350))
    expect((await send('GET', '/Users')).status).toBe(200)
    expect(await run).toBe(0)
    const text = io.out.join('')
    expect(text).toContain('Fault f1:      GET /Users, status 503, next 1')
    expect(text).toContain('(the key you gave)')
    expect(text).toMatch(/--idle-timeout/)
    expect(text).not.toMatch(/#1 {2}GET/)
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
      const { tenantUrl } = await started(io)
      const send = client(tenantUrl, 'attached-key-123456')
      expect((await send('GET', '/Schemas')).status).toBe(500)
      await send('POST', '/Groups', { displayName: 'Staff' })
      await new Promise((r) => setTimeout(r, 400))
      controller.abort()
      expect(await run).toBe(1)
      expect(io.out.join('')).toMatch(/FAIL CLI-GROUP-001/)
      expect(app.mock.faults.list('acme')).toEqual([])
      const report = JSON.parse(await readFile(join(out, 'conformance-report.json'), 'utf8'))
      expect(report.run.options).toMatchObject({ mode: 'attach', exchanges: 2 })
    } finally {
      await server.close()
    }
  })

  it.each([
    [['--port', 'x'], /--port must be an integer/],
    [['--attach', 'http://127.0.0.1:1'], /--attach needs --admin-token/],
    [
      ['--attach', 'http://127.0.0.1:1', '--admin-token', 't', '--port', '1'],
      /cannot be used with --attach/,
    ],
    [['--fault', 'status=200'], /--fault "status=200": status must be a number from 400 to 599/],
    [['--duration', 'soon'], /--duration must be a duration/],
    [['--format', 'pdf'], /--format/],
    [['--bogus'], /Unknown option/],
    [['extra'], /unexpected argument "extra"/],
  ])('refuses %j with exit 2', async (argv, message) => {
    const io = captureIo()
    expect(await verifyClientCommand(argv, io)).toBe(2)
    expect(io.err.join('')).toMatch(message)
  })

  it('exits 2 when it cannot reach the mock it should attach to', async () => {
    const io = captureIo()
    expect(
      await verifyClientCommand(['--attach', 'http://127.0.0.1:9', '--admin-token', 't'], io),
    ).toBe(2)
    expect(io.err.join('')).toMatch(/cannot reach the mock's control plane/)
  })
})

describe('replay', () => {
  it('replays a recorded session, diffs a tampered one, and emits a regression test', async () => {
    const dir = await tempDir()
    const app = createApp({ accounts: [{ id: 'acme', scimKey: 'replay-cli-key-1234' }] })
    const send = (method: string, path: string, body?: unknown) =>
      app.request(`/scim/v2/accounts/acme${path}`, {
        method,
        headers: {
          Authorization: 'Bearer replay-cli-key-1234',
          'Content-Type': 'application/scim+json',
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      })
    const created = (await (await send('POST', '/Users', userBody(2))).json()) as { id: string }
    await send('GET', `/Users/${created.id}`)
    await send('DELETE', `/Users/${created.id}`)
    const ndjson = await (
      await app.request('/_admin/accounts/acme/traffic.ndjson', {
        headers: { Authorization: `Bearer ${DEV_ADMIN_TOKEN}` },
      })
    ).text()
    const file = join(dir, 'session.ndjson')
    await import('node:fs/promises').then((fs) => fs.writeFile(file, ndjson))

    const ok = captureIo()
    const testFile = join(dir, 'session.test.ts')
    expect(
      await replayCommand(
        [file, '--emit-test', testFile, '--import-from', 'clearid-conformance/verify'],
        ok,
      ),
    ).toBe(0)
    expect(ok.out.join('')).toMatch(/3 matched, 0 differed, 0 skipped/)
    const emitted = await readFile(testFile, 'utf8')
    expect(emitted).toContain('from "clearid-conformance/verify"')
    expect(emitted).toContain('201, 200, 204')
    expect(emitted).not.toContain('replay-cli-key-1234')

    const tampered = join(dir, 'tampered.ndjson')
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(tampered, ndjson.replace('"status":204', '"status":200')),
    )
    const bad = captureIo()
    expect(await replayCommand([tampered], bad)).toBe(1)
    expect(bad.out.join('')).toMatch(/expected 200, got 204/)

    const missing = captureIo()
    expect(await replayCommand([join(dir, 'nope.ndjson')], missing)).toBe(2)
    expect(await replayCommand([file, '--key', 'k'], captureIo())).toBe(2)
  })
})
