/**
 * The one-line fault syntax of the CLI (`--fault`) and of the `X-Mock-Fault` request header:
 * comma-separated `key=value` items and bare flags, read into the same `FaultSpec` as the JSON form.
 *
 * ```text
 * route=POST /Users,status=503,next=2
 * status=429,retry-after=2,rate=0.5,seed=7
 * latency=200 | reset | timeout=5000 | slow-body=64:100 | conflict-after-success | 404-after-create=3000
 * ```
 *
 * @module
 */
import { FaultSpecError, toFaultRule, type FaultRule, type FaultSpec } from './fault-rule.ts'

type Reader = (value: string | undefined, spec: Record<string, unknown>) => void

const numberOf = (key: string, value: string | undefined): number => {
  if (value === undefined || value.trim() === '' || !Number.isFinite(Number(value))) {
    throw new FaultSpecError(`${key} needs a number, as in "${key}=2".`)
  }
  return Number(value)
}

const numeric =
  (field: keyof FaultSpec, key: string): Reader =>
  (value, spec) => {
    spec[field] = numberOf(key, value)
  }

const flagOrNumber =
  (field: keyof FaultSpec, key: string): Reader =>
  (value, spec) => {
    spec[field] = value === undefined ? true : numberOf(key, value)
  }

const READERS: Readonly<Record<string, Reader>> = {
  route: (value, spec) => {
    spec.route = value ?? ''
  },
  rate: numeric('rate', 'rate'),
  next: numeric('next', 'next'),
  latency: numeric('latency', 'latency'),
  status: numeric('status', 'status'),
  'retry-after': numeric('retryAfter', 'retry-after'),
  seed: numeric('seed', 'seed'),
  reset: (value, spec) => {
    if (value !== undefined) throw new FaultSpecError('reset takes no value.')
    spec.reset = true
  },
  timeout: flagOrNumber('timeout', 'timeout'),
  'slow-body': (value, spec) => {
    if (value === undefined) {
      spec.slowBody = true
      return
    }
    const [chunk, delay] = value.split(':')
    spec.slowBody = {
      chunkBytes: numberOf('slow-body chunk bytes', chunk),
      ...(delay === undefined ? {} : { delayMs: numberOf('slow-body delay', delay) }),
    }
  },
  'conflict-after-success': (value, spec) => {
    if (value !== undefined) throw new FaultSpecError('conflict-after-success takes no value.')
    spec.conflictAfterSuccess = true
  },
  '404-after-create': flagOrNumber('notFoundAfterCreate', '404-after-create'),
}

/** Reads the one-line syntax into a spec; throws `FaultSpecError` on an unknown key or bad value. */
export function parseFaultText(text: string): FaultSpec {
  if (text.length > 500) throw new FaultSpecError('A fault description is at most 500 characters.')
  const spec: Record<string, unknown> = {}
  for (const item of text.split(',')) {
    const trimmed = item.trim()
    if (trimmed === '') continue
    const equals = trimmed.indexOf('=')
    const key = (equals === -1 ? trimmed : trimmed.slice(0, equals)).trim().toLowerCase()
    const value = equals === -1 ? undefined : trimmed.slice(equals + 1).trim()
    const reader = READERS[key]
    if (!reader) {
      throw new FaultSpecError(
        `Unknown fault item "${key.slice(0, 40)}"; use ${Object.keys(READERS).join(', ')}.`,
      )
    }
    reader(value, spec)
  }
  return spec
}

/** Text straight to a validated rule. */
export function faultRuleFromText(text: string): FaultRule {
  return toFaultRule(parseFaultText(text))
}
