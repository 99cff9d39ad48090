#!/usr/bin/env node
// Runs the built CLI (dist/). A clone builds it on `npm ci` (the `prepare` script) or `npm run build`.
import process from 'node:process'

let cli
try {
  cli = await import('../dist/cli/main.js')
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist')) throw error
  process.stderr.write('clearid-conformance: the CLI is not built; run `npm run build` first.\n')
  process.exit(2)
}
process.exitCode = await cli.runCli()
