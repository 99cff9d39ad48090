/**
 * Replays, against the mock, the identity and search service calls of two real, public ClearID API
 * clients: their URLs, query strings, headers and bodies, and the members they read back. Every call
 * must succeed and every value read must be the one written. When the mock puts a member somewhere
 * else than ClearID does, these clients read null, and this file fails.
 *
 * - The SailPoint connector `fernando-delosrios/ClearID` calls ClearID directly
 *   (`src/http-client.ts`), builds its bodies in `src/index.ts` from the REST paths of
 *   `connector-spec.json`, and reads identities in `src/model/account.ts`.
 * - The portal `ronaldomoscosorm/clearid-identity-hub` relays through its own back end. Its front end
 *   builds the bodies ClearID receives (`src/lib/argus-client.ts`, "ClearID PUT is a full replace")
 *   and reads every member of the identities ClearID returns (`src/lib/supabase-mirror.ts`,
 *   `toIdentityRow`).
 *
 * Calls to the role and principal services and the token service's `GET /` (the connector's
 * "test connection") are outside the identity and search services and are not replayed here.
 *
 * The requests are rewritten here, not copied: each names the client file and function it follows.
 * The services are at the mock's documented paths (`/sts`, `/identityservice/api/v2`,
 * `/searchservice/api/v1`) instead of ClearID's host names.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import { ACME, restTestApp, send } from '../control/rest-test-client.ts'
import type { TestResponse } from '../test/test-response.ts'

/** A parsed JSON body, read member by member as the clients read it (they are untyped too). */
type Json = TestResponse['body']

const STS = '/sts'
const IDENTITY = '/identityservice/api/v2'
const SEARCH = '/searchservice/api/v1'
const ACCOUNT = ACME.accountId

let app: MockApp

beforeEach(() => {
  app = restTestApp()
})

function ok(res: TestResponse, call: string): TestResponse {
  expect(res.status, `${call}: ${res.text.slice(0, 400)}`).toBeGreaterThanOrEqual(200)
  expect(res.status, `${call}: ${res.text.slice(0, 400)}`).toBeLessThan(300)
  return res
}

/**
 * The SailPoint connector's `HTTPClient` (src/http-client.ts), as far as it talks to the token,
 * identity and search services.
 */
class SailPointConnector {
  #token = ''

