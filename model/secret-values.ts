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

/** No lone surrogate (`String.prototype.isWellFormed`, which the ES2023 library does not type). */
function wellFormed(text: string): boolean {
  return !/\p{Surrogate}/u.test(text)
}

/** Every text form a secret travels in, longest first. */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret])
  // A lone surrogate has no UTF-8: no percent-encoded form (encodeURIComponent throws on it).
  const encoded = wellFormed(secret) ? encodeURIComponent(secret) : undefined
  if (encoded !== undefined) {
    forms.add(encoded)
    forms.add(encoded.replace(/%20/g, '+'))
    // A path as routers read it: decoded, except the characters `decodeURI` leaves encoded.
    forms.add(decodeURI(encoded))
  }
  forms.add(JSON.stringify(secret).slice(1, -1))
  if (secret.length >= MIN_SUBSTRING_LENGTH) for (const form of base64Forms(secret)) forms.add(form)
  return [...forms].filter((form) => form !== '').sort((a, b) => b.length - a.length)
}

/**
 * Two slots of a place of a text, for the two tables a head is looked for in before the head
 * itself (`SlotTable`): the low seven bits of its first two UTF-16 units, read per character; and
 * a hash of its first six, read where the first matches. Keys of hexadecimal characters give only
 * 256 pairs, which the ids in every SCIM body hit all the time; six characters tell them apart.
 * NaN past the end counts as 0.
 */
function pairSlot(text: string, at: number): number {
  return ((text.charCodeAt(at) & 0x7f) << 7) | (text.charCodeAt(at + 1) & 0x7f)
}

function wideSlot(text: string, at: number): number {
  let hash = 0x811c9dc5
  for (let k = 0; k < 6; k += 1) hash = Math.imul(hash ^ text.charCodeAt(at + k), 0x01000193)
  return hash >>> 16
}

/** A set of slots that can be counted into and out of; `bits` is what a search reads. */
class SlotTable {
  readonly #counts: Uint32Array
  /** One bit a slot, set while its count is above 0: small enough to stay in the fastest cache. */
  readonly bits: Uint8Array

  constructor(slots: number) {
    this.#counts = new Uint32Array(slots)
    this.bits = new Uint8Array(slots >>> 3)
  }

  count(slot: number, change: 1 | -1): void {
    const count = (this.#counts[slot]! += change)
    if (count === 0) this.bits[slot >>> 3]! &= ~(1 << (slot & 7))
    else this.bits[slot >>> 3]! |= 1 << (slot & 7)
  }

  has(slot: number): boolean {
    return (this.bits[slot >>> 3]! & (1 << (slot & 7))) !== 0
  }
}

/** A JWT's shape, tried at one place of a text. */
const JWT_AT = new RegExp(JWT_SHAPE, 'y')

/** Whether the UTF-16 unit is an ASCII letter or digit (NaN, outside the text, is not). */
function isWordUnit(unit: number): boolean {
  return (unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122)
}

/** Longest first, so that the longest form at a place wins, as an alternation sorted so would. */
function insertByLength(list: string[], form: string): void {
  let at = 0
  while (at < list.length && list[at]!.length >= form.length) at += 1
  list.splice(at, 0, form)
}

/**
 * The secrets to find, each in every form it travels in (`secretForms`), found in one pass over a
 * text. Every place of the text is tried against the forms that start with its first characters
 * (a map of the forms by their first `MIN_SUBSTRING_LENGTH` characters, passed over at most places
 * on bit tables of their first characters alone, `SlotTable`), then against a JWT's shape, then against the
 * short forms as whole tokens; the longest form that stands there is replaced and the search goes
 * on after it.
 *
 * Why not one regular expression of every form: adding a secret meant compiling it again, every
 * form of every secret alternated (a private key's lines, base64 at three alignments), and a
 * process that keeps thousands of secrets (a test worker running the catalogue a hundred times)
 * spent more time compiling than redacting. Here adding or forgetting a secret touches its own
 * forms only, and a redaction costs about two array reads per character whatever the number of
 * secrets.
 */
export class SecretValues {
  /** Every value remembered, oldest first, with its forms. */
  readonly #values = new Map<string, readonly string[]>()
  /** Values never forgotten while held: the credentials the mock holds (`hold`), how many times. */
  readonly #held = new Map<string, number>()
  /** A JWT was added: every JWT-shaped text is redacted. */
  #tokens = false
  #version = 0
  /** How many remembered values give each form (two values may share one). */
  readonly #formCount = new Map<string, number>()
  /** The long forms by their first `MIN_SUBSTRING_LENGTH` characters, longest first. */
  readonly #byHead = new Map<string, string[]>()
  /** The heads' slots (`pairSlot`, `wideSlot`). */
  readonly #pairSlots = new SlotTable(0x4000)
  readonly #wideSlots = new SlotTable(0x10000)
  /** The short forms, longest first: found only as whole tokens. */
  readonly #short: string[] = []
  /** How many short forms start with each low byte of a first character. */
  readonly #shortFirsts = new Uint32Array(0x100)

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

