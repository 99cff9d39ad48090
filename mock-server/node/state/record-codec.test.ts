import { describe, expect, it } from 'vitest'
import { StateRecordError } from '../../persistence/state-record.ts'
import { fromStored, toStored } from './record-codec.ts'
import { Seal } from './seal.ts'

const SEAL = Seal.random()

describe('a stored record', () => {
  it('of a type this mock does not know is refused, Object members included', () => {
    for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'nonsense'])
      expect(() => fromStored({ type }, SEAL), type).toThrow(StateRecordError)
    expect(fromStored({ type: 'account', id: 'acme', createdAt: 'x' }, SEAL)).toEqual({
      type: 'account',
      id: 'acme',
      createdAt: 'x',
    })
  })

  it('of a Graph configuration holds its client secret sealed, and opens it again', () => {
    const record = {
      type: 'graph-configuration' as const,
      id: 'c1',
      accountId: 'acme',
      json: { name: 'Contoso' },
      createdUtc: 'x',
      lastModifiedUtc: 'x',
      clientSecret: 'graph-secret-to-seal-42',
      progress: { known: [] },
    }
    const stored = JSON.stringify(toStored(record, SEAL))
    expect(stored).not.toContain('graph-secret-to-seal-42')
    expect(fromStored(JSON.parse(stored), SEAL)).toEqual(record)
    expect(() => fromStored(JSON.parse(stored), Seal.random())).toThrow(StateRecordError)
  })
})
