/**
 * How the mock reads `Authorization: Bearer <token>` (RFC 6750 §2.1), the same on every surface
 * that takes a bearer credential: SCIM keys, STS access tokens and the control plane's token.
 *
 * @module
 */

/** The scheme in any letter case, one token, nothing after it; group 1 is the token. */
export const BEARER_AUTHORIZATION = /^Bearer\s+(\S+)\s*$/i
