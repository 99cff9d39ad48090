/**
 * Dry run: the target keeps its URLs (so the printed plan shows what would really be sent), but
 * every request is answered by a fresh in-process mock instead of the network. Ids in the plan come
 * from that simulation.
 *
 * @module
 */
import type { FetchLike } from '../../driver/http/types.ts'
import { inProcessTarget } from './in-process.ts'
import type { Target } from './target.ts'

/** Maps a request for `target` onto the simulated mock, swapping base URL and key. */
function simulate(target: Target, mock: Target): FetchLike {
  const pairs = [
    { from: target.main, to: mock.main },
    ...(target.other && mock.other ? [{ from: target.other, to: mock.other }] : []),
  ]
  return async (request) => {
    const pair = pairs.find((p) => request.url.startsWith(p.from.baseUrl.replace(/\/+$/, '')))
    const url = pair
      ? pair.to.baseUrl + request.url.slice(pair.from.baseUrl.replace(/\/+$/, '').length)
      : request.url
    const headers = new Headers(request.headers)
    const auth = headers.get('authorization')
    for (const p of pairs)
      if (auth === `Bearer ${p.from.key}`) headers.set('authorization', `Bearer ${p.to.key}`)
    const body =
      request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text()
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
  }
}
