import { readFileSync } from 'node:fs'
import { validateReport } from './reports/validate.ts'
const r = validateReport(JSON.parse(readFileSync('/tmp/cc-out/conformance-report.json', 'utf8')))
console.log(r.ok, r.ok ? '' : r.errors.slice(0, 10))