  /** getAccessToken: a form body concatenated by hand, client id not URL-encoded. */
  async getAccessToken(): Promise<string> {
    const res = ok(
      await send(app, `${STS}/connect/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `client_id=${ACME.clientId}&client_secret=${ACME.clientSecret}&grant_type=client_credentials`,
      }),
      'getAccessToken',
    )
    expect(res.body.expires_in).toBe(3600)
    this.#token = res.body.access_token as string
    return this.#token
  }

  #headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Authorization: `Bearer ${this.#token}`, ...extra }
  }

  /** getAccounts: search pages of `take` 100, `skip` = what it has, until `totalItems`. */
  async getAccounts(): Promise<Record<string, unknown>[]> {
    let data: Record<string, unknown>[] = []
    let total = Number.POSITIVE_INFINITY
    do {
      const res = ok(
        await send(app, `${SEARCH}/accounts/${ACCOUNT}/identities`, {
          method: 'POST',
          headers: this.#headers({
            Accept: 'application/json',
            'Content-Type': 'application/json',
          }),
          body: JSON.stringify({ skip: data.length, take: 100 }),
        }),
        'getAccounts',
      )
      total = res.body.totalItems as number
      data = [...data, ...(res.body.results as Record<string, unknown>[])]
    } while (data.length < total)
    return data
  }

  /** getAccount: every include, repeated, after a leading `?&`. */
  async getAccount(id: string): Promise<TestResponse> {
    const include =
      '?&include=Ordinal&include=SystemData&include=PrivateData&include=CompanyData&include=NationalIdentityData&include=UserPermissions'
    return ok(
      await send(app, `${IDENTITY}/accounts/${ACCOUNT}/identities/${id}${include}`, {
        headers: this.#headers({ Accept: 'application/json' }),
      }),
      'getAccount',
    )
  }

  /** createAccount: axios sends the object as JSON. */
  async createAccount(user: object): Promise<TestResponse> {
    return ok(
      await send(app, `${IDENTITY}/accounts/${ACCOUNT}/identities`, {
        method: 'POST',
        headers: this.#headers({ 'Content-Type': 'application/json' }),
        body: JSON.stringify(user),
      }),
      'createAccount',
    )
  }

  /** updateAccount: a merge body under `application/json-patch+json`. */
  async updateAccount(id: string, data: object): Promise<TestResponse> {
    return ok(
      await send(app, `${IDENTITY}/accounts/${ACCOUNT}/identities/${id}`, {
        method: 'PATCH',
        headers: this.#headers({ 'Content-Type': 'application/json-patch+json' }),
        body: JSON.stringify(data),
      }),
      'updateAccount',
    )
  }
}

/** What `new Account(object)` (src/model/account.ts) reads from an identity. */
function sailPointAccount(object: Json) {
  return {
    identityId: object.identityId,
    firstName: object.firstName,
    lastName: object.lastName,
    displayName: object.displayName,
    description: object.description,
    email: object.email,
    secondaryEmail: object.privateData.secondaryEmail,
    phoneNumberPrimary: object.privateData.phoneNumberPrimary,
    countryCode: object.countryCode,
    status: object.status,
    employeeNumber: object.privateData.employeeNumber,
    departmentName: object.companyData.departmentName,
    jobTitle: object.companyData.jobTitle,
    companyName: object.companyData.companyName,
    provisioningAttributes: object.systemData.provisioningAttributes
      ? object.systemData.provisioningAttributes.map((x: { name: string }) => x.name)
      : [],
    eTag: object.eTag as string,
  }
}

/**
 * src/index.ts `getUserProfileFragment`: `approverId` becomes `companyData.approvers`, any other
 * attribute name is a dotted REST path turned into nested objects.
 */
function sailPointFragment(attribute: string, value: unknown): Record<string, unknown> {
  if (attribute === 'approverId') return { companyData: { approvers: [{ approverId: value }] } }
  return attribute
    .split('.')
    .reverse()
    .reduce<unknown>((inner, name) => ({ [name]: inner }), value) as Record<string, unknown>
}

describe('the SailPoint connector (fernando-delosrios/ClearID)', () => {
  it('creates, reads, updates, assigns entitlements, disables and lists, reading back every value', async () => {
    const client = new SailPointConnector()
    await client.getAccessToken()

    // stdAccountCreate: one fragment per attribute of the create template (connector-spec.json),
    // merged shallowly, roles left out.
    const manager = await client.createAccount(
      Object.assign(
        {},
        sailPointFragment('systemData.externalId', 'mgr-1'),
        sailPointFragment('firstName', 'Grace'),
        sailPointFragment('lastName', 'Hopper'),
        sailPointFragment('displayName', 'Grace Hopper'),
        sailPointFragment('email', 'grace@contoso.example'),
        sailPointFragment('countryCode', 'USA'),
        sailPointFragment('status', 'Active'),
      ),
    )
    const managerId = manager.body.identityId as string
    const created = await client.createAccount(
      Object.assign(
        {},
        sailPointFragment('systemData.externalId', 'uid-1'),
        sailPointFragment('firstName', 'Ada'),
        sailPointFragment('lastName', 'Lovelace'),
        sailPointFragment('displayName', 'Ada Lovelace'),
        sailPointFragment('email', 'ada@contoso.example'),
        sailPointFragment('approverId', managerId),
        sailPointFragment('countryCode', 'USA'),
        sailPointFragment('status', 'Active'),
      ),
    )
    const id = created.body.identityId as string
    expect(id).toMatch(/^[0-9a-f-]{36}$/)

    // readAccount, then stdAccountUpdate's Set: one PATCH per attribute of the account schema.
    const sets: [string, string][] = [
      ['description', 'First programmer'],
      ['privateData.secondaryEmail', 'ada@home.example'],
      ['privateData.employeeNumber', 'E-1815'],
      ['companyData.departmentName', 'Analytical Engines'],
      ['companyData.jobTitle', 'Analyst'],
      ['companyData.companyName', 'Babbage & Co'],
      ['countryCode', 'GBR'],
    ]
    for (const [attribute, value] of sets) {
      const account = sailPointAccount((await client.getAccount(id)).body)
      await client.updateAccount(id, { ...sailPointFragment(attribute, value), eTag: account.eTag })
    }

    // assignUserRole for a name that is neither a team id nor a principal role: the provisioning
    // attributes read, plus the new one, written back under systemData.
    for (const role of ['Parking', 'Lab access']) {
      const account = sailPointAccount((await client.getAccount(id)).body)
      await client.updateAccount(id, {
        eTag: account.eTag,
        systemData: {
          provisioningAttributes: [...account.provisioningAttributes, role].map((name) => ({
            name,
          })),
        },
      })
    }
    // removeUserRole: the list without it.
    {
      const account = sailPointAccount((await client.getAccount(id)).body)
      await client.updateAccount(id, {
        eTag: account.eTag,
        systemData: {
          provisioningAttributes: account.provisioningAttributes
            .filter((name: string) => name !== 'Parking')
            .map((name: string) => ({ name })),
        },
      })
    }

    const read = (await client.getAccount(id)).body
    expect(sailPointAccount(read)).toEqual({
      identityId: id,
      firstName: 'Ada',
      lastName: 'Lovelace',
      displayName: 'Ada Lovelace',
      description: 'First programmer',
      email: 'ada@contoso.example',
      secondaryEmail: 'ada@home.example',
      phoneNumberPrimary: null,
      countryCode: 'GBR',
      status: 'Active',
      employeeNumber: 'E-1815',
      departmentName: 'Analytical Engines',
      jobTitle: 'Analyst',
      companyName: 'Babbage & Co',
      provisioningAttributes: ['Lab access'],
      eTag: read.eTag,
    })
    // The approver written by the create is where the connector wrote it.
    expect(read.companyData.approvers).toEqual([{ approverId: managerId }])
    expect(read.systemData.externalId).toBe('uid-1')

    // stdAccountDisable: {eTag, status} under application/json-patch+json.
    const before = sailPointAccount((await client.getAccount(id)).body)
    await client.updateAccount(id, { eTag: before.eTag, status: 'Inactive' })
    expect(sailPointAccount((await client.getAccount(id)).body).status).toBe('Inactive')

    // stdAccountList: search, skip deleted ones, read each account by id.
    const listed = await client.getAccounts()
    const live = listed.filter((x) => !x.isDeleted)
    const accounts = await Promise.all(
      live.map(async (x) => sailPointAccount((await client.getAccount(String(x.identityId))).body)),
    )
    expect(accounts.map((a) => [a.displayName, a.status, a.jobTitle])).toEqual([
      ['Grace Hopper', 'Active', null],
      ['Ada Lovelace', 'Inactive', 'Analyst'],
    ])
  })

  it('lists past the first page of 100 (skip = what it has, until totalItems)', async () => {
    const client = new SailPointConnector()
    await client.getAccessToken()
    for (let i = 0; i < 101; i++) {
      await client.createAccount({
        systemData: { externalId: `bulk-${i}` },
        displayName: `Bulk ${i}`,
        lastName: `Bulk ${i}`,
      })
    }
    const listed = await client.getAccounts()
    expect(listed).toHaveLength(101)
    expect(new Set(listed.map((x) => x.identityId)).size).toBe(101)
  })
})

/**
 * The identity-hub's calls (src/lib/argus-client.ts), as the bodies reach ClearID's identity
 * service through its back end.
 */
class IdentityHub {
  #token = ''

