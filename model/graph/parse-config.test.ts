import Ajv2020 from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { GRAPH_CONFIG_SCHEMA } from './config-schema.ts'
import { DEFAULT_GRAPH_MAPPINGS, DEFAULT_GRAPH_OPTIONS } from './config.ts'
import { parseGraphConfig } from './parse-config.ts'

const ajv = new Ajv2020({ allErrors: true, strict: false })
const validate = ajv.compile(GRAPH_CONFIG_SCHEMA)

const TENANT = 'c1ea41d0-6a5f-4d3e-9b1c-00000000e17a'
const CLIENT = 'c1ea41d0-5e7c-4a2b-8f00-00000000a991'
const EXT = 'extension_b2c0ffee00004000800000000000e0e0_cardNumber'

const GOOD = {
  name: 'Contoso',
  connection: { tenantId: TENANT, clientId: CLIENT },
  groups: [
    { group: 'All Company', syncIdentities: true },
    { group: 'Security Staff', role: 'Security' },
  ],
  identityMappings: [
    { field: 'externalId', attribute: 'employeeId' },
    { field: 'firstName', attribute: 'GIVENNAME' },
    { field: 'lastName', attribute: 'surname' },
    {
      field: 'email',
      type: 'regex',
      attribute: 'mail',
      pattern: '@.*$',
      replacement: '@contoso.com',
    },
    { field: 'countryCode', type: 'fixed', value: 'USA' },
    { field: 'employeeNumber', attribute: 'onPremisesExtensionAttributes.extensionAttribute2' },
  ],
  credentialMappings: [
    { type: 'rawCode', format: 'standard26', attribute: EXT },
    {
      type: 'fixedFacilityCodeAndCardNumber',
      format: 'standard26',
      facilityCode: 12,
      cardNumberAttribute: 'onPremisesExtensionAttributes/extensionAttribute1',
    },
  ],
  management: { synchronizePictures: true, synchronizeManagers: true },
  options: { removedIdentities: 'delete', maxRetries: 1 },
}

/** Configurations both the schema and the reader refuse, and the path the reader names. */
const BAD: readonly [string, unknown, string][] = [
  ['not an object', [], ''],
  ['unknown top-level key', { delimiter: ';' }, 'delimiter'],
  [
    'a column where an attribute goes',
    { identityMappings: [{ field: 'email', column: 'mail' }] },
    'identityMappings[0].column',
  ],
  [
    'unknown field',
    { identityMappings: [{ field: 'shoeSize', attribute: 'mail' }] },
    'identityMappings[0].field',
  ],
  [
    'regex without pattern',
    { identityMappings: [{ field: 'email', type: 'regex', attribute: 'mail', replacement: '' }] },
    'identityMappings[0].pattern',
  ],
  ['connection without client id', { connection: { tenantId: TENANT } }, 'connection.clientId'],
  [
    'client id not a GUID',
    { connection: { tenantId: TENANT, clientId: 'app' } },
    'connection.clientId',
  ],
  [
    'graph URL not a URL',
    { connection: { tenantId: TENANT, clientId: CLIENT, graphUrl: 'graph' } },
    'connection.graphUrl',
  ],
  [
    'a secret in the file',
    { connection: { tenantId: TENANT, clientId: CLIENT, clientSecret: 's3cr3t-value' } },
    'connection.clientSecret',
  ],
  ['a group that does nothing', { groups: [{ group: 'All Company' }] }, 'groups[0]'],
  [
    'unknown removal action',
    { options: { removedIdentities: 'archive' } },
    'options.removedIdentities',
  ],
  ['page size over 999', { options: { pageSize: 1000 } }, 'options.pageSize'],
  [
    'unknown card format',
    { credentialMappings: [{ type: 'rawCode', format: 'mifare', attribute: 'employeeId' }] },
    'credentialMappings[0].format',
  ],
  ['unknown management setting', { management: { active: true } }, 'management.active'],
]

