import { describe, expect, it } from 'vitest'
import { DEV_ADMIN_TOKEN, DEV_SCIM_KEY } from '../../mock-server/options.ts'
import type { CliIo } from '../io.ts'
import { main } from '../main.ts'

function io(env: Record<string, string> = {}, signal?: AbortSignal) {
  const out: string[] = []
  const err: string[] = []
  const value: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    env,
    ...(signal && { signal }),
  }
  return { value, out, err }
}

describe('serve', () => {
  it('serves the mock with the development key until aborted, then closes the port', async () => {
    const controller = new AbortController()
    const cli = io({}, controller.signal)
    const exit = main(['serve', '--port', '0'], cli.value)
    await expect.poll(() => cli.out.join('')).toMatch(/Tenant URL: (\S+)/)
    const tenant = /Tenant URL: (\S+)/.exec(cli.out.join(''))?.[1] ?? ''
    expect(cli.out.join('')).toContain(`development key "${DEV_SCIM_KEY}"`)
    const users = await fetch(`${tenant}/Users`, {
      headers: { Authorization: `Bearer ${DEV_SCIM_KEY}` },
    })
    expect(users.status).toBe(200)
    expect((await fetch(`${tenant}/Users`)).status).toBe(401)
    controller.abort()
    expect(await exit).toBe(0)
    await expect(fetch(`${tenant}/Users`)).rejects.toThrow()
  })

  it('takes the account and key from the environment, as npm start documents', async () => {
    const controller = new AbortController()
    const cli = io({ CLEARID_ACCOUNT_ID: 'acme', CLEARID_SCIM_KEY: 'from-env' }, controller.signal)
    const exit = main(['serve', '--port', '0'], cli.value)
    await expect.poll(() => cli.out.join('')).toMatch(/accounts\/acme/)
    expect(cli.out.join('')).toContain('from CLEARID_SCIM_KEY')
    expect(cli.out.join('')).not.toContain('from-env')
    controller.abort()
    expect(await exit).toBe(0)
  })

  it('prints the dashboard URL, and the page there opens without a sign-in on loopback', async () => {
    const controller = new AbortController()
    const cli = io({}, controller.signal)
    const exit = main(['serve', '--port', '0'], cli.value)
    await expect.poll(() => cli.out.join('')).toMatch(/Dashboard: (\S+)/)
    const url = /Dashboard: (\S+)/.exec(cli.out.join(''))?.[1] ?? ''
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const page = await fetch(url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(`content="${DEV_ADMIN_TOKEN}"`)
    controller.abort()
    expect(await exit).toBe(0)
  })

  it('serves a page without the admin token on any other address, even the development one', async () => {
    const controller = new AbortController()
    const cli = io({ CLEARID_ADMIN_TOKEN: DEV_ADMIN_TOKEN }, controller.signal)
    const exit = main(['serve', '--port', '0', '--host', '0.0.0.0'], cli.value)
    await expect.poll(() => cli.out.join('')).toMatch(/Dashboard: \S+:(\d+)\//)
    const port = /Dashboard: \S+:(\d+)\//.exec(cli.out.join(''))?.[1] ?? ''
    const html = await (await fetch(`http://127.0.0.1:${port}/`)).text()
    expect(html).toContain('id="signin"')
    expect(html).not.toContain(DEV_ADMIN_TOKEN)
    controller.abort()
    expect(await exit).toBe(0)
  })

  it('refuses a port that is not one, with the way out', async () => {
    const cli = io({ PORT: '99999' })
    expect(await main(['serve'], cli.value)).toBe(2)
    expect(cli.err.join('')).toMatch(/port must be an integer from 0 to 65535; got "99999"/)
  })
})
