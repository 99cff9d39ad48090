import { describe, expect, it } from 'vitest'
import { CATALOGUE, RULES } from './index.ts'

const ID = /^(?:SRV|REST)-[A-Z]+-\d{3}$/

describe('rule catalogue', () => {
  it('has unique, well-formed ids', () => {
    const ids = RULES.map((rule) => rule.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(ID)
  })

  it('gives every rule a title, a source, a fix, an area and tags', () => {
    for (const rule of RULES) {
      expect(rule.title.length, rule.id).toBeGreaterThan(10)
      expect(rule.sources.length, rule.id).toBeGreaterThan(0)
      for (const source of rule.sources) expect(source.ref.length, rule.id).toBeGreaterThan(3)
      expect(rule.fix.length, rule.id).toBeGreaterThan(20)
      expect(rule.area, rule.id).toMatch(/^[a-z-]+$/)
      expect(rule.tags.length, rule.id).toBeGreaterThan(0)
      expect(rule.side).toBe('server')
      // The id says the door: SRV- rules speak SCIM, REST- rules ClearID's REST API.
      expect(rule.surface, rule.id).toBe(rule.id.startsWith('REST-') ? 'rest' : 'scim')
    }
  })

  it('names the Validator test only where a source cites the Validator', () => {
    for (const rule of RULES.filter((r) => r.msValidatorTest !== undefined)) {
      const cited = rule.sources.filter((s) => s.kind === 'ms-validator').map((s) => s.ref)
      expect(
        cited.some((ref) => ref.includes(rule.msValidatorTest ?? '')),
        rule.id,
      ).toBe(true)
    }
  })

  it('keeps rules of one area together and numbers them upwards within a file', () => {
    const seen = new Set<string>()
    let previous = ''
    for (const rule of RULES) {
      if (rule.area !== previous) {
        expect(seen.has(rule.area), `area ${rule.area} appears twice`).toBe(false)
        seen.add(rule.area)
        previous = rule.area
      }
    }
  })

  it('keeps a stable order (update the snapshot only when adding a rule)', () => {
    expect(RULES.map((rule) => `${rule.id} ${rule.level} ${rule.profile}`)).toMatchSnapshot()
  })
})

describe('the whole catalogue', () => {
  it('has unique ids across server, client, file and source rules, each side with its own prefix', () => {
    const ids = CATALOGUE.map((rule) => rule.id)
    expect(new Set(ids).size).toBe(ids.length)
    const prefix = {
      client: 'CLI',
      file: 'CSV',
      server: 'SRV',
      both: 'SRV',
      source: 'GRAPH',
    } as const
    for (const rule of CATALOGUE) {
      const pattern =
        prefix[rule.side] === 'SRV' ? ID : new RegExp(`^${prefix[rule.side]}-[A-Z]+-\\d{3}$`)
      expect(rule.id).toMatch(pattern)
      expect(rule.sources.length, rule.id).toBeGreaterThan(0)
      expect(rule.fix.length, rule.id).toBeGreaterThan(10)
    }
  })
})

describe('the CSV rules', () => {
  it('are in the catalogue, judge files, and are not among the rules run judges', async () => {
    const { CSV_RULES } = await import('./index.ts')
    expect(CSV_RULES.length).toBeGreaterThan(20)
    for (const rule of CSV_RULES) {
      expect(rule.side).toBe('file')
      expect(CATALOGUE).toContain(rule)
      expect(RULES.map((r) => r.id)).not.toContain(rule.id)
      expect(rule.title.length, rule.id).toBeGreaterThan(10)
      expect(rule.fix.length, rule.id).toBeGreaterThan(20)
      expect(rule.area, rule.id).toMatch(/^csv-[a-z]+$/)
    }
  })
})

describe('the Graph rules', () => {
  it('are in the catalogue, judge sources, and are not among the rules run judges', async () => {
    const { GRAPH_RULES } = await import('./index.ts')
    expect(GRAPH_RULES.length).toBeGreaterThan(10)
    for (const rule of GRAPH_RULES) {
      expect(rule.side).toBe('source')
      expect(CATALOGUE).toContain(rule)
      expect(RULES.map((r) => r.id)).not.toContain(rule.id)
      expect(rule.title.length, rule.id).toBeGreaterThan(10)
      expect(rule.fix.length, rule.id).toBeGreaterThan(20)
      expect(rule.area, rule.id).toMatch(/^graph-[a-z]+$/)
      for (const source of rule.sources) expect(source.ref.length, rule.id).toBeGreaterThan(3)
    }
  })
})
