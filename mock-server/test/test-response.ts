/**
 * A response as tests read it, from any of the in-process test clients (SCIM, REST and control
 * plane, the scripted vendor client): one shape and one reader, so a test helper never parses a
 * body its own way.
 *
 * @module
 */

export interface TestResponse {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  /** The JSON body parsed, the text when it is not JSON, undefined when empty. */
  readonly body: any // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

export async function readTestResponse(response: Response): Promise<TestResponse> {
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, body: parsedBody(text) }
}

function parsedBody(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}
