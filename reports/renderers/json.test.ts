import { describe, expect, it } from 'vitest'
import type { ConformanceReport } from '../model.ts'
import { validateReport } from '../validate.ts'
import { sampleReport } from '../test/builders.ts'
import { renderJson } from './json.ts'

/** The same data with every object's keys in reverse order, as another producer might write it. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  )
}

describe('renderJson', () => {
  it('round-trips to a valid report equal to the model', () => {
    const sample = sampleReport()
    const parsed: unknown = JSON.parse(renderJson(sample))
    expect(validateReport(parsed).ok).toBe(true)
    expect(parsed).toEqual(sample)
  })

  it('orders model keys canonically whatever order the producer used', () => {
    const sample = sampleReport()
    const reversed = reverseKeys(sample) as ConformanceReport
    const a = JSON.parse(renderJson(reversed)) as ConformanceReport
    expect(Object.keys(a)).toEqual(Object.keys(JSON.parse(renderJson(sample)) as object))
    expect(Object.keys(a.results[0] ?? {})).toEqual(Object.keys(sample.results[0] ?? {}))
    const hinted = a.results.find((r) => r.fixReason !== undefined)
    expect(Object.keys(hinted ?? {}).slice(8, 11)).toEqual(['fix', 'fixReason', 'ruleFix'])
    expect(
      renderJson(sample).startsWith('{\n  "schemaVersion": "1.2",\n  "run": {\n    "id": '),
    ).toBe(true)
  })

  it('keeps the order of opaque payloads (a server body is evidence)', () => {
    const out = renderJson(reverseKeys(sampleReport()) as ConformanceReport)
    expect(out).toContain('"Resources": [],\n')
  })
})
