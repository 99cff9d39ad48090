import { describe, expect, it } from 'vitest'
import { readCredential } from '../sync/credentials.ts'
import { createDecoder, sniffBinary, sniffBom, sniffOtherText } from './decode.ts'
import { findSyncField } from '../sync/fields.ts'
import {
  looksLikeDate,
  looksLikePath,
  parseSyncBoolean,
  parseSyncDate,
  readPicture,
} from '../sync/values.ts'

describe('header names', () => {
  it.each([
    ['externalId', 'externalId'],
    ['External ID', 'externalId'],
    ['external_id', 'externalId'],
    ['First name', 'firstName'],
    ['firstName', 'firstName'],
    ['E-mail', 'email'],
    ['Business email', 'email'],
    ['Country', 'countryCode'],
    ['State/Province', 'stateOfResidence'],
    ['Status', 'active'],
    ['Photo', 'picture'],
  ])('%s names %s', (header, field) => {
    expect(findSyncField(header)?.name).toBe(field)
  })

  it('names nothing for an unknown header', () => {
    expect(findSyncField('Shoe size')).toBeUndefined()
  })
})

describe('dates', () => {
  it('reads ISO 8601 and, by dateOrder, slash dates; refuses impossible days', () => {
    expect(parseSyncDate('2026-04-05', 'month-first')).toBe('2026-04-05')
    expect(parseSyncDate('2026-04-05T08:30:00+02:00', 'iso-only')).toBe('2026-04-05T06:30:00.000Z')
    expect(parseSyncDate('04/05/2026', 'month-first')).toBe('2026-04-05')
    expect(parseSyncDate('04/05/2026', 'day-first')).toBe('2026-05-04')
    expect(parseSyncDate('04/05/2026', 'iso-only')).toBeUndefined()
    expect(parseSyncDate('2026-02-30', 'month-first')).toBeUndefined()
    expect(parseSyncDate('2026-13-01', 'month-first')).toBeUndefined()
    expect(parseSyncDate('soon', 'month-first')).toBeUndefined()
  })

  it('tells date and path shapes, which must be quoted', () => {
    expect(looksLikeDate('2026-13-45')).toBe(true)
    expect(looksLikeDate('5/4/26')).toBe(true)
    expect(looksLikeDate('E2026')).toBe(false)
    expect(looksLikePath('C:\\HR\\jane.jpg')).toBe(true)
    expect(looksLikePath('photos/jane.jpg')).toBe(true)
    expect(looksLikePath('\\\\server\\share\\jane.jpg')).toBe(true)
    expect(looksLikePath('https://cdn.example/jane.jpg')).toBe(false)
    expect(looksLikePath('Sales/Marketing')).toBe(false)
  })
})

describe('pictures', () => {
  it('accepts the three documented forms and says why anything else is not one', () => {
    expect(readPicture('photos/jane.jpg')).toEqual({ kind: 'relative', path: 'photos/jane.jpg' })
    expect(readPicture('C:\\HR\\jane.jpg').kind).toBe('absolute')
    expect(readPicture('/srv/hr/jane.jpg').kind).toBe('absolute')
    expect(readPicture('data:image/png;base64,' + 'A'.repeat(40))).toMatchObject({
      kind: 'base64',
      bytes: 30,
    })
    expect(readPicture('https://cdn.example/jane.jpg')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/URL/),
    })
    expect(readPicture('A'.repeat(41))).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/multiple of 4/),
    })
    expect(readPicture('jane')).toMatchObject({ kind: 'invalid' })
  })
})

describe('booleans', () => {
  it('reads the usual spellings and nothing else', () => {
    expect(['true', 'Active', '1', 'YES'].map(parseSyncBoolean)).toEqual([true, true, true, true])
    expect(['false', 'Inactive', '0', 'no'].map(parseSyncBoolean)).toEqual([
      false,
      false,
      false,
      false,
    ])
    expect(parseSyncBoolean('maybe')).toBeUndefined()
  })
})

