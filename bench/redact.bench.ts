/**
 * Redaction by value (`model/secret-values.ts`) against the way it worked before: one regular
 * expression alternating every form of every secret, compiled again after each new secret
 * (`Alternation` below, kept here as the baseline; the class also passed texts over when a table of
 * first characters said no secret could stand in them, and forgot secrets beyond 512). Two costs,
 * at 5, 50 and 500 secrets (a run, a long-running mock, a test worker that holds the credentials
 * of many mocks): redacting a kilobyte of a SCIM body, and adding the secrets with a redaction
 * after every ten. At 3,000 the baseline takes minutes to add them.
 *
 * @module
 */
import { secretForms, SecretValues } from '../model/secret-values.ts'

const MARK = '[REDACTED]'
const ROUNDS = 20_000
const COUNTS = [5, 50, 500] as const
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The baseline: every form of every secret in one alternation, longest first, as it was. */
class Alternation {
  readonly #values = new Set<string>()
  #pattern: RegExp | undefined

  add(value: string): void {
    this.#values.add(value)
    this.#pattern = undefined
  }

  redact(text: string): string {
    this.#pattern ??= new RegExp(
      [...this.#values]
        .flatMap(secretForms)
        .sort((a, b) => b.length - a.length)
        .map(escape)
        .join('|'),
      'g',
    )
    this.#pattern.lastIndex = 0
    return this.#pattern.test(text) ? text.replace(this.#pattern, MARK) : text
  }
}

/** A provisioning body of about a kilobyte: ids, names, an address, enterprise attributes. */
const BODY = JSON.stringify({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'f3b0c2de-5a41-4c8e-9d17-0b6e2a9c4f81',
  externalId: 'c9f1e6a4-1234-4a2b-9c3d-123456789abc',
  userName: 'ada.lovelace@contoso.example',
  name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
  emails: [{ value: 'ada.lovelace@contoso.example', type: 'work', primary: true }],
  addresses: [
    { streetAddress: '1 Main St', locality: 'Redmond', region: 'WA', postalCode: '98052' },
  ],
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
    employeeNumber: '4711',
    department: 'Engineering',
    manager: { value: '0b6e2a9c-4f81-4c8e-9d17-f3b0c2de5a41' },
  },
  active: true,
  title: 'Engineer',
  meta: { resourceType: 'User', created: '2026-12-05T07:00:00.000Z', version: 'W/"3"' },
})

interface Redactor {
  add(value: string): unknown
  redact(text: string): string
}

function measure(make: () => Redactor, count: number): { perKb: number; addMs: number } {
  const redactor = make()
  const started = performance.now()
  for (let i = 0; i < count; i += 1) {
    redactor.add(`${crypto.randomUUID()}-${i}`)
    if (i % 10 === 0) redactor.redact(BODY)
  }
  const addMs = performance.now() - started
  for (let i = 0; i < 2000; i += 1) redactor.redact(BODY)
  const timed = performance.now()
  for (let i = 0; i < ROUNDS; i += 1) redactor.redact(BODY)
  const perKb = ((performance.now() - timed) * 1000) / ROUNDS / (BODY.length / 1024)
  return { perKb, addMs }
}

export async function run(): Promise<void> {
  console.log(`\n## Redaction by value (a ${BODY.length}-character SCIM body)`)
  for (const count of COUNTS) {
    const alternation = measure(() => new Alternation(), count)
    const current = measure(() => new SecretValues(), count)
    console.log(
      `${String(count).padStart(5)} secrets: ${current.perKb.toFixed(1)} µs/KB against ${alternation.perKb.toFixed(1)} (${(current.perKb / alternation.perKb).toFixed(2)}×); ` +
        `adding them: ${current.addMs.toFixed(0)} ms against ${alternation.addMs.toFixed(0)} (${(current.addMs / alternation.addMs).toFixed(3)}×)`,
    )
  }
  await Promise.resolve()
}
