import { readFileSync } from 'node:fs'
import { validateXML } from 'xmllint-wasm'
import { renderJunit } from '/work/main/reports/renderers/junit.ts'
const r = JSON.parse(readFileSync('/work/main/fixtures/reports/sample-report.json', 'utf8'))
const xml = renderJunit(r)
const res = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [readFileSync('/work/main/reports/test/junit.xsd', 'utf8')] })
console.log(res.valid, res.errors.slice(0, 5))
const bad = await validateXML({ xml: [{ fileName: 'bad.xml', contents: '<testsuites skipped="1"><testsuite name="x"/></testsuites>' }], schema: [readFileSync('/work/main/reports/test/junit.xsd', 'utf8')] })
console.log(bad.valid, bad.errors.map(e => e.message))
