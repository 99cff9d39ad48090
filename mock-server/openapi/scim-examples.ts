/**
 * Request examples of the SCIM endpoint in the two dialects of Microsoft Entra ID's provisioning
 * service (research entra.md §2.3, §2.4):
 * - default (flag off): capitalised ops (`Replace`, `Add`), booleans as the strings "True"/"False",
 *   one operation per attribute, each with a path; ClearID attributes by their URN path;
 * - `aadOptscim062020` (flag on): lower-case ops, JSON booleans, several attributes in one
 *   `replace` without a path whose value is an object keyed by attribute paths.
 * Written out as data, not built by the harness's request builders (the mock does not import the
 * harness); a test sends every example to the mock and expects it to be accepted.
 *
 * @module
 */
import {
  CLEARID_USER_EXTENSION,
  CORE_USER_SCHEMA,
  ENTRA_SCIM2_FLAG,
} from '../../model/attributes.ts'
import { SCIM_PATCH_SCHEMA, SCIM_SEARCH_SCHEMA } from '../../model/scim-protocol.ts'
import type { ExampleSpec } from './operation.ts'

const ext = (name: string): string => `${CLEARID_USER_EXTENSION}:${name}`
const patch = (...Operations: Record<string, unknown>[]) => ({
  schemas: [SCIM_PATCH_SCHEMA],
  Operations,
})

const ADA = {
  externalId: '5f0c2a7e-3c1b-4d2e-9a61-0c8f4b7d2e11',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada.lovelace@contoso.com',
  countryCode: 'GBR',
  departmentName: 'Analytics',
  jobTitle: 'Analyst',
}

export const USER_CREATE_EXAMPLES: Readonly<Record<string, ExampleSpec>> = {
  entraDefault: {
    summary: 'Entra, default dialect',
    description:
      'What Entra sends without the SCIM 2.0 flag: active as the string "True", the extension URN not listed in schemas, and no extension booleans (they work only with the flag).',
    value: {
      schemas: [CORE_USER_SCHEMA],
      userName: 'ada.lovelace@contoso.com',
      active: 'True',
      displayName: 'Ada Lovelace',
      [CLEARID_USER_EXTENSION]: ADA,
    },
  },
  entraFlag: {
    summary: `Entra with ?${ENTRA_SCIM2_FLAG}`,
    description: 'JSON booleans, so the ClearID permission booleans can be mapped.',
    value: {
      schemas: [CORE_USER_SCHEMA],
      userName: 'grace.hopper@contoso.com',
      active: true,
      displayName: 'Grace Hopper',
      [CLEARID_USER_EXTENSION]: {
        ...ADA,
        externalId: '9b1d6e40-7a2f-4c83-b5d0-3e6a9f1c4b27',
        firstName: 'Grace',
        lastName: 'Hopper',
        email: 'grace.hopper@contoso.com',
        countryCode: 'USA',
        hasWebPortalAccess: true,
        isAdmin: false,
      },
    },
  },
}

export const USER_PATCH_EXAMPLES: Readonly<Record<string, ExampleSpec>> = {
  entraDefault: {
    summary: 'Entra, default dialect: update',
    description:
      'One capitalised operation per attribute, each with a path; ClearID attributes by their URN path. Add for an attribute the user has no value for yet, Replace otherwise.',
    value: patch(
      { op: 'Replace', path: 'displayName', value: 'Ada King' },
      { op: 'Replace', path: ext('lastName'), value: 'King' },
      { op: 'Add', path: ext('supervisorName'), value: 'Charles Babbage' },
    ),
  },
  entraDefaultDisable: {
    summary: 'Entra, default dialect: disable',
    description: 'Soft delete when the user leaves scope: active as the string "False".',
    value: patch({ op: 'Replace', path: 'active', value: 'False' }),
  },
  entraFlag: {
    summary: `Entra with ?${ENTRA_SCIM2_FLAG}: update`,
    description:
      'Lower-case op and one replace without a path: the value is an object keyed by attribute paths. Booleans are JSON booleans.',
    value: patch({
      op: 'replace',
      value: {
        displayName: 'Ada King',
        [ext('lastName')]: 'King',
        [ext('hasWebPortalAccess')]: true,
      },
    }),
  },
  entraFlagDisable: {
    summary: `Entra with ?${ENTRA_SCIM2_FLAG}: disable`,
    description: 'active as a JSON boolean.',
    value: patch({ op: 'replace', path: 'active', value: false }),
  },
}

export const USER_SEARCH_EXAMPLE = {
  schemas: [SCIM_SEARCH_SCHEMA],
  filter: 'userName eq "ada.lovelace@contoso.com"',
  startIndex: 1,
  count: 10,
  attributes: ['userName', ext('externalId')],
}

/** Entra's user lookup (match by userName), as a filter value. */
export const LOOKUP_FILTER_EXAMPLE = 'userName eq "ada.lovelace@contoso.com"'
