import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDirs } from '../../../testing/temp-dirs.ts'
import { JournalWriter } from './journal-writer.ts'

const tempDir = tempDirs('cc-journal-')
const noFailure = () => undefined

describe('a journal writer', () => {
  it('writes each record at once, and answers wait only while a record is not yet synced', async () => {
    const file = join(await tempDir(), 'journal.ndjson')
    const writer = JournalWriter.open(file, 'header\n', 'fsync', noFailure)
    expect(writer.settled()).toBeUndefined()
    writer.append('one\n')
    // In the file before any sync: a killed process loses nothing written.
    expect(readFileSync(file, 'utf8')).toBe('header\none\n')
    const first = writer.settled()
    writer.append('two\n')
    const second = writer.settled()
    expect(first).toBeInstanceOf(Promise)
    expect(second).toBeInstanceOf(Promise)
    await Promise.all([first, second])
    expect(writer.settled()).toBeUndefined()
    await writer.close()
    expect(readFileSync(file, 'utf8')).toBe('header\none\ntwo\n')
  })

  it('with durability write, never makes an answer wait', async () => {
    const file = join(await tempDir(), 'journal.ndjson')
    const writer = JournalWriter.open(file, 'header\n', 'write', noFailure)
    writer.append('one\n')
    expect(writer.settled()).toBeUndefined()
    await writer.close()
  })

  it('turns a failed write into a refusal naming the file and the cause, and writes no more', async () => {
    const failures: Error[] = []
    // Every write to /dev/full fails with ENOSPC, as on a full disk.
    const writer = JournalWriter.open('/dev/full', '', 'fsync', (e) => failures.push(e), 1)
    writer.append('one\n')
    await expect(writer.settled()).rejects.toThrow(
      /could not write its state to \/dev\/full \(ENOSPC\).*answers 503 until it is restarted/,
    )
    expect(failures).toHaveLength(1)
    writer.append('two\n')
    expect(failures).toHaveLength(1)
    await writer.close()
  })
})
