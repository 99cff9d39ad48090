/**
 * Operations of the fake Microsoft Graph source on the control plane (`/_admin/graph/`). The Graph
 * API and the token endpoint themselves are Microsoft's (docs/entra-graph-sync.md lists what the
 * fake serves); these are the mock's own switches. Not part of ClearID's API.
 *
 * @module
 */
import type { OperationSpec, ParamSpec, ResponseSpec } from './operation.ts'

const T = '/_admin/graph/tenants'
const TAG = 'Graph source'
const TENANT: ParamSpec = {
  name: 'tenant',
  in: 'path',
  description: 'Directory (tenant) ID or domain.',
}
const ID: ParamSpec = {
  name: 'id',
  in: 'path',
  description: 'Object id (GUID); users also by UPN.',
}
const APP: ParamSpec = { name: 'appId', in: 'path', description: 'Application (client) ID.' }
const object = { type: 'object' }
const json = (example?: unknown) => ({ contentType: 'application/json', schema: object, example })
const ERRORS: Record<number, ResponseSpec> = {
  400: { description: 'Invalid body; the detail names the field.' },
  401: { description: 'Missing or wrong admin token.', headers: ['WWW-Authenticate'] },
  404: { description: 'Unknown tenant or object.' },
}

function op(
  method: OperationSpec['method'],
  path: string,
  summary: string,
  responses: Record<number, ResponseSpec>,
  extra: Partial<Pick<OperationSpec, 'body' | 'params' | 'description'>> = {},
): OperationSpec {
  const params = [...(path.startsWith(`${T}/{tenant}`) ? [TENANT] : []), ...(extra.params ?? [])]
  return {
    method,
    path,
    tag: TAG,
    summary,
    security: 'admin',
    ...extra,
    ...(params.length > 0 ? { params } : {}),
    responses: { ...responses, ...ERRORS },
  }
}

const ok = (description: string): Record<number, ResponseSpec> => ({
  200: { description, schema: object },
})
const created = (description: string): Record<number, ResponseSpec> => ({
  201: { description, schema: object },
})
const done: Record<number, ResponseSpec> = { 204: { description: 'Done.' } }

