/**
 * The served OpenAPI document as a contract for the mock's own answers: a response must have a
 * status the document lists for its operation, that status's content type, and a body its schema
 * accepts. Used by the OpenAPI tests, so the reference cannot describe something the mock does not
 * answer.
 *
 * @module
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js'
import { expect } from 'vitest'
import type { TestResponse } from './test-response.ts'

type OpenApiDocument = {
  paths: Record<string, Record<string, { responses: Record<string, OpenApiResponse> }>>
}
type OpenApiResponse = { content?: Record<string, { schema: unknown }> }

export interface OpenApiContract {
  /** `value` is valid against `#/components/schemas/<name>`. */
  schema(name: string, value: unknown): void
  /** `res` is a documented answer of `method` on the template `path` (`/Users/{id}`). */
  response(method: string, path: string, res: TestResponse): void
}

const DOCUMENT_ID = 'https://clearid-mock.test/openapi.json'
const pointer = (...segments: string[]): string =>
  segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')

export function openApiContract(doc: unknown): OpenApiContract {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true })
  ajv.addSchema({ ...(doc as object), $id: DOCUMENT_ID })
  const compiled = new Map<string, ValidateFunction>()
  const validate = (at: string, value: unknown, what: string) => {
    let check = compiled.get(at)
    if (!check) {
      check = ajv.compile({ $ref: `${DOCUMENT_ID}#${at}` })
      compiled.set(at, check)
    }
    expect(check(value), `${what}: ${JSON.stringify(check.errors)}`).toBe(true)
  }
  const paths = (doc as OpenApiDocument).paths
  return {
    schema(name, value) {
      validate(pointer('components', 'schemas', name), value, name)
    },
    response(method, path, res) {
      const what = `${method.toUpperCase()} ${path} → ${res.status}`
      const operation = paths[path]?.[method.toLowerCase()]
      expect(operation, `${method} ${path} is not documented`).toBeDefined()
      const documented = operation!.responses[String(res.status)]
      expect(documented, `${what} is not a documented status`).toBeDefined()
      const content = documented!.content
      if (!content) {
        expect(res.text, `${what} has a body the document does not describe`).toBe('')
        return
      }
      const mediaType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim()
      expect(Object.keys(content), what).toContain(mediaType)
      validate(
        pointer(
          'paths',
          path,
          method.toLowerCase(),
          'responses',
          String(res.status),
          'content',
          mediaType,
          'schema',
        ),
        res.body,
        what,
      )
    },
  }
}
