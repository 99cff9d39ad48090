import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderJunit } from './renderers/junit.ts'
import { sampleReport } from './test/builders.ts'
import { writeReports } from './write.ts'

describe('writeReports', () => {
  it('creates the directory and writes the rendered files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'write-reports-'))
    try {
      const out = join(dir, 'nested', 'reports')
      const paths = await writeReports(sampleReport(), ['junit', 'html'], out)
      expect(paths).toEqual([
        join(out, 'conformance-junit.xml'),
        join(out, 'conformance-report.html'),
      ])
      expect(await readFile(paths[0] ?? '', 'utf8')).toBe(renderJunit(sampleReport()))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
