/**
 * The default target: the mock ClearID created in-process and called through `app.fetch`, with no
 * port. It has two accounts so the cross-account rule can run.
 *
 * @module
 */
import { createApp } from '../../mock-server/app.ts'
import type { AppOptions } from '../../mock-server/options.ts'
import { registerSecret } from '../../model/secret-values.ts'
import type { Target } from './target.ts'

export const IN_PROCESS_ORIGIN = 'http://clearid.test'
export const MAIN_ACCOUNT = 'demo'
export const OTHER_ACCOUNT = 'other'

export type InProcessOptions = Omit<AppOptions, 'accounts'>

function scimBase(origin: string, account: string): string {
  return `${origin}/scim/v2/accounts/${account}`
}

/** A fresh key per target: nothing depends on its value and it is redacted everywhere. */
function freshKey(): string {
  return registerSecret(`cc-key-${crypto.randomUUID()}`)
}

/** The hosts the caller allowed, and the in-process origin. */
function withOrigin(allowed: InProcessOptions['allowedHosts']): readonly string[] | true {
  return allowed === true ? true : [...(allowed ?? []), new URL(IN_PROCESS_ORIGIN).host]
}

export function inProcessTarget(options: InProcessOptions = {}): Target {
  const main = { baseUrl: scimBase(IN_PROCESS_ORIGIN, MAIN_ACCOUNT), key: freshKey() }
  const other = { baseUrl: scimBase(IN_PROCESS_ORIGIN, OTHER_ACCOUNT), key: freshKey() }
  const app = createApp({
    ...options,
    allowedHosts: withOrigin(options.allowedHosts),
    accounts: [
      { id: MAIN_ACCOUNT, scimKey: main.key, scimKeyName: 'conformance' },
      { id: OTHER_ACCOUNT, scimKey: other.key, scimKeyName: 'conformance (second account)' },
    ],
  })
  return {
    kind: 'in-process',
    description: 'mock ClearID in-process (app.fetch, no port)',
    main,
    other,
    fetch: async (request) => {
      await app.ready
      return app.fetch(request)
    },
  }
}
