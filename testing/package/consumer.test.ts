/**
 * The package as a vendor gets it: `npm pack`, then installed into throwaway projects outside this
 * checkout (so nothing resolves from our own node_modules): plain JavaScript ESM, strict TypeScript
 * (`skipLibCheck: false`, `nodenext`), `npx clearid-conformance run`, and vitest projects with their
 * own msw at the lowest and the newest version the peer range allows.
 *
 * It packs the dist/ that `npm test` builds first (the `pretest` script); it refuses a dist/ older
 * than the sources rather than test stale output.
 */
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateReport } from '../../reports/validate.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const CONSUMERS = join(ROOT, 'testing', 'package', 'consumers')
/** The lowest msw the peer range (`^2.6.0`) allows; the newest is whatever `^2` resolves to. */
const MSW_LOWEST = '2.6.0'
const MSW_NEWEST = '^2'

interface Packed {
  readonly filename: string
  readonly size: number
  readonly unpackedSize: number
  readonly entryCount: number
  readonly files: readonly { path: string }[]
}

/** npm's own variables from the `npm test` that runs us would steer the consumers' npm: drop them. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(name) && !/^npm_config_(cache|registry)$/i.test(name)) continue
    if (name === 'INIT_CWD' || name === 'NODE_OPTIONS' || name.startsWith('VITEST')) continue
    env[name] = value
  }
  return { ...env, CI: 'true', NO_COLOR: '1' }
}

interface Ran {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

function run(command: string, args: readonly string[], cwd: string, timeout = 240_000) {
  return new Promise<Ran>((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: cleanEnv(), timeout, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

async function mustRun(command: string, args: readonly string[], cwd: string): Promise<string> {
  const ran = await run(command, args, cwd)
  if (ran.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited ${ran.code}\n${ran.stdout}\n${ran.stderr}`,
    )
  }
  return ran.stdout
}

async function ownVersion(name: string): Promise<string> {
  const text = await readFile(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')
  return (JSON.parse(text) as { version: string }).version
}

async function newestMtime(dir: string, keep: (path: string) => boolean): Promise<number> {
  let newest = 0
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name)
    if (entry.isFile() && keep(path)) newest = Math.max(newest, (await stat(path)).mtimeMs)
  }
  return newest
}

/** A consumer project: a copy of one fixture folder with the tarball and `extra` installed. */
async function consumer(work: string, name: string, fixture: string, packages: string[]) {
  const dir = join(work, name)
  await cp(join(CONSUMERS, fixture), dir, { recursive: true })
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }, null, 2),
  )
  await mustRun(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...packages],
    dir,
  )
  return dir
}

async function folderBytes(dir: string): Promise<number> {
  let bytes = 0
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += (await stat(join(entry.parentPath, entry.name))).size
  }
  return bytes
}

/** Installed packages, scoped ones included, from the (flat) top of node_modules. */
async function packagesIn(modules: string): Promise<string[]> {
  const names: string[] = []
  for (const name of await readdir(modules)) {
    if (name.startsWith('.')) continue
    if (!name.startsWith('@')) names.push(name)
    else for (const inner of await readdir(join(modules, name))) names.push(`${name}/${inner}`)
  }
  return names
}

let work = ''
let packed: Packed
let tarball = ''
const dirs: Record<'esm' | 'mswLowest' | 'mswNewest', string> = {
  esm: '',
  mswLowest: '',
  mswNewest: '',
}

beforeAll(async () => {
  const folders = ['model', 'fixtures', 'reports', 'mock-server', 'driver', 'rules', 'suites']
  const times = await Promise.all(
    [...folders, 'verify', 'msw', 'cli'].map((f) =>
      newestMtime(join(ROOT, f), (p) => p.endsWith('.ts') && !p.endsWith('.test.ts')),
    ),
  )
  const sources = Math.max(...times)
  const built = await newestMtime(join(ROOT, 'dist'), (p) => p.endsWith('.js')).catch(() => 0)
  if (built < sources) throw new Error('dist/ is missing or older than the sources: npm run build')

  work = await mkdtemp(join(tmpdir(), 'clearid-consumers-'))
  const out = await mustRun(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
    ROOT,
  )
  packed = (JSON.parse(out) as Packed[])[0] as Packed
  tarball = join(work, packed.filename)
  const [ts, types, vitest] = await Promise.all(
    ['typescript', '@types/node', 'vitest'].map(ownVersion),
  )
  ;[dirs.esm, dirs.mswLowest, dirs.mswNewest] = await Promise.all([
    consumer(work, 'esm', 'esm', [tarball, `typescript@${ts}`, `@types/node@${types}`]),
    consumer(work, 'msw-lowest', 'msw', [tarball, `vitest@${vitest}`, `msw@${MSW_LOWEST}`]),
    consumer(work, 'msw-newest', 'msw', [tarball, `vitest@${vitest}`, `msw@${MSW_NEWEST}`]),
  ])
}, 600_000)

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true })
})

