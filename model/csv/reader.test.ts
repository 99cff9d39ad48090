import { parse } from 'csv-parse/browser/esm/sync'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CSV_CONFIG } from './config.ts'
import { csvParseOptions, quotedCells, type CsvParseProblem, type CsvRecord } from './reader.ts'

function read(text: string) {
  const records: CsvRecord[] = []
  const problems: CsvParseProblem[] = []
  const options = csvParseOptions(DEFAULT_CSV_CONFIG, {
    record: (r) => records.push(r),
    problem: (p) => problems.push(p),
  })
  parse(text, options as never)
  return { records, problems }
}

describe('quotedCells', () => {
  it('tells quoted cells from unquoted ones, doubled quotes, delimiters and empty cells included', () => {
    expect(
      quotedCells(['a', 'b, c', 'say "hi"', '', 'x'], 'a,"b, c","say ""hi""","",x', ','),
    ).toEqual([false, true, true, true, false])
    expect(quotedCells(['a', ''], 'a,', ',')).toEqual([false, false])
  })

  it('counts a quote csv-parse kept as text as not quoted', () => {
    expect(quotedCells(['1', 'O"Brien', 'z'], '1,O"Brien,z', ',')).toEqual([false, false, false])
    expect(quotedCells(['1', '"bad"q', 'z'], '1,"bad"q,z', ',')).toEqual([false, false, false])
  })
})

describe('csvParseOptions', () => {
  it('numbers rows and the lines they start on, across quoted line breaks and mixed endings', () => {
    const { records, problems } = read('a,b\r\n1,"two\nlines"\n\n3,"4"\r\n')
    expect(problems).toEqual([])
    expect(records.map((r) => [r.row, r.line, r.cells, r.quoted])).toEqual([
      [1, 1, ['a', 'b'], [false, false]],
      [2, 2, ['1', 'two\nlines'], [false, true]],
      [3, 5, ['3', '4'], [false, true]],
    ])
  })

  it('reports an unclosed quote at the row it opens, and stops', () => {
    const { records, problems } = read('a,b\n1,2\n3,"open\n4,5\n')
    expect(records).toHaveLength(2)
    expect(problems).toEqual([
      expect.objectContaining({ code: 'CSV_QUOTE_NOT_CLOSED', row: 3, fatal: true }),
    ])
  })
})
