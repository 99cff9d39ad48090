// `npm run build`: the package's dist/ (ESM JavaScript, declarations, source maps) from the product
// folders, with plain `tsc` (tsconfig.build.json). dist/ is emptied first so a moved or deleted
// source file leaves nothing stale behind in the tarball.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
rmSync(join(root, 'dist'), { recursive: true, force: true })
const started = Date.now()
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
})
if (result.status !== 0) {
  process.stderr.write('build: tsc failed; dist/ is incomplete and must not be packed.\n')
  process.exit(result.status ?? 1)
}
process.stderr.write(`build: dist/ written in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
