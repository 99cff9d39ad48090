/**
 * Control-plane operations of client verification (`mock-server/traffic/admin-routes.ts`): the
 * recorded SCIM traffic of an account, the audit of the client behind it, and fault rules.
 *
 * @module
 */
import type { OperationSpec, ParamSpec } from './operation.ts'

const ACCOUNT: ParamSpec = { name: 'accountId', in: 'path', description: 'Account id.' }
const A = '/_admin/accounts/{accountId}'
const TAG = 'Client verification'
const COMMON = {
  401: { description: 'Missing or wrong admin token.', headers: ['WWW-Authenticate'] },
  404: { description: 'Unknown account.' },
}
const object = { type: 'object' }

function op(
  spec: Omit<OperationSpec, 'tag' | 'security' | 'params'> & { params?: readonly ParamSpec[] },
): OperationSpec {
  return {
    tag: TAG,
    security: 'admin',
    ...spec,
    params: [ACCOUNT, ...(spec.params ?? [])],
    responses: { ...spec.responses, ...COMMON },
  }
}

export const CLIENT_VERIFICATION_OPERATIONS: readonly OperationSpec[] = [
  op({
    method: 'get',
    path: `${A}/traffic`,
    summary: 'Recorded SCIM exchanges of the account (secrets redacted)',
    params: [
      {
        name: 'since',
        in: 'query',
        description: 'Only records after this sequence number.',
        schema: { type: 'integer' },
      },
    ],
    responses: { 200: { description: 'Records and counters.', schema: object } },
  }),
  op({
    method: 'get',
    path: `${A}/traffic.ndjson`,
    summary: 'The recorded session as NDJSON',
    responses: {
      200: {
        description: 'One exchange per line.',
        contentType: 'application/x-ndjson',
        schema: { type: 'string' },
      },
    },
  }),
  op({
    method: 'delete',
    path: `${A}/traffic`,
    summary: 'Forget the recorded traffic',
    responses: { 204: { description: 'Cleared.' } },
  }),
  op({
    method: 'get',
    path: `${A}/audit`,
    summary: "Compliance report about the client's SCIM traffic",
    responses: {
      200: { description: 'A conformance report judged on the client side.', schema: object },
    },
  }),
  op({
    method: 'get',
    path: `${A}/faults`,
    summary: 'Fault rules of the account',
    responses: { 200: { description: 'The rules.', schema: object } },
  }),
  op({
    method: 'post',
    path: `${A}/faults`,
    summary: 'Add fault rules (a spec, a list, or {"text": "status=503,next=2"})',
    body: {
      contentType: 'application/json',
      schema: object,
      example: { text: 'route=POST /Users,status=503,next=2' },
    },
    responses: {
      201: { description: 'Added.', schema: object },
      400: { description: 'Invalid fault spec.' },
    },
  }),
  op({
    method: 'delete',
    path: `${A}/faults`,
    summary: 'Remove every fault rule',
    responses: { 204: { description: 'Cleared.' } },
  }),
  op({
    method: 'delete',
    path: `${A}/faults/{faultId}`,
    summary: 'Remove one fault rule',
    params: [{ name: 'faultId', in: 'path', description: 'Fault id.' }],
    responses: { 204: { description: 'Removed.' } },
  }),
]
