/**
 * Operations of the mock's Cloud CSV control plane (`/_admin/accounts/{accountId}/csv/`):
 * configurations, the upload that stands in for the Local Agent's "Upload file", synchronization
 * logs and runs, and the credentials CSV made (mock-server/csv, docs/cloud-csv.md).
 *
 * @module
 */
import { CSV_CONFIG_SCHEMA } from '../../model/csv/config-schema.ts'
import { syncRecordOperations } from './sync-log-operations.ts'
import type { OperationSpec, ParamSpec, ResponseSpec } from './operation.ts'

const A = '/_admin/accounts/{accountId}/csv'
const C = `${A}/configurations/{configurationId}`
const ACCOUNT: ParamSpec = { name: 'accountId', in: 'path', description: 'Account id.' }
const CONFIGURATION: ParamSpec = {
  name: 'configurationId',
  in: 'path',
  description: 'CSV configuration id.',
}
const UNAUTHORIZED: Record<number, ResponseSpec> = {
  401: { description: 'Missing or wrong admin token.', headers: ['WWW-Authenticate'] },
}
const NOT_FOUND: Record<number, ResponseSpec> = {
  404: { description: 'Unknown account or configuration.' },
}
const CONFIGURATION_VIEW = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    active: { type: 'boolean' },
    canUpload: { type: 'boolean' },
    uploadBlockedBecause: { type: 'string' },
    uploads: { type: 'integer' },
    configuration: { type: 'object', description: 'The configuration as JSON.' },
  },
}
const RUN = {
  type: 'object',
  properties: {
    runId: { type: 'string' },
    configurationId: { type: 'string' },
    file: { type: 'string' },
    status: { enum: ['completed', 'failed'] },
    counts: { type: 'object' },
    errors: { type: 'array', items: { type: 'string' } },
  },
}
const BAD_CONFIGURATION: Record<number, ResponseSpec> = {
  400: { description: 'Not a valid configuration; `errors` names each problem by its path.' },
}
const TAG = 'Cloud CSV'

function csv(spec: Omit<OperationSpec, 'tag' | 'security'>): OperationSpec {
  return {
    tag: TAG,
    security: 'admin',
    ...spec,
    params: [ACCOUNT, ...(spec.params ?? [])],
    responses: { ...spec.responses, ...UNAUTHORIZED, ...NOT_FOUND },
  }
}

const PARTS: readonly [string, string, Record<string, unknown>][] = [
  [
    'identity-mappings',
    'Set the identity field mappings',
    CSV_CONFIG_SCHEMA.properties.identityMappings,
  ],
  [
    'credential-mappings',
    'Set the credential mappings',
    CSV_CONFIG_SCHEMA.properties.credentialMappings,
  ],
  [
    'advanced',
    'Set the advanced settings (delimiter, encoding)',
    CSV_CONFIG_SCHEMA.properties.advanced,
  ],
  ['management', 'Set the management settings', CSV_CONFIG_SCHEMA.properties.management],
  ['options', 'Set the options ClearID does not document', CSV_CONFIG_SCHEMA.properties.options],
]

export const CSV_OPERATIONS: readonly OperationSpec[] = [
  csv({
    method: 'get',
    path: `${A}/configurations`,
    summary: 'List the CSV configurations',
    responses: { 200: { description: 'Configurations.', schema: { type: 'object' } } },
  }),
  csv({
    method: 'post',
    path: `${A}/configurations`,
    summary: 'Create a CSV configuration',
    description:
      'The body is the configuration file `csv check --config` reads (docs/cloud-csv.md); `{ "name": … }` alone starts an empty one.',
    body: {
      contentType: 'application/json',
      schema: CSV_CONFIG_SCHEMA as unknown as Record<string, unknown>,
    },
    responses: {
      201: { description: 'Created.', schema: CONFIGURATION_VIEW, headers: ['Location'] },
      ...BAD_CONFIGURATION,
    },
  }),
  csv({
    method: 'get',
    path: C,
    summary: 'Get a CSV configuration',
    params: [CONFIGURATION],
    responses: { 200: { description: 'The configuration.', schema: CONFIGURATION_VIEW } },
  }),
  csv({
    method: 'delete',
    path: C,
    summary: 'Delete a CSV configuration',
    params: [CONFIGURATION],
    responses: { 204: { description: 'Deleted.' } },
  }),
  csv({
    method: 'put',
    path: `${C}/template`,
    summary: 'Upload the template',
    description:
      'The template file (its header row is read with the advanced settings), or a JSON list of column names.',
    params: [CONFIGURATION],
    body: { contentType: 'text/csv', schema: { type: 'string', format: 'binary' } },
    responses: {
      200: { description: 'The configuration with its template.', schema: CONFIGURATION_VIEW },
      ...BAD_CONFIGURATION,
      413: { description: 'Larger than the upload limit.' },
    },
  }),
  ...PARTS.map(([part, summary, schema]) =>
    csv({
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
  ...(['activate', 'deactivate'] as const).map((action) =>
    csv({
      method: 'post',
      path: `${C}/${action}`,
      summary:
        action === 'activate'
          ? 'Activate the configuration (the agent watches its folder)'
          : 'Deactivate the configuration',
      params: [CONFIGURATION],
      responses: { 200: { description: 'The configuration.', schema: CONFIGURATION_VIEW } },
    }),
  ),
  csv({
    method: 'post',
    path: `${C}/uploads`,
    summary: 'Upload a file (one manual synchronization)',
    description:
      'Stands in for the Local Agent\'s "Upload file": the rows are applied to the identity store SCIM and REST use; each row\'s outcome goes to the log. Allowed once a template and mappings exist.',
    params: [
      CONFIGURATION,
      { name: 'fileName', in: 'query', description: 'The file name shown in the logs.' },
    ],
    body: { contentType: 'text/csv', schema: { type: 'string', format: 'binary' } },
    responses: {
      201: { description: 'The run, completed.', schema: RUN, headers: ['Location'] },
      409: { description: 'No template or no mappings yet.' },
      413: { description: "Larger than options.maxFileBytes or the mock's upload limit (64 MiB)." },
      422: {
        description:
          'The file could not be read (to its end); rows before the problem were applied.',
        schema: RUN,
      },
    },
  }),
  ...syncRecordOperations({
    base: A,
    configuration: CONFIGURATION,
    run: RUN,
    logsOf: 'Cloud CSV synchronization',
    madeBy: 'Cloud CSV',
  }).map(csv),
]
