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
  ) {
    this.mapping = { ...defaultMapping(dialect), ...mapping }
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
    return this.http.send({ method: 'POST', path: '/Users', body, contentType: SCIM_CONTENT_TYPE })
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
      contentType: SCIM_CONTENT_TYPE,
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
