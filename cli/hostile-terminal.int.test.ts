/**
 * A hostile server's text cannot drive the terminal: a `userName` and error `detail` full of escape
 * sequences (window title, clear screen, conceal), C1 controls and bidi overrides reach the console
 * summary, the live progress and the cleanup leftovers list as plain text.
 */
/* eslint-disable no-control-regex -- the test looks for control characters */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rewriteJson, startHostileServer, type HostileServer } from '../testing/hostile-scim.ts'
import { runCliInTemp } from '../testing/cli-run.ts'

const KEY = `cc-terminal-${crypto.randomUUID()}`
const NASTY =
  '\u001b]0;pwned\u0007\u001b[2J\u001b[H\u001b[8mhidden\u001b[0m\u202Egnp.exe\u202C\u2066x\u2069\u0085\u009b31m\u001bc\r\b\u0000'
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

let server: HostileServer
beforeAll(async () => {
  server = await startHostileServer({
    key: KEY,
    tamper: async ({ request, answer }) => {
      if (request.method === 'DELETE')
        return new Response(JSON.stringify({ detail: `cannot delete ${NASTY}` }), {
          status: 500,
          headers: { 'Content-Type': 'application/scim+json' },
        })
      if (request.method === 'POST' && answer.status === 201)
        return rewriteJson(answer, (body) => ({
          ...body,
          userName: `${String(body.userName)}${NASTY}`,
        }))
      if (answer.status >= 400) {
        const out = await rewriteJson(answer, (body) => ({
          ...body,
          detail: NASTY,
          scimType: NASTY,
        }))
        return new Response(out.body, { status: 418, headers: out.headers })
      }
      return answer
    },
  })
})
afterAll(() => server.close())

async function run(tty: boolean) {
  const args = ['run', '--target', server.baseUrl, '--key', KEY, '--allow-writes']
  return runCliInTemp([...args, '--rule', 'SRV-INPUT-001', '--format', 'json'], {
    isTTY: tty,
    columns: 200,
  })
}

describe('server text on the terminal', () => {
  it('prints the leftovers and the findings without a control character (pipe, CI)', async () => {
    const { code, stdout, stderr } = await run(false)
    expect(code).toBe(1)
    // The leftover is listed, as text.
    expect(stdout).toMatch(/left over/)
    expect(stdout).toContain('hidden')
    expect(stdout).not.toMatch(CONTROL)
    expect(stderr).not.toMatch(CONTROL)
  })

  it('keeps only its own colours and line rewrites on a terminal', async () => {
    const { stdout, stderr } = await run(true)
    const own = (text: string) =>
      text
        .replace(/\r\u001b\[2K/g, '') // the progress line rewrite
        .replace(/\u001b\[(?:1|2|22|31|32|33|39)m/g, '') // the summary's colours
    expect(stdout).toContain('hidden')
    expect(own(stdout)).not.toMatch(CONTROL)
    expect(own(stderr)).not.toMatch(CONTROL)
    expect(stdout).not.toContain('\u001b[8m')
  })
})
