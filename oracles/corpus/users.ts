/**
 * The fixed SCIM User resources the filter corpus runs against, in JSON form as a server would
 * return them. Each one exists to make some case discriminating: mixed-case stored values, an empty
 * `emails` array, an empty `displayName`, a `null` given name, a user without the ClearID extension,
 * dateTimes with offsets and fractions.
 *
 * @module
 */
import { CLEARID_USER_EXTENSION, CORE_USER_SCHEMA } from '../../model/attributes.ts'

export const CLEARID = CLEARID_USER_EXTENSION
export const CORE = CORE_USER_SCHEMA

export type UserId = 'u1' | 'u2' | 'u3' | 'u4' | 'u5' | 'u6' | 'u7' | 'u8'

export interface CorpusUser {
  readonly id: UserId
  readonly [attribute: string]: unknown
}

const meta = (created: string) => ({ resourceType: 'User', created, lastModified: created })

export const USERS: readonly CorpusUser[] = [
  {
    id: 'u1',
    schemas: [CORE, CLEARID],
    userName: 'ada@contoso.com',
    displayName: 'Ada Lovelace',
    active: true,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [
      { value: 'Ada@Contoso.com', type: 'work', primary: true },
      { value: 'ada@home.example', type: 'home' },
    ],
    meta: meta('2024-01-15T09:00:00Z'),
    [CLEARID]: { externalId: 'EXT-001', firstName: 'Ada', countryCode: 'GBR', isAdmin: true },
  },
  {
    id: 'u2',
    schemas: [CORE, CLEARID],
    userName: 'grace.hopper@contoso.com',
    displayName: 'Grace Hopper',
    active: true,
    name: { givenName: 'Grace', familyName: 'Hopper' },
    emails: [{ value: 'grace.hopper@contoso.com', type: 'work' }],
    meta: meta('2024-02-20T12:30:00Z'),
    [CLEARID]: { externalId: 'ext-002', firstName: 'Grace', countryCode: 'USA', isAdmin: false },
  },
  {
    id: 'u3',
    schemas: [CORE, CLEARID],
    userName: 'ATuring@Contoso.com',
    displayName: 'Alan Turing',
    active: false,
    name: { givenName: 'Alan' },
    emails: [{ value: 'alan@bletchley.example', type: 'home' }],
    meta: meta('2024-03-01T09:00:00Z'),
    [CLEARID]: { externalId: 'EXT-003', firstName: 'Alan', countryCode: 'gbr', isAdmin: false },
  },
  {
    id: 'u4',
    schemas: [CORE, CLEARID],
    userName: 'kjohnson@nasa.example',
    displayName: 'Katherine Johnson',
    active: true,
    name: { givenName: 'Katherine', familyName: 'Johnson' },
    emails: [],
    meta: meta('2023-12-31T23:59:59Z'),
    [CLEARID]: { externalId: 'EXT-004', firstName: 'Katherine', countryCode: 'USA' },
  },
  {
    id: 'u5',
    schemas: [CORE, CLEARID],
    userName: 'linus@kernel.example',
    displayName: '',
    active: true,
    emails: [
      { value: 'torvalds@kernel.example', type: 'work', primary: false },
      { value: 'linus@other.example', type: 'other' },
    ],
    meta: meta('2024-03-01T09:00:00.500Z'),
    [CLEARID]: { externalId: 'EXT-005', countryCode: 'FIN', isAdmin: true },
  },
  {
    id: 'u6',
    schemas: [CORE, CLEARID],
    userName: 'margaret@contoso.com',
    displayName: 'Margaret Hamilton',
    active: false,
    name: { givenName: 'Margaret', familyName: 'Hamilton' },
    emails: [{ value: 'MARGARET@CONTOSO.COM', type: 'Work' }],
    meta: meta('2024-06-30T18:00:00+02:00'),
    [CLEARID]: { externalId: 'Ext-006', firstName: 'Margaret', countryCode: 'USA', isAdmin: false },
  },
  {
    id: 'u7',
    schemas: [CORE],
    userName: 'bjensen',
    displayName: 'Barbara Jensen',
    active: true,
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
    meta: meta('2024-05-13T04:42:34Z'),
  },
  {
    id: 'u8',
    schemas: [CORE, CLEARID],
    userName: 'null.user@contoso.com',
    displayName: null,
    active: true,
    name: { givenName: null, familyName: 'Null' },
    meta: meta('2024-04-01T00:00:00Z'),
    [CLEARID]: { externalId: 'EXT-008', firstName: 'Nadia', countryCode: 'DEU' },
  },
]

export const ALL_IDS: readonly UserId[] = USERS.map((user) => user.id)

/** Every id except those given, for `ne` and `not` cases. */
export const allBut = (...ids: UserId[]): UserId[] => ALL_IDS.filter((id) => !ids.includes(id))
