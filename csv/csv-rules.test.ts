/**
 * Every CSV rule with a passing and a failing file, both made here from seeded fixtures: the valid
 * export passes every rule, and each failing file breaks one thing, which its rule reports with the
 * row and column.
 */
import { truncateSync, writeFileSync } from 'node:fs'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { CSV_RULES } from '../rules/csv/index.ts'
import { readCsvFile } from './read-file.ts'
import { check, fixtureConfig, rows, tempPath, text } from './test/check-files.ts'
import type { CsvEvent } from '../rules/csv/define.ts'

const valid = () => text(rows())

function failedAt(checked: Awaited<ReturnType<typeof check>>, id: string) {
  const result = checked.result(id)
  expect(result.status, `${id}: ${JSON.stringify(result.findings.slice(0, 3))}`).toBe('failed')
  const finding = result.findings.find(
    (f) => f.severity === 'error' || (result.level !== 'MUST' && f.severity === 'warning'),
  )
  expect(finding).toBeDefined()
  return finding!
}

describe('the valid export', () => {
  it('passes every CSV rule', async () => {
    const checked = await check([{ name: 'hr.csv', content: valid() }])
    for (const rule of CSV_RULES) {
      const result = checked.result(rule.id)
      expect(result.status, `${rule.id}: ${JSON.stringify(result.findings.slice(0, 2))}`).toBe(
        'passed',
      )
    }
    expect(checked.preview.totals).toMatchObject({
      rows: 12,
      identities: 12,
      credentials: 12,
      refused: 0,
    })
  })

  it('passes with ClearID defaults and header names when no configuration is given', async () => {
    const data = rows(5).map((r) => ({
      externalId: r['External ID'],
      firstName: r['First name'],
      'Last name': r['Last name'],
      'E-mail': r.Email,
    }))
    const checked = await check(
      [
        {
          name: 'plain.csv',
          content: text(data as never, {}, ['externalId', 'firstName', 'Last name', 'E-mail']),
        },
      ],
      (await import('../model/csv/config.ts')).DEFAULT_CSV_CONFIG,
    )
    expect(checked.results.filter((r) => r.status === 'failed')).toEqual([])
    expect(checked.preview.first[0]?.attributes).toMatchObject({
      firstName: data[0]?.firstName,
      email: data[0]?.['E-mail'],
    })
  })
})

