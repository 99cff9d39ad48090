/**
 * Option parsing shared by the commands: `node:util` `parseArgs` with usage errors that say what is
 * wrong, and readers for the typed values (integers, durations, lists).
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { DIALECTS, type Dialect } from '../reports/model.ts'
import { RULE_LEVELS, RULE_PROFILES, type RuleLevel, type RuleProfile } from '../model/rule.ts'
import { UsageError } from './io.ts'
import { nearest } from './nearest.ts'

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>

/** What `parse` returns: named, so the declaration build can spell it. */
export type Parsed<O extends OptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>

/**
 * `parseArgs`, strict, positionals allowed. A bad option becomes a `UsageError` naming the command,
 * what was wrong (the first line of Node's message) and the options the command takes.
 */
export function parse<O extends OptionsConfig>(
  args: string[],
  options: O,
  command: string,
): Parsed<O> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    const valid = Object.entries(options)
      .map(([name, o]) => `--${name}${o.short ? ` (-${o.short})` : ''}`)
      .join(', ')
    throw new UsageError(
      `${command}: ${reasonOf((error as Error).message, options)}\nValid options: ${valid}`,
    )
  }
}

/** Node's parseArgs message, said the way a person fixes it. */
function reasonOf(message: string, options: OptionsConfig): string {
  const unknown = /^Unknown option '([^']+)'/.exec(message)
  if (unknown) {
    const typed = unknown[1] ?? ''
    const name = typed.replace(/^-+/, '').split('=')[0] ?? ''
    const near = typed.startsWith('--') ? nearest(name, Object.keys(options)) : undefined
    return `unknown option ${typed}.${near === undefined ? '' : ` Did you mean --${near}?`}`
  }
  const missing = /^Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message)
  if (missing) return `${missing[1]} needs a value: ${missing[1]} <value>`
  const noValue = /^Option '(?:-\w, )?(--[\w-]+)' does not take an argument/.exec(message)
  if (noValue) return `${noValue[1]} is a switch and takes no value: write ${noValue[1]} alone`
  const ambiguous = /^Option '(?:-\w, )?(--[\w-]+)' argument is ambiguous/.exec(message)
  if (ambiguous)
    return `${ambiguous[1]} is followed by something that looks like an option; if it is the value, write ${ambiguous[1]}=<value>`
  return message.split('\n')[0] ?? message
}

/** Repeated and comma-separated values: `--level MUST --level SHOULD` or `--level MUST,SHOULD`. */
export function listOf(values: string | string[] | undefined): string[] {
  const all = values === undefined ? [] : Array.isArray(values) ? values : [values]
  return all
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
}

export function integer(
  name: string,
  value: string | undefined,
  fallback: number,
  min = 0,
): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${value}"`)
  return n
}

/** `10`, `10s`, `500ms`, `2m`, `1h` → milliseconds (a bare number is seconds). */
export function duration(name: string, value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim())
  if (!match)
    throw new UsageError(
      `--${name} must be a duration such as 10s, 500ms, 2m or 1h; got "${value}"`,
    )
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? 's'] ?? 1000
  return Number(match[1]) * unit
}

const BYTE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kib: 1024,
  kb: 1000,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  mb: 1000 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  gb: 1000 ** 3,
}

/** `1048576`, `512KiB`, `4MiB`, `1GiB` (KB/MB/GB: powers of 1000) → bytes; at least `min`. */
export function byteSize(
  name: string,
  value: string | undefined,
  fallback: number,
  min = 1024,
): number {
  if (value === undefined) return fallback
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim())
  const unit = match ? BYTE_UNITS[(match[2] ?? '').toLowerCase()] : undefined
  const bytes = match && unit !== undefined ? Math.floor(Number(match[1]) * unit) : Number.NaN
  if (!Number.isFinite(bytes) || bytes < min)
    throw new UsageError(
      `--${name} must be a size of at least ${min} bytes such as 4MiB, 512KiB or 1048576; got "${value}"`,
    )
  return bytes
}

function oneOf<T extends string>(
  name: string,
  values: string[],
  allowed: readonly T[],
  normalise = (v: string) => v,
): T[] {
  return values.map((raw) => {
    const value = normalise(raw)
    if (!allowed.includes(value as T))
      throw new UsageError(`--${name}: unknown value "${raw}"; choose from ${allowed.join(', ')}`)
    return value as T
  })
}

export function dialects(value: string | string[] | undefined): Dialect[] {
  const list = listOf(value)
  if (list.length === 0) return [...DIALECTS]
  return [...new Set(oneOf('dialect', list, DIALECTS, (v) => v.toLowerCase()))]
}

export function levels(value: string | string[] | undefined): RuleLevel[] {
  return oneOf('level', listOf(value), RULE_LEVELS, (v) => v.toUpperCase())
}

export function profiles(value: string | string[] | undefined): RuleProfile[] {
  return oneOf('profile', listOf(value), RULE_PROFILES, (v) => v.toLowerCase())
}

/** An http(s) URL without a trailing slash. */
export function baseUrl(name: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new UsageError(`--${name} must be an http(s) URL, got "${value}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--${name} must be an http(s) URL, got "${url.protocol}"`)
  }
  return value.replace(/\/+$/, '')
}
