/**
 * Believable, seeded tenant content (the same seed gives the same tenant): users with the
 * properties ClearID maps (names, e-mail, job, department, company, employee id and type, office,
 * address, phones, hire date, on-premises and directory extension attributes holding badge data), a
 * management chain, security groups per department, a Microsoft 365 group and one nested group.
 * Like real directories, a few users lack an employee id or a mail address, and `country` is
 * sometimes an ISO code rather than a name. Produced as an export file, so seeding and loading a
 * team's export take the same path. Faker is loaded on first use only.
 *
 * @module
 */
import type { Faker } from '@faker-js/faker'
import { ApiError } from '../errors/api-error.ts'
import { extensionName } from './graph-extensions.ts'

export interface GraphSeedOptions {
  readonly users: number
  readonly groups: number
  readonly seed: number
}

export const MAX_SEED_USERS = 20_000
export const MAX_SEED_GROUPS = 500

/** Dates are drawn before this fixed day, so a seed gives the same tenant whenever it runs. */
const REF_DATE = '2026-01-01T00:00:00Z'

const SITES = [
  { country: 'United States', code: 'US', language: 'en-US' },
  { country: 'Canada', code: 'CA', language: 'en-CA' },
  { country: 'United Kingdom', code: 'GB', language: 'en-GB' },
  { country: 'Germany', code: 'DE', language: 'de-DE' },
  { country: 'France', code: 'FR', language: 'fr-FR' },
  { country: 'Netherlands', code: 'NL', language: 'nl-NL' },
  { country: 'Australia', code: 'AU', language: 'en-AU' },
] as const

const DEPARTMENTS = [
  'Engineering',
  'Finance',
  'Human Resources',
  'Facilities',
  'Security Operations',
  'Sales',
  'Marketing',
  'Legal',
  'IT Operations',
  'Customer Support',
] as const

const EMPLOYEE_TYPES = [
  ['Employee', 80],
  ['Contractor', 12],
  ['Intern', 5],
  ['Vendor', 3],
] as const

export function checkSeedOptions(value: unknown): GraphSeedOptions {
  const body = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  const users = body.users ?? 50
  const groups = body.groups ?? 8
  const seed = body.seed ?? 1
  const ok =
    Number.isInteger(users) &&
    (users as number) >= 0 &&
    (users as number) <= MAX_SEED_USERS &&
    Number.isInteger(groups) &&
    (groups as number) >= 0 &&
    (groups as number) <= MAX_SEED_GROUPS &&
    Number.isSafeInteger(seed)
  if (!ok) {
    throw new ApiError(
      400,
      `Seed with {"users": 0..${MAX_SEED_USERS}, "groups": 0..${MAX_SEED_GROUPS}, "seed": <integer>}.`,
      { errors: { seed: ['users, groups and seed must be integers within range.'] } },
    )
  }
  return { users: users as number, groups: groups as number, seed: seed as number }
}

const ascii = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase()

interface Seeded {
  readonly user: Record<string, unknown>
  readonly department: string
  readonly employeeType: string
  readonly enabled: boolean
}

/** A whole tenant as an export file (`graph-export.ts`). */
export async function seededExport(
  domain: string,
  options: GraphSeedOptions,
): Promise<Record<string, unknown>> {
  const { createFaker } = await import('../../fixtures/seeded-faker.ts')
  const faker = createFaker(options.seed, `graph:${domain}`)
  const label = domain.split('.')[0] ?? 'contoso'
  const company = faker.company.name()
  const extensionApp = faker.string.uuid()
  const ext = (name: string) => extensionName(extensionApp, name)
  const upns = new Set<string>()
  const seeded: Seeded[] = []
  for (let i = 0; i < options.users; i++) {
    seeded.push(seedUser(faker, { i, domain, label, company, ext, upns }))
  }
  const users = seeded.map((s) => s.user)
  const managers = managementChain(faker, users)
  return {
    users,
    groups: seedGroups(faker, options.groups, seeded, label),
    managers,
    extensions: ['cardNumber', 'facilityCode', 'badgeType'].map((name) => ({
      name: ext(name),
      dataType: 'String',
      appDisplayName: 'Tenant Schema Extension App',
    })),
  }
}

interface UserContext {
  readonly i: number
  readonly domain: string
  readonly label: string
  readonly company: string
  readonly ext: (name: string) => string
  readonly upns: Set<string>
}

