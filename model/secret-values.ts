/**
 * Redaction by value: the secrets in play (SCIM keys, client secrets, access tokens, the admin
 * token) are removed wherever their text appears, whatever a field is called and however a hostile
 * server or client wrapped them. Name- and pattern-based redaction (`redact.ts`) misses a key that
 * a server echoes in an error `detail` or a client puts in a path or an `X-Debug` header; this does
 * not, because it looks for the values themselves, in the forms they travel in: as sent,
 * percent-encoded, JSON-escaped and inside base64 (a `Basic` credential, base64url in a JWT).
 *
 * @module
 */

/** What replaces a secret; the same marker as `redact.ts`. */
const MARK = '[REDACTED]'

/**
 * Shorter secrets are matched only as whole tokens (not inside longer words), so a short test key
 * such as `secret` does not blank every "client secret" in a message; longer ones are matched
 * anywhere.
 */
const MIN_SUBSTRING_LENGTH = 8
/**
 * The most values kept besides the held ones (`hold`); the oldest are forgotten first. A process
 * that runs the harness again and again registers a few dozen secrets a run, and the pattern of
 * every form of every one of them is what each redaction is measured against.
 */
const CAPACITY = 512

/**
 * Signed tokens (JWTs, such as the access tokens a token service issues) are found by their shape,
 * not one by one: a service issues many, each a few hundred characters long, and a pattern that
 * listed each of them made every redaction (the traffic recorder runs one per exchange) about 20
 * times dearer with 20 tokens than with none. Their characters need no percent- or JSON-escaping,
 * so the shape finds them in those forms too; `Basic` credentials are left to `redact.ts`.
 */
const JWT = /^eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*$/
const JWT_SHAPE = 'eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*'

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function bytesOf(text: string): number[] {
  return [...new TextEncoder().encode(text)]
}

function base64Of(bytes: readonly number[]): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/=+$/, '')
}

/**
 * The base64 text that stands for `secret` wherever it sits in a longer encoded value: for each of
 * the three byte alignments, the characters whose six bits all come from the secret.
 */
function base64Forms(secret: string): string[] {
  const bytes = bytesOf(secret)
  const forms: string[] = []
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = base64Of([...new Array<number>(offset).fill(0), ...bytes])
    const first = Math.ceil((8 * offset) / 6)
    const last = Math.floor((8 * (offset + bytes.length) - 6) / 6)
    const stable = encoded.slice(first, last + 1)
    // Too short a fragment would match unrelated base64; the secret's own length guards it.
    if (stable.length >= 8) forms.push(stable, stable.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  return forms
}

/** Every text form a secret travels in, longest first. */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret])
  forms.add(encodeURIComponent(secret))
  forms.add(encodeURIComponent(secret).replace(/%20/g, '+'))
  // A path as routers read it: decoded, except the characters `decodeURI` leaves encoded.
  forms.add(decodeURI(encodeURIComponent(secret)))
  forms.add(JSON.stringify(secret).slice(1, -1))
  if (secret.length >= MIN_SUBSTRING_LENGTH) for (const form of base64Forms(secret)) forms.add(form)
  return [...forms].filter((form) => form !== '').sort((a, b) => b.length - a.length)
}

/** The two UTF-16 code units of `text` at `at`, as one number. */
function pairOf(text: string, at: number): number {
  return text.charCodeAt(at) * 0x10000 + text.charCodeAt(at + 1)
}

export class SecretValues {
  readonly #values = new Map<string, true>()
  /** Values never forgotten: the credentials the mock holds (`hold`). */
  readonly #held = new Set<string>()
  /** A JWT was added: every JWT-shaped text is redacted. */
  #tokens = false
  #pattern: RegExp | undefined
  /** The first `MIN_SUBSTRING_LENGTH` characters of every long form (`#mayHold`). */
  #heads = new Set<string>()
  /** Their first two characters, as one number: most places of a text are passed on this alone. */
  #pairs = new Set<number>()
  /** The short forms alone, as whole tokens; undefined when there is none. */
  #short: RegExp | undefined

  /** Remembers a secret; empty or whitespace-only values are ignored. Returns the value. */
  add(value: string | undefined): string | undefined {
    return this.#remember(value, false)
  }

  /**
   * Remembers a secret that is never forgotten: a credential the mock holds (its admin token, an
   * account's SCIM key, a client secret, a webhook's app key). Forgetting the oldest values first
   * forgot exactly these, the first ones a long-running mock registers, once a few dozen harness
   * runs had registered their own: from then on a client that put one where no name-based
   * redaction looks (a body, a path) had it shown in the traffic log. Their number follows what the
   * mock keeps anyway (accounts, integrations, webhooks).
   */
  hold(value: string | undefined): string | undefined {
    return this.#remember(value, true)
  }

