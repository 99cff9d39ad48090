/**
 * REST wire defects of listing and of the control plane: the v3 continuation, the search service,
 * the webhook delivery log and webhook configuration. See `rest-wire.ts`.
 *
 * @module
 */
import { ApiError } from '../../mock-server/errors/api-error.ts'
import { perApp } from './per-app.ts'
import {
  isRecord,
  restAnswerJson,
  restRequestJson,
  restWithJson,
  setRestBody,
  type RestWire,
  type RestWireDefects,
} from './rest-wire.ts'

const isV3List = (wire: RestWire) =>
  wire.surface === 'identity' &&
  wire.method === 'GET' &&
  /^\/api\/v3\/accounts\/[^/]+\/identities\/?$/.test(wire.path)

const isSearch = (wire: RestWire) =>
  wire.surface === 'search' && wire.method === 'POST' && /\/identities\/?$/.test(wire.path)

const continuationOf = (wire: RestWire) => new URL(wire.c.req.url).searchParams.get('continuation')

/** The last identity of the page each continuation token followed, per app. */
const pageEnds = perApp(() => new Map<string, unknown>())

async function changeSearch(
  wire: RestWire,
  change: (take: number) => number | undefined,
): Promise<void> {
  if (!isSearch(wire)) return
  const body = await restRequestJson(wire)
  const take = body?.take
  const changed = typeof take === 'number' ? change(take) : undefined
  if (body && changed !== undefined)
    await setRestBody(wire, JSON.stringify({ ...body, take: changed }))
}

export const LIST_DEFECTS: RestWireDefects = {
  'continuation-repeats-last': {
    response: async (wire, answer) => {
      if (!isV3List(wire) || answer.status !== 200) return undefined
      const body = await restAnswerJson(answer)
      if (!isRecord(body) || !Array.isArray(body.identities)) return undefined
      const ends = pageEnds(wire.ctx)
      if (typeof body.continuation === 'string') ends.set(body.continuation, body.identities.at(-1))
      const token = continuationOf(wire)
      const repeated = token === null ? undefined : ends.get(token)
      // The page starts again with the identity the previous page ended with.
      return repeated === undefined
        ? undefined
        : restWithJson(answer, { ...body, identities: [repeated, ...body.identities] })
    },
  },
  'bad-continuation-500': {
    response: (wire, answer) => {
      if (!isV3List(wire) || answer.status !== 400 || continuationOf(wire) === null)
        return undefined
      throw new ApiError(500, 'The continuation token could not be read.')
    },
  },
  'search-small-take-ignored': {
    request: (wire) => changeSearch(wire, (take) => (take > 0 && take < 5 ? 100 : undefined)),
  },
  'search-take-capped-silently': {
    request: (wire) => changeSearch(wire, (take) => (take > 100 ? 100 : undefined)),
  },
  'search-hides-deleted': {
    response: async (wire, answer) => {
      if (!isSearch(wire) || answer.status !== 200) return undefined
      const body = await restAnswerJson(answer)
      if (!isRecord(body) || !Array.isArray(body.results)) return undefined
      const live = body.results.filter((result) => !(isRecord(result) && result.isDeleted === true))
      return live.length === body.results.length
        ? undefined
        : restWithJson(answer, { ...body, results: live })
    },
  },
  'log-response-as-number': {
    response: async (wire, answer) => {
      if (wire.surface !== 'admin' || !/\/webhooks\/[^/]+\/logs$/.test(wire.path)) return undefined
      const body = await restAnswerJson(answer)
      if (!isRecord(body) || !Array.isArray(body.entries)) return undefined
      return restWithJson(answer, {
        ...body,
        entries: body.entries.map((entry) =>
          isRecord(entry)
            ? { ...entry, response: String(entry.statusCode ?? entry.response) }
            : entry,
        ),
      })
    },
  },
  'disabled-webhook-enabled': {
    request: async (wire) => {
      if (wire.surface !== 'admin' || wire.method !== 'POST' || !/\/webhooks\/?$/.test(wire.path))
        return
      const body = await restRequestJson(wire)
      if (body?.enabled === false)
        await setRestBody(wire, JSON.stringify({ ...body, enabled: true }))
    },
  },
}
