/**
 * Direct requests that show a third-party server's behaviour without the harness in between. Each
 * expected failure blamed on a server (fixtures/third-party/*.expected.json, `cause: "server"`)
 * names one of these probes, so the blame is confirmed by the server itself, not by the harness.
 *
 * @module
 */
import type { RunningServer } from './listen.ts'
import {
  SCIM_CONTENT_TYPE,
  SCIM_PATCH_SCHEMA,
  SCIM_SEARCH_SCHEMA,
} from '../../model/scim-protocol.ts'
import { CORE_USER_SCHEMA } from '../../model/attributes.ts'
import { resourcePath } from '../../driver/http/resource-path.ts'

export interface ProbeResult {
  /** Whether the server behaves as the probe describes. */
  readonly holds: boolean
  /** What was observed, for the assertion message. */
  readonly observed: string
}

export interface Probe {
  readonly description: string
  readonly run: (server: RunningServer) => Promise<ProbeResult>
}

interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: Record<string, unknown> | undefined
}

async function send(
  server: RunningServer,
  method: string,
  path: string,
  body?: unknown,
  authorization: string | null = `Bearer ${server.token}`,
): Promise<Answer> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      'Content-Type': SCIM_CONTENT_TYPE,
      ...(authorization === null ? {} : { Authorization: authorization }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  const text = await response.text()
  let json: Record<string, unknown> | undefined
  try {
    const parsed: unknown = JSON.parse(text)
    json =
      typeof parsed === 'object' && parsed !== null
        ? (parsed as Record<string, unknown>)
        : undefined
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}

let serial = 0

function user(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1
  return {
    schemas: [CORE_USER_SCHEMA],
    userName: `probe-${serial}-${Date.now()}@contoso.example`,
    displayName: `Probe User ${serial}`,
    name: { givenName: 'Probe', familyName: `User${serial}` },
    active: true,
    ...overrides,
  }
}

/** RFC 7643 §2.1: attribute names are case-insensitive. */
function oddCaseUser(): Record<string, unknown> {
  const { userName, displayName } = user()
  return { schemas: [CORE_USER_SCHEMA], USERNAME: userName, DisplayName: displayName, Active: true }
}

async function createUser(
  server: RunningServer,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; body: Record<string, unknown> }> {
  const body = user(overrides)
  const answer = await send(server, 'POST', '/Users', body)
  return { id: String(answer.json?.['id']), body }
}

const seen = (answer: Answer, extra = '') =>
  `HTTP ${answer.status}${extra} ${answer.text.slice(0, 200)}`

const filterPath = (filter: string) => `/Users?filter=${encodeURIComponent(filter)}`

export const PROBES = {
  'string-boolean-refused': {
    description: 'POST /Users with active "True" (Entra\'s default dialect) answers 400',
    run: async (server) => {
      const answer = await send(server, 'POST', '/Users', user({ active: 'True' }))
      return { holds: answer.status === 400, observed: seen(answer) }
    },
  },
  'string-active-patch-refused': {
    description:
      'PATCH {"op":"Replace","path":"active","value":"False"} (Entra\'s default dialect, as provision on demand sends) answers 400',
    run: async (server) => {
      const { id } = await createUser(server)
      const answer = await send(server, 'PATCH', resourcePath('Users', id), {
        schemas: [SCIM_PATCH_SCHEMA],
        Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
      })
      return { holds: answer.status === 400, observed: seen(answer) }
    },
  },
  'string-boolean-coerced': {
    description: 'POST /Users with active "False" answers 201 with active false',
    run: async (server) => {
      const answer = await send(server, 'POST', '/Users', user({ active: 'False' }))
      return {
        holds: answer.status === 201 && answer.json?.['active'] === false,
        observed: seen(answer),
      }
    },
  },
  'no-www-authenticate': {
    description: 'a 401 to a Basic Authorization header carries no WWW-Authenticate header',
    run: async (server) => {
      const answer = await send(server, 'GET', '/Users', undefined, 'Basic dXNlcjpwYXNz')
      const header = answer.headers.get('www-authenticate')
      return {
        holds: answer.status === 401 && header === null,
        observed: seen(answer, ` WWW-Authenticate=${String(header)}`),
      }
    },
  },
  'no-www-authenticate-without-key': {
    description:
      'GET /Users without a key, or with a wrong key, answers 401 without WWW-Authenticate',
    run: async (server) => {
      const none = await send(server, 'GET', '/Users', undefined, null)
      const wrong = await send(server, 'GET', '/Users', undefined, 'Bearer cc-wrong-key-probe')
      const headers = [none, wrong].map((answer) => answer.headers.get('www-authenticate'))
      return {
        holds: none.status === 401 && wrong.status === 401 && headers.every((h) => h === null),
        observed: `${seen(none)}; ${seen(wrong)}; WWW-Authenticate=${headers.map(String).join(', ')}`,
      }
    },
  },
  'deleted-user-name-reserved': {
    description: "POST /Users with a deleted user's userName answers 409",
    run: async (server) => {
      const first = user()
      const created = await send(server, 'POST', '/Users', first)
      const id = String(created.json?.['id'])
      const deleted = await send(server, 'DELETE', resourcePath('Users', id))
      const again = await send(server, 'POST', '/Users', user({ userName: first.userName }))
      return {
        holds: created.status === 201 && deleted.status < 300 && again.status === 409,
        observed: `create ${created.status}, delete ${deleted.status}, again: ${seen(again)}`,
      }
    },
  },
  'malformed-json-error-as-json': {
    description: 'POST /Users with malformed JSON answers a 4xx sent as application/json',
    run: async (server) => {
      const answer = await send(server, 'POST', '/Users', '{"userName":')
      const type = answer.headers.get('content-type') ?? ''
      return {
        holds: answer.status >= 400 && answer.status < 500 && type.startsWith('application/json'),
        observed: seen(answer, ` Content-Type=${type}`),
      }
    },
  },
  'no-location-header': {
    description: 'POST /Users answers 201 without a Location header',
    run: async (server) => {
      const answer = await send(server, 'POST', '/Users', user())
      const location = answer.headers.get('location')
      return {
        holds: answer.status === 201 && location === null,
        observed: seen(answer, ` Location=${String(location)}`),
      }
    },
  },
  'items-per-page-echoes-count': {
    description: 'GET /Users?count=250 answers itemsPerPage 250 whatever the page holds',
    run: async (server) => {
      const answer = await send(server, 'GET', '/Users?count=250')
      const resources = answer.json?.['Resources']
      const held = Array.isArray(resources) ? resources.length : -1
      return {
        holds: answer.json?.['itemsPerPage'] === 250 && held < 250,
        observed: seen(answer, ` with ${held} resources`),
      }
    },
  },
  'incomplete-filter-accepted': {
    description: 'GET /Users?filter=userName eq (no value) answers 200 instead of 400',
    run: async (server) => {
      const answer = await send(server, 'GET', filterPath('userName eq'))
      return { holds: answer.status === 200, observed: seen(answer) }
    },
  },
  'non-object-body-no-scim-type': {
    description: 'POST /Users with the body 42 answers 400 without a scimType',
    run: async (server) => {
      const answer = await send(server, 'POST', '/Users', '42')
      return {
        holds: answer.status === 400 && answer.json !== undefined && !('scimType' in answer.json),
        observed: seen(answer),
      }
    },
  },
  'odd-case-schema-refused': {
    description: 'POST /Users whose schemas holds the core URN in upper case answers 400',
    run: async (server) => {
      const answer = await send(
        server,
        'POST',
        '/Users',
        user({ schemas: [CORE_USER_SCHEMA.toUpperCase()] }),
      )
      return { holds: answer.status === 400, observed: seen(answer) }
    },
  },
  'odd-case-attribute-names-accepted': {
    description:
      'POST /Users with USERNAME, DisplayName and Active answers 201 with userName stored',
    run: async (server) => {
      const answer = await send(server, 'POST', '/Users', oddCaseUser())
      return {
        holds: answer.status === 201 && typeof answer.json?.['userName'] === 'string',
        observed: seen(answer),
      }
    },
  },
  'odd-case-attribute-names-refused': {
    description: 'POST /Users with USERNAME, DisplayName and Active answers 400',
    run: async (server) => {
      const answer = await send(server, 'POST', '/Users', oddCaseUser())
      return { holds: answer.status === 400, observed: seen(answer) }
    },
  },
  'patch-envelope-invalid-value': {
    description:
      'a PATCH whose Operations is not an array answers 400 invalidValue, not invalidSyntax',
    run: async (server) => {
      const { id } = await createUser(server)
      const answer = await send(server, 'PATCH', resourcePath('Users', id), {
        schemas: [SCIM_PATCH_SCHEMA],
        Operations: 'replace displayName',
      })
      return {
        holds: answer.status === 400 && answer.json?.['scimType'] === 'invalidValue',
        observed: seen(answer),
      }
    },
  },
  'unknown-endpoint-empty-404': {
    description: 'GET /Devices under the SCIM base answers 404 with an empty body',
    run: async (server) => {
      const answer = await send(server, 'GET', '/Devices')
      return { holds: answer.status === 404 && answer.text === '', observed: seen(answer) }
    },
  },
  'case-sensitive-user-name-filter': {
    description: 'filter userName eq "<upper case>" does not find a user stored in lower case',
    run: async (server) => {
      const { body } = await createUser(server)
      const answer = await send(
        server,
        'GET',
        filterPath(`userName eq "${String(body['userName']).toUpperCase()}"`),
      )
      return { holds: answer.json?.['totalResults'] === 0, observed: seen(answer) }
    },
  },
  'case-insensitive-user-name-filter': {
    description: 'filter userName eq "<upper case>" finds a user stored in lower case',
    run: async (server) => {
      const { body } = await createUser(server)
      const answer = await send(
        server,
        'GET',
        filterPath(`userName eq "${String(body['userName']).toUpperCase()}"`),
      )
      return { holds: answer.json?.['totalResults'] === 1, observed: seen(answer) }
    },
  },
  'co-refused': {
    description: 'filter userName co "x" answers 400 invalidFilter',
    run: async (server) => {
      const answer = await send(server, 'GET', filterPath('userName co "probe"'))
      return {
        holds: answer.status === 400 && answer.json?.['scimType'] === 'invalidFilter',
        observed: seen(answer),
      }
    },
  },
  'no-search-endpoint': {
    description: 'POST /Users/.search answers 404',
    run: async (server) => {
      const answer = await send(server, 'POST', '/Users/.search', {
        schemas: [SCIM_SEARCH_SCHEMA],
      })
      return { holds: answer.status === 404, observed: seen(answer) }
    },
  },
  'empty-operations-refused': {
    description: 'a PATCH with an empty Operations array answers 400',
    run: async (server) => {
      const { id } = await createUser(server)
      const answer = await send(server, 'PATCH', resourcePath('Users', id), {
        schemas: [SCIM_PATCH_SCHEMA],
        Operations: [],
      })
      return { holds: answer.status === 400, observed: seen(answer) }
    },
  },
  'empty-operations-accepted': {
    description: 'a PATCH with an empty Operations array answers 200 or 204',
    run: async (server) => {
      const { id } = await createUser(server)
      const answer = await send(server, 'PATCH', resourcePath('Users', id), {
        schemas: [SCIM_PATCH_SCHEMA],
        Operations: [],
      })
      return { holds: answer.status === 200 || answer.status === 204, observed: seen(answer) }
    },
  },
  'case-sensitive-display-name-filter': {
    description: 'filter displayName eq "<upper case>" does not find the user',
    run: async (server) => {
      const { body } = await createUser(server)
      const answer = await send(
        server,
        'GET',
        filterPath(`displayName eq "${String(body['displayName']).toUpperCase()}"`),
      )
      return { holds: answer.json?.['totalResults'] === 0, observed: seen(answer) }
    },
  },
  'core-urn-filter-unresolved': {
    description: 'filter urn:…:core:2.0:User:userName eq "<existing>" finds nothing',
    run: async (server) => {
      const { body } = await createUser(server)
      const answer = await send(
        server,
        'GET',
        filterPath(`${CORE_USER_SCHEMA}:userName eq "${String(body['userName'])}"`),
      )
      return { holds: answer.json?.['totalResults'] === 0, observed: seen(answer) }
    },
  },
  'start-index-past-end-not-empty': {
    description: 'GET /Users?startIndex=<past the last>&count=10 still answers the first users',
    run: async (server) => {
      await createUser(server)
      const all = await send(server, 'GET', '/Users?count=0')
      const total = Number(all.json?.['totalResults'])
      const answer = await send(server, 'GET', `/Users?startIndex=${total + 1}&count=10`)
      const resources = answer.json?.['Resources']
      return {
        holds: Array.isArray(resources) && resources.length > 0,
        observed: seen(answer, ` (totalResults ${total})`),
      }
    },
  },
  'attributes-drop-schemas': {
    description: 'GET /Users/{id}?attributes=displayName answers without "schemas"',
    run: async (server) => {
      const { id } = await createUser(server)
      const answer = await send(server, 'GET', resourcePath('Users', id, '?attributes=displayName'))
      return {
        holds: answer.status === 200 && answer.json !== undefined && !('schemas' in answer.json),
        observed: seen(answer),
      }
    },
  },
  'search-incomplete-filter-accepted': {
    description: 'POST /Users/.search with the filter "userName eq" answers 200',
    run: async (server) => {
      const answer = await send(server, 'POST', '/Users/.search', {
        schemas: [SCIM_SEARCH_SCHEMA],
        filter: 'userName eq',
      })
      return { holds: answer.status === 200, observed: seen(answer) }
    },
  },
  'filtered-add-missing-no-target': {
    description:
      'PATCH add phoneNumbers[type eq "mobile"].value on a user without phones answers 400 noTarget',
    run: async (server) => {
      const { id } = await createUser(server)
      const answer = await send(server, 'PATCH', resourcePath('Users', id), {
        schemas: [SCIM_PATCH_SCHEMA],
        Operations: [{ op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555' }],
      })
      return {
        holds: answer.status === 400 && answer.json?.['scimType'] === 'noTarget',
        observed: seen(answer),
      }
    },
  },
  'replace-without-value-accepted': {
    description: 'PATCH replace displayName without a value answers 200 and removes displayName',
    run: async (server) => {
      const { id } = await createUser(server)
      const answer = await send(server, 'PATCH', resourcePath('Users', id), {
        schemas: [SCIM_PATCH_SCHEMA],
        Operations: [{ op: 'replace', path: 'displayName' }],
      })
      return {
        holds: answer.status === 200 && !('displayName' in (answer.json ?? {})),
        observed: seen(answer),
      }
    },
  },
  'escaped-quote-filter-refused': {
    description: 'filter displayName eq "a \\"b\\" c" (an escaped quote) answers 400 invalidFilter',
    run: async (server) => {
      const answer = await send(server, 'GET', filterPath('displayName eq "Zoe \\"Zed\\" Ng"'))
      return {
        holds: answer.status === 400 && answer.json?.['scimType'] === 'invalidFilter',
        observed: seen(answer),
      }
    },
  },
} satisfies Record<string, Probe>

export type ProbeId = keyof typeof PROBES

export function isProbeId(id: string): id is ProbeId {
  return Object.hasOwn(PROBES, id)
}
