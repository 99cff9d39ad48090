/**
 * The fake Graph tenants of one app (`ctx.graph`), their token signer, and the start-up tenants of
 * `createApp({graph})`. By default there is one development tenant with the development app
 * registration (docs/entra-graph-sync.md), seeded with believable users and groups on first use, so
 * apps that never touch Graph pay nothing for faker or key generation.
 *
 * @module
 */
import { ApiError } from '../errors/api-error.ts'
import type { GraphAppSeed } from './graph-apps.ts'
import {
  DEV_GRAPH_CLIENT_ID,
  DEV_GRAPH_CLIENT_SECRET,
  DEV_GRAPH_SEED,
  DEV_GRAPH_TENANT_DOMAIN,
  DEV_GRAPH_TENANT_ID,
} from './graph-constants.ts'
import { checkConsistent, loadExport, parseGraphExport } from './graph-export.ts'
import type { GraphFaultSpec } from './graph-faults.ts'
import { checkSeedOptions, seededExport, type GraphSeedOptions } from './graph-seed.ts'
import { GraphTenant, type TenantChange } from './graph-tenant.ts'
import { GraphTokenSigner } from './graph-token.ts'

export interface GraphTenantSeed {
  /** The Directory (tenant) ID, a GUID. */
  readonly id: string
  /** The initial domain. Default `tenant-<first 8 hex>.onmicrosoft.com`. */
  readonly domain?: string
  readonly displayName?: string
  /** App registrations (client id, secret, Application permissions). */
  readonly apps?: readonly GraphAppSeed[]
  /** Faker content loaded on first use. Default: none (an empty tenant). */
  readonly seed?: Partial<GraphSeedOptions>
  /** A Graph export file (`graph-export.ts`) loaded on first use, instead of `seed`. */
  readonly export?: unknown
  readonly faults?: readonly GraphFaultSpec[]
}

export interface GraphOptions {
  /**
   * Tenants to create at start. Default: the development tenant `DEV_GRAPH_TENANT_ID` with the app
   * `DEV_GRAPH_CLIENT_ID` / `DEV_GRAPH_CLIENT_SECRET`, seeded with 60 users and 8 groups.
   * `[]`: no tenant (create them on the control plane).
   */
  readonly tenants?: readonly GraphTenantSeed[]
  /** The RS256 key pair tokens are signed with. Default: generated on first use, per app. */
  readonly signingKeys?: CryptoKeyPair
}

export const DEV_GRAPH_TENANT: GraphTenantSeed = {
  id: DEV_GRAPH_TENANT_ID,
  domain: DEV_GRAPH_TENANT_DOMAIN,
  displayName: 'Contoso (development tenant)',
  apps: [
    {
      appId: DEV_GRAPH_CLIENT_ID,
      displayName: 'ClearID synchronization (development)',
      secret: DEV_GRAPH_CLIENT_SECRET,
    },
  ],
  seed: DEV_GRAPH_SEED,
}

const newId = (): string => crypto.randomUUID()

/** Told of every change of every tenant (the Graph synchronization's automatic runs listen). */
export type DirectoryListener = (tenantId: string, change: TenantChange) => void

export class GraphDirectory {
  readonly signer: GraphTokenSigner
  readonly #tenants = new Map<string, GraphTenant>()
  readonly #listeners = new Set<DirectoryListener>()

  constructor(
    private readonly clock: () => Date,
    options: GraphOptions = {},
  ) {
    this.signer = new GraphTokenSigner(clock, options.signingKeys)
    for (const seed of options.tenants ?? [DEV_GRAPH_TENANT]) this.create(seed)
  }

  /** Calls `listener` after every change of any tenant; returns the function that stops it. */
  onChange(listener: DirectoryListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  list(): GraphTenant[] {
    return [...this.#tenants.values()]
  }

  /** By tenant id or by one of its domains (the token endpoint takes either). */
  get(idOrDomain: string): GraphTenant | undefined {
    const key = idOrDomain.toLowerCase()
    return this.#tenants.get(key) ?? this.list().find((t) => t.domains.includes(key))
  }

  /** Creates a tenant; returns it and the secrets of its apps (shown once). */
  create(seed: GraphTenantSeed): {
    tenant: GraphTenant
    secrets: { appId: string; secret: string }[]
  } {
    const id = String(seed.id).toLowerCase()
    if (this.#tenants.has(id))
      throw new ApiError(409, `Graph tenant "${id.slice(0, 64)}" already exists.`)
    const domain = seed.domain ?? `tenant-${id.slice(0, 8)}.onmicrosoft.com`
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(domain)) {
      throw new ApiError(400, 'domain must be a domain name such as contoso.onmicrosoft.com.', {
        errors: { domain: ['A domain name.'] },
      })
    }
    if (this.get(domain)) throw new ApiError(409, `Another Graph tenant has domain "${domain}".`)
    const tenant = new GraphTenant({
      id,
      domain,
      displayName: seed.displayName ?? domain.split('.')[0] ?? domain,
      clock: this.clock,
      newId,
    })
    const secrets = (seed.apps ?? []).map((app) => {
      const { app: registered, secret } = tenant.apps.register(app)
      return { appId: registered.appId, secret }
    })
    tenant.onChange((change) => {
      for (const listener of this.#listeners) listener(tenant.id, change)
    })
    for (const fault of seed.faults ?? []) tenant.faults.add(fault)
    const content = seed.export
    const seedOptions = seed.seed === undefined ? undefined : checkSeedOptions(seed.seed)
    if (content !== undefined) {
      // Checked now, so a bad file fails createApp rather than every later request.
      const parsed = parseGraphExport(content)
      checkConsistent(parsed)
      tenant.defer(async () => void loadExport(tenant, parsed))
    } else if (seedOptions) {
      tenant.defer(
        async () =>
          void loadExport(tenant, parseGraphExport(await seededExport(domain, seedOptions))),
      )
    }
    this.#tenants.set(id, tenant)
    return { tenant, secrets }
  }

  remove(id: string): boolean {
    return this.#tenants.delete(id.toLowerCase())
  }
}