describe('the file', () => {
  it('CSV-FILE-001: a workbook, JSON and NUL bytes are not CSV', async () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 0, 0])
    let checked = await check([{ name: 'export.xlsx', content: zip }])
    expect(failedAt(checked, 'CSV-FILE-001').message).toMatch(/ZIP archive.*xlsx/)
    expect(checked.result('CSV-ID-001').status).toBe('skipped')
    checked = await check([{ name: 'people.json', content: '[{"externalId": "a"}]\n' }])
    expect(failedAt(checked, 'CSV-FILE-001').message).toMatch(/JSON/)
    const withNul = valid().replace(/\r\n(hr-000003),/, '\r\n$1,\u0000')
    const finding = failedAt(await check([{ name: 'nul.csv', content: withNul }]), 'CSV-FILE-001')
    expect(finding.message).toMatch(/NUL/)
    expect(finding.location).toMatchObject({ row: 4, column: 2 })
  })

  it('CSV-FILE-002: a file over the limit is refused unread, a 2 GB file included', async () => {
    const path = tempPath('huge.csv')
    writeFileSync(path, '')
    truncateSync(path, 2 * 1024 ** 3)
    const events: CsvEvent[] = []
    const started = Date.now()
    await readCsvFile(path, 'huge.csv', fixtureConfig(), (e) => events.push(e))
    expect(Date.now() - started).toBeLessThan(2000)
    const problem = events.find((e) => e.type === 'problem')
    expect(problem && problem.type === 'problem' && problem.problem.message).toMatch(
      /2048\.0 MiB, over the limit of 512\.0 MiB \(options\.maxFileBytes\)/,
    )
    const small = fixtureConfig((c) => (c.options = { maxFileBytes: 100 }))
    const checked = await check([{ name: 'hr.csv', content: valid() }], small)
    expect(failedAt(checked, 'CSV-FILE-002').message).toMatch(/options\.maxFileBytes/)
  })

  it('CSV-FILE-002: a row longer than maxRecordChars stops reading with its row', async () => {
    const config = fixtureConfig((c) => (c.options = { maxRecordChars: 2000 }))
    const data = rows(6, (r, i) => {
      if (i === 3) r['Job title'] = 'x'.repeat(5000)
    })
    const finding = failedAt(
      await check([{ name: 'long.csv', content: text(data) }], config),
      'CSV-FILE-002',
    )
    expect(finding.location?.row).toBe(5)
  })

  it('CSV-FILE-003: a header without data, and an empty file', async () => {
    let checked = await check([{ name: 'header.csv', content: text([]) }])
    expect(failedAt(checked, 'CSV-FILE-003').message).toMatch(/no data row/)
    expect(checked.result('CSV-ID-003').status).toBe('skipped')
    checked = await check([{ name: 'empty.csv', content: '' }])
    expect(failedAt(checked, 'CSV-FILE-003').message).toMatch(/empty/)
  })

  it('CSV-FILE-004: a stray quote and an unclosed quote, each with its row and column', async () => {
    const stray = rows(5, (r, i) => {
      if (i === 2) r['Last name'] = 'O"Brien'
    })
    let finding = failedAt(
      await check([{ name: 'stray.csv', content: text(stray).replace('"O""Brien"', 'O"Brien') }]),
      'CSV-FILE-004',
    )
    expect(finding.location).toMatchObject({ row: 4, column: 3, columnName: 'Last name' })
    const runOn = text(rows(5)).replace(/\r\n(hr-000003),/, '\r\n$1,"Open ')
    finding = failedAt(await check([{ name: 'run-on.csv', content: runOn }]), 'CSV-FILE-004')
    expect(finding.message).toMatch(/not closed at its end/)
    expect(finding.location).toMatchObject({ row: 4, column: 2 })
    const unclosed = `${valid()}hr-999999,"Open,Ended\r\n`
    finding = failedAt(await check([{ name: 'unclosed.csv', content: unclosed }]), 'CSV-FILE-004')
    expect(finding.message).toMatch(/never closed/)
    expect(finding.location?.row).toBe(14)
  })

  it('CSV-FILE-005: a row with an extra cell', async () => {
    const content = valid().replace(/\r\n(hr-000002),/, '\r\n$1,extra,')
    const finding = failedAt(await check([{ name: 'extra.csv', content }]), 'CSV-FILE-005')
    expect(finding.location?.row).toBe(3)
    expect(finding.actual).toBe(16)
  })

  it('CSV-FILE-006: CRLF and LF mixed', async () => {
    const lines = valid().split('\r\n')
    const content = `${lines.slice(0, 5).join('\r\n')}\n${lines.slice(5).join('\n')}`
    const finding = failedAt(await check([{ name: 'mixed.csv', content }]), 'CSV-FILE-006')
    expect(finding.location?.row).toBe(5)
    expect(finding.message).toMatch(/starts with CRLF; line 5 ends with LF/)
  })

  it('CSV-FILE-007: a UTF-8 BOM is fine in UTF-8, wrong in ISO-8859-1; UTF-16 is refused', async () => {
    const bom = '\ufeff' + valid()
    let checked = await check([{ name: 'bom.csv', content: bom }])
    expect(checked.result('CSV-FILE-007').status).toBe('passed')
    expect(checked.result('CSV-FILE-007').findings[0]?.severity).toBe('info')
    expect(checked.result('CSV-MAP-001').status).toBe('passed')
    const latin1 = fixtureConfig((c) => (c.advanced = { encoding: 'ISO-8859-1' }))
    checked = await check([{ name: 'bom.csv', content: bom }], latin1)
    expect(failedAt(checked, 'CSV-FILE-007').message).toMatch(/ï»¿/)
    checked = await check([
      { name: 'utf16.csv', content: iconv.encode(valid(), 'utf16le', { addBOM: true }) },
    ])
    expect(failedAt(checked, 'CSV-FILE-007').message).toMatch(/UTF-16LE/)
  })
})

