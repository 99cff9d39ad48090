import { readFileSync, writeFileSync } from 'node:fs'
import { renderHtml } from '../renderers/html.ts'
const r = JSON.parse(readFileSync('fixtures/reports/sample-report.json', 'utf8'))
writeFileSync('/tmp/report.html', renderHtml(r))
