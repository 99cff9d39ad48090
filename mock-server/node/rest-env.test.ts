/** What the Node entry takes from the environment: development values on loopback, secrets elsewhere. */
import { describe, expect, it } from 'vitest'
import { DEV_GRAPH_CLIENT_SECRET } from '../graph/graph-constants.ts'
import { DEV_ADMIN_TOKEN, DEV_CLIENT_SECRET, devClientId } from '../options.ts'
import { restStartupFromEnv } from './rest-env.ts'

describe('start-up configuration from the environment', () => {
  it('uses documented development values on loopback', () => {
    const startup = restStartupFromEnv({}, '127.0.0.1', 'demo')
    expect(startup.options).toMatchObject({
      adminToken: DEV_ADMIN_TOKEN,
      apiIntegrations: [
        { accountId: 'demo', clientId: devClientId('demo'), clientSecret: DEV_CLIENT_SECRET },
      ],
      allowInsecureLoopbackWebhooks: false,
      allowLinkLocalWebhooks: false,
    })
    expect(startup.options.webhookFetch).toBeTypeOf('function')
  })

  it('takes configured values and announces their source, not the secret', () => {
    const startup = restStartupFromEnv(
      {
        CLEARID_CLIENT_ID: 'abc:acme',
        CLEARID_CLIENT_SECRET: 's3cret',
        CLEARID_ADMIN_TOKEN: 'adm1n',
        CLEARID_ALLOW_INSECURE_WEBHOOKS: 'true',
        CLEARID_ALLOW_LINK_LOCAL_WEBHOOKS: '1',
        CLEARID_PUBLIC_URL: 'https://mock.example',
      },
      '0.0.0.0',
      'acme',
    )
    expect(startup.options).toMatchObject({
      adminToken: 'adm1n',
      publicBaseUrl: 'https://mock.example',
      allowInsecureLoopbackWebhooks: true,
      allowLinkLocalWebhooks: true,
    })
    const lines = startup.announce('http://0.0.0.0:8080').join('\n')
    expect(lines).toContain('from CLEARID_CLIENT_SECRET')
    expect(lines).not.toContain('s3cret')
    expect(lines).not.toContain('adm1n')
  })

  it('generates secrets off loopback when none are configured', () => {
    const startup = restStartupFromEnv({}, '0.0.0.0', 'demo')
    expect(startup.options.adminToken).not.toBe(DEV_ADMIN_TOKEN)
    expect(startup.options.apiIntegrations?.[0]?.clientSecret).not.toBe(DEV_CLIENT_SECRET)
    expect(startup.options.graph?.tenants?.[0]?.apps?.[0]?.secret).not.toBe(DEV_GRAPH_CLIENT_SECRET)
  })

  it('gives the fake Graph source its development secret on loopback only', () => {
    const local = restStartupFromEnv({}, '127.0.0.1', 'demo')
    expect(local.options.graph?.tenants?.[0]?.apps?.[0]?.secret).toBe(DEV_GRAPH_CLIENT_SECRET)
    const configured = restStartupFromEnv(
      { CLEARID_GRAPH_CLIENT_SECRET: 'gr4ph' },
      '0.0.0.0',
      'demo',
    )
    expect(configured.options.graph?.tenants?.[0]?.apps?.[0]?.secret).toBe('gr4ph')
    expect(configured.announce('http://0.0.0.0:8080').join('\n')).not.toContain('gr4ph')
  })
})