describe('encoding and delimiter', () => {
  const umlauts = () =>
    rows(6, (r, i) => {
      if (i === 4) r['Last name'] = 'Müller-Lüdenscheidt'
    })

  it('CSV-FORMAT-001: a Latin-1 file read as UTF-8, and a UTF-8 file read as ISO-8859-1', async () => {
    let finding = failedAt(
      await check([{ name: 'latin1.csv', content: iconv.encode(text(umlauts()), 'latin1') }]),
      'CSV-FORMAT-001',
    )
    expect(finding.location).toMatchObject({ row: 6, column: 3 })
    expect(finding.message).toMatch(/ISO-8859-1/)
    const latin1 = fixtureConfig((c) => (c.advanced = { encoding: 'ISO-8859-1' }))
    finding = failedAt(
      await check([{ name: 'utf8.csv', content: text(umlauts()) }], latin1),
      'CSV-FORMAT-001',
    )
    expect(finding.location).toMatchObject({ row: 6, column: 3 })
    const passing = await check(
      [{ name: 'latin1.csv', content: iconv.encode(text(umlauts()), 'latin1') }],
      latin1,
    )
    expect(passing.result('CSV-FORMAT-001').status).toBe('passed')
    expect(passing.preview.first[4]?.attributes.lastName).toBe('Müller-Lüdenscheidt')
  })

  it('CSV-FORMAT-002: a semicolon file configured as comma', async () => {
    const content = text(rows(), { delimiter: ';' })
    const finding = failedAt(await check([{ name: 'semi.csv', content }]), 'CSV-FORMAT-002')
    expect(finding.message).toMatch(/semicolon/)
    expect(finding.location).toMatchObject({ row: 1, column: 1 })
    const semicolon = fixtureConfig((c) => (c.advanced = { delimiter: 'semicolon' }))
    expect(
      (await check([{ name: 'semi.csv', content }], semicolon)).result('CSV-FORMAT-002').status,
    ).toBe('passed')
  })
})

describe('values', () => {
  it('CSV-VALUE-001: an unquoted date', async () => {
    const content = valid().replace(/"(\d{4}-\d{2}-\d{2})"/, '$1')
    const finding = failedAt(await check([{ name: 'dates.csv', content }]), 'CSV-VALUE-001')
    expect(finding.location).toMatchObject({ row: 2, column: 10, columnName: 'Start date' })
  })

  it('CSV-VALUE-002: an unquoted path', async () => {
    const content = valid().replace(/"(photos\\[^"]+)"/, '$1')
    const finding = failedAt(await check([{ name: 'paths.csv', content }]), 'CSV-VALUE-002')
    expect(finding.location).toMatchObject({ row: 2, column: 11, columnName: 'Photo' })
  })

  it('CSV-VALUE-003: a picture given as a URL; Base64 and absolute paths pass', async () => {
    const data = rows(4, (r, i) => {
      if (i === 1) r.Photo = 'https://cdn.example/jane.jpg'
      if (i === 2)
        r.Photo =
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
      if (i === 3) r.Photo = 'C:\\HR\\photos\\x.png'
    })
    const checked = await check([{ name: 'pictures.csv', content: text(data) }])
    const result = checked.result('CSV-VALUE-003')
    expect(result.findings).toHaveLength(1)
    expect(failedAt(checked, 'CSV-VALUE-003').location).toMatchObject({ row: 3, column: 11 })
    expect(checked.preview.first[2]?.rest.picture).toMatchObject({ kind: 'base64' })
  })

  it('CSV-VALUE-004: a date that is no date and a status that is neither', async () => {
    const data = rows(4, (r, i) => {
      if (i === 1) r['Start date'] = '2024-13-45'
      if (i === 2) r.Status = 'maybe'
    })
    const result = (await check([{ name: 'values.csv', content: text(data) }])).result(
      'CSV-VALUE-004',
    )
    expect(result.status).toBe('failed')
    expect(result.findings.map((f) => f.location?.row)).toEqual([3, 4])
  })
})

