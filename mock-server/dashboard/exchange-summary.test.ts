import { describe, expect, it } from 'vitest'
import type { ExchangeFinding } from '../traffic/client-verification.ts'
import { restRouteOf, routeOf, verdictOf, verdictText } from './exchange-summary.ts'

const finding = (severity: ExchangeFinding['severity']): ExchangeFinding => ({
  ruleId: 'CLI-X-001',
  title: 't',
  severity,
  message: 'm',
})

describe('restRouteOf', () => {
  it('names the service and version, leaves the account out and replaces ids', () => {
    const v2 = '/identityservice/api/v2/accounts/acme/identities'
    expect(restRouteOf('get', `${v2}/42`)).toBe('GET identityservice v2 /identities/{id}')
    expect(restRouteOf('POST', v2)).toBe('POST identityservice v2 /identities')
    expect(restRouteOf('GET', '/roleservice/api/v3/accounts/a%2Fb/teams/7/members')).toBe(
      'GET roleservice v3 /teams/{id}/members',
    )
    expect(
      restRouteOf('PUT', '/principalservice/api/v2/accounts/acme/userPrincipals/ada@example.com'),
    ).toBe('PUT principalservice v2 /userPrincipals/{id}')
    expect(restRouteOf('GET', '/elsewhere')).toBe('GET /elsewhere')
  })
})

describe('routeOf', () => {
  it('replaces the id of a resource, so one filter groups every request to a resource', () => {
    expect(routeOf('patch', '/Users/2819c223-7f76-453a-919d-413861904646')).toBe(
      'PATCH /Users/{id}',
    )
    expect(routeOf('GET', '/groups/abc')).toBe('GET /groups/{id}')
    expect(routeOf('GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User')).toBe(
      'GET /Schemas/{id}',
    )
  })

  it('keeps collections, operations and discovery endpoints as they are', () => {
    expect(routeOf('GET', '/Users')).toBe('GET /Users')
    expect(routeOf('POST', '/Users/.search')).toBe('POST /Users/.search')
    expect(routeOf('GET', '/ServiceProviderConfig')).toBe('GET /ServiceProviderConfig')
    expect(routeOf('GET', '/')).toBe('GET /')
  })

  it('ignores a query and bounds a deep path, so odd clients do not flood the route list', () => {
    expect(routeOf('GET', '/Users?filter=x')).toBe('GET /Users')
    expect(routeOf('GET', '/a/b/c/d/e/f')).toBe('GET /a/b/c/…')
  })
})

describe('verdictOf and verdictText', () => {
  it('is the worst finding; info alone is no finding', () => {
    expect(verdictOf([finding('warning'), finding('error')])).toBe('error')
    expect(verdictOf([finding('info'), finding('warning')])).toBe('warning')
    expect(verdictOf([finding('info')])).toBe('ok')
    expect(verdictOf([])).toBe('ok')
    expect(verdictText([finding('error'), finding('error'), finding('warning')])).toBe(
      '2 errors, 1 warning',
    )
    expect(verdictText([finding('info')])).toBe('no finding')
  })

  it('says so when nothing judged the exchange', () => {
    expect(verdictOf(undefined)).toBe('unjudged')
    expect(verdictText(undefined)).toBe('not judged')
  })
})
