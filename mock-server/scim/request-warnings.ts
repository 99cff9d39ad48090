/**
 * Per-request warnings, collected in the Hono context so the traffic log can keep them with the
 * exchange that caused them.
 *
 * @module
 */
import type { Context } from 'hono'
import type { RequestWarning, WarningSink } from './warnings.ts'

declare module 'hono' {
  interface ContextVariableMap {
    warnings: RequestWarning[]
  }
}

export function warningsOf(c: Context): WarningSink {
  let list = c.get('warnings')
  if (!list) {
    list = []
    c.set('warnings', list)
  }
  const target = list
  return (warning) => {
    target.push(warning)
  }
}

const NONE: readonly RequestWarning[] = Object.freeze([])

export function collectedWarnings(c: Context): readonly RequestWarning[] {
  return c.get('warnings') ?? NONE
}