  #remember(value: string | undefined, held: boolean): string | undefined {
    if (value === undefined || value.trim() === '' || value === MARK) return value
    if (JWT.test(value)) {
      if (!this.#tokens) this.#pattern = undefined
      this.#tokens = true
      return value
    }
    if (held) this.#held.add(value)
    if (this.#values.has(value)) return value
    this.#values.set(value, true)
    if (this.#values.size - this.#held.size > CAPACITY) this.#forgetOldest()
    this.#pattern = undefined
    return value
  }

  #forgetOldest(): void {
    for (const value of this.#values.keys()) {
      if (this.#held.has(value)) continue
      this.#values.delete(value)
      return
    }
  }

  /** Secrets remembered one by one, held ones included (JWTs, found by their shape, are not). */
  get size(): number {
    return this.#values.size
  }

  /** `text` with every form of every known secret replaced by `[REDACTED]`. */
  redact(text: string): string {
    if ((this.#values.size === 0 && !this.#tokens) || text.length === 0) return text
    const pattern = this.#compiled()
    if (!this.#mayHold(text)) return text
    pattern.lastIndex = 0
    return pattern.test(text) ? text.replace(pattern, MARK) : text
  }

  /**
   * False when `text` cannot hold any form: no window of it starts a long form, nothing in it
   * looks like a JWT, and no short form stands in it. The one pattern alternates every form of
   * every secret (hundreds, some a private key's length), and trying each of them at each place
   * of every recorded body made redaction the larger part of a run once a process had seen a few
   * key rotations; this look-up costs one set probe per character, and most texts hold no secret.
   */
  #mayHold(text: string): boolean {
    if (this.#tokens && text.includes('eyJ')) return true
    if (this.#short) {
      this.#short.lastIndex = 0
      if (this.#short.test(text)) return true
    }
    const heads = this.#heads
    const pairs = this.#pairs
    if (heads.size === 0) return false
    for (let i = 0; i + MIN_SUBSTRING_LENGTH <= text.length; i += 1)
      if (pairs.has(pairOf(text, i)) && heads.has(text.slice(i, i + MIN_SUBSTRING_LENGTH)))
        return true
    return false
  }

  /** A deep copy of a JSON-like value with `redact` applied to every string, keys included. */
  redactDeep(value: unknown): unknown {
    if (this.#values.size === 0 && !this.#tokens) return value
    if (typeof value === 'string') return this.redact(value)
    if (Array.isArray(value)) return value.map((item) => this.redactDeep(item))
    if (value === null || typeof value !== 'object') return value
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      out[this.redact(key)] = this.redactDeep(item)
    }
    return out
  }

  #compiled(): RegExp {
    if (this.#pattern) return this.#pattern
    const long: string[] = []
    const short: string[] = []
    const heads: string[] = []
    for (const secret of this.#values.keys()) {
      for (const form of secretForms(secret)) {
        if (form.length >= MIN_SUBSTRING_LENGTH) {
          long.push(escapeRegExp(form))
          heads.push(form.slice(0, MIN_SUBSTRING_LENGTH))
        } else short.push(escapeRegExp(form))
      }
    }
    long.sort((a, b) => b.length - a.length)
    short.sort((a, b) => b.length - a.length)
    const shortPart =
      short.length > 0 ? `(?<![A-Za-z0-9])(?:${short.join('|')})(?![A-Za-z0-9])` : undefined
    const parts = [
      ...(long.length > 0 ? [long.join('|')] : []),
      ...(this.#tokens ? [JWT_SHAPE] : []),
      ...(shortPart ? [shortPart] : []),
    ]
    this.#heads = new Set(heads)
    this.#pairs = new Set(heads.map((head) => pairOf(head, 0)))
    this.#short = shortPart ? new RegExp(shortPart, 'g') : undefined
    this.#pattern = new RegExp(parts.join('|'), 'g')
    return this.#pattern
  }
}

/**
 * The secrets in play in this process: every key, client secret and token the toolkit sends,
 * issues or is given is added here, and every redactor (`redact.ts`) applies them. One set for the
 * process because an output path (a renderer, a log line, an error message) cannot know which run
 * or app a string came from; a secret is never harmed by being redacted twice.
 */
export const SECRETS_IN_PLAY = new SecretValues()

/** Adds a secret to the process-wide set; returns it, so a call can wrap an assignment. */
export function registerSecret<T extends string | undefined>(value: T): T {
  SECRETS_IN_PLAY.add(value)
  return value
}

/** The same for a credential the mock holds: never forgotten (`SecretValues.hold`). */
export function holdSecret<T extends string | undefined>(value: T): T {
  SECRETS_IN_PLAY.hold(value)
  return value
}

/**
 * What of a private key is a secret: the whole PEM and each of its lines, so an output that quotes
 * part of it (a server or client that echoes a line) is redacted too.
 */
export function privateKeyParts(pem: string): string[] {
  const lines = pem.split(/\r?\n/).filter((line) => !line.startsWith('-----') && line.length >= 16)
  return [pem, ...lines]
}
