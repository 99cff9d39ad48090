/**
 * JSON bodies and `include=` parameters of the REST services. Bodies go through the shared
 * `readJsonBody` (size, depth, media type); ClearID clients send `application/json` or, for PATCH,
 * `application/json-patch+json` with a merge body.
 *
 * @module
 */
import type { Context } from 'hono'
import { ApiError } from '../errors/api-error.ts'
import type { MockContext } from '../context.ts'
import { bodyLimitOf } from '../http/read-body.ts'
import { readJsonBody } from '../http/read-json-body.ts'
import { INCLUDE_VALUES, type Section } from './identity-shape.ts'
import { queryValues } from './query-params.ts'

const MEDIA_TYPES = [
  'application/json',
  'application/json-patch+json',
  'application/merge-patch+json',
  'text/json',
]

export function readRestBody(ctx: MockContext, c: Context): Promise<unknown> {
  return readJsonBody(c, {
    ...bodyLimitOf(ctx.behaviour),
    maxDepth: ctx.behaviour.maxJsonDepth,
    mediaTypes: MEDIA_TYPES,
  })
}

/** `include=` values: the parameter in any case, repeatable, comma-separated, values in any case. */
export function includeOf(c: Context): Set<Section> {
  const sections = new Set<Section>()
  for (const raw of queryValues(c, 'include')) {
    for (const part of raw.split(',')) {
      const value = part.trim().toLowerCase()
      if (value === '') continue
      const section = INCLUDE_VALUES.get(value)
      if (!section) {
        throw new ApiError(
          400,
          `include value "${part.trim().slice(0, 40)}" is not known: use Ordinal, SystemData, PrivateData, CompanyData, NationalIdentityData or UserPermissions (repeat include= or separate with commas).`,
          { errors: { include: [`Unknown value "${part.trim().slice(0, 40)}".`] } },
        )
      }
      sections.add(section)
    }
  }
  return sections
}

/** An integer query or body member within bounds, or 400 naming it. */
export function boundedInteger(
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined || value === null || value === '') return fallback
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    const message = `must be an integer from ${min} to ${max}; got ${JSON.stringify(value)?.slice(0, 40)}.`
    throw new ApiError(400, `${name} ${message}`, { errors: { [name]: [message] } })
  }
  return number
}
