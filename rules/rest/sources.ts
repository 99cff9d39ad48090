/**
 * Citations the REST rules share: ClearID's developer guide and user help (research/clearid.md
 * §2–3), the OAuth and JWT RFCs, and the mock's documented choices (docs/rest-api.md) where ClearID
 * publishes nothing. One place, so a reference is spelled the same way everywhere.
 *
 * @module
 */
import type { RuleSource } from '../../model/rule.ts'

const DEV = 'https://developer.clearid.io/docs'
const GENETEC = 'https://developer.genetec.com/r/en-us'
const HELP = 'https://help.clearid.io'

/** A page of ClearID's developer guide or user help, with what it says. */
function clearid(page: string, url: string, statement: string): RuleSource {
  return { kind: 'clearid-doc', ref: `ClearID, ${page}: ${statement}`, url }
}

export const docs = {
  authentication: (statement: string) =>
    clearid('Authentication', `${DEV}/authentication`, statement),
  clientSecret: (statement: string) =>
    clearid(
      'Authenticate with client secret',
      `${GENETEC}/clearid-developer-guide/authenticate-with-client-secret`,
      statement,
    ),
  jwtAssertion: (statement: string) =>
    clearid(
      'Authenticate with JWT assertion token',
      `${GENETEC}/sample/clearid-developer-guide/authenticate-with-jwt-assertion-token`,
      statement,
    ),
  accessToken: (statement: string) =>
    clearid('How to use the access token', `${DEV}/how-to-use-the-access-token`, statement),
  /** Genetec's PowerShell sample, which looks identities up with `?externalid=`. */
  powershellSample: (statement: string) =>
    clearid(
      'sample "Authenticating with client id and secret"',
      `${GENETEC}/sample/clearid-developer-guide/authenticating-with-client-id-secret`,
      statement,
    ),
  swagger: (statement: string) =>
    clearid(
      'How to call a REST API via Swagger UI',
      `${DEV}/how-to-call-a-rest-api-via-swagger-ui`,
      statement,
    ),
  concepts: (statement: string) =>
    clearid('ClearID concepts', `${DEV}/clearid-concepts`, statement),
  deleting: (statement: string) =>
    clearid('Deleting identities', `${HELP}/en/EN/CID/T_CID_DeletingIdentities.html`, statement),
  apiIntegrations: (statement: string) =>
    clearid(
      'Authenticating your connection',
      `${HELP}/en/EN/CID/AuthenticatingConnection.html`,
      statement,
    ),
  scimKey: (statement: string) =>
    clearid('Generating a SCIM key', `${HELP}/EN/GeneratingSCIMKey.html`, statement),
  reset: (statement: string) =>
    clearid(
      'Resetting SCIM integration identity data',
      `${HELP}/en/ResettingSCIMIntegrationIdentityData.html`,
      statement,
    ),
  inboundOnly: (statement: string) =>
    clearid(
      'Configuring One Identity synchronization',
      `${HELP}/en/EN/CID/T_CID_ConfiguringOneIdentityToolSynchronization.html`,
      statement,
    ),
  webhooks: (statement: string) =>
    clearid('About webhooks', `${HELP}/EN/EN/CID/C_CID_AboutWebhooks.html`, statement),
  creatingWebhooks: (statement: string) =>
    clearid('Creating webhooks', `${HELP}/en/EN/CID/T_CID_CreatingWebhooks.html`, statement),
  webhookLogs: (statement: string) =>
    clearid(
      'Viewing webhook logs',
      'https://techdocs.genetec.com/r/en-US/Genetec-ClearIDTM-User-Guide/Viewing-webhook-logs-in-ClearID',
      statement,
    ),
} as const

function rfc(number: number, section: string): RuleSource {
  return {
    kind: 'rfc',
    ref: `RFC ${number} §${section}`,
    url: `https://datatracker.ietf.org/doc/html/rfc${number}#section-${section}`,
  }
}

export const rfc6749 = (section: string) => rfc(6749, section)
export const rfc6750 = (section: string) => rfc(6750, section)
export const rfc7519 = (section: string) => rfc(7519, section)
export const rfc7523 = (section: string) => rfc(7523, section)
export const rfc7807 = (section: string) => rfc(7807, section)

/** A behaviour the mock documents where ClearID publishes nothing (docs/rest-api.md). */
export function restDoc(section: string, statement: string): RuleSource {
  return { kind: 'mock-choice', ref: `docs/rest-api.md, ${section}: ${statement}` }
}
