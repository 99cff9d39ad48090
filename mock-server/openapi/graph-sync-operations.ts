/**
 * Operations of the mock's Entra ID (Graph) synchronization control plane
 * (`/_admin/accounts/{accountId}/graph/`): configurations, "Set default mapping", force and
 * automatic runs, runs, synchronization logs and the credentials the runs made
 * (mock-server/graph-sync, docs/entra-graph-sync.md).
 *
 * @module
 */
import { GRAPH_CONFIG_SCHEMA } from '../../model/graph/config-schema.ts'
import type { OperationSpec, ParamSpec, ResponseSpec } from './operation.ts'
import { syncRecordOperations } from './sync-log-operations.ts'

const A = '/_admin/accounts/{accountId}/graph'
const C = `${A}/configurations/{configurationId}`
const TAG = 'Graph synchronization'
const ACCOUNT: ParamSpec = { name: 'accountId', in: 'path', description: 'Account id.' }
const CONFIGURATION: ParamSpec = {
  name: 'configurationId',
  in: 'path',
  description: 'Graph configuration id.',
}
const COMMON: Record<number, ResponseSpec> = {
  401: { description: 'Missing or wrong admin token.', headers: ['WWW-Authenticate'] },
  404: { description: 'Unknown account or configuration.' },
}
const BAD_CONFIGURATION: Record<number, ResponseSpec> = {
  400: { description: 'Not a valid configuration; `errors` names each problem by its path.' },
}

const { properties } = GRAPH_CONFIG_SCHEMA
/** The control plane also takes the client secret, which it keeps apart and never shows. */
const CONNECTION = {
  ...properties.connection,
  properties: {
    ...properties.connection.properties,
    clientSecret: {
      type: 'string',
      minLength: 1,
      writeOnly: true,
      description:
        'Client secret. Kept apart from the configuration: never shown, never logged; a connection sent without one keeps the one set.',
    },
  },
}
const BODY_SCHEMA = {
  ...GRAPH_CONFIG_SCHEMA,
  properties: { ...properties, connection: CONNECTION },
} as unknown as Record<string, unknown>

const CONFIGURATION_VIEW = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    source: {
      type: 'string',
      description: '"fake" (the mock\'s own Graph source) or the Graph URL.',
    },
    tenantId: { type: 'string' },
    clientId: { type: 'string' },
    clientSecretSet: { type: 'boolean' },
    automatic: { type: 'boolean' },
    deltaLinkKept: { type: 'boolean' },
    knownUsers: { type: 'integer' },
    runs: { type: 'integer' },
    lastRun: { type: 'object' },
    configuration: {
      type: 'object',
      description: 'The configuration as JSON, without the secret.',
    },
  },
}
const RUN = {
  type: 'object',
  properties: {
    runId: { type: 'string' },
    configurationId: { type: 'string' },
    mode: { enum: ['force', 'automatic'] },
    read: { enum: ['full', 'delta'] },
    trigger: { enum: ['control plane', 'change'] },
    status: { enum: ['completed', 'failed'] },
    counts: { type: 'object' },
    requests: { type: 'integer' },
    retries: { type: 'integer' },
    tokenRenewals: { type: 'integer' },
    errors: { type: 'array', items: { type: 'string' } },
  },
}

function graph(spec: Omit<OperationSpec, 'tag' | 'security'>): OperationSpec {
  return {
    tag: TAG,
    security: 'admin',
    ...spec,
    params: [ACCOUNT, ...(spec.params ?? [])],
    responses: { ...spec.responses, ...COMMON },
  }
}

const PARTS: readonly [string, string, Record<string, unknown>][] = [
  ['connection', 'Set the connection (and the client secret)', CONNECTION],
  ['groups', 'Set the groups (roles, synchronized identities)', properties.groups],
  ['identity-mappings', 'Set the identity field mappings', properties.identityMappings],
  ['credential-mappings', 'Set the credential mappings', properties.credentialMappings],
  ['management', 'Set the management settings', properties.management],
  ['options', 'Set the options ClearID does not document', properties.options],
]

export const GRAPH_SYNC_OPERATIONS: readonly OperationSpec[] = [
  graph({
    method: 'get',
    path: `${A}/configurations`,
    summary: 'List the Graph synchronization configurations',
    responses: { 200: { description: 'Configurations.', schema: { type: 'object' } } },
  }),
  graph({
    method: 'post',
    path: `${A}/configurations`,
    summary: 'Create a Graph synchronization configuration',
    description:
      "The body is the configuration file `graph preview --config` reads (docs/entra-graph-sync.md), plus `connection.clientSecret`. `{}` starts one on the fake source with ClearID's default mappings.",
    body: { contentType: 'application/json', schema: BODY_SCHEMA },
    responses: {
      201: { description: 'Created.', schema: CONFIGURATION_VIEW, headers: ['Location'] },
      ...BAD_CONFIGURATION,
    },
  }),
  graph({
    method: 'get',
    path: C,
    summary: 'Get a Graph synchronization configuration',
    params: [CONFIGURATION],
    responses: { 200: { description: 'The configuration.', schema: CONFIGURATION_VIEW } },
  }),
  graph({
    method: 'delete',
    path: C,
    summary: 'Delete a Graph synchronization configuration',
    params: [CONFIGURATION],
    responses: { 204: { description: 'Deleted.' } },
  }),
  ...PARTS.map(([part, summary, schema]) =>
    graph({
      method: 'put',
      path: `${C}/${part}`,
      summary,
      params: [CONFIGURATION],
      body: { contentType: 'application/json', schema },
      responses: {
        200: { description: 'The changed configuration.', schema: CONFIGURATION_VIEW },
        ...BAD_CONFIGURATION,
      },
    }),
  ),
  graph({
    method: 'post',
    path: `${C}/default-mappings`,
    summary: 'Set default mapping (External ID, First name, Active)',
    params: [CONFIGURATION],
    responses: { 200: { description: 'The configuration.', schema: CONFIGURATION_VIEW } },
  }),
  graph({
    method: 'post',
    path: `${C}/synchronize`,
    summary: 'Run a synchronization: force (everything; turns automatic on) or automatic (changes)',
    description:
      'Reads Graph first and writes only when the read succeeded, through the store SCIM and REST use, so webhooks fire. Automatic runs also start by themselves on changes of a fake tenant.',
    params: [CONFIGURATION],
    body: {
      contentType: 'application/json',
      schema: {
        type: 'object',
        properties: { mode: { enum: ['force', 'automatic'], default: 'force' } },
      },
    },
    responses: {
      201: { description: 'The run, completed.', schema: RUN, headers: ['Location'] },
      400: { description: 'A mode other than force or automatic.' },
      502: { description: 'Graph could not be read; nothing was written.', schema: RUN },
    },
  }),
  ...syncRecordOperations({
    base: A,
    configuration: CONFIGURATION,
    run: RUN,
    logsOf: 'Graph synchronization',
    madeBy: 'Graph synchronizations',
  }).map(graph),
]
