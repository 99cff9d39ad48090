/**
 * The hosts the mock answers to, checked on the URL of every request before anything else.
 *
 * Why: a page on `attacker.example` whose DNS name rebinds to 127.0.0.1 reaches a local mock with
 * the browser's blessing, and with the development admin token could drive the control plane; the
 * request's host is also copied into `Location` and `meta.location`. So the mock answers only to
 * loopback names (`localhost`, `*.localhost`, 127.0.0.0/8, `[::1]`), to the host of `publicBaseUrl`
 * and to the hosts a caller lists (`allowedHosts`); anything else gets 421 naming the option. The
 * in-process entries (msw handlers, the fetch handler, the harness's in-process target) add the
 * origin they serve.
 *
 * The check reads `request.url`, whose host is the `Host` header under the Node adapter (or the
 * request line's absolute URL), and remembers the last allowed `scheme://host` text, so a steady
 * stream of requests costs one `startsWith` each.
 *
 * @module
 */
import { Hono } from 'hono'
import { ApiError } from '../errors/api-error.ts'
import { renderError } from '../errors/render-error.ts'

export interface AllowedHostsOptions {
  /** `createApp`'s `publicBaseUrl`: its host is allowed. */
  readonly publicBaseUrl?: string | undefined
  /**
   * Host names to answer to besides loopback names and the host of `publicBaseUrl`: `clearid.test`,
   * `.example.com` (that domain and every subdomain), an IP address, or a URL (its host is taken).
   * `true` answers to any host (no protection against DNS rebinding).
   */
  readonly allowedHosts?: readonly string[] | true | undefined
}

const SLASH = 0x2f

export class AllowedHosts {
  readonly #any: boolean
  readonly #names = new Set<string>()
  readonly #suffixes: string[] = []
  #lastAllowed = ''

  constructor(options: AllowedHostsOptions = {}) {
    this.#any = options.allowedHosts === true
    if (options.allowedHosts !== true)
      for (const entry of options.allowedHosts ?? []) this.allow(entry)
    const publicHost =
      options.publicBaseUrl === undefined ? undefined : urlHost(options.publicBaseUrl)
    if (publicHost !== undefined) this.#names.add(publicHost)
  }

  /** Answers to `entry` from now on (a host name, `.domain`, an IP address or a URL). */
  allow(entry: string): void {
    const text = entry.trim().toLowerCase()
    if (text.startsWith('.') && text.length > 1) {
      this.#suffixes.push(text)
      return
    }
    const host = text.includes('://') ? urlHost(text) : urlHost(`http://${bracketed(text)}`)
    if (host === undefined || host === '') {
      throw new TypeError(
        `allowedHosts: "${entry.slice(0, 100)}" is not a host name, IP address or URL (for example "clearid.test" or ".example.com").`,
      )
    }
    this.#names.add(host)
  }

  /** Whether every host is allowed (`allowedHosts: true`): then nothing is checked. */
  get any(): boolean {
    return this.#any
  }

  /** Whether the mock answers a request for `url`. */
  allows(url: string): boolean {
    if (this.#any) return true
    const last = this.#lastAllowed
    if (last !== '' && url.startsWith(last) && url.charCodeAt(last.length) === SLASH) return true
    const start = url.indexOf('://') + 3
    let end = url.indexOf('/', start)
    if (end === -1) end = url.length
    if (!this.#allowsHost(hostnameOf(url.slice(start, end)))) return false
    this.#lastAllowed = url.slice(0, end)
    return true
  }

  #allowsHost(host: string): boolean {
    if (isLoopbackName(host) || this.#names.has(host)) return true
    return this.#suffixes.some((suffix) => host.endsWith(suffix) || host === suffix.slice(1))
  }
}

/**
 * Puts the check in front of `app.fetch` (and so of `app.request`): a request for a host the mock
 * does not answer to gets 421 in the error format of the surface it addressed, and goes no further.
 */
export function guardHosts(app: Hono, hosts: AllowedHosts): void {
  if (hosts.any) return
  const dispatch = app.fetch
  const refusals = new Hono()
  refusals.all('*', (c) => renderError(c, misdirected(new URL(c.req.url).host)))
  app.fetch = (request, env, executionCtx) =>
    hosts.allows(request.url)
      ? dispatch(request, env, executionCtx)
      : refusals.fetch(request, env, executionCtx)
}

function misdirected(host: string): ApiError {
  const shown = host.slice(0, 100)
  return new ApiError(
    421,
    `This mock does not answer to the host "${shown}" (a guard against DNS rebinding). It answers to loopback names (localhost, 127.0.0.1, [::1]), to the host of its publicBaseUrl and to the hosts in its allowedHosts option: add "${shown}" to allowedHosts (CLEARID_ALLOWED_HOSTS for npm start and serve), or set publicBaseUrl (CLEARID_PUBLIC_URL).`,
  )
}

/** `localhost`, `*.localhost` (RFC 6761 §6.3), 127.0.0.0/8 and `[::1]`, as URLs normalise them. */
export function isLoopbackName(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  )
}

/** The host name of an authority (`user@host:port`), lower case, IPv6 in brackets. */
function hostnameOf(authority: string): string {
  const at = authority.lastIndexOf('@')
  const hostPort = at === -1 ? authority : authority.slice(at + 1)
  if (hostPort.startsWith('[')) return hostPort.slice(0, hostPort.indexOf(']') + 1).toLowerCase()
  const colon = hostPort.indexOf(':')
  return (colon === -1 ? hostPort : hostPort.slice(0, colon)).toLowerCase()
}

function urlHost(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return undefined
  }
}

/** A bare IPv6 address (`::1`) in brackets, so it reads as a URL host. */
function bracketed(text: string): string {
  return text.indexOf(':') !== text.lastIndexOf(':') && !text.startsWith('[') ? `[${text}]` : text
}
