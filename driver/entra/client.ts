/**
 * An Entra ID provisioning client in one dialect: the calls the provisioning service makes, in its
 * order and request shapes (research/entra.md §1–§2). It never sends `If-Match`.
 *
 * @module
 */
import type { ClearIdUserValues } from '../../fixtures/workforce.ts'
import type { Dialect } from '../../reports/model.ts'
import type { HttpAnswer, ScimHttp } from '../http/types.ts'
import {
  createUserBody,
  defaultMapping,
  groupProbePath,
  lookupPath,
  patchUserBody,
  ENTRA_CONTENT_TYPE,
  type AttributeChange,
  type EntraMapping,
} from './requests.ts'
import { SCIM_CONTENT_TYPE } from '../../model/scim-protocol.ts'
import { resourcePath } from '../http/resource-path.ts'

export class EntraClient {
  readonly mapping: EntraMapping

  constructor(
    private readonly http: ScimHttp,
    readonly dialect: Dialect,
    mapping?: Partial<EntraMapping>,
    /**
     * The Content-Type on bodies. Rules send the bare SCIM type so each judges its own subject;
     * the cycles send Entra's exact `ENTRA_CONTENT_TYPE` (see `exact`).
     */
    private readonly contentType: string = SCIM_CONTENT_TYPE,
  ) {
    this.mapping = { ...defaultMapping(dialect), ...mapping }
  }

  /** The same client sending Entra's exact Content-Type, `application/scim+json; charset=utf-8`. */
  exact(): EntraClient {
    return new EntraClient(this.http, this.dialect, this.mapping, ENTRA_CONTENT_TYPE)
  }

  /** The same client after the admin changed the application's attribute mappings. */
  withMapping(mapping: Partial<EntraMapping>): EntraClient {
    return new EntraClient(
      this.http,
      this.dialect,
      { ...this.mapping, ...mapping },
      this.contentType,
    )
  }

  /**
   * Provision on demand for the same application: it runs the same steps for one user at once but
   * ignores the `aadOptscim062020` flag, so its requests are in the default dialect (entra.md §1.1,
   * Microsoft's compatibility notes), with the application's mappings unchanged.
   */
  onDemand(): EntraClient {
    return new EntraClient(this.http, 'entra-default', this.mapping, this.contentType)
  }

  /** Test Connection: a random-GUID lookup on the matching attribute, then the `/Groups` probe. */
  async testConnection(guid: string): Promise<{ users: HttpAnswer; groups: HttpAnswer }> {
    const users = await this.findUser('userName', guid)
    const groups = await this.http.send({ method: 'GET', path: groupProbePath(guid) })
    return { users, groups }
  }

  /** The matching lookup before a create: `GET /Users?filter=<attribute>+eq+%22<value>%22`. */
  findUser(attribute: string, value: string): Promise<HttpAnswer> {
    return this.http.send({ method: 'GET', path: lookupPath(attribute, value) })
  }

  createUser(values: ClearIdUserValues): Promise<HttpAnswer> {
    return this.postUser(createUserBody(values, this.dialect, this.mapping))
  }

  /** POST an arbitrary body the way Entra posts (content type, no If-Match). */
  postUser(body: unknown): Promise<HttpAnswer> {
    return this.http.send({ method: 'POST', path: '/Users', body, contentType: this.contentType })
  }

  getUser(id: string): Promise<HttpAnswer> {
    return this.http.send({ method: 'GET', path: resourcePath('Users', id) })
  }

  patchUser(id: string, changes: readonly AttributeChange[]): Promise<HttpAnswer> {
    return this.patchRaw(id, patchUserBody(changes, this.dialect))
  }

  patchRaw(id: string, body: unknown): Promise<HttpAnswer> {
    return this.http.send({
      method: 'PATCH',
      path: resourcePath('Users', id),
      body,
      contentType: this.contentType,
    })
  }

  /** Disable (out of scope, soft delete in Entra) or re-enable. */
  setActive(id: string, active: boolean): Promise<HttpAnswer> {
    return this.patchUser(id, [{ attribute: 'active', value: active, op: 'replace' }])
  }

  deleteUser(id: string): Promise<HttpAnswer> {
    return this.http.send({ method: 'DELETE', path: resourcePath('Users', id) })
  }
}
