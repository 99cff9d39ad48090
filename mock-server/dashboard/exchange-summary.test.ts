import { describe, expect, it } from 'vitest'
import type { ExchangeFinding } from '../traffic/client-verification.ts'
import { routeOf, verdictOf, verdictText } from './exchange-summary.ts'

const finding = (severity: ExchangeFinding['severity']): ExchangeFinding => ({
  ruleId: 'CLI-X-001',
  title: 't',
  severity,
  message: 'm',
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