describe('credentials', () => {
  const cells: Record<string, string> = {
    FC: '255',
    Card: '65535',
    Raw: '0x3FFFFFF',
    From: '2026-01-01',
    Until: '2027-01-01',
  }
  const read = (c: string) => cells[c]
  const date = (raw: string) => (/^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined)

  it('takes numbers at the edge of each field', () => {
    const { credential, issues } = readCredential(
      {
        type: 'facilityCodeAndCardNumber',
        format: 'standard26',
        facilityCodeColumn: 'FC',
        cardNumberColumn: 'Card',
        activationDateColumn: 'From',
        expirationDateColumn: 'Until',
      },
      read,
      date,
    )
    expect(issues).toEqual([])
    expect(credential).toEqual({
      format: 'standard26',
      facilityCode: '255',
      cardNumber: '65535',
      activationDate: '2026-01-01',
      expirationDate: '2027-01-01',
    })
    expect(
      readCredential({ type: 'rawCode', format: 'standard26', column: 'Raw' }, read, date)
        .credential?.rawCode,
    ).toBe(String(2 ** 26 - 1))
  })

  it('refuses one past the edge, with the range', () => {
    const over = (c: string) => ({ ...cells, FC: '256', Raw: '0x4000000' })[c]
    expect(
      readCredential(
        {
          type: 'facilityCodeAndCardNumber',
          format: 'standard26',
          facilityCodeColumn: 'FC',
          cardNumberColumn: 'Card',
        },
        over,
        date,
      ).issues[0]?.message,
    ).toMatch(/0–255/)
    expect(
      readCredential({ type: 'rawCode', format: 'standard26', column: 'Raw' }, over, date).issues[0]
        ?.message,
    ).toMatch(/26 bits/)
    expect(
      readCredential(
        { type: 'rawCode', format: 'corporate1000_48', column: 'Raw' },
        () => String(2n ** 48n),
        date,
      ).issues[0]?.message,
    ).toMatch(/48 bits/)
  })

  it('makes no credential for a row without a card number', () => {
    expect(
      readCredential(
        {
          type: 'fixedFacilityCodeAndCardNumber',
          format: 'hidH10306',
          facilityCode: 12,
          cardNumberColumn: 'None',
        },
        read,
        date,
      ),
    ).toEqual({ issues: [] })
  })
})

describe('decoding', () => {
  it('maps ISO-8859-1 bytes to the same code points, 0x80–0x9F included', () => {
    expect(createDecoder('ISO-8859-1').decode(Uint8Array.from([0x4d, 0xfc, 0x80, 0xe9]))).toBe(
      'Mü\u0080é',
    )
  })

  it('keeps UTF-8 sequences split across chunks and marks invalid bytes', () => {
    const decoder = createDecoder('UTF-8')
    expect(
      decoder.decode(Uint8Array.from([0x4d, 0xc3])) + decoder.decode(Uint8Array.from([0xbc]), true),
    ).toBe('Mü')
    expect(createDecoder('UTF-8').decode(Uint8Array.from([0x4d, 0xfc, 0x6c]), true)).toBe(
      'M\ufffdl',
    )
  })

  it('reads byte-order marks and binary signatures', () => {
    expect(sniffBom(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ bom: 'UTF-8', length: 3 })
    expect(sniffBom(Uint8Array.from([0xff, 0xfe, 0x61, 0]))?.bom).toBe('UTF-16LE')
    expect(sniffBinary(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d]))?.what).toMatch(/PDF/)
    expect(sniffBinary(Uint8Array.from([0x61, 0x2c, 0, 0x62]))).toMatchObject({ offset: 2 })
    expect(sniffBinary(new TextEncoder().encode('a,b\n1,2\n'))).toBeUndefined()
    expect(sniffOtherText('<!DOCTYPE html><html>')).toMatch(/HTML/)
    expect(sniffOtherText('externalId,firstName')).toBeUndefined()
  })
})
