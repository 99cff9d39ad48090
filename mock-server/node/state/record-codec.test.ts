import { describe, expect, it } from 'vitest'
import { StateRecordError } from '../../persistence/state-record.ts'
import { fromStored } from './record-codec.ts'
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
})
