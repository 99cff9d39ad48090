/**
 * Reads a JSON request body defensively: a size limit (413), an accepted media type (415), a
 * nesting limit checked before parsing (deep input cannot exhaust the stack), and a clear 400 for
 * malformed JSON. Used by every surface; the errors render per surface.
 *
 * @module
 */
import type { Context } from 'hono'
import { ApiError, badRequest } from '../errors/api-error.ts'
import { requestHeader } from './request-header.ts'

export interface BodyLimits {
  readonly maxBytes: number
  readonly maxDepth: number
  /** Media types accepted (without parameters), e.g. `application/scim+json`. */
  readonly mediaTypes: readonly string[]
}

export function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() || undefined
}

export async function readJsonBody(c: Context, limits: BodyLimits): Promise<unknown> {
  const mediaType = mediaTypeOf(requestHeader(c, 'content-type'))
  if (mediaType !== undefined && !limits.mediaTypes.includes(mediaType)) {
    throw new ApiError(
      415,
      `Content-Type "${mediaType}" is not accepted: send the body as ${limits.mediaTypes.join(' or ')}.`,
      { scimType: 'invalidSyntax' },
    )
  }
  const declared = Number(requestHeader(c, 'content-length'))
  if (Number.isFinite(declared) && declared > limits.maxBytes) throw tooLarge(limits.maxBytes)
  const text = await c.req.text()
  if (new TextEncoder().encode(text).length > limits.maxBytes) throw tooLarge(limits.maxBytes)
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

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    413,
    `The request body is larger than ${maxBytes} bytes; send a smaller request.`,
    {
      scimType: 'tooMany',
    },
  )
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
