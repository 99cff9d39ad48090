import { describe, expect, it } from 'vitest'
import { RULES } from '../rules/index.ts'
import { TestData } from '../fixtures/test-data.ts'
import { EntraClient } from '../driver/entra/client.ts'
import { ScimHttpClient } from '../driver/http/scim-http.ts'
import { selectRules } from '../suites/runner/select.ts'
import { captureIo, DEPLOYMENT, fakeDeployment, KEY } from '../testing/suite-support.ts'
import { main } from './main.ts'
import { nearest } from './nearest.ts'

describe('clearid-conformance', () => {
  it('prints help, the version, and refuses unknown commands with exit 2', async () => {
    const io = captureIo()
    expect(await main(['--help'], io)).toBe(0)
    expect(io.out.join('')).toContain('rules          list the rule catalogue')
    expect(await main(['--version'], captureIo())).toBe(0)
    const bad = captureIo()
    expect(await main(['frobnicate'], bad)).toBe(2)
    expect(bad.err.join('')).toContain('unknown command "frobnicate"')
    expect(bad.err.join('')).not.toContain('Commands:')
    expect(await main([], captureIo())).toBe(2)
    // A name every object has is not a command either.
    for (const name of ['constructor', 'toString', '__proto__']) {
      const io = captureIo()
      expect(await main([name], io)).toBe(2)
      expect(io.err.join('')).toContain(`unknown command "${name}"`)
    }
  })

  it('suggests the command a typo meant, and none for gibberish', async () => {
    const io = captureIo()
    expect(await main(['rn'], io)).toBe(2)
    expect(io.err.join('')).toContain('Did you mean "run"?')
    expect(nearest('verfy-client', ['run', 'verify-client'])).toBe('verify-client')
    expect(nearest('swep', ['sweep', 'serve'])).toBe('sweep')
    expect(nearest('frobnicate', ['run', 'rules', 'sweep'])).toBeUndefined()
  })

  it('delegates report … to the report command', async () => {
    const io = captureIo()
    expect(await main(['report', '--help'], io)).toBe(0)
    expect(io.text()).toContain('report render')
  })

  it('delegates verify-client … and replay … to their commands', async () => {
    const verify = captureIo()
    expect(await main(['verify-client', '--help'], verify)).toBe(0)
    expect(verify.text()).toContain('--idle-timeout')
    const replay = captureIo()
    expect(await main(['replay', '--help'], replay)).toBe(0)
    expect(replay.text()).toContain('--emit-test')
  })
})

describe('rules --side', () => {
  it('lists client rules, all rules, and refuses an unknown side', async () => {
    const client = captureIo({ columns: 160 })
    expect(await main(['rules', '--side', 'client'], client)).toBe(0)
    expect(client.text()).toContain('CLI-ATTR-001')
    expect(client.text()).not.toContain('SRV-')
    const all = captureIo({ columns: 160 })
    expect(await main(['rules', '--side', 'all', '--json'], all)).toBe(0)
    const ids = (JSON.parse(all.text()) as { id: string }[]).map((rule) => rule.id)
    expect(ids).toContain('CLI-ATTR-001')
    expect(ids).toContain('SRV-FILTER-002')
    expect(await main(['rules', '--side', 'both'], captureIo())).toBe(2)
  })
})

describe('rules', () => {
  it('prints the catalogue as a table', async () => {
    const io = captureIo({ columns: 160 })
    expect(await main(['rules'], io)).toBe(0)
    const text = io.out.join('')
    for (const rule of RULES) expect(text).toContain(rule.id)
    expect(text).toMatch(new RegExp(`${RULES.length} rules \\(\\d+ MUST, \\d+ SHOULD, \\d+ MAY\\)`))
  })

  it('prints JSON with sources and fixes, filtered like run', async () => {
    const io = captureIo()
    expect(await main(['rules', '--json', '--level', 'MUST', '--tag', 'filter'], io)).toBe(0)
    const rules = JSON.parse(io.out.join('')) as {
      id: string
      level: string
      sources: unknown[]
      fix: string
      check?: unknown
    }[]
    expect(rules.length).toBeGreaterThan(5)
    for (const rule of rules) {
      expect(rule.level).toBe('MUST')
      expect(rule.sources.length).toBeGreaterThan(0)
      expect(rule.check).toBeUndefined()
    }
  })

  it('selects by prefix and glob', () => {
    expect(selectRules(RULES, { ids: ['SRV-FILTER-00'] }).map((r) => r.id)).toContain(
      'SRV-FILTER-001',
    )
    expect(selectRules(RULES, { ids: ['srv-*-001'] }).every((r) => r.id.endsWith('-001'))).toBe(
      true,
    )
  })
})

