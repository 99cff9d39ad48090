/**
 * Holds the folder layering that docs/architecture.md describes: every top-level folder imports
 * only the folders below it, and `createApp` reaches nothing of the harness. Read from the source
 * text, so a new import that breaks the direction fails here before anyone draws a picture.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Bottom to top: each folder may import the folders listed for it and nothing else. Test files
 * (`*.test.ts`) and `testing/` may import anything: they compose layers to prove them.
 */
const LAYERS: Readonly<Record<string, readonly string[]>> = {
  model: [],
  fixtures: ['model'],
  reports: ['model'],
  'mock-server': ['model', 'fixtures'],
  driver: ['model', 'fixtures', 'reports'],
  oracles: ['model', 'mock-server'],
  rules: ['model', 'fixtures', 'reports', 'driver', 'mock-server'],
  suites: ['model', 'fixtures', 'reports', 'driver', 'rules', 'mock-server'],
  verify: ['model', 'fixtures', 'reports', 'driver', 'rules', 'mock-server'],
  // Cloud CSV checking: reads files (Node), runs the CSV rules, builds the file report.
  csv: ['model', 'fixtures', 'reports', 'driver', 'rules', 'suites'],
  // Graph previewing: reads a Graph source (the mock's fake one in-process, an export file, a
  // Graph URL) with the engine's reader, runs the Graph rules, builds the source report.
  graph: ['model', 'fixtures', 'reports', 'driver', 'rules', 'suites', 'mock-server'],
  msw: ['model', 'mock-server', 'reports', 'verify'],
  sensitivity: ['model', 'fixtures', 'reports', 'driver', 'rules', 'suites', 'mock-server'],
  cli: [
    'model',
    'fixtures',
    'reports',
    'driver',
    'rules',
    'suites',
    'mock-server',
    'verify',
    'csv',
    'graph',
  ],
  bench: ['model', 'fixtures', 'reports', 'driver', 'rules', 'suites', 'mock-server', 'csv'],
  // A vendor's code as it would use the package: only the public entries.
  examples: ['mock-server', 'msw', 'verify', 'suites', 'reports'],
  // Build tooling: Node and the compiler only.
  scripts: [],
}
/** Folders of test-only machinery and tooling that no product layer may import. */
const TEST_ONLY = ['testing', 'sensitivity', 'oracles', 'bench', 'examples', 'scripts']
const IGNORED = new Set(['node_modules', 'dist', 'out', 'conformance-reports', 'coverage', 'docs'])

interface ImportEdge {
  readonly from: string
  readonly to: string
}

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.') || IGNORED.has(name)) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path))
    else if (/\.(ts|mts|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(path)
  }
  return out
}

const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s)?\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

/** Every static import, re-export and literal dynamic import of a file, relative ones resolved. */
function importsOf(file: string): { relative: string[]; bare: string[] } {
  const text = readFileSync(file, 'utf8')
  const rel: string[] = []
  const bare: string[] = []
  for (const match of text.matchAll(SPECIFIER)) {
    const spec = match[1] ?? match[2] ?? ''
    if (spec.startsWith('.')) rel.push(normalize(join(dirname(file), spec)))
    else bare.push(spec)
  }
  return { relative: rel, bare }
}

const rel = (path: string) => relative(ROOT, path).split('\\').join('/')
const topOf = (path: string) => rel(path).split('/')[0] ?? ''
const isTest = (path: string) => /\.test\.ts$/.test(path) || topOf(path) === 'testing'

const files = sourceFiles(ROOT).filter((f) => rel(f).includes('/'))
const edges: ImportEdge[] = files.flatMap((from) =>
  importsOf(from).relative.map((to) => ({ from: rel(from), to: rel(to) })),
)

