/* eslint-disable no-control-regex -- these tests look for control characters on purpose */
import { readFileSync } from 'node:fs'
import { validateXML } from 'xmllint-wasm'
import { describe, expect, it } from 'vitest'
import { report, result, sampleReport } from '../test/builders.ts'
import { renderJunit } from './junit.ts'

const XSD = readFileSync(new URL('../test/junit.xsd', import.meta.url), 'utf8')

async function validate(xml: string) {
  return validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [XSD] })
}

const hostile = report([
  result({
    ruleId: 'SRV-ESC-001',
    title: 'Quotes " & <angles> \' and a tab\there',
    area: 'bad-input',
    status: 'failed',
    findings: [
      {
        severity: 'error',
        message: 'control characters \u0000\u0001\u001b and ]]> and a lone surrogate \ud800',
        exchange: {
          request: {
            method: 'POST',
            url: 'https://h/Users?a=1&b=2',
            headers: { Authorization: 'Bearer SECRET-VALUE' },
            body: { x: '<script>' },
          },
          response: { status: 400, headers: {}, body: 'bad \u0007 bell </failure></testcase>' },
        },
      },
    ],
  }),
  result({ ruleId: 'SRV-SKIP', status: 'skipped', reason: 'feature "off" & <hidden>' }),
  result({ ruleId: 'SRV-WAIVE', status: 'waived', reason: 'waived (ticket 7)' }),
])

describe('renderJunit', () => {
  it('validates against the JUnit XSD (sample report)', async () => {
    const res = await validate(renderJunit(sampleReport()))
    expect(res.errors.map((e) => e.message)).toEqual([])
    expect(res.valid).toBe(true)
  })

  it('escapes markup and characters XML 1.0 forbids, and stays valid', async () => {
    const xml = renderJunit(hostile)
    const res = await validate(xml)
    expect(res.errors.map((e) => e.message)).toEqual([])
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/)
    expect(xml).toContain('\\u0000\\u0001\\u001B')
    expect(xml).toContain('\\uD800')
    expect(xml).not.toContain('<script>')
    expect(xml).not.toContain('SECRET-VALUE')
    expect(xml).toContain(
      'name="SRV-ESC-001 Quotes &quot; &amp; &lt;angles&gt; &apos; and a tab&#9;here"',
    )
  })

  it('has one testcase per rule and dialect, named ID title [dialect], classname = area', () => {
    const xml = renderJunit(sampleReport())
    expect(xml.match(/<testcase /g)).toHaveLength(sampleReport().results.length)
    expect(xml).toContain(
      'classname="filter" name="SRV-FILTER-001 Filter userName eq matches case-insensitively [entra-flag]"',
    )
  })

  it('reports failures with the level as type, skips with the reason, and run properties', () => {
    const xml = renderJunit(hostile)
    expect(xml).toMatch(/<failure message="control characters[^"]*" type="MUST">/)
    expect(xml).toContain(
      '<skipped message="skipped: feature &quot;off&quot; &amp; &lt;hidden&gt;">',
    )
    expect(xml).toContain('<skipped message="waived (ticket 7)">')
    expect(xml).toContain('<property name="run.id" value="run-test"/>')
    expect(xml).toContain('<property name="run.seed" value="1"/>')
    expect(xml).toContain('<property name="target" value="in-process"/>')
  })
})
