/**
 * Reads a JSON request body defensively: the size limit of the shared body reader (413, before
 * anything else), an accepted media type (415), a nesting limit checked before parsing (deep input
 * cannot exhaust the stack), and a clear 400 for malformed JSON. Used by every surface; the errors
 * render per surface.
 *
 * @module
 */
import type { Context } from 'hono'
import { ApiError, badRequest } from '../errors/api-error.ts'
import { readBody, type BodyLimit, type RequestBody } from './read-body.ts'
import { requestHeader } from './request-header.ts'

export interface BodyLimits extends BodyLimit {
  readonly maxDepth: number
  /** Media types accepted (without parameters), e.g. `application/scim+json`. */
  readonly mediaTypes: readonly string[]
}

export function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() || undefined
}

export async function readJsonBody(c: Context, limits: BodyLimits): Promise<unknown> {
  return parseJsonBody(c, await readBody(c, limits), limits)
}

/**
 * The JSON of a body already read (`readBody`): synchronous, so a route can read the body first,
 * then look up, check and write in one step that no other request interleaves with.
 */
export function parseJsonBody(c: Context, body: RequestBody, limits: BodyLimits): unknown {
  const mediaType = mediaTypeOf(requestHeader(c, 'content-type'))
  if (mediaType !== undefined && !limits.mediaTypes.includes(mediaType)) {
    throw new ApiError(
      415,
      `Content-Type "${mediaType}" is not accepted: send the body as ${limits.mediaTypes.join(' or ')}.`,
      { scimType: 'invalidSyntax' },
    )
  }
  const text = body.text
  if (text.trim() === '') {
    throw badRequest('invalidSyntax', 'The request body is empty: send a JSON object.')
  }
  const depth = nestingDepth(text)
  if (depth > limits.maxDepth) {
    throw badRequest(
      'invalidSyntax',
      `The JSON body nests ${depth} levels deep; at most ${limits.maxDepth} are accepted.`,
    )
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unparseable'
    throw badRequest(
      'invalidSyntax',
      `The request body is not valid JSON (${reason}). Check quotes, commas and brackets.`,
    )
  }
}

/** Deepest bracket nesting outside strings; a linear scan that never recurses. */
export function nestingDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 92 /* \ */) i++
      else if (ch === 34 /* " */) inString = false
    } else if (ch === 34) inString = true
    else if (ch === 123 || ch === 91) deepest = Math.max(deepest, ++depth)
    else if (ch === 125 || ch === 93) depth--
  }
  return deepest
}