describe('the identity', () => {
  it('CSV-ID-001: an empty External ID, and no External ID column', async () => {
    const data = rows(4, (r, i) => {
      if (i === 2) r['External ID'] = ''
    })
    expect(
      failedAt(await check([{ name: 'ids.csv', content: text(data) }]), 'CSV-ID-001').location,
    ).toMatchObject({ row: 4, column: 1 })
    const noColumn = fixtureConfig((c) => {
      c.identityMappings = (c.identityMappings as { field: string }[]).filter(
        (m) => m.field !== 'externalId',
      )
      c.template = (c.template as string[]).map((n) => (n === 'External ID' ? 'Key' : n))
    })
    const header = text(rows(3)).replace('External ID', 'Key')
    expect(
      failedAt(await check([{ name: 'nokey.csv', content: header }], noColumn), 'CSV-ID-001')
        .message,
    ).toMatch(/No column feeds External ID/)
  })

  it('CSV-ID-002: a repeated External ID in one file fails; across files it updates (info); last-wins warns', async () => {
    const dup = rows(5, (r, i) => {
      if (i === 4) r['External ID'] = 'hr-000002'
    })
    expect(
      failedAt(await check([{ name: 'dup.csv', content: text(dup) }]), 'CSV-ID-002').location,
    ).toMatchObject({ row: 6, column: 1 })
    const shared = await check([
      { name: 'a.csv', content: text(rows(4)) },
      { name: 'b.csv', content: text(rows(3)) },
    ])
    expect(shared.result('CSV-ID-002').status).toBe('passed')
    expect(shared.result('CSV-ID-002').findings[0]?.message).toMatch(
      /a\.csv and b\.csv share 3 External IDs/,
    )
    const lastWins = fixtureConfig((c) => (c.options = { duplicateExternalIds: 'last-wins' }))
    const result = (await check([{ name: 'dup.csv', content: text(dup) }], lastWins)).result(
      'CSV-ID-002',
    )
    expect(result.status).toBe('passed')
    expect(result.findings[0]?.severity).toBe('warning')
  })

  const broken = (change: (r: Record<string, string>) => void) =>
    check([{ name: 'people.csv', content: text(rows(4, (r, i) => i === 1 && change(r))) }])

  it('CSV-ID-003: neither first nor last name, unless an earlier file made the identity', async () => {
    const finding = failedAt(
      await broken((r) => ((r['First name'] = ''), (r['Last name'] = ''))),
      'CSV-ID-003',
    )
    expect(finding.location).toMatchObject({ row: 3, column: 2 })
    const update = text(rows(3, (r) => ((r['First name'] = ''), (r['Last name'] = ''))))
    const together = await check([
      { name: 'base.csv', content: text(rows(3)) },
      { name: 'update.csv', content: update },
    ])
    expect(together.result('CSV-ID-003').status).toBe('passed')
    expect(together.preview.totals).toMatchObject({ rows: 6, refused: 0 })
  })

  it('CSV-ID-004: an e-mail address that is not one', async () => {
    expect(
      failedAt(await broken((r) => (r.Email = 'jane.doe(at)example')), 'CSV-ID-004').location,
    ).toMatchObject({ row: 3, column: 4 })
  })

  it('CSV-ID-005: a two-letter country', async () => {
    expect(failedAt(await broken((r) => (r.Country = 'DE')), 'CSV-ID-005').location).toMatchObject({
      row: 3,
      column: 5,
    })
  })

  it('CSV-ID-006: three letters that are no ISO code', async () => {
    const checked = await broken((r) => (r.Country = 'GER'))
    expect(failedAt(checked, 'CSV-ID-006').location).toMatchObject({ row: 3, column: 5 })
    expect(checked.result('CSV-ID-005').status).toBe('passed')
  })
})

describe('mapping and credentials', () => {
  it('CSV-MAP-001: a template column the file lacks', async () => {
    const columns = [
      'External ID',
      'First name',
      'Last name',
      'Email',
      'Country',
      'Department',
      'Employee number',
      'Status',
      'Start date',
      'Photo',
      'Facility',
      'Badge',
      'Valid from',
      'Valid until',
    ]
    const finding = failedAt(
      await check([{ name: 'short.csv', content: text(rows(3), {}, columns) }]),
      'CSV-MAP-001',
    )
    expect(finding.message).toMatch(/no column "Job title"/)
  })

  it('CSV-MAP-002: a value the Regex mapping does not match', async () => {
    const checked = await check([
      {
        name: 'regex.csv',
        content: text(rows(4, (r, i) => i === 3 && (r['Employee number'] = 'X-77'))),
      },
    ])
    expect(failedAt(checked, 'CSV-MAP-002').location).toMatchObject({ row: 5, column: 8 })
    expect(checked.preview.first[0]?.attributes.employeeNumber).toMatch(/^\d{6}$/)
  })

  it('CSV-CRED-001: a card number over the 16 bits of Standard 26', async () => {
    const checked = await check([
      { name: 'cards.csv', content: text(rows(4, (r, i) => i === 0 && (r.Badge = '70000'))) },
    ])
    const finding = failedAt(checked, 'CSV-CRED-001')
    expect(finding.location).toMatchObject({ row: 2, column: 13, columnName: 'Badge' })
    expect(finding.message).toMatch(/0–65535/)
  })

  it('CSV-CRED-002: a credential that expires before it is activated', async () => {
    const checked = await check([
      {
        name: 'cards.csv',
        content: text(rows(4, (r, i) => i === 2 && (r['Valid until'] = '2001-01-01'))),
      },
    ])
    expect(failedAt(checked, 'CSV-CRED-002').location).toMatchObject({ row: 4, column: 15 })
  })
})

describe('limits', () => {
  it('lists the first findings of a file and counts the rest', async () => {
    const data = rows(60, (r) => (r.Email = 'not-an-address'))
    const result = (await check([{ name: 'bad.csv', content: text(data) }])).result('CSV-ID-004')
    expect(result.findings).toHaveLength(21)
    expect(result.findings[20]?.message).toMatch(/40 more findings/)
  })
})
