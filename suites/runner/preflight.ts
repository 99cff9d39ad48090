/**
 * Before any rule runs: is the target reachable, and does it accept the key? Either failure is a
 * connection error (exit code 2), because every result after it would be noise. Then the discovery
 * documents are read once for the rules that compare behaviour with what is advertised.
 *
 * @module
 */
import { isObject } from '../../rules/server/findings.ts'
import type { Discovery } from '../../rules/server/context.ts'
import { discoveryResources } from '../../rules/server/discovery.ts'
import { TransportError } from '../../driver/http/errors.ts'
import type { ScimHttp } from '../../driver/http/types.ts'
import type { RestHttpClient } from '../../driver/rest/rest-http.ts'
import { TokenRefused } from '../../driver/rest/token-source.ts'

export class ConnectionError extends Error {
  override readonly name = 'ConnectionError'
}

export async function preflight(http: ScimHttp): Promise<void> {
  let status: number
  let location: string | undefined
  try {
    const answer = await http.send({ method: 'GET', path: '/Users?count=1' })
    status = answer.status
    location = answer.headers.location
  } catch (error) {
    if (error instanceof TransportError) {
      throw new ConnectionError(`cannot reach the target: ${error.message}`)
    }
    throw error
  }
  if (status >= 300 && status < 400) {
    throw new ConnectionError(
      `the target answered HTTP ${status}, a redirect${location ? ` to ${location}` : ''}; the harness does not follow redirects, so the SCIM key never goes to another address. Pass the final SCIM base URL as --target`,
    )
  }
  if (status === 401 || status === 403) {
    throw new ConnectionError(
      `the target refused the SCIM key (HTTP ${status}); check --key or CLEARID_SCIM_KEY`,
    )
  }
}

/**
 * Before any REST rule runs: does the token service give the run's integration a token? Without
 * one every REST rule would fail the same way, so it is a connection error (exit code 2).
 */
export async function restPreflight(rest: RestHttpClient): Promise<void> {
  try {
    await rest.tokens.token()
  } catch (error) {
    if (error instanceof TokenRefused)
      throw new ConnectionError(
        `the token service refused the API integration's credentials: ${error.message}; check --client-id and --client-secret (or CLEARID_CLIENT_SECRET) or --key-file`,
      )
    if (error instanceof TransportError)
      throw new ConnectionError(`cannot reach the token service: ${error.message}`)
    throw error
  }
}

async function getJson(http: ScimHttp, path: string): Promise<unknown> {
  try {
    const answer = await http.send({ method: 'GET', path })
    return answer.status === 200 ? answer.body : undefined
  } catch (error) {
    if (error instanceof TransportError) return undefined
    throw error
  }
}

export async function loadDiscovery(http: ScimHttp): Promise<Discovery> {
  const spc = await getJson(http, '/ServiceProviderConfig')
  const schemas = await getJson(http, '/Schemas')
  const resourceTypes = await getJson(http, '/ResourceTypes')
  return {
    ...(isObject(spc) ? { serviceProviderConfig: spc } : {}),
    ...(schemas === undefined ? {} : { schemas: discoveryResources(schemas) }),
    ...(resourceTypes === undefined ? {} : { resourceTypes: discoveryResources(resourceTypes) }),
  }
}
