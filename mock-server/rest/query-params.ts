/**
 * Query parameters of the REST services, bound the way ASP.NET Core binds them: names match in any
 * case (`?externalid=` is `externalId`, as in Genetec's own PowerShell sample), and a simple
 * parameter sent more than once takes its first value. Parameters a route does not know are
 * ignored, as ASP.NET ignores them.
 *
 * @module
 */
import type { Context } from 'hono'

/** Every value of the parameter, whatever the case of its name, in the order sent. */
export function queryValues(c: Context, name: string): string[] {
  const wanted = name.toLowerCase()
  const values: string[] = []
  for (const [key, value] of new URL(c.req.url).searchParams) {
    if (key.toLowerCase() === wanted) values.push(value)
  }
  return values
}

/** The parameter's first value, or undefined when it is not sent. */
export function queryValue(c: Context, name: string): string | undefined {
  return queryValues(c, name)[0]
}