describe('the folder layers', () => {
  it('places every top-level folder with code in a layer', () => {
    const folders = new Set(files.filter((f) => !isTest(f)).map(topOf))
    const unplaced = [...folders].filter((f) => !(f in LAYERS) && f !== 'bin')
    expect(unplaced, 'add the folder to LAYERS and to docs/architecture.md').toEqual([])
  })

  it('has no import from a folder to one it may not use', () => {
    const upward = edges
      .filter((e) => !isTest(join(ROOT, e.from)))
      .filter((e) => {
        const [a, b] = [e.from.split('/')[0] ?? '', e.to.split('/')[0] ?? '']
        if (a === b || a === 'bin') return false
        return !(LAYERS[a] ?? []).includes(b)
      })
      .map((e) => `${e.from} -> ${e.to}`)
    expect(upward).toEqual([])
  })

  it('has no cycle between top-level folders', () => {
    const next = new Map<string, Set<string>>()
    for (const e of edges.filter((x) => !isTest(join(ROOT, x.from)))) {
      const [a, b] = [e.from.split('/')[0] ?? '', e.to.split('/')[0] ?? '']
      if (a !== b) next.set(a, (next.get(a) ?? new Set()).add(b))
    }
    const cycles: string[] = []
    const visit = (node: string, path: string[]) => {
      for (const to of next.get(node) ?? []) {
        if (path.includes(to)) cycles.push([...path.slice(path.indexOf(to)), to].join(' -> '))
        else visit(to, [...path, to])
      }
    }
    for (const start of next.keys()) visit(start, [start])
    expect(cycles).toEqual([])
  })

  it('has no cycle between files either, type-only imports included', () => {
    const next = new Map<string, string[]>()
    for (const e of edges.filter((x) => !isTest(join(ROOT, x.from)))) {
      next.set(e.from, [...(next.get(e.from) ?? []), e.to])
    }
    const state = new Map<string, 'open' | 'done'>()
    const cycles: string[] = []
    const visit = (file: string, path: string[]) => {
      state.set(file, 'open')
      for (const to of next.get(file) ?? []) {
        if (state.get(to) === 'open')
          cycles.push([...path.slice(path.indexOf(to)), to].join(' -> '))
        else if (!state.has(to)) visit(to, [...path, to])
      }
      state.set(file, 'done')
    }
    for (const file of next.keys()) if (!state.has(file)) visit(file, [file])
    expect(cycles).toEqual([])
  })

  it('keeps test-only machinery out of product code', () => {
    const leaks = edges
      .filter((e) => !isTest(join(ROOT, e.from)) && !TEST_ONLY.includes(e.from.split('/')[0] ?? ''))
      .filter((e) => TEST_ONLY.includes(e.to.split('/')[0] ?? ''))
      .map((e) => `${e.from} -> ${e.to}`)
    expect(leaks).toEqual([])
  })
})

describe('createApp', () => {
  /** Every file `createApp` loads, types included, found by following its imports. */
  function closure(entry: string): { files: Set<string>; bare: Set<string> } {
    const seen = new Set<string>()
    const bare = new Set<string>()
    const queue = [entry]
    while (queue.length > 0) {
      const file = queue.pop() ?? ''
      if (seen.has(file)) continue
      seen.add(file)
      const imports = importsOf(join(ROOT, file))
      for (const b of imports.bare) bare.add(b)
      for (const to of imports.relative) queue.push(rel(to))
    }
    return { files: seen, bare }
  }
  const reached = closure('mock-server/app.ts')

  it('imports nothing from rules, suites, reports, the driver, client verification or tests', () => {
    const outside = [...reached.files].filter(
      (f) => !['mock-server', 'model', 'fixtures'].includes(f.split('/')[0] ?? ''),
    )
    expect(outside).toEqual([])
  })

  it('stays runtime-neutral: no Node built-in anywhere it reaches', () => {
    expect([...reached.bare].filter((b) => b.startsWith('node:'))).toEqual([])
  })

  it('can fail: the walk sees the imports it is meant to police', () => {
    expect(reached.files.size).toBeGreaterThan(50)
    expect(closure('cli/main.ts').files.has('rules/index.ts')).toBe(true)
  })
})
