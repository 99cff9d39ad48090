/**
 * The fake Graph source's errors: `ApiError`s carrying Graph's error code or the identity
 * platform's AADSTS number, rendered in one place (`mock-server/errors/render-error.ts`).
 *
 * @module
 */
import { ApiError } from '../errors/api-error.ts'
import { GRAPH_APP_ID } from './graph-constants.ts'

export function graphError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): ApiError {
  return new ApiError(status, message, headers ? { graphCode: code, headers } : { graphCode: code })
}

/** Graph's challenge on a 401: where to get a token, and for which resource. */
const CHALLENGE = {
  'WWW-Authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`,
}

export const invalidToken = (message: string): ApiError =>
  graphError(401, 'InvalidAuthenticationToken', message, CHALLENGE)

export const forbidden = (): ApiError =>
  graphError(
    403,
    'Authorization_RequestDenied',
    'Insufficient privileges to complete the operation.',
  )

export const resourceNotFound = (resource: string): ApiError =>
  graphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${resource.slice(0, 200)}' does not exist or one of its queried reference-property objects are not present.`,
  )

export const badRequest = (message: string): ApiError =>
  graphError(400, 'Request_BadRequest', message)

export const unsupportedQuery = (message: string): ApiError =>
  graphError(400, 'Request_UnsupportedQuery', message)

/** An identity platform (token endpoint) error: OAuth `error`, AADSTS number, status. */
export function aadError(status: number, error: string, code: number, message: string): ApiError {
  return new ApiError(status, message, { aad: { error, code } })
}
