/**
 * Where the REST-side components (`components.ts`) plug into the app: a middleware in front of the
 * emulated REST services and the control plane, and a wrap around the fetch webhook callbacks use.
 * Each is made once, when the app is created; a component nobody passes adds nothing.
 *
 * @module
 */
import type { Hono } from 'hono'
import type { AppComponents } from './components.ts'
import type { MockContext } from './context.ts'
import type { AppOptions } from './options.ts'

/** The mounts `restMiddleware` stands in front of. */
export const REST_COMPONENT_MOUNTS = [
  '/sts/*',
  '/identityservice/*',
  '/searchservice/*',
  '/_admin/*',
] as const

export function installRestComponent(
  app: Hono,
  ctx: MockContext,
  components: AppComponents | undefined,
): void {
  const make = components?.restMiddleware
  if (make === undefined) return
  const middleware = make(ctx)
  for (const mount of REST_COMPONENT_MOUNTS) app.use(mount, middleware)
}

/** `options` with its webhook fetch wrapped by the `webhookFetch` component, when there is one. */
export function withWebhookComponent(options: AppOptions): AppOptions {
  const wrap = options.components?.webhookFetch
  if (wrap === undefined) return options
  const own = options.webhookFetch ?? ((url: string, init: RequestInit) => fetch(url, init))
  return { ...options, webhookFetch: wrap(own) }
}