describe('parseGraphConfig', () => {
  it("gives ClearID's defaults for what a file leaves out: External ID ← id, First name ← givenName, Active ← accountEnabled", () => {
    const { config } = parseGraphConfig({})
    expect(config).toMatchObject({
      name: 'Microsoft Entra ID',
      groups: [],
      identityMappings: DEFAULT_GRAPH_MAPPINGS,
      credentialMappings: [],
      management: { synchronizePictures: false, synchronizeManagers: false, automatic: false },
      options: DEFAULT_GRAPH_OPTIONS,
    })
    expect(config?.connection).toBeUndefined()
    expect(validate({})).toBe(true)
  })

  it('reads a full configuration: attributes in Graph spelling, names in any case', () => {
    const reading = parseGraphConfig(GOOD)
    expect(reading.problems).toBeUndefined()
    expect(validate(GOOD)).toBe(true)
    const config = reading.config
    expect(config?.identityMappings[1]).toEqual({
      field: 'firstName',
      type: 'direct',
      column: 'givenName',
    })
    expect(config?.identityMappings[5]).toMatchObject({
      column: 'onPremisesExtensionAttributes/extensionAttribute2',
    })
    expect(config?.credentialMappings[0]).toEqual({
      type: 'rawCode',
      format: 'standard26',
      column: EXT,
    })
    expect(config?.credentialMappings[1]).toMatchObject({
      cardNumberColumn: 'onPremisesExtensionAttributes/extensionAttribute1',
      facilityCode: 12,
    })
    expect(config?.options).toMatchObject({
      removedIdentities: 'delete',
      maxRetries: 1,
      pageSize: 999,
    })
  })

  it('reads portal labels as field names', () => {
    const { config } = parseGraphConfig({
      identityMappings: [{ field: 'Business email', attribute: 'mail' }],
    })
    expect(config?.identityMappings[1]).toEqual({
      field: 'Business email',
      type: 'direct',
      column: 'mail',
    })
  })

  it('maps External ID from the object id when no mapping feeds it', () => {
    const { config } = parseGraphConfig({
      identityMappings: [{ field: 'lastName', attribute: 'surname' }],
    })
    expect(config?.identityMappings).toEqual([
      { field: 'externalId', type: 'direct', column: 'id' },
      { field: 'lastName', type: 'direct', column: 'surname' },
    ])
  })

  it.each(BAD)('refuses %s, as the schema does', (_, input, path) => {
    const reading = parseGraphConfig(input)
    expect(reading.problems?.map((p) => p.path)).toContain(path)
    expect(validate(input)).toBe(false)
  })

  it('refuses an attribute Graph does not have, with the forms it takes', () => {
    const reading = parseGraphConfig({
      identityMappings: [{ field: 'email', attribute: 'emailAddress' }],
      credentialMappings: [{ type: 'rawCode', format: 'csn32', attribute: 'badge' }],
    })
    expect(reading.problems).toEqual([
      {
        path: 'identityMappings[0].attribute',
        message: expect.stringContaining('"emailAddress" is not a Graph user attribute'),
      },
      {
        path: 'credentialMappings[0].attribute',
        message: expect.stringContaining('onPremisesExtensionAttributes/extensionAttribute1'),
      },
    ])
  })

  it('takes the secret from a control-plane body, apart from the configuration, and never repeats it in a problem', () => {
    const body = {
      connection: { tenantId: TENANT, clientId: CLIENT, clientSecret: 'body-secret-123' },
    }
    const accepted = parseGraphConfig(body, { secret: 'accept' })
    expect(accepted.secret).toBe('body-secret-123')
    expect(JSON.stringify(accepted.config)).not.toContain('body-secret-123')
    const refused = parseGraphConfig(body)
    expect(JSON.stringify(refused.problems)).not.toContain('body-secret-123')
  })

  it('tells the token endpoint from the Graph URL, and asks for it when it cannot', () => {
    const real = parseGraphConfig({
      connection: {
        tenantId: TENANT,
        clientId: CLIENT,
        graphUrl: 'https://graph.microsoft.com/v1.0/',
      },
    })
    expect(real.config?.connection).toEqual({
      graphUrl: 'https://graph.microsoft.com/v1.0',
      loginUrl: 'https://login.microsoftonline.com',
      tenantId: TENANT,
      clientId: CLIENT,
    })
    const mock = parseGraphConfig({
      connection: {
        tenantId: TENANT,
        clientId: CLIENT,
        graphUrl: 'http://127.0.0.1:8080/graph/v1.0',
      },
    })
    expect(mock.config?.connection?.loginUrl).toBe('http://127.0.0.1:8080/graph/login')
    const other = parseGraphConfig({
      connection: { tenantId: TENANT, clientId: CLIENT, graphUrl: 'https://graph.example/v1.0' },
    })
    expect(other.problems?.map((p) => p.path)).toEqual(['connection.loginUrl'])
  })
})
