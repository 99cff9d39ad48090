/**
 * An Entra-lenient SCIM server: Better Auth with its SCIM plugin (peers.md §5, sketch B), on the
 * in-memory adapter, on a free loopback port. It is a known-behaviour target for the harness: it
 * coerces Entra's string booleans and accepts empty Operations, but rejects `co`, has no sorting,
 * no Bulk and no /.search.
 *
 * @module
 */
import { randomBytes } from 'node:crypto'
import { scim } from '@better-auth/scim'
import { betterAuth } from 'better-auth'
import { memoryAdapter } from 'better-auth/adapters/memory'
import { toNodeHandler } from 'better-auth/node'
import { listenOnLoopback, type RunningServer } from './listen.ts'

const TABLES = [
  'user',
  'session',
  'verification',
  'account',
  'scimConnectionBinding',
  'scimIdentityTombstone',
  'scimSubject',
  'scimUser',
  'scimGroup',
  'scimGroupMember',
  'scimProjectionGrant',
]

/** Starts a fresh, empty Better Auth SCIM server. Base URL: `http://127.0.0.1:<port>/api/auth/scim/v2`. */
export async function startBetterAuthServer(): Promise<RunningServer> {
  const token = randomBytes(24).toString('hex')
  const listening = await listenOnLoopback()
  const auth = betterAuth({
    baseURL: listening.origin,
    secret: randomBytes(32).toString('hex'),
    database: memoryAdapter(Object.fromEntries(TABLES.map((table) => [table, []]))),
    logger: { disabled: true },
    telemetry: { enabled: false },
    plugins: [
      scim({
        connections: [{ id: 'harness', credentials: [{ type: 'bearer', id: 'harness', token }] }],
        identity: { resolveUser: () => ({ action: 'create' }) },
        compatibility: { microsoftEntra: { acceptLegacyGroupSchema: true } },
      }),
    ],
  })
  listening.server.on('request', toNodeHandler(auth))
  return { baseUrl: `${listening.origin}/api/auth/scim/v2`, token, close: listening.close }
}
