/**
 * Seeded fake identities in the REST identity shape. Faker is loaded on first use only, so it never
 * weighs on the request path of the emulated API.
 *
 * @module
 */

export const MAX_SEED_COUNT = 10_000

/** `count` identities from `seed`; the same seed gives the same identities. */
export async function fakeIdentities(
  seed: number,
  count: number,
): Promise<Record<string, unknown>[]> {
  const { Faker, en, base } = await import('@faker-js/faker')
  const faker = new Faker({ locale: [en, base], seed })
  const identities: Record<string, unknown>[] = []
  for (let index = 0; index < count; index++) {
    const firstName = faker.person.firstName()
    const lastName = faker.person.lastName()
    const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z0-9.]/g, '')
    identities.push({
      userName: `${local}.${seed}.${index}@example.com`,
      displayName: `${firstName} ${lastName}`,
      firstName,
      lastName,
      email: faker.internet.email({ firstName, lastName, provider: 'example.com' }),
      countryCode: faker.location.countryCode('alpha-3'),
      status: faker.number.int({ min: 0, max: 9 }) === 0 ? 'Inactive' : 'Active',
      companyData: {
        employeeNumber: String(faker.number.int({ min: 10_000, max: 99_999 })),
        cityOfResidence: faker.location.city(),
        zipCode: faker.location.zipCode(),
        phoneNumberPrimary: faker.phone.number({ style: 'international' }),
      },
      privateData: {
        jobTitle: faker.person.jobTitle(),
        departmentName: faker.commerce.department(),
        companyName: faker.company.name(),
      },
      systemData: { externalId: faker.string.uuid(), hasExtendedTime: faker.datatype.boolean() },
      userPermissions: { hasWebPortalAccess: faker.datatype.boolean(), isAdmin: false },
    })
  }
  return identities
}