  async authenticate(): Promise<void> {
    const res = ok(
      await send(app, `${STS}/connect/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: ACME.clientId,
          client_secret: ACME.clientSecret,
        }).toString(),
      }),
      'token',
    )
    this.#token = res.body.access_token as string
  }

  async #call(method: string, path: string, body?: unknown): Promise<TestResponse> {
    return ok(
      await send(app, path, {
        method,
        headers: { Authorization: `Bearer ${this.#token}`, 'Content-Type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      }),
      `${method} ${path}`,
    )
  }

  /**
   * createIdentity (`normalizeCreateIdentityPayload`): status and identityType lower-cased. The hub
   * hands `externalId` and its custom fields to its back end beside the identity; the identity
   * service v2 takes them under `systemData`, where the connector's create puts the external id.
   */
  create(identity: Record<string, unknown>): Promise<TestResponse> {
    return this.#call('POST', `${IDENTITY}/accounts/${ACCOUNT}/identities`, {
      ...identity,
      status: String(identity.status).toLowerCase(),
      identityType: String(identity.identityType).toLowerCase(),
    })
  }

  /** getIdentity: the identity with every object the hub then reads. */
  get(id: string): Promise<TestResponse> {
    return this.#call(
      'GET',
      `${IDENTITY}/accounts/${ACCOUNT}/identities/${id}?include=Ordinal,PrivateData,CompanyData,SystemData,UserPermissions,NationalIdentityData`,
    )
  }

