/**
 * Reading a target's identities (`--against`) from an identity service that does not behave: the
 * read ends with an `AgainstError` that says why, never loops or fills the heap.
 */
import { describe, expect, it } from 'vitest'
import { AgainstError, readTarget, type AgainstTarget } from './known-identities.ts'

function target(pages: (url: string) => Response): AgainstTarget & { urls: string[] } {
  const urls: string[] = []
  return {
    identityService: 'https://ids.example/identityservice',
    tokenService: 'https://ids.example/sts',
    accountId: 'acme',
    clientId: 'client',
    clientSecret: 'known-identities-secret-1',
    urls,
    fetch: async (request) => {
      urls.push(request.url)
      if (request.url.endsWith('/connect/token')) return Response.json({ access_token: 't' })
      return pages(request.url)
    },
  }
}

const identity = (externalId: string) => ({ displayName: externalId, systemData: { externalId } })

describe('readTarget', () => {
  it('follows the continuation to the end', async () => {
    const read = await readTarget(
      target((url) =>
        url.endsWith('continuation=')
          ? Response.json({ identities: [identity('a')], continuation: 'p2' })
          : Response.json({ identities: [identity('b')], continuation: null }),
      ),
    )
    expect([...read.byExternalId.keys()]).toEqual(['a', 'b'])
  })

  it('stops when the continuation repeats or a page brings nothing', async () => {
    const same = target(() => Response.json({ identities: [identity('a')], continuation: 'same' }))
    await expect(readTarget(same)).rejects.toThrow(/reads nothing new/)
    expect(same.urls.length).toBeLessThan(5)
    const empty = target(() => Response.json({ identities: [], continuation: crypto.randomUUID() }))
    await expect(readTarget(empty)).rejects.toThrow(AgainstError)
    // Two continuations in turn, each page a deleted identity: a cycle, not a list.
    const cycle = target((url) =>
      Response.json({
        identities: [{ ...identity('x'), isDeleted: true }],
        continuation: url.endsWith('continuation=A') ? 'B' : 'A',
      }),
    )
    await expect(readTarget(cycle)).rejects.toThrow(/reads nothing new/)
    expect(cycle.urls.length).toBeLessThan(6)
  })

  it('stops reading a page that never ends', async () => {
    const endless = target(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            pull: (controller) => controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20)),
          }),
        ),
    )
    await expect(readTarget(endless)).rejects.toThrow(/more than 64 MiB/)
  })
})
