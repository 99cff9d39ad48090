/**
 * A hostile SCIM server echoes the bearer key back (raw, percent-encoded, inside HTML tags, in
 * base64, in `detail`, `scimType`, headers and bodies): no report file, no line of the console and
 * no result the library hands back may carry it in any of those forms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { secretForms } from '../model/secret-values.ts'
import type { RuleResult } from '../reports/model.ts'
import { runConformance } from '../suites/harness.ts'
import { rewriteJson, startHostileServer, type HostileServer } from '../testing/hostile-scim.ts'
import { runCliInTemp } from '../testing/cli-run.ts'

const KEY = `cc-hostile/${crypto.randomUUID()}+k=`
const OTHER_KEY = `cc-hostile-other/${crypto.randomUUID()}`
const RULES = ['SRV-ERR-*', 'SRV-INPUT-001', 'SRV-INPUT-002', 'SRV-AUTH-*']

function echoes(key: string): string {
  return `bad request from token ${key} (${encodeURIComponent(key)}, <b>${key}</b>, Basic ${btoa(`demo:${key}`)}, ${btoa(key)})`
}

/** Every form a leaked key could take in an output: as sent, encoded, escaped, base64. */
function leaks(text: string): string[] {
  return [KEY, OTHER_KEY].flatMap((key) => secretForms(key)).filter((form) => text.includes(form))
}

let server: HostileServer
beforeAll(async () => {
  server = await startHostileServer({
    key: KEY,
    otherKey: OTHER_KEY,
    tamper: ({ answer }) =>
      rewriteJson(
        answer,
        (body) =>
          answer.status >= 400
            ? { ...body, detail: echoes(KEY), scimType: `<b>${OTHER_KEY}</b>` }
            : { ...body, echo: `${KEY} ${encodeURIComponent(OTHER_KEY)}` },
        // Any error becomes 418 so every check that quotes the detail fails and quotes it.
        { 'X-Debug': `token=${KEY}`, 'X-Echo': `Bearer ${OTHER_KEY}` },
      ).then((out) =>
        answer.status >= 400 ? new Response(out.body, { status: 418, headers: out.headers }) : out,
      ),
  })
})
afterAll(() => server.close())

describe('a server that echoes the key', () => {
  it('finds it in no report file and nowhere on the console (CLI run)', async () => {
    const run = await runCliInTemp([
      'run',
      '--target',
      server.baseUrl,
      '--key',
      KEY,
      '--other-account-url',
      server.otherBaseUrl,
      '--other-account-key',
      OTHER_KEY,
      '--allow-writes',
      ...RULES.flatMap((rule) => ['--rule', rule]),
    ])
    expect(run.code).toBe(1)
    const files = Object.keys(run.files)
    expect(files.sort()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\.json$/),
        expect.stringMatching(/\.xml$/),
        expect.stringMatching(/\.md$/),
        expect.stringMatching(/\.html$/),
      ]),
    )
    // The server did echo: the findings quote its (redacted) detail.
    expect(run.files['conformance-report.json']).toMatch(
      /"message": "[^"]*bad request from token \[REDACTED\]/,
    )
    for (const [name, text] of Object.entries(run.files)) expect(leaks(text), name).toEqual([])
    expect(leaks(run.stdout), 'stdout').toEqual([])
    expect(leaks(run.stderr), 'stderr').toEqual([])
  })

  it('finds it nowhere in the report or the results runConformance hands back', async () => {
    const seen: RuleResult[] = []
    const report = await runConformance({
      target: {
        url: server.baseUrl,
        key: KEY,
        other: { url: server.otherBaseUrl, key: OTHER_KEY },
      },
      rules: { ids: RULES },
      allowWrites: true,
      onResult: (result) => seen.push(result),
    })
    const text = JSON.stringify(report)
    expect(text).toContain('[REDACTED]')
    expect(report.summary.verdict).toBe('fail')
    expect(leaks(text)).toEqual([])
    expect(leaks(JSON.stringify(seen))).toEqual([])
  })
})