  /**
   * updateIdentity (`normalizeUpdateIdentityPayload`): a full replace with the eTag; `systemData`
   * holds the members it read (only those present), the external id and the custom fields as
   * `[{customFieldName, customFieldValue}]`; status lower-cased; null for optional members not set.
   */
  replace(
    id: string,
    read: Json,
    form: {
      firstName: string
      lastName: string
      email: string
      customFields: Record<string, string>
    },
  ): Promise<TestResponse> {
    const picked = [
      'hasExtendedTime',
      'canEscort',
      'antipassbackExemption',
      'triggerCode',
      'accessPermissionLevel',
      'activationDateUtc',
      'expirationDateUtc',
      'externalSyncSourceId',
      'externalSyncTimeUtc',
      'provisioningAttributes',
      'resourceFilters',
    ]
    const systemData: Record<string, unknown> = {}
    for (const key of picked) {
      if (read.systemData?.[key] !== undefined) systemData[key] = read.systemData[key]
    }
    systemData.externalId = read.systemData.externalId
    systemData.customFields = Object.entries(form.customFields).map(
      ([customFieldName, customFieldValue]) => ({ customFieldName, customFieldValue }),
    )
    return this.#call('PUT', `${IDENTITY}/accounts/${ACCOUNT}/identities/${id}`, {
      systemData,
      description: read.description ?? null,
      status: String(read.status).toLowerCase(),
      firstName: form.firstName,
      lastName: form.lastName,
      middleName: read.middleName ?? null,
      displayName: read.displayName ?? `${form.lastName}, ${form.firstName}`,
      countryCode: read.countryCode ?? null,
      culture: read.culture ?? null,
      email: form.email,
      eTag: read.eTag,
    })
  }

  /** listIdentities: a page of the search service; the hub reads `results` and `totalItems`. */
  search(skip: number, take: number): Promise<TestResponse> {
    return this.#call('POST', `${SEARCH}/accounts/${ACCOUNT}/identities`, { skip, take })
  }
}

/** The members `toIdentityRow` (src/lib/supabase-mirror.ts) reads, by the hub's column names. */
function hubRow(i: Json) {
  const priv = i.privateData ?? {}
  const comp = i.companyData ?? {}
  const sys = i.systemData ?? {}
  return {
    account_id: i.accountId ?? null,
    identity_id: i.identityId,
    etag: i.eTag ?? null,
    first_name: i.firstName,
    last_name: i.lastName,
    middle_name: i.middleName ?? null,
    display_name: i.displayName ?? null,
    email: i.email ?? null,
    identity_type: i.identityType ?? null,
    status: i.status ?? 'Active',
    description: i.description ?? null,
    country_code: i.countryCode ?? null,
    culture: i.culture ?? null,
    creation_date_utc: i.creationDateUtc ?? null,
    last_modification_date_utc: i.lastModificationDateUtc ?? null,
    ordinal: typeof i.ordinal === 'number' ? i.ordinal : null,
    is_deleted: Boolean(i.isDeleted ?? false),
    private_birthday: priv.birthday ?? null,
    private_employee_number: priv.employeeNumber ?? null,
    private_secondary_email: priv.secondaryEmail ?? null,
    private_city_of_residence: priv.cityOfResidence ?? null,
    private_state_of_residence: priv.stateOfResidence ?? null,
    private_zip_code: priv.zipCode ?? null,
    private_phone_primary: priv.phoneNumberPrimary ?? null,
    private_phone_secondary: priv.phoneNumberSecondary ?? null,
    company_name: comp.companyName ?? null,
    company_job_title: comp.jobTitle ?? null,
    company_department_name: comp.departmentName ?? null,
    company_supervisor_name: comp.supervisorName ?? null,
    company_site_id: comp.siteId ?? null,
    company_worker_type_code: comp.workerTypeCode ?? i.workerTypeCode ?? null,
    company_worker_type_desc: comp.workerTypeDescription ?? null,
    company_approvers: comp.approvers ?? null,
    system_external_id: sys.externalId ?? i.externalId ?? null,
    system_activation_date_utc: sys.activationDateUtc ?? null,
    system_expiration_date_utc: sys.expirationDateUtc ?? null,
    system_has_extended_time: sys.hasExtendedTime ?? null,
    system_provisioning_attributes: sys.provisioningAttributes ?? null,
    system_custom_fields: sys.customFields ?? null,
  }
}

