/**
 * Latency per operation (`GET /Users?filter`, `POST /Users`, …): the numbers the sizing scenario
 * prints and the report's `latency` section holds.
 *
 * @module
 */
import type { LatencyStats } from './model.ts'

/** The operation a request belongs to, with ids and query values removed. */
export function operationOf(method: string, path: string): string {
  const [pathname = '', query] = splitOnce(path, '?')
  const parts = pathname.split('/').filter((part) => part !== '')
  const resource = parts[0] ?? ''
  let shape = `/${resource}`
  if (parts.length > 1) shape += parts[1] === '.search' ? '/.search' : '/{id}'
  if (query !== undefined && /(?:^|&)filter=/.test(query)) shape += '?filter'
  return `${method.toUpperCase()} ${shape}`
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator)
  return index === -1 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)]
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] ?? 0
}

export function latencyStats(samples: readonly number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b)
  const round = (n: number) => Math.round(n * 100) / 100
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? 0),
  }
}

/** Collects durations by operation. */
export class LatencyRecorder {
  private readonly samples = new Map<string, number[]>()

  record(operation: string, durationMs: number): void {
    const list = this.samples.get(operation) ?? []
    list.push(durationMs)
    this.samples.set(operation, list)
  }

  stats(): Record<string, LatencyStats> {
    const out: Record<string, LatencyStats> = {}
    for (const name of [...this.samples.keys()].sort()) {
      out[name] = latencyStats(this.samples.get(name) ?? [])
    }
    return out
  }
}
