/**
 * App registrations of a fake tenant: the Application (client) ID, the client secrets (kept as
 * digests, shown once when made), and the Application permissions admin consent granted, which
 * become the token's `roles`. Each app also has the object ids Graph gives the application and its
 * service principal (the token's `oid`).
 *
 * @module
 */
import {
  matchesSecret,
  randomSecret,
  releaseStoredSecret,
  storeHeldSecret,
  type StoredSecret,
} from '../accounts/secrets.ts'
import { ApiError } from '../errors/api-error.ts'
import { CLEARID_SYNC_ROLES, KNOWN_ROLES } from './graph-constants.ts'
import { GUID } from './graph-objects.ts'

export interface GraphAppSecret {
  readonly stored: StoredSecret
  readonly createdAt: string
  /** Epoch ms; absent: does not expire. */
  readonly expiresAt?: number
}

export interface GraphApp {
  readonly appId: string
  /** The application object's id (`/applications/{id}`). */
  readonly objectId: string
  /** The service principal's object id: the token's `oid` and `sub`. */
  readonly servicePrincipalId: string
  readonly displayName: string
  readonly roles: readonly string[]
  secrets: GraphAppSecret[]
}

export interface GraphAppSeed {
  /** Default: a new GUID. */
  readonly appId?: string
  readonly displayName?: string
  /** Application permissions granted. Default: User.Read.All, Group.Read.All, Application.Read.All. */
  readonly roles?: readonly string[]
  /** Default: a random secret, returned once. */
  readonly secret?: string
  /** ISO date the secret expires (AADSTS7000222 after it). */
  readonly secretExpires?: string
}

export type SecretCheck = 'ok' | 'unknown-app' | 'wrong-secret' | 'expired'

export class GraphApps {
  readonly #apps = new Map<string, GraphApp>()

  constructor(
    private readonly clock: () => Date,
    private readonly newId: () => string,
  ) {}

  list(): GraphApp[] {
    return [...this.#apps.values()]
  }

  get(appId: string): GraphApp | undefined {
    return this.#apps.get(appId.toLowerCase())
  }

  byObjectId(id: string): GraphApp | undefined {
    return this.list().find((app) => app.objectId.toLowerCase() === id.toLowerCase())
  }

  /** Registers an app (or replaces one with the same appId); returns it and its secret. */
  register(seed: GraphAppSeed): { app: GraphApp; secret: string } {
    const appId = seed.appId ?? this.newId()
    if (!GUID.test(appId)) throw invalid('appId', 'must be a GUID (the Application (client) ID).')
    const roles = seed.roles ?? CLEARID_SYNC_ROLES
    const unknown = roles.filter((role) => !KNOWN_ROLES.has(role))
    if (unknown.length > 0) {
      throw invalid(
        'roles',
        `${unknown.map((r) => `"${r.slice(0, 60)}"`).join(', ')} not known; grant Application permissions such as ${[...KNOWN_ROLES].join(', ')}.`,
      )
    }
    const previous = this.get(appId)
    const app: GraphApp = {
      appId: appId.toLowerCase(),
      objectId: previous?.objectId ?? this.newId(),
      servicePrincipalId: previous?.servicePrincipalId ?? this.newId(),
      displayName: seed.displayName ?? previous?.displayName ?? 'ClearID synchronization',
      roles: [...new Set(roles)],
      secrets: [],
    }
    this.#apps.set(app.appId, app)
    const secret = this.addSecret(app, seed.secret, seed.secretExpires)
    return { app, secret }
  }

  /** A new client secret for the app (the earlier ones stay valid, as in Entra). */
  addSecret(app: GraphApp, secret?: string, expires?: string): string {
    const value = secret ?? randomSecret(30)
    let expiresAt: number | undefined
    if (expires !== undefined) {
      expiresAt = Date.parse(expires)
      if (Number.isNaN(expiresAt)) throw invalid('secretExpires', 'must be an ISO 8601 date.')
    }
    app.secrets.push({
      stored: storeHeldSecret(value),
      createdAt: this.clock().toISOString(),
      ...(expiresAt === undefined ? {} : { expiresAt }),
    })
    return value
  }

  remove(appId: string): boolean {
    for (const secret of this.get(appId)?.secrets ?? []) releaseStoredSecret(secret.stored)
    return this.#apps.delete(appId.toLowerCase())
  }

  check(appId: string, secret: string): SecretCheck {
    const app = this.get(appId)
    if (!app) return 'unknown-app'
    const match = app.secrets.find((s) => matchesSecret(s.stored, secret))
    if (!match) return 'wrong-secret'
    if (match.expiresAt !== undefined && match.expiresAt <= this.clock().getTime()) return 'expired'
    return 'ok'
  }
}

function invalid(field: string, message: string): ApiError {
  return new ApiError(400, `${field} ${message}`, { errors: { [field]: [message] } })
}

/** What the control plane shows of an app: never a secret, only hints. */
export function appView(app: GraphApp): Record<string, unknown> {
  return {
    appId: app.appId,
    objectId: app.objectId,
    servicePrincipalId: app.servicePrincipalId,
    displayName: app.displayName,
    roles: app.roles,
    secrets: app.secrets.map((s) => ({
      hint: s.stored.hint,
      createdUtc: s.createdAt,
      expiresUtc: s.expiresAt === undefined ? null : new Date(s.expiresAt).toISOString(),
    })),
  }
}
