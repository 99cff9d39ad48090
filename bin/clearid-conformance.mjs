#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx clearid-conformance …` works without a build step.
import process from 'node:process'
import { register } from 'tsx/esm/api'

register()
const { runCli } = await import('../cli/main.ts')
process.exitCode = await runCli()
