/**
 * The OpenAPI 3.1 document of the whole mock: the emulated ClearID SCIM endpoint and REST API, and
 * the mock's control plane, served at `/_mock/openapi.json` and rendered by `/_mock/docs`.
 *
 * @module
 */
import { CLIENT_VERIFICATION_OPERATIONS } from './client-verification-operations.ts'
import { CONTROL_OPERATIONS } from './control-operations.ts'
import { CSV_OPERATIONS } from './csv-operations.ts'
import { GRAPH_SOURCE_OPERATIONS } from './graph-operations.ts'
import { GRAPH_SYNC_OPERATIONS } from './graph-sync-operations.ts'
import {
  IDENTITY_OPERATIONS,
  PRINCIPAL_OPERATIONS,
  STS_OPERATIONS,
  TEAM_OPERATIONS,
} from './emulated-operations.ts'
import { toOpenApiOperation, type OperationSpec } from './operation.ts'
import { SCIM_OPERATIONS } from './scim-operations.ts'
import { scimComponentSchemas } from './scim-schemas.ts'
import { componentSchemas } from './schemas.ts'

export const ALL_OPERATIONS: readonly OperationSpec[] = [
  ...SCIM_OPERATIONS,
  ...STS_OPERATIONS,
  ...IDENTITY_OPERATIONS,
  ...PRINCIPAL_OPERATIONS,
  ...TEAM_OPERATIONS,
  ...CONTROL_OPERATIONS,
  ...CSV_OPERATIONS,
  ...GRAPH_SYNC_OPERATIONS,
  ...CLIENT_VERIFICATION_OPERATIONS,
  ...GRAPH_SOURCE_OPERATIONS,
]

const TAGS = [
  {
    name: 'SCIM users',
    description:
      'Emulated ClearID SCIM 2.0 endpoint, where Microsoft Entra ID provisions users. Authenticate with the account SCIM key; the PATCH and create bodies have an example for each Entra dialect. Fault rules (the control plane, or an X-Mock-Fault header where the app honours it) can make any SCIM operation answer otherwise: a status, a delay, a dropped connection.',
  },
  { name: 'SCIM discovery', description: 'ServiceProviderConfig, ResourceTypes and Schemas.' },
  { name: 'SCIM groups', description: 'ClearID does not synchronize groups.' },
  { name: 'Token service', description: 'Emulated ClearID STS.' },
  { name: 'Identity service', description: 'Emulated ClearID identity service.' },
  { name: 'Search service', description: 'Emulated ClearID search service.' },
  {
    name: 'Principal service',
    description: 'Emulated ClearID principal service: portal users and their roles.',
  },
  { name: 'Role service', description: 'Emulated ClearID role service: teams and their members.' },
  {
    name: 'Cloud CSV',
    description:
      'Mock only: Cloud CSV configurations, uploads (the Local Agent\'s "Upload file"), synchronization logs.',
  },
  {
    name: 'Control plane',
    description: 'Mock only: accounts, SCIM keys, resets, seeding, request log.',
  },
  {
    name: 'API integrations',
    description: 'Mock only: ClearID configures these in its portal.',
  },
  { name: 'Webhooks', description: 'Mock only: ClearID configures these in its portal.' },
  {
    name: 'Identity requests',
    description:
      "Mock only: ClearID takes identity requests in its self-service portal; their webhook events are ClearID's.",
  },
  {
    name: 'Client verification',
    description: "Mock only: recorded SCIM traffic, the client's audit, fault rules.",
  },
  {
    name: 'Graph synchronization',
    description:
      'Mock only: Entra ID (Graph) synchronization configurations, runs and logs per account; docs/entra-graph-sync.md.',
  },
  {
    name: 'Graph source',
    description:
      'Mock only: the fake Microsoft Graph source (tenants, users, groups, apps, faults); docs/entra-graph-sync.md.',
  },
  {
    name: 'Mock documents',
    description: 'This document, the reference page, webhook schemas and the health check.',
  },
]

const SECURITY_SCHEMES = {
  scimKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      'The account SCIM key (ClearID: Administration > SCIM Integration; the mock: POST /_admin/accounts/{accountId}/scim/key).',
  },
  clearidToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Access token from POST /sts/connect/token.',
  },
  adminToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The control plane admin token.',
  },
  clientBasic: {
    type: 'http',
    scheme: 'basic',
    description: 'client_id:client_secret (alternative to body parameters).',
  },
}

export function openApiDocument(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const spec of ALL_OPERATIONS) {
    paths[spec.path] ??= {}
    ;(paths[spec.path] as Record<string, unknown>)[spec.method] = toOpenApiOperation(spec)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mock Genetec ClearID: SCIM, REST API and control plane',
      version: '1.0.0',
      description:
        'The emulated ClearID SCIM 2.0 endpoint (per account, under /scim/v2/accounts/{accountId}), token service, identity service (v2, v3), search, principal and role services, all over one identity store, plus the mock-only control plane under /_admin/ and its documents under /_mock/. The SCIM User schemas are generated from the attribute catalogue that /Schemas is built from. See docs/rest-api.md.',
    },
    servers: [{ url: serverUrl }],
    tags: TAGS,
    paths,
    components: {
      schemas: { ...scimComponentSchemas(), ...componentSchemas() },
      securitySchemes: SECURITY_SCHEMES,
    },
  }
}