describe('the identity hub (ronaldomoscosorm/clearid-identity-hub)', () => {
  it('creates, reads every member, replaces and searches, reading back every value', async () => {
    const hub = new IdentityHub()
    await hub.authenticate()
    const created = await hub.create({
      firstName: 'Maria',
      lastName: 'Silva',
      middleName: 'Aparecida',
      displayName: 'Silva, Maria',
      email: 'maria@vylor.example',
      status: 'Active',
      identityType: 'Employee',
      description: 'Contractor',
      countryCode: 'BRA',
      culture: 'pt-BR',
      privateData: {
        birthday: '1990-04-01',
        employeeNumber: '4711',
        secondaryEmail: 'maria@home.example',
        cityOfResidence: 'Campinas',
        stateOfResidence: 'SP',
        zipCode: '13000-000',
        phoneNumberPrimary: '+55 19 3000-0000',
        phoneNumberSecondary: '+55 19 9000-0000',
      },
      companyData: {
        companyName: 'Vylor',
        jobTitle: 'Técnica',
        departmentName: 'Manutenção',
        supervisorName: 'João Souza',
        siteId: 'site-campinas',
        workerTypeCode: 'Terceiros',
        workerTypeDescription: 'Terceiro',
        approvers: [{ approverId: 'approver-1' }],
      },
      systemData: {
        externalId: 'vylor-4711',
        hasExtendedTime: false,
        activationDateUtc: '2026-01-05T00:00:00Z',
        expirationDateUtc: '2026-12-31T00:00:00Z',
        customFields: [{ customFieldName: 'NR-10', customFieldValue: '2026-03-01' }],
      },
    })
    const id = created.body.identityId as string

    const row = hubRow((await hub.get(id)).body)
    expect(row).toMatchObject({
      account_id: ACCOUNT,
      identity_id: id,
      first_name: 'Maria',
      last_name: 'Silva',
      middle_name: 'Aparecida',
      display_name: 'Silva, Maria',
      email: 'maria@vylor.example',
      identity_type: 'employee',
      status: 'Active',
      description: 'Contractor',
      country_code: 'BRA',
      culture: 'pt-BR',
      ordinal: 1,
      is_deleted: false,
      private_birthday: '1990-04-01',
      private_employee_number: '4711',
      private_secondary_email: 'maria@home.example',
      private_city_of_residence: 'Campinas',
      private_state_of_residence: 'SP',
      private_zip_code: '13000-000',
      private_phone_primary: '+55 19 3000-0000',
      private_phone_secondary: '+55 19 9000-0000',
      company_name: 'Vylor',
      company_job_title: 'Técnica',
      company_department_name: 'Manutenção',
      company_supervisor_name: 'João Souza',
      company_site_id: 'site-campinas',
      company_worker_type_code: 'Terceiros',
      company_worker_type_desc: 'Terceiro',
      company_approvers: [{ approverId: 'approver-1' }],
      system_external_id: 'vylor-4711',
      system_activation_date_utc: '2026-01-05T00:00:00Z',
      system_expiration_date_utc: '2026-12-31T00:00:00Z',
      system_has_extended_time: false,
      system_custom_fields: [
        { customFieldType: null, customFieldName: 'NR-10', customFieldValue: '2026-03-01' },
      ],
    })
    expect(row.etag).toMatch(/^W\/"\d+"$/)

    // The edit form: names, e-mail and custom fields changed, everything else sent back as read.
    const replaced = await hub.replace(id, (await hub.get(id)).body, {
      firstName: 'Maria Clara',
      lastName: 'Silva',
      email: 'maria.clara@vylor.example',
      customFields: { 'NR-10': '2027-03-01', 'NR-35': '2026-09-01' },
    })
    expect(hubRow(replaced.body)).toMatchObject({
      first_name: 'Maria Clara',
      email: 'maria.clara@vylor.example',
      status: 'Active',
      culture: 'pt-BR',
      middle_name: 'Aparecida',
      system_external_id: 'vylor-4711',
      system_activation_date_utc: '2026-01-05T00:00:00Z',
      system_custom_fields: [
        { customFieldType: null, customFieldName: 'NR-10', customFieldValue: '2027-03-01' },
        { customFieldType: null, customFieldName: 'NR-35', customFieldValue: '2026-09-01' },
      ],
    })

    // listIdentities: results and totalItems; the form takes the external id from systemData.
    const page = await hub.search(0, 50)
    expect(page.body.totalItems).toBe(1)
    const [found] = page.body.results
    expect(found.externalId ?? found.systemData?.externalId).toBe('vylor-4711')
    // The hub's replace sends no companyData, and a PUT replaces the whole identity (the hub's own
    // comment: "ClearID PUT is a full replace"), so the company data written at create is gone.
    expect(hubRow(found)).toMatchObject({ first_name: 'Maria Clara', company_name: null })
  })
})
