/** Issue 14 item 9: `/Users/?filter=` answered 404 passed unnoticed; SRV-READ-004 fails it. */
import { describe, expect, it } from 'vitest'
import { verdictsAgainst } from '../../../testing/rule-verdicts.ts'

describe('SRV-READ-004: a trailing slash before the query', () => {
  it('passes on the mock', async () => {
    const verdicts = await verdictsAgainst(({ answer }) => answer, ['SRV-READ-004'])
    expect(verdicts['SRV-READ-004']).toEqual({ status: 'passed', messages: [] })
  })

  it('fails when /Users/ answers 404', async () => {
    const verdicts = await verdictsAgainst(
      ({ request, answer }) =>
        new URL(request.url).pathname.endsWith('/Users/')
          ? new Response('Not Found', { status: 404 })
          : answer,
      ['SRV-READ-004'],
    )
    expect(verdicts['SRV-READ-004']?.status).toBe('failed')
  })
})
