/**
 * API integrations (ClearID: Administration > API integrations): per-account OAuth clients of the
 * token service. Each has at most one credential, a client secret plus an RSA key pair; generating
 * a key replaces both at once, so the previous secret and key pair stop working immediately.
 *
 * Secrets are kept as digests. The plain secret and the private key exist only in the pending key
 * file, which can be downloaded once right after generation and is then discarded. Each client
 * secret joins the secrets in play, so no output of the process shows it.
 *
 * @module
 */
import { exportPKCS8, exportSPKI, generateKeyPair, importSPKI } from 'jose'
import { holdSecret, privateKeyParts, releaseSecret } from '../../model/secret-values.ts'
import { ApiError } from '../errors/api-error.ts'
import { secretDigestOf, storedSecretOf } from '../persistence/secret-digest.ts'
import type {
  IntegrationKeyRecord,
  IntegrationRecord,
  StateSink,
} from '../persistence/state-record.ts'
import {
  matchesSecret,
  randomSecret,
  releaseStoredSecret,
  storeHeldSecret,
  type StoredSecret,
} from './secrets.ts'

export interface PendingKeyFile {
  readonly clientSecret: string
  readonly privateKeyPem: () => Promise<string>
}

export interface IntegrationCredential {
  readonly generatedAt: string
  readonly secret: StoredSecret
  /** Public key of the JWT-assertion flow; generated lazily for seeded integrations. */
  readonly publicKey: () => Promise<CryptoKey>
  pending?: PendingKeyFile
  /** The public key (SPKI PEM) once the key file went out, when the state is kept. */
  publicKeyPem?: string
  /** `jti` values of accepted assertions with their `exp` (seconds), for replay detection. */
  readonly usedJtis: Map<string, number>
  /** The key file's private key as the redactor holds it (`privateKeyParts`), once it went out. */
  heldKeyParts?: readonly string[]
}

/** The credential is replaced or its integration deleted: the redactor may let its values go. */
function release(credential: IntegrationCredential | undefined): void {
  releaseStoredSecret(credential?.secret)
  for (const part of credential?.heldKeyParts ?? []) releaseSecret(part)
}

export interface ApiIntegration {
  /** A GUID; the first part of the client id. */
  readonly id: string
  readonly accountId: string
  name: string
  description: string
  /** `<guid>:<accountId>`, ClearID's client id format; also the `kid` of the client's assertions. */
  readonly clientId: string
  readonly createdAt: string
  credential?: IntegrationCredential
}

/** Result of asking for the key file. */
export type KeyFileClaim =
  | { readonly kind: 'file'; readonly clientSecret: string; readonly privateKeyPem: string }
  | { readonly kind: 'no-key' }
  | { readonly kind: 'gone' }

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/** Runs `make` once, on first use, and hands out the same promise afterwards. */
function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined
  return () => (value ??= make())
}

const newKeyPair = () => generateKeyPair('RS512', { extractable: true, modulusLength: 2048 })

function newCredential(
  generatedAt: string,
  clientSecret: string,
  given?: CryptoKeyPair,
): IntegrationCredential {
  const keyPair = lazy(() => (given ? Promise.resolve(given) : newKeyPair()))
  return {
    generatedAt,
    secret: storeHeldSecret(clientSecret),
    publicKey: async () => (await keyPair()).publicKey,
    pending: { clientSecret, privateKeyPem: async () => exportPKCS8((await keyPair()).privateKey) },
    usedJtis: new Map(),
  }
}

/**
 * A kept credential after a restart: the digest checks secrets; the public key is the one whose
 * private key went out in the key file, or, if none did, a new pair nobody holds. The pending key
 * file is not kept (its secret and private key would be plain text on disk).
 */
function restoredCredential(kept: IntegrationKeyRecord): IntegrationCredential {
  const pem = kept.publicKeyPem
  const publicKey = lazy(async () =>
    pem === undefined ? (await newKeyPair()).publicKey : importSPKI(pem, 'RS512'),
  )
  return {
    generatedAt: kept.generatedAt,
    secret: storedSecretOf(kept),
    publicKey,
    ...(pem === undefined ? {} : { publicKeyPem: pem }),
    usedJtis: new Map(),
  }
}

