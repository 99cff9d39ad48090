/**
 * Ctrl-C against a real process, sent to its process group as a terminal sends it, over HTTP: the
 * CLI stops, cleans up what it created, writes its report marked interrupted and exits 130; a
 * second Ctrl-C abandons cleanup and prints what is left with the `sweep` that removes it.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createApp, type MockApp } from '../mock-server/app.ts'
import type { FaultOption } from '../mock-server/faults/fault-registry.ts'
import { startServer } from '../mock-server/node/serve.ts'
import type { ConformanceReport } from '../reports/model.ts'
import { spawnCli, type CliProcess } from '../testing/cli-process.ts'
import { tempDirs } from '../testing/temp-dirs.ts'

const KEY = 'sigint-test-key-0123456789'
const tempDir = tempDirs('cc-sigint-')
const disposers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const dispose of disposers.splice(0).reverse()) await dispose()
})

/** The mock on a port, with faults, and how many identities it holds. */
async function mock(faults: FaultOption[] = []) {
  const app = createApp({ accounts: [{ id: 'acme', scimKey: KEY }], faults })
  const server = await startServer(app)
  disposers.push(() => server.close())
  const base = `${server.url}/scim/v2/accounts/acme`
  const live = async () => {
    const res = await fetch(`${base}/Users?count=0`, {
      headers: { Authorization: `Bearer ${KEY}` },
    })
    return ((await res.json()) as { totalResults: number }).totalResults
  }
  return { app, base, live }
}

function cli(args: readonly string[]): CliProcess {
  const child = spawnCli(args, { CLEARID_SCIM_KEY: KEY, CI: '1' })
  disposers.push(() => child.dispose())
  return child
}

/** Resolves when the mock holds `count` live identities: its change events say when, no polling. */
function liveIdentities(app: MockApp, count: number, child: CliProcess): Promise<void> {
  let live = 0
  const reached = new Promise<void>((resolve) => {
    const unsubscribe = app.mock.events.subscribe((event) => {
      if (event.type === 'IdentityCreated') live++
      if (event.type === 'IdentityDeleted') live--
      if (live < count) return
      unsubscribe()
      resolve()
    })
  })
  const ended = child.exited.then(() => {
    throw new Error(`the run ended before it held ${count} identities:\n${child.stderr()}`)
  })
  return Promise.race([reached, ended])
}

async function readReport(out: string): Promise<ConformanceReport> {
  return JSON.parse(
    await readFile(join(out, 'conformance-report.json'), 'utf8'),
  ) as ConformanceReport
}

it('cleans up and exits 130 on SIGINT during the rules', async () => {
  const { app, base, live } = await mock()
  const out = await tempDir()
  const child = cli(['run', '--target', base, '--allow-writes', '--concurrency', '1', '--out', out])
  await liveIdentities(app, 3, child)
  child.signalGroup('SIGINT')
  expect(await child.exited, child.stderr()).toBe(130)
  expect(child.stderr()).toContain('Interrupted')
  expect(await live()).toBe(0)
  expect((await readReport(out)).run.interrupted).toEqual({ during: 'rules' })
}, 30_000)

it('stops the sizing scenario on SIGINT: exit 130, a report marked interrupted, nothing left', async () => {
  // 40 ms a request, so the scenario lasts long enough to be interrupted in the middle.
  const { app, base, live } = await mock([{ latency: 40 }])
  const out = await tempDir()
  const child = cli([
    'run',
    '--scenario',
    'initial-cycle',
    '--users',
    '200',
    '--target',
    base,
    '--allow-writes',
    '--out',
    out,
  ])
  await liveIdentities(app, 10, child)
  child.signalGroup('SIGINT')
  expect(await child.exited, child.stderr()).toBe(130)
  expect(child.stderr()).not.toContain('InterruptedError')
  expect(child.stderr()).toMatch(/Cleanup: deleting the \d+ identities this run created/)
  expect(child.stderr()).toContain('interrupted; every identity this run created was deleted.')
  expect(await live()).toBe(0)
  const report = await readReport(out)
  expect(report.run.interrupted).toEqual({ during: 'scenario' })
  expect(report.summary.verdict).toBe('incomplete')
  expect(report.results[0]?.status).toBe('skipped')
  expect(report.results[0]?.reason).toMatch(/interrupted .*; \d+ of 200 users went through/)
}, 20_000)

it('abandons cleanup on a second SIGINT, prints what is left and the sweep that removes it', async () => {
  // Slow first deletes, so the second Ctrl-C comes while cleanup has most of its work ahead
  // (the sweep afterwards deletes at full speed).
  const { app, base, live } = await mock([
    { route: 'DELETE /Users/*', latency: 400, next: 3 },
    { latency: 40 },
  ])
  const out = await tempDir()
  const child = cli([
    'run',
    '--scenario',
    'initial-cycle',
    '--users',
    '200',
    '--concurrency',
    '1',
    '--target',
    base,
    '--allow-writes',
    '--out',
    out,
  ])
  await liveIdentities(app, 6, child)
  child.signalGroup('SIGINT')
  await child.stderrMatches(/Cleanup: deleting the/)
  child.signalGroup('SIGINT')
  expect(await child.exited, child.stderr()).toBe(130)
  const stdout = child.stdout()
  const left = await live()
  expect(left).toBeGreaterThan(0)
  expect(stdout).toContain('Cleanup was abandoned (second Ctrl-C); left on the target:')
  const listed = stdout.match(/^ {2}\/Users\/\S+ \(cc-[a-z0-9]+-initialcycle-\S+\)$/gm) ?? []
  expect(listed).toHaveLength(left)
  expect(child.stderr()).toMatch(/cleanup was abandoned with \d+ identities left/)
  const report = await readReport(out)
  expect(report.run.interrupted).toEqual({ during: 'scenario', cleanupAbandoned: true })
  const sweep = new RegExp(
    `^ {2}clearid-conformance sweep --target ${base.replace(/[.]/g, '\\.')} --run-id ${report.run.id} --older-than 0$`,
    'm',
  )
  const command = sweep.exec(stdout)?.[0]
  expect(command, stdout).toBeDefined()
  expect(stdout + child.stderr()).not.toContain(KEY)

  // The printed command, run as printed (the key from the environment), removes every leftover.
  const swept = cli(command?.trim().split(' ').slice(1) ?? [])
  expect(await swept.exited, swept.stderr()).toBe(0)
  expect(await live()).toBe(0)
}, 20_000)
