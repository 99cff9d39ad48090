/**
 * The kind of SCIM client a vendor has: an HR connector that provisions one person into ClearID.
 * It looks the person up by externalId first and creates or updates accordingly, as Entra does.
 * Nothing here knows about the mock; the example test points it at one through msw.
 *
 * @module
 */

const SCIM = 'application/scim+json'
const EXTENSION = 'urn:ietf:params:scim:schemas:extension:clearid:2.0:User'

export interface Person {
  readonly employeeId: string
  readonly email: string
  readonly firstName: string
  readonly lastName: string
  readonly country: string
}

export interface ProvisionResult {
  readonly id: string
  readonly action: 'created' | 'updated'
}

export class HrConnector {
  constructor(
    private readonly tenantUrl: string,
    private readonly secretToken: string,
  ) {}

  async provision(person: Person): Promise<ProvisionResult> {
    const filter = encodeURIComponent(`externalId eq "${person.employeeId}"`)
    const found = await this.call('GET', `/Users?filter=${filter}`)
    const existing = (found.Resources as { id: string }[] | undefined)?.[0]
    if (existing) {
      await this.call('PATCH', `/Users/${existing.id}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          { op: 'replace', path: 'displayName', value: `${person.firstName} ${person.lastName}` },
        ],
      })
      return { id: existing.id, action: 'updated' }
    }
    const created = await this.call('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', EXTENSION],
      userName: person.email,
      displayName: `${person.firstName} ${person.lastName}`,
      active: true,
      [EXTENSION]: {
        externalId: person.employeeId,
        firstName: person.firstName,
        lastName: person.lastName,
        email: person.email,
        countryCode: person.country,
      },
    })
    return { id: String(created.id), action: 'created' }
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.tenantUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.secretToken}`,
        Accept: SCIM,
        ...(body === undefined ? {} : { 'Content-Type': SCIM }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (!response.ok) throw new Error(`ClearID answered ${response.status} to ${method} ${path}`)
    return (await response.json()) as Record<string, unknown>
  }
}