export class ApiIntegrationRegistry {
  readonly #byClientId = new Map<string, ApiIntegration>()
  /** Where changes go when the state is kept (`persistence/`); absent, nothing is written. */
  #sink: StateSink | undefined
  constructor(
    private readonly clock: () => Date,
    private readonly ids: () => string,
  ) {}

  journalTo(sink: StateSink): void {
    this.#sink = sink
  }

  restore(kept: IntegrationRecord): void {
    const { type: _, ...integration } = kept
    this.#byClientId.set(kept.clientId, integration)
  }

  restoreKey(kept: IntegrationKeyRecord): void {
    const integration = this.#byClientId.get(kept.clientId)
    if (integration) integration.credential = restoredCredential(kept)
  }

  create(accountId: string, name: string, description = '', clientId?: string): ApiIntegration {
    const guid = clientId?.split(':', 1)[0]
    const id = guid !== undefined && GUID.test(guid) ? guid.toLowerCase() : this.ids()
    const integration: ApiIntegration = {
      id,
      accountId,
      name,
      description,
      clientId: clientId ?? `${id}:${accountId}`,
      createdAt: this.clock().toISOString(),
    }
    if (this.#byClientId.has(integration.clientId) || this.get(accountId, id)) {
      throw new ApiError(
        409,
        `An API integration with client id "${integration.clientId}" already exists.`,
      )
    }
    this.#byClientId.set(integration.clientId, integration)
    this.#sink?.({ type: 'integration', ...integration })
    return integration
  }

  /** Every account's integrations, in creation order. */
  all(): ApiIntegration[] {
    return [...this.#byClientId.values()]
  }

  list(accountId: string): ApiIntegration[] {
    return [...this.#byClientId.values()].filter((i) => i.accountId === accountId)
  }

  get(accountId: string, id: string): ApiIntegration | undefined {
    return this.list(accountId).find((i) => i.id === id)
  }

  byClientId(clientId: string): ApiIntegration | undefined {
    return this.#byClientId.get(clientId)
  }

  delete(integration: ApiIntegration): void {
    release(integration.credential)
    this.#byClientId.delete(integration.clientId)
    this.#sink?.({ type: 'integration-deleted', clientId: integration.clientId })
  }

  /**
   * Replaces the credential: a new secret (random unless given) and a new key pair (generated on
   * first use unless given: a start-up integration may share one between apps).
   */
  generateKey(
    integration: ApiIntegration,
    clientSecret = randomSecret(),
    keyPair?: CryptoKeyPair,
  ): IntegrationCredential {
    const previous = integration.credential
    const credential = newCredential(this.clock().toISOString(), clientSecret, keyPair)
    integration.credential = credential
    release(previous)
    this.#sink?.(keyRecord(integration.clientId, credential))
    return credential
  }

  /** Hands out the pending key file once; later calls answer `gone`. */
  async claimKeyFile(integration: ApiIntegration): Promise<KeyFileClaim> {
    const credential = integration.credential
    if (!credential) return { kind: 'no-key' }
    const pending = credential.pending
    if (!pending) return { kind: 'gone' }
    credential.pending = undefined
    const privateKeyPem = await pending.privateKeyPem()
    credential.heldKeyParts = privateKeyParts(privateKeyPem)
    for (const part of credential.heldKeyParts) holdSecret(part)
    // The private key is out now: keep the public key, so assertions still verify after a restart.
    if (this.#sink && integration.credential === credential) {
      const publicKeyPem = await exportSPKI(await credential.publicKey())
      if (integration.credential === credential) {
        credential.publicKeyPem = publicKeyPem
        this.#sink(keyRecord(integration.clientId, credential))
      }
    }
    return { kind: 'file', clientSecret: pending.clientSecret, privateKeyPem }
  }

  /** Constant-time check of a client secret; undefined when the client or secret is wrong. */
  verifySecret(clientId: string, presented: string): ApiIntegration | undefined {
    const integration = this.#byClientId.get(clientId)
    const ok = matchesSecret(integration?.credential?.secret, presented)
    return ok ? integration : undefined
  }
}

export function keyRecord(
  clientId: string,
  credential: IntegrationCredential,
): IntegrationKeyRecord {
  const { publicKeyPem } = credential
  return {
    type: 'integration-key',
    clientId,
    generatedAt: credential.generatedAt,
    ...secretDigestOf(credential.secret),
    ...(publicKeyPem === undefined ? {} : { publicKeyPem }),
  }
}
