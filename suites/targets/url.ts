/**
 * Any SCIM base URL with a key: a real ClearID deployment, or the mock started elsewhere.
 *
 * @module
 */
import type { FetchLike } from '../../driver/http/types.ts'
import { registerSecret } from '../../model/secret-values.ts'
import type { Target } from './target.ts'

export interface UrlTargetOptions {
  readonly url: string
  readonly key: string
  readonly otherUrl?: string
  readonly otherKey?: string
  /** Default: the global `fetch`. */
  readonly fetch?: FetchLike
}

export function urlTarget(options: UrlTargetOptions): Target {
  // The keys enter the harness here: from now on every output redacts them, in every encoding.
  registerSecret(options.key)
  registerSecret(options.otherKey)
  const other =
    options.otherUrl !== undefined && options.otherKey !== undefined
      ? { baseUrl: options.otherUrl, key: options.otherKey }
      : undefined
  return {
    kind: 'url',
    description: 'SCIM endpoint over HTTP',
    main: { baseUrl: options.url, key: options.key },
    ...(other ? { other } : {}),
    fetch: options.fetch ?? ((request, init) => fetch(request, init)),
  }
}