  /**
   * The mock dropped a credential it held (a key replaced, an integration or webhook deleted): once
   * no holder is left, the value is forgotten like any other, oldest first, so rotations do not
   * grow the set for the life of the process.
   */
  release(value: string): void {
    const count = this.#held.get(value)
    if (count === undefined) return
    if (count > 1) {
      this.#held.set(value, count - 1)
      return
    }
    this.#held.delete(value)
    if (this.#values.size - this.#held.size > CAPACITY) this.#forgetOldest()
  }

  #remember(value: string | undefined, held: boolean): string | undefined {
    if (value === undefined || value.trim() === '' || value === MARK) return value
    if (JWT.test(value)) {
      if (!this.#tokens) this.#version += 1
      this.#tokens = true
      return value
    }
    const known = this.#values.has(value)
    const forms = known ? undefined : secretForms(value)
    if (held) this.#held.set(value, (this.#held.get(value) ?? 0) + 1)
    if (forms === undefined) return value
    this.#values.set(value, forms)
    this.#version += 1
    for (const form of forms) this.#count(form, 1)
    if (this.#values.size - this.#held.size > CAPACITY) this.#forgetOldest()
    return value
  }

  #forgetOldest(): void {
    for (const [value, forms] of this.#values) {
      if (this.#held.has(value)) continue
      this.#values.delete(value)
      for (const form of forms) this.#count(form, -1)
      return
    }
  }

  /** Counts a form in (+1) or out (-1); the look-ups change when its count leaves or reaches 0. */
  #count(form: string, change: 1 | -1): void {
    const count = (this.#formCount.get(form) ?? 0) + change
    if (count > 0) this.#formCount.set(form, count)
    else this.#formCount.delete(form)
    if (count !== (change > 0 ? 1 : 0)) return
    if (form.length < MIN_SUBSTRING_LENGTH) {
      if (change > 0) insertByLength(this.#short, form)
      else this.#short.splice(this.#short.indexOf(form), 1)
      this.#shortFirsts[form.charCodeAt(0) & 0xff]! += change
      return
    }
    const head = form.slice(0, MIN_SUBSTRING_LENGTH)
    let list = this.#byHead.get(head)
    if (change > 0) {
      if (!list) {
        this.#byHead.set(head, (list = []))
        this.#pairSlots.count(pairSlot(head, 0), 1)
        this.#wideSlots.count(wideSlot(head, 0), 1)
      }
      insertByLength(list, form)
      return
    }
    list!.splice(list!.indexOf(form), 1)
    if (list!.length > 0) return
    this.#byHead.delete(head)
    this.#pairSlots.count(pairSlot(head, 0), -1)
    this.#wideSlots.count(wideSlot(head, 0), -1)
  }

  /**
   * Grows whenever a text could be redacted differently than before (a new secret, the first JWT):
   * a reader that keeps redacted texts (`traffic/traffic-log.ts`) redacts again after a change.
   */
  get version(): number {
    return this.#version
  }

  /** Secrets remembered one by one, held ones included (JWTs, found by their shape, are not). */
  get size(): number {
    return this.#values.size
  }

  /** `text` with every form of every known secret replaced by `[REDACTED]`. */
  redact(text: string): string {
    if ((this.#values.size === 0 && !this.#tokens) || text.length === 0) return text
    let out = ''
    let copiedTo = 0
    let jwtAt = this.#tokens ? text.indexOf('eyJ') : -1
    let at = 0
    for (;;) {
      // The next "eyJ" once the search has passed the one before.
      if (jwtAt >= 0 && jwtAt < at) jwtAt = text.indexOf('eyJ', at)
      at = this.#nextPlace(text, at, jwtAt)
      if (at < 0) break
      const end = this.#formEnd(text, at)
      if (end < 0) {
        at += 1
        continue
      }
      out += text.slice(copiedTo, at) + MARK
      copiedTo = at = end
    }
    return copiedTo === 0 ? text : out + text.slice(copiedTo)
  }

  /**
   * The first place from `from` on where a form could stand: both slots of its first characters
   * hold a long form's head, or its first character could start a short form, or it
   * is `jwtAt` (where "eyJ" stands next, or -1). This loop is most of what a redaction costs (most
   * texts hold no secret), so it reads two small arrays per character and nothing else.
   */
  #nextPlace(text: string, from: number, jwtAt: number): number {
    const pairBits = this.#pairSlots.bits
    const shortFirsts = this.#shortFirsts
    let unit = text.charCodeAt(from) & 0x7f
    for (let at = from; at < text.length; at += 1) {
      if (at === jwtAt) return at
      // `pairSlot(text, at)`, rolled along: each character is read once.
      const next = text.charCodeAt(at + 1) & 0x7f
      const slot = (unit << 7) | next
      if (
        (pairBits[slot >>> 3]! & (1 << (slot & 7))) !== 0 &&
        this.#wideSlots.has(wideSlot(text, at))
      )
        return at
      if (shortFirsts[text.charCodeAt(at) & 0xff] !== 0) return at
      unit = next
    }
    return -1
  }

  /** Where the longest form standing at `at` ends; -1 when none does. */
  #formEnd(text: string, at: number): number {
    if (at + MIN_SUBSTRING_LENGTH <= text.length) {
      const forms = this.#byHead.get(text.slice(at, at + MIN_SUBSTRING_LENGTH))
      if (forms) for (const form of forms) if (text.startsWith(form, at)) return at + form.length
    }
    if (this.#tokens && text.startsWith('eyJ', at)) {
      JWT_AT.lastIndex = at
      const token = JWT_AT.exec(text)
      if (token) return at + token[0].length
    }
    if (this.#short.length > 0 && !isWordUnit(text.charCodeAt(at - 1))) {
      for (const form of this.#short) {
        if (text.startsWith(form, at) && !isWordUnit(text.charCodeAt(at + form.length)))
          return at + form.length
      }
    }
    return -1
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

/** The same for a credential the mock holds: never forgotten while held (`SecretValues.hold`). */
export function holdSecret<T extends string | undefined>(value: T): T {
  SECRETS_IN_PLAY.hold(value)
  return value
}

/** The mock no longer holds the credential (`SecretValues.release`). */
export function releaseSecret(value: string | undefined): void {
  if (value !== undefined) SECRETS_IN_PLAY.release(value)
}

/**
 * What of a private key is a secret: the whole PEM and each of its lines, so an output that quotes
 * part of it (a server or client that echoes a line) is redacted too.
 */
export function privateKeyParts(pem: string): string[] {
  const lines = pem.split(/\r?\n/).filter((line) => !line.startsWith('-----') && line.length >= 16)
  return [pem, ...lines]
}