describe('sweep', () => {
  const client = (deployment: ReturnType<typeof fakeDeployment>) =>
    new EntraClient(
      new ScimHttpClient({ main: { baseUrl: DEPLOYMENT, key: KEY }, fetch: deployment.fetch }),
      'entra-flag',
    )

  it('lists leftovers in a dry run and deletes them otherwise', async () => {
    const deployment = fakeDeployment()
    const entra = client(deployment)
    for (const user of new TestData(1, 'old1', 'leftover').users(3)) {
      expect((await entra.createUser(user)).status).toBe(201)
    }
    const untagged = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'real.person@contoso.example',
      displayName: 'Real Person',
      'urn:ietf:params:scim:schemas:extension:clearid:2.0:User': {
        externalId: 'real-1',
        lastName: 'Person',
      },
    }
    expect((await entra.postUser(untagged)).status).toBe(201)
    // A cc- userName alone is not enough: the externalId must carry the tag too.
    const lookalike = { ...untagged, userName: 'cc-abc-lookalike@contoso.example' }
    const lookalikeExt = { externalId: 'real-2', lastName: 'Lookalike' }
    const ext = 'urn:ietf:params:scim:schemas:extension:clearid:2.0:User'
    expect((await entra.postUser({ ...lookalike, [ext]: lookalikeExt })).status).toBe(201)

    const dry = captureIo({ fetch: deployment.fetch })
    const all = ['--older-than', '0']
    expect(
      await main(['sweep', '--target', DEPLOYMENT, '--key', KEY, '--dry-run', ...all], dry),
    ).toBe(0)
    expect(dry.out.join('').match(/would delete/g)).toHaveLength(3)
    expect(await deployment.liveUsers()).toBe(5)

    const real = captureIo({ fetch: deployment.fetch })
    expect(await main(['sweep', '--target', DEPLOYMENT, '--key', KEY, ...all], real)).toBe(0)
    expect(real.out.join('')).toContain('3 leftovers, 3 deleted, 0 failed')
    expect(await deployment.liveUsers()).toBe(2)
    expect(real.text()).not.toContain(KEY)
  })

  it('falls back to paging when the server does not support sw', async () => {
    const deployment = fakeDeployment({}, (request) => {
      if (decodeURIComponent(request.url).includes('sw')) {
        return new Response(
          JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: '400',
            scimType: 'invalidFilter',
            detail: 'sw is not supported',
          }),
          { status: 400 },
        )
      }
      return undefined
    })
    for (const user of new TestData(2, 'old2', 'leftover').users(2))
      await client(deployment).createUser(user)
    const io = captureIo({ fetch: deployment.fetch })
    expect(
      await main(['sweep', '--target', DEPLOYMENT, '--key', KEY, '--older-than', '0s'], io),
    ).toBe(0)
    expect(io.out.join('')).toContain('Sweep by paging')
    expect(await deployment.liveUsers()).toBe(0)
  })

  it('keeps identities younger than --older-than', async () => {
    const deployment = fakeDeployment()
    await client(deployment).createUser(new TestData(3, 'new3', 'x').user())
    const io = captureIo({ fetch: deployment.fetch })
    expect(
      await main(['sweep', '--target', DEPLOYMENT, '--key', KEY, '--older-than', '1h'], io),
    ).toBe(0)
    expect(io.out.join('')).toContain('0 leftovers, 1 too recent')
    expect(await deployment.liveUsers()).toBe(1)
  })

  it('keeps identities of the last hour by default, which a run may still be using, and says so', async () => {
    const deployment = fakeDeployment()
    await client(deployment).createUser(new TestData(4, 'live4', 'x').user())
    const io = captureIo({ fetch: deployment.fetch })
    expect(await main(['sweep', '--target', DEPLOYMENT, '--key', KEY], io)).toBe(0)
    expect(io.out.join('')).toContain('0 leftovers, 1 too recent')
    expect(io.out.join('')).toContain('--older-than 0 sweeps them')
    expect(await deployment.liveUsers()).toBe(1)
  })

  it('needs a target', async () => {
    const io = captureIo()
    expect(await main(['sweep'], io)).toBe(2)
    expect(io.err.join('')).toContain('sweep needs --target')
  })
})
