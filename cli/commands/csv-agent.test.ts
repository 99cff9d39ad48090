import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CSV_FIXTURE_CONFIG } from '../../fixtures/csv-files.ts'
import { ADMIN, admin, restTestApp } from '../../mock-server/control/rest-test-client.ts'
import type { MockApp } from '../../mock-server/app.ts'
import { captureIo } from '../../testing/suite-support.ts'
import { rows, tempPath, text } from '../../csv/test/check-files.ts'
import { main } from '../main.ts'

async function setUp(active: boolean) {
  const app = restTestApp()
  const created = await admin(app, 'POST', '/accounts/acme/csv/configurations', {
    ...CSV_FIXTURE_CONFIG,
    management: { active, synchronizePictures: true },
  })
  const folder = tempPath('drop')
  mkdirSync(folder, { recursive: true })
  return { app, id: created.body.id as string, folder }
}

const inProcess = (app: MockApp, extra: object = {}) =>
  captureIo({
    env: { CLEARID_ADMIN_TOKEN: ADMIN },
    fetch: (request: Request) => Promise.resolve(app.request(request)),
    ...extra,
  })

const args = (folder: string, id: string, more: string[] = []) => [
  'csv',
  'agent',
  '--folder',
  folder,
  '--configuration',
  id,
  '--url',
  'http://localhost',
  '--account',
  'acme',
  ...more,
]

describe('csv agent', () => {
  it('uploads the files of the folder with --once and prints each run', async () => {
    const { app, id, folder } = await setUp(true)
    writeFileSync(join(folder, 'a.csv'), text(rows(3)))
    writeFileSync(join(folder, 'notes.txt'), 'not a csv')
    const io = inProcess(app)
    expect(await main(args(folder, id, ['--once']), io)).toBe(0)
    expect(io.text()).toMatch(/a\.csv: 3 rows: 3 created, 0 updated, 0 unchanged, 0 failed/)
    expect(io.text()).not.toMatch(/notes/)
    expect(app.mock.store.count('acme', false)).toBe(3)
  })

  it('watches: a new file is uploaded once it stops growing; Ctrl-C stops it', async () => {
    const { app, id, folder } = await setUp(true)
    const stop = new AbortController()
    const io = inProcess(app, { signal: stop.signal })
    const running = main(args(folder, id, ['--interval', '20ms']), io)
    writeFileSync(join(folder, 'later.csv'), text(rows(2)))
    await io.written(/later\.csv: 2 rows: 2 created/)
    writeFileSync(join(folder, 'later.csv'), text(rows(4)))
    await io.written(/later\.csv: 4 rows: 2 created, 0 updated, 2 unchanged/)
    stop.abort()
    expect(await running).toBe(0)
    expect(io.text().match(/later\.csv:/g)).toHaveLength(2)
  })

  it('waits while the configuration is not active, and says why with --once', async () => {
    const { app, id, folder } = await setUp(false)
    writeFileSync(join(folder, 'a.csv'), text(rows(1)))
    const io = inProcess(app)
    expect(await main(args(folder, id, ['--once']), io)).toBe(2)
    expect(io.err.join('')).toMatch(/not active/)
    expect(app.mock.store.count('acme', false)).toBe(0)
  })

  it('exits 1 when an upload fails and 2 for a wrong token or configuration', async () => {
    const { app, id, folder } = await setUp(true)
    writeFileSync(join(folder, 'bin.csv'), Uint8Array.from([0x50, 0x4b, 3, 4, 0]))
    let io = inProcess(app)
    expect(await main(args(folder, id, ['--once']), io)).toBe(1)
    expect(io.text()).toMatch(/bin\.csv: upload failed \(HTTP 422\): The file is a ZIP archive/)
    io = inProcess(app, { env: { CLEARID_ADMIN_TOKEN: 'wrong' } })
    expect(await main(args(folder, id, ['--once']), io)).toBe(2)
    expect(io.err.join('')).toMatch(/admin token/)
    io = inProcess(app)
    expect(await main(args(folder, 'nope', ['--once']), io)).toBe(2)
    expect(await main(['csv', 'agent', '--configuration', id], captureIo())).toBe(2)
  })

  it('keeps watching when the mock drops an upload, tries the file again, and never prints the token', async () => {
    const { app, id, folder } = await setUp(true)
    const stop = new AbortController()
    let uploads = 0
    const io = captureIo({
      env: { CLEARID_ADMIN_TOKEN: ADMIN },
      signal: stop.signal,
      fetch: (request: Request) => {
        // The first upload finds the mock gone; the mock's answers quote the token.
        if (request.url.includes('/uploads') && uploads++ === 0)
          return Promise.reject(new Error(`socket hang up (${ADMIN})`))
        return Promise.resolve(app.request(request))
      },
    })
    const running = main(args(folder, id, ['--interval', '20ms']), io)
    writeFileSync(join(folder, 'retry.csv'), text(rows(2)))
    await io.written(/retry\.csv: 2 rows: 2 created/)
    stop.abort()
    expect(await running).toBe(0)
    expect(io.text()).toMatch(/retry\.csv: the mock at http:\/\/localhost did not answer/)
    expect(io.text()).not.toContain(ADMIN)
  })
})