function seedUser(faker: Faker, c: UserContext): Seeded {
  const sex = faker.person.sexType()
  const givenName = faker.person.firstName(sex)
  const surname = faker.person.lastName()
  let local = `${ascii(givenName)}.${ascii(surname)}`
  for (let n = 2; c.upns.has(local); n++) local = `${ascii(givenName)}.${ascii(surname)}${n}`
  c.upns.add(local)
  const site = faker.helpers.arrayElement(SITES)
  const city = faker.location.city()
  const department = faker.helpers.arrayElement(DEPARTMENTS)
  const employeeType = faker.helpers.weightedArrayElement(
    EMPLOYEE_TYPES.map(([value, weight]) => ({ value, weight })),
  )
  const enabled = faker.datatype.boolean(0.92)
  const hasBadge = faker.datatype.boolean(0.75)
  const cardNumber = String(faker.number.int({ min: 10_000, max: 65_535 }))
  const facilityCode = String(faker.number.int({ min: 1, max: 255 }))
  const hired = faker.date.past({ years: 12, refDate: REF_DATE })
  const created = faker.date.between({ from: hired, to: REF_DATE })
  const phone = faker.phone.number({ style: 'international' })
  const user: Record<string, unknown> = {
    id: faker.string.uuid(),
    userPrincipalName: `${local}@${c.domain}`,
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    // One user in fifty has no mailbox.
    mail: faker.datatype.boolean(0.98) ? `${local}@${c.label}.example` : null,
    mailNickname: local,
    jobTitle: faker.person.jobTitle(),
    department,
    companyName: c.company,
    // One in thirty lacks an employee id, as HR-fed directories often do.
    employeeId: faker.datatype.boolean(0.97) ? String(100_000 + c.i) : null,
    employeeType,
    employeeHireDate: `${hired.toISOString().slice(0, 10)}T00:00:00Z`,
    officeLocation: `${city} ${faker.helpers.arrayElement(['HQ', 'Office', 'Campus'])}`,
    streetAddress: faker.location.streetAddress(),
    city,
    state: faker.location.state({ abbreviated: true }),
    postalCode: faker.location.zipCode(),
    // Entra's country is free text: mostly names, sometimes the ISO code.
    country: faker.datatype.boolean(0.9) ? site.country : site.code,
    usageLocation: site.code,
    preferredLanguage: site.language,
    businessPhones: faker.datatype.boolean(0.8) ? [phone] : [],
    mobilePhone: faker.datatype.boolean(0.7)
      ? faker.phone.number({ style: 'international' })
      : null,
    accountEnabled: enabled,
    userType: 'Member',
    createdDateTime: `${created.toISOString().slice(0, 19)}Z`,
    onPremisesExtensionAttributes: {
      extensionAttribute1: hasBadge ? cardNumber : null,
      extensionAttribute2: `CC-${faker.string.numeric(4)}`,
    },
  }
  if (hasBadge) {
    user[c.ext('cardNumber')] = cardNumber
    user[c.ext('facilityCode')] = facilityCode
    user[c.ext('badgeType')] = employeeType === 'Employee' ? 'Permanent' : 'Temporary'
  }
  return { user, department, employeeType, enabled }
}

/** The first user leads; about √n managers report to them; everyone else to one of those. */
function managementChain(faker: Faker, users: Record<string, unknown>[]): Record<string, string> {
  const managers: Record<string, string> = {}
  const leads = Math.max(1, Math.round(Math.sqrt(users.length)))
  users.forEach((user, i) => {
    if (i === 0 || faker.datatype.boolean(0.02)) return
    const manager =
      i <= leads ? users[0] : users[faker.number.int({ min: 1, max: Math.min(leads, i - 1) || 1 })]
    if (manager && manager !== user) managers[user.id as string] = manager.id as string
  })
  return managers
}

function seedGroups(
  faker: Faker,
  count: number,
  seeded: readonly Seeded[],
  label: string,
): Record<string, unknown>[] {
  const ids = (predicate: (s: Seeded) => boolean) =>
    seeded.filter(predicate).map((s) => ({ '@odata.type': '#microsoft.graph.user', id: s.user.id }))
  const security = (displayName: string, description: string, members: unknown[]) => ({
    id: faker.string.uuid(),
    displayName,
    description,
    securityEnabled: true,
    mailEnabled: false,
    mailNickname: ascii(displayName),
    groupTypes: [],
    createdDateTime: `${faker.date.past({ years: 8, refDate: REF_DATE }).toISOString().slice(0, 19)}Z`,
    members,
  })
  const candidates: Record<string, unknown>[] = [
    {
      ...security(
        'All Company',
        'Everyone at the company.',
        ids((s) => s.enabled),
      ),
      mailEnabled: true,
      securityEnabled: false,
      mail: `allcompany@${label}.example`,
      groupTypes: ['Unified'],
      visibility: 'Public',
    },
    security(
      'Contractors',
      'Contractors and vendors.',
      ids((s) => s.employeeType !== 'Employee' && s.employeeType !== 'Intern'),
    ),
  ]
  const departmentGroups = DEPARTMENTS.map((d) =>
    security(
      `SG-${d}`,
      `Members of ${d}.`,
      ids((s) => s.department === d),
    ),
  )
  // The nested group comes right after the group it contains, so any prefix holds both or neither.
  const securityOps = departmentGroups.splice(DEPARTMENTS.indexOf('Security Operations'), 1)[0]
  if (securityOps) {
    candidates.push(
      securityOps,
      security('Security Staff', 'Guards and the security operations team (nested group).', [
        { '@odata.type': '#microsoft.graph.group', id: securityOps.id },
        ...ids((s) => s.department === 'Facilities').slice(0, 5),
      ]),
    )
  }
  candidates.push(...departmentGroups)
  const groups = candidates.slice(0, count)
  while (groups.length < count) {
    const name = `Project ${faker.word.adjective()} ${faker.word.noun()}`
    const members = faker.helpers.arrayElements(seeded, {
      min: 0,
      max: Math.min(20, seeded.length),
    })
    groups.push(
      security(
        name,
        'A project team.',
        members.map((s) => ({ id: s.user.id })),
      ),
    )
  }
  return groups
}
