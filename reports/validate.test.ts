import Ajv2020 from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import schema from './report.schema.json' with { type: 'json' }
import { validateReport } from './validate.ts'
import { BASELINE_PATH, loadJson, SAMPLE_PATH } from './test/builders.ts'

describe('report.schema.json', () => {
  it('is a valid draft 2020-12 schema with an $id', () => {
    const ajv = new Ajv2020({ strict: false })
    expect(ajv.validateSchema(schema)).toBe(true)
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.$id).toMatch(/^urn:|^https:/)
  })

  it('validates the fixture reports (checked with ajv directly)', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false })
    const validate = ajv.compile(schema)
    for (const path of [SAMPLE_PATH, BASELINE_PATH]) {
      expect(validate(loadJson(path)), JSON.stringify(validate.errors)).toBe(true)
    }
  })

  it('documents every property and definition', () => {
    const undocumented: string[] = []
    const walk = (node: unknown, at: string): void => {
      if (typeof node !== 'object' || node === null) return
      const record = node as Record<string, unknown>
      for (const group of ['properties', '$defs']) {
        const children = record[group]
        if (typeof children !== 'object' || children === null) continue
        for (const [name, child] of Object.entries(children)) {
          const c = child as Record<string, unknown>
          const documented =
            typeof c.description === 'string' ||
            (typeof c.$ref === 'string' && group === 'properties')
          if (!documented) undocumented.push(`${at}/${group}/${name}`)
          walk(child, `${at}/${group}/${name}`)
        }
      }
      for (const key of ['items', 'additionalProperties']) walk(record[key], `${at}/${key}`)
    }
    walk(schema, '#')
    expect(undocumented).toEqual([])
  })
})

describe('validateReport', () => {
  it('accepts the sample report', () => {
    expect(validateReport(loadJson(SAMPLE_PATH)).ok).toBe(true)
  })

  it('explains what is wrong, with the JSON path', () => {
    const bad = loadJson(SAMPLE_PATH) as { results: { status: string }[] }
    const first = bad.results[0]
    if (first) first.status = 'ok'
    const checked = validateReport(bad)
    expect(checked.ok).toBe(false)
    if (!checked.ok)
      expect(checked.errors).toContain(
        '/results/0/status: must be one of passed, failed, skipped, not-applicable, waived',
      )
  })

  it('rejects other major versions and non-objects', () => {
    expect(validateReport({ ...(loadJson(SAMPLE_PATH) as object), schemaVersion: '2.0' }).ok).toBe(
      false,
    )
    expect(validateReport('report').ok).toBe(false)
  })

  it('accepts unknown fields, as the versioning rule promises', () => {
    expect(validateReport({ ...(loadJson(SAMPLE_PATH) as object), futureField: { x: 1 } }).ok).toBe(
      true,
    )
  })
})
