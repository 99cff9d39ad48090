/**
 * `verify-client` refusing bad options, and `replay` on a session recorded in-process; the sessions
 * over a real port are in verify-client.int.test.ts.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../mock-server/app.ts'
import { DEV_ADMIN_TOKEN } from '../../mock-server/options.ts'
import { userBody } from '../../testing/client-users.ts'
import { tempDirs } from '../../testing/temp-dirs.ts'
import { captureIo } from '../../testing/suite-support.ts'
import { replayCommand } from './replay.ts'
import { verifyClientCommand } from './verify-client.ts'

const tempDir = tempDirs('verify-client-')

describe('verify-client', () => {
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
    [['--bogus'], /unknown option --bogus\.\nValid options: --port, --host/],
    [['extra'], /unexpected argument "extra"/],
  ])('refuses %j with exit 2', async (argv, message) => {
    const io = captureIo()
    expect(await verifyClientCommand(argv, io)).toBe(2)
    expect(io.err.join('')).toMatch(message)
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
    await writeFile(file, ndjson)

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
    await writeFile(tampered, ndjson.replace('"status":204', '"status":200'))
    const bad = captureIo()
    expect(await replayCommand([tampered], bad)).toBe(1)
    expect(bad.out.join('')).toMatch(/expected 200, got 204/)

    const missing = captureIo()
    expect(await replayCommand([join(dir, 'nope.ndjson')], missing)).toBe(2)
    expect(await replayCommand([file, '--key', 'k'], captureIo())).toBe(2)
  })
})
