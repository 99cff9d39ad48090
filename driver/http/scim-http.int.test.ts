/**
 * The client against a real socket that never answers: its timeout must hold even when a garbage
 * collection runs while the request is in flight (nodejs/undici#3644).
 */
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { TransportError } from './errors.ts'
import { ScimHttpClient } from './scim-http.ts'

const KEY = 'super-secret-key-0123456789'

describe('ScimHttpClient over a socket', () => {
  it('times out a server that never answers, even after a garbage collection', async () => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    // Collect garbage once the request is in flight: it has reached the server, which never answers.
    const silent = createServer(() => gc()).listen(0, '127.0.0.1')
    await once(silent, 'listening')
    const { port } = silent.address() as AddressInfo
    try {
      // A signal inside the Request is lost at the next collection (nodejs/undici#3644): the
      // client must hand it to fetch beside the Request, as the URL target's fetch passes it on.
      const http = new ScimHttpClient({
        main: { baseUrl: `http://127.0.0.1:${port}/scim`, key: KEY },
        fetch: (request, init) => fetch(request, init),
        timeoutMs: 40,
      })
      const outcome = await Promise.race([
        http.send({ method: 'GET', path: '/Users' }).catch((e: unknown) => e),
        new Promise((resolve) => setTimeout(() => resolve('no answer after 3 s'), 3000)),
      ])
      expect(outcome).toBeInstanceOf(TransportError)
      expect((outcome as TransportError).message).toMatch(/timeout/)
    } finally {
      silent.closeAllConnections()
      silent.close()
    }
  })
})