describe('the tarball', () => {
  it('holds the built package and nothing of the development tree', () => {
    const paths = packed.files.map((f) => f.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'bin/clearid-conformance.mjs',
        'dist/mock-server/index.js',
        'dist/mock-server/index.d.ts',
        'dist/reports/report.schema.json',
      ]),
    )
    const unwanted = paths.filter(
      (p) =>
        /\.test\.|__golden__|\.png$|^(bench|oracles|testing|examples|docs|scripts)\//.test(p) ||
        (p.endsWith('.ts') && !p.endsWith('.d.ts')),
    )
    expect(unwanted).toEqual([])
    expect(packed.size).toBeLessThan(1024 * 1024)
    console.info(
      `[package] tarball ${(packed.size / 1024).toFixed(0)} kB, ${packed.entryCount} files, unpacked ${(packed.unpackedSize / 1024).toFixed(0)} kB`,
    )
  })
})

describe('the package linters', () => {
  it('publint finds nothing, suggestions included', async () => {
    const ran = await run('npx', ['--no-install', 'publint', 'run', tarball, '--strict'], ROOT)
    expect(ran.code, ran.stdout + ran.stderr).toBe(0)
    expect(ran.stdout).toMatch(/All good!/)
  })

  it('arethetypeswrong finds no problem for ESM consumers (the package ships no CommonJS)', async () => {
    const args = ['--no-install', 'attw', tarball, '--profile', 'esm-only', '--format', 'json']
    const ran = await run('npx', args, ROOT)
    const result = JSON.parse(ran.stdout) as {
      analysis: { problems: { kind: string; entrypoint: string; resolutionKind?: string }[] }
    }
    // The esm-only profile leaves out what only CommonJS and pre-exports resolvers would see.
    const seen = result.analysis.problems.filter(
      (p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs',
    )
    expect(seen).toEqual([])
    expect(ran.code).toBe(0)
  })
})

describe('a plain JavaScript ESM consumer', () => {
  it('imports createApp, serves it, provisions a user and runs the harness, without msw', async () => {
    const out = await mustRun('node', ['serve-and-provision.mjs'], dirs.esm)
    expect(JSON.parse(out.trim().split('\n').at(-1) ?? '{}')).toEqual({
      created: 201,
      found: 1,
      verdict: 'pass',
      results: expect.any(Number),
      valid: true,
      markdown: true,
      rules: expect.any(Number),
      // msw is an optional peer: everything else works without it installed.
      mswError: 'ERR_MODULE_NOT_FOUND',
    })
  })

  it('installs no TypeScript runtime and no msw of its own', async () => {
    const modules = join(dirs.esm, 'node_modules')
    const names = await readdir(modules)
    expect(names).not.toContain('tsx')
    expect(names).not.toContain('msw')
    expect(names).not.toContain('esbuild')
    // The consumer asked for typescript and @types/node itself; the rest came with the package.
    const tooling = ['typescript', '@types/node', 'undici-types']
    const ours = (await packagesIn(modules)).filter((n) => !tooling.includes(n))
    const bytes = await Promise.all(ours.map((n) => folderBytes(join(modules, n))))
    const total = bytes.reduce((sum, b) => sum + b, 0)
    console.info(
      `[package] a consumer installs ${ours.length} packages, ${(total / 1024 / 1024).toFixed(1)} MB: ${ours.join(', ')}`,
    )
  })
})

describe('a strict TypeScript consumer', () => {
  it('type-checks against the declarations with skipLibCheck off under nodenext', async () => {
    const ran = await run('npx', ['tsc', '-p', '.'], dirs.esm)
    expect(ran.stdout + ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    // tsc over the whole declaration tree: about 25 s on a quiet 2-core machine.
  }, 120_000)
})

describe('npx clearid-conformance', () => {
  it('runs the conformance suite against the embedded mock and writes the reports', async () => {
    const ran = await run(
      'npx',
      ['clearid-conformance', 'run', '--out', 'reports', '--format', 'json,junit'],
      dirs.esm,
    )
    expect(ran.code, ran.stderr).toBe(0)
    const report: unknown = JSON.parse(
      await readFile(join(dirs.esm, 'reports', 'conformance-report.json'), 'utf8'),
    )
    expect(validateReport(report).ok).toBe(true)
    expect(await readFile(join(dirs.esm, 'reports', 'conformance-junit.xml'), 'utf8')).toMatch(
      /<testsuites/,
    )
  })
})

describe.each([
  ['lowest', MSW_LOWEST, () => dirs.mswLowest],
  ['newest', MSW_NEWEST, () => dirs.mswNewest],
])('a vitest project on the %s msw it supports (%s)', (_name, _range, dir) => {
  it('provisions a user through the msw handlers, with its own msw', async () => {
    const ran = await run('npx', ['vitest', 'run'], dir())
    expect(ran.code, ran.stdout + ran.stderr).toBe(0)
    expect(ran.stdout).toMatch(/1 passed/)
    // One msw in the tree: the consumer's. A nested copy would not see the consumer's server.
    const nested = join(dir(), 'node_modules', 'clearid-conformance', 'node_modules', 'msw')
    await expect(stat(nested)).rejects.toThrow()
  })
})
