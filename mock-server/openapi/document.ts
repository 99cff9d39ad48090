/**
 * The OpenAPI 3.1 document of the emulated ClearID REST API and the mock's control plane, served
 * at `/_mock/openapi.json` and rendered by `/_mock/docs`.
 *
 * @module
 */
import { CLIENT_VERIFICATION_OPERATIONS } from './client-verification-operations.ts'
import { CONTROL_OPERATIONS } from './control-operations.ts'
import { GRAPH_SOURCE_OPERATIONS } from './graph-operations.ts'
import {
  IDENTITY_OPERATIONS,
  PRINCIPAL_OPERATIONS,
  STS_OPERATIONS,
  TEAM_OPERATIONS,
} from './emulated-operations.ts'
import { toOpenApiOperation, type OperationSpec } from './operation.ts'
import { componentSchemas } from './schemas.ts'

export const ALL_OPERATIONS: readonly OperationSpec[] = [
  ...STS_OPERATIONS,
  ...IDENTITY_OPERATIONS,
  ...PRINCIPAL_OPERATIONS,
  ...TEAM_OPERATIONS,
  ...CONTROL_OPERATIONS,
  ...CLIENT_VERIFICATION_OPERATIONS,
  ...GRAPH_SOURCE_OPERATIONS,
]

const TAGS = [
  { name: 'Token service', description: 'Emulated ClearID STS.' },
  { name: 'Identity service', description: 'Emulated ClearID identity service.' },
  { name: 'Search service', description: 'Emulated ClearID search service.' },
  {
    name: 'Principal service',
    description: 'Emulated ClearID principal service: portal users and their roles.',
  },
  { name: 'Role service', description: 'Emulated ClearID role service: teams and their members.' },
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
    name: 'Graph source',
    description:
      'Mock only: the fake Microsoft Graph source (tenants, users, groups, apps, faults); docs/entra-graph-sync.md.',
  },
  {
    name: 'Mock documents',
    description: 'This document, the reference page and webhook schemas.',
  },
]

const SECURITY_SCHEMES = {
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
      title: 'Mock Genetec ClearID: REST API and control plane',
      version: '1.0.0',
      description:
        'The emulated ClearID token service, identity service (v2, v3), search, principal and role services, over the same identity store as the SCIM endpoint, plus the mock-only control plane under /_admin/ and its documents under /_mock/. See docs/rest-api.md.',
    },
    servers: [{ url: serverUrl }],
    tags: TAGS,
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: SECURITY_SCHEMES,
    },
  }
}