export const GRAPH_SOURCE_OPERATIONS: readonly OperationSpec[] = [
  op('get', T, 'List fake Graph tenants', ok('Tenants, their endpoints and app registrations.')),
  op(
    'post',
    T,
    'Create a fake Graph tenant',
    created('The tenant and its app secrets (shown once).'),
    {
      body: json({
        id: '7e57a000-0000-4000-8000-00000000a001',
        domain: 'fabrikam.onmicrosoft.com',
        apps: [{}],
        seed: { users: 50, groups: 8, seed: 1 },
      }),
    },
  ),
  op('get', `${T}/{tenant}`, 'Get a tenant', ok('The tenant.')),
  op('delete', `${T}/{tenant}`, 'Delete a tenant', done),
  op(
    'post',
    `${T}/{tenant}/seed`,
    'Replace the content with seeded fake users and groups',
    ok('What was loaded.'),
    {
      body: json({ users: 50, groups: 8, seed: 1 }),
    },
  ),
  op(
    'post',
    `${T}/{tenant}/import`,
    'Replace the content with a Graph export file',
    ok('What was loaded and skipped.'),
    {
      body: json({ users: [], groups: [], memberships: {}, managers: {} }),
    },
  ),
  op(
    'get',
    `${T}/{tenant}/export`,
    'Save the content as a Graph export file',
    ok('The export file.'),
  ),
  op('post', `${T}/{tenant}/users`, 'Add a user (Graph user properties)', created('The user.'), {
    body: json({ userPrincipalName: 'kim@fabrikam.onmicrosoft.com', givenName: 'Kim' }),
  }),
  op('get', `${T}/{tenant}/users/{id}`, 'Get a user', ok('The user and its manager id.'), {
    params: [ID],
  }),
  op(
    'patch',
    `${T}/{tenant}/users/{id}`,
    'Edit a user (null clears)',
    ok('Changed property names and the user.'),
    {
      params: [ID],
      body: json({ jobTitle: 'Supervisor' }),
    },
  ),
  op(
    'delete',
    `${T}/{tenant}/users/{id}`,
    'Delete a user (?permanent=true for a permanent delete)',
    done,
    {
      params: [
        ID,
        { name: 'permanent', in: 'query', description: 'true: delta reports reason "deleted".' },
      ],
    },
  ),
  op('put', `${T}/{tenant}/users/{id}/manager`, 'Set a user’s manager', done, {
    params: [ID],
    body: json({ id: '…' }),
  }),
  op('delete', `${T}/{tenant}/users/{id}/manager`, 'Clear a user’s manager', done, {
    params: [ID],
  }),
  op(
    'put',
    `${T}/{tenant}/users/{id}/photo`,
    'Set a user’s photo (a photo change is not a change users delta reports)',
    { ...done, 415: { description: 'Not image/jpeg or image/png.' } },
    {
      params: [ID],
      body: { contentType: 'image/jpeg', schema: { type: 'string', format: 'binary' } },
    },
  ),
  op('delete', `${T}/{tenant}/users/{id}/photo`, 'Remove a user’s photo', done, {
    params: [ID],
  }),
  op('post', `${T}/{tenant}/groups`, 'Add a group', created('The group.'), {
    body: json({ displayName: 'Guards' }),
  }),
  op(
    'patch',
    `${T}/{tenant}/groups/{id}`,
    'Edit a group',
    ok('Changed property names and the group.'),
    {
      params: [ID],
      body: json({ description: 'Night shift' }),
    },
  ),
  op('delete', `${T}/{tenant}/groups/{id}`, 'Delete a group', done, { params: [ID] }),
  op('get', `${T}/{tenant}/groups/{id}/members`, 'List a group’s direct members', ok('Members.'), {
    params: [ID],
  }),
  op(
    'post',
    `${T}/{tenant}/groups/{id}/members`,
    'Add a user or group to a group',
    created('The member and its type.'),
    {
      params: [ID],
      body: json({ id: '…' }),
    },
  ),
  op('delete', `${T}/{tenant}/groups/{id}/members/{member}`, 'Remove a member', done, {
    params: [ID, { name: 'member', in: 'path', description: 'Member id.' }],
  }),
  op(
    'post',
    `${T}/{tenant}/extensions`,
    'Define a directory extension property',
    created('The extensionProperty.'),
    {
      body: json({ name: 'costCenter', appId: '…', dataType: 'String' }),
    },
  ),
  op('get', `${T}/{tenant}/apps`, 'List app registrations (no secrets)', ok('Apps.')),
  op(
    'post',
    `${T}/{tenant}/apps`,
    'Register an app (client id, secret, Application permissions)',
    created('The app and its secret (shown once).'),
    {
      body: json({
        displayName: 'ClearID sync',
        roles: ['User.Read.All', 'Group.Read.All', 'Application.Read.All'],
      }),
    },
  ),
  op(
    'post',
    `${T}/{tenant}/apps/{appId}/secrets`,
    'Add a client secret',
    created('The app and the new secret (shown once).'),
    {
      params: [APP],
    },
  ),
  op('delete', `${T}/{tenant}/apps/{appId}`, 'Remove an app registration', done, { params: [APP] }),
  op('get', `${T}/{tenant}/faults`, 'List Graph faults', ok('Faults.')),
  op(
    'post',
    `${T}/{tenant}/faults`,
    'Add a Graph fault (throttle, unavailable, expiredToken, brokenNextLink)',
    created('The fault.'),
    {
      body: json({ type: 'throttle', retryAfter: 2, after: 3, next: 1, route: 'GET /users' }),
    },
  ),
  op('delete', `${T}/{tenant}/faults`, 'Remove every Graph fault', ok('How many were removed.')),
  op('delete', `${T}/{tenant}/faults/{id}`, 'Remove a Graph fault', done, {
    params: [{ name: 'id', in: 'path', description: 'Fault id (g1, g2, …).' }],
  }),
]
