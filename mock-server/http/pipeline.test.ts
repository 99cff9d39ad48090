import { Hono, type Context } from 'hono'
import { describe, expect, it } from 'vitest'
import { pipeline, type Endpoint, type ErrorAnswer, type Step } from './pipeline.ts'

/** Runs `steps` and `endpoint` as the one handler of `GET /`, as the SCIM surface does. */
function appWith(steps: Step[], endpoint: Endpoint, onError: ErrorAnswer = errorAsStatus) {
  const app = new Hono()
  app.get('/', pipeline(steps, endpoint, onError))
  return app
}

const errorAsStatus: ErrorAnswer = (error) =>
  new Response(error instanceof Error ? error.message : 'unknown', { status: 599 })

const ok = (c: Context) => c.text('ok')

describe('pipeline', () => {
  it('answers without a promise when every step and the endpoint are synchronous', () => {
    const seen: string[] = []
    const trace =
      (name: string): Step =>
      (_c, next) => {
        seen.push(`${name} in`)
        const answer = next()
        seen.push(`${name} out`)
        return answer
      }
    const answer = appWith([trace('a'), trace('b')], ok).fetch(new Request('http://h/'))
    expect(answer).toBeInstanceOf(Response)
    expect(seen).toEqual(['a in', 'b in', 'b out', 'a out'])
  })

  it('turns an error into the answer at the step that threw, so outer steps see that answer', async () => {
    let outerSaw: number | undefined
    const outer: Step = (_c, next) => {
      const answer = next()
      if (answer instanceof Response) outerSaw = answer.status
      return answer
    }
    const refusing: Step = () => {
      throw new Error('refused')
    }
    const res = await appWith([outer, refusing], ok).fetch(new Request('http://h/'))
    expect(res.status).toBe(599)
    expect(await res.text()).toBe('refused')
    expect(outerSaw).toBe(599)
  })

  it('keeps the error on the context for outer steps, as Hono does', async () => {
    let error: unknown
    const outer: Step = (c, next) => {
      const answer = next()
      error = c.error
      return answer
    }
    await appWith([outer], () => {
      throw new TypeError('bad input')
    }).fetch(new Request('http://h/'))
    expect(error).toBeInstanceOf(TypeError)
  })

  it('handles a step that waits, and a rejection inside it', async () => {
    const waiting: Step = async (_c, next) => {
      await new Promise((resolve) => setTimeout(resolve, 1))
      return next()
    }
    const res = await appWith([waiting], async () => {
      await Promise.resolve()
      throw new Error('late')
    }).fetch(new Request('http://h/'))
    expect(res.status).toBe(599)
    expect(await res.text()).toBe('late')
  })

  it('passes on what the error answer throws (an injected connection drop)', async () => {
    const drop = new Error('connection dropped')
    const app = appWith(
      [(_c, next) => next()],
      () => {
        throw drop
      },
      (error) => {
        throw error
      },
    )
    app.onError((error) => {
      throw error
    })
    await expect(async () => app.fetch(new Request('http://h/'))).rejects.toBe(drop)
  })
})
