/**
 * Dry run: the target keeps its URLs (so the printed plan shows what would really be sent), but
 * every request is answered by a fresh in-process mock instead of the network. Ids in the plan come
 * from that simulation. SCIM requests get the mock's key; REST requests go to the mock's services
 * with the mock's account in the path, and a token request is answered for the mock's own API
 * integration (the mock cannot check the real client secret or key).
 *
 * @module
 */
import type { FetchLike } from '../../driver/http/types.ts'
import { inProcessTarget } from './in-process.ts'
import type { RestTarget, Target } from './target.ts'

interface Swap {
  readonly from: string
  readonly to: string
}

const trim = (url: string) => url.replace(/\/+$/, '')

function baseSwaps(target: Target, mock: Target): Swap[] {
  const swaps: Swap[] = []
  const add = (from: string | undefined, to: string | undefined) => {
    if (from !== undefined && to !== undefined) swaps.push({ from: trim(from), to: trim(to) })
  }
  add(target.main?.baseUrl, mock.main?.baseUrl)
  add(target.other?.baseUrl, mock.other?.baseUrl)
  const rest = target.rest
  const simulated = mock.rest
  if (rest && simulated) {
    add(rest.endpoints.sts, simulated.endpoints.sts)
    add(rest.endpoints.identity, simulated.endpoints.identity)
    add(rest.endpoints.search, simulated.endpoints.search)
    add(rest.control?.origin, simulated.control?.origin)
  }
  // Longest first: a base that another one starts with must not win.
  return swaps.sort((a, b) => b.from.length - a.from.length)
}

function keySwaps(target: Target, mock: Target): Swap[] {
  const pairs: [string | undefined, string | undefined][] = [
    [target.main?.key, mock.main?.key],
    [target.other?.key, mock.other?.key],
    [target.rest?.control?.adminToken, mock.rest?.control?.adminToken],
  ]
  return pairs.flatMap(([from, to]) =>
    from !== undefined && to !== undefined ? [{ from: `Bearer ${from}`, to: `Bearer ${to}` }] : [],
  )
}

/** The token request for the mock's integration, whichever grant the harness used. */
function tokenForm(simulated: RestTarget): string {
  const { clientId, clientSecret = '' } = simulated.credentials
  return new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
  }).toString()
}

/** Maps a request for `target` onto the simulated mock. */
function simulate(target: Target, mock: Target): FetchLike {
  const bases = baseSwaps(target, mock)
  const keys = keySwaps(target, mock)
  const rest = target.rest
  const simulated = mock.rest
  return async (request) => {
    const swap = bases.find((b) => request.url.startsWith(b.from))
    let url = swap ? swap.to + request.url.slice(swap.from.length) : request.url
    if (rest && simulated) {
      const from = `/accounts/${encodeURIComponent(rest.endpoints.accountId)}/`
      url = url.replace(from, `/accounts/${encodeURIComponent(simulated.endpoints.accountId)}/`)
    }
    const headers = new Headers(request.headers)
    const auth = headers.get('authorization')
    for (const key of keys) if (auth === key.from) headers.set('authorization', key.to)
    let body =
      request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text()
    if (simulated && swap?.to === trim(simulated.endpoints.sts) && url.endsWith('/connect/token'))
      body = tokenForm(simulated)
    return mock.fetch(
      new Request(url, {
        method: request.method,
        headers,
        ...(body === undefined ? {} : { body }),
      }),
    )
  }
}

export function dryRunTarget(target: Target): Target {
  const mock = inProcessTarget()
  return {
    ...target,
    description: `${target.description} (dry run: nothing sent)`,
    fetch: simulate(target, mock),
    // The simulation delivers webhooks to its own receiver; the plan shows that one.
    ...(target.rest && mock.rest?.webhooks && target.rest.control
      ? { rest: { ...target.rest, webhooks: mock.rest.webhooks } }
      : {}),
  }
}
