/**
 * Where `verify-client` gets its traffic from: a mock it starts itself (records arrive from the
 * traffic log, judged off the request path), or a running mock it attaches to (records are polled
 * from the control plane). Both look the same to the command.
 *
 * @module
 */
import { randomSecret } from '../../../mock-server/accounts/secrets.ts'
import { createApp } from '../../../mock-server/app.ts'
import { describeFault } from '../../../mock-server/faults/fault-rule.ts'
import { startServer } from '../../../mock-server/node/serve.ts'
import type { TrafficRecord } from '../../../mock-server/traffic/record.ts'
import { formatBytes, readBodyText, readJsonObject } from '../../../model/read-response.ts'
import { clientAudit } from '../../../verify/client-audit.ts'
import type { Settings } from './settings.ts'

/**
 * What the banner says after a generated key: it is printed this once, in full, for the operator to
 * give the client; the mock registers it as a secret in play, so every other line, report and
 * recorded session shows `[REDACTED]` in its place. docs/client-verification.md quotes it.
 */
export const GENERATED_KEY_NOTE =
  '(generated for this session; shown only here, [REDACTED] in every output)'

export type RecordListener = (record: TrafficRecord, history: readonly TrafficRecord[]) => void

export interface ClientSession {
  readonly tenantUrl: string
  /** What to tell the user at start: where to point the client, with which key. */
  readonly banner: readonly string[]
  records(): readonly TrafficRecord[]
  subscribe(listener: RecordListener): void
  stop(): Promise<void>
}

/** A start-up problem worth a clear message and exit code 2. */
export class StartupError extends Error {
  override readonly name = 'StartupError'
}

export async function startLocalSession(settings: Settings): Promise<ClientSession> {
  const key = settings.key ?? randomSecret()
  const app = createApp({
    accounts: [{ id: settings.account, scimKey: key, scimKeyName: 'verify-client' }],
    behaviour: settings.behaviour,
    traffic: { capacity: settings.capacity },
    adminToken: settings.adminToken ?? false,
    allowedHosts: settings.allowedHosts,
    trafficAudit: clientAudit,
  })
  const faults = settings.faults.map((rule) => app.mock.faults.add(rule, settings.account))
  const server = await startServer(app, settings.port, settings.host).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error)
    throw new StartupError(
      `cannot listen on ${settings.host}:${settings.port}: ${reason}. Choose another --port.`,
    )
  })
  const tenantUrl = `${server.url}/scim/v2/accounts/${settings.account}`
  const records = () => app.mock.traffic.records(settings.account)
  let unsubscribe = () => {}
  return {
    tenantUrl,
    banner: [
      `Mock ClearID listening on ${server.url}`,
      `  Tenant URL:    ${tenantUrl}`,
      // Shown once so the operator can configure the client; never printed again or recorded.
      `  Secret Token:  ${settings.key === undefined ? `${key}  ${GENERATED_KEY_NOTE}` : '(the key you gave)'}`,
      ...faults.map((f) => `  Fault ${f.id}:      ${f.description}`),
    ],
    records,
    subscribe(listener) {
      unsubscribe = app.mock.traffic.subscribe((record) => {
        // Judge after the response is on its way, not inside the client's request.
        setImmediate(() => {
          // Records are read afresh from the log (new objects): the history is what came before
          // this one by sequence number, never the record itself.
          listener(
            record,
            records().filter((earlier) => earlier.seq < record.seq),
          )
        })
      })
    },
    async stop() {
      unsubscribe()
      await server.close()
      await new Promise((resolve) => setImmediate(resolve))
    },
  }
}

type FetchLike = (request: Request) => Promise<Response>

interface TrafficPage {
  readonly lastSeq: number
  readonly records: TrafficRecord[]
}

export async function startAttachSession(
  settings: Settings,
  fetch: FetchLike,
): Promise<ClientSession> {
  const admin = `${settings.attach}/_admin/accounts/${encodeURIComponent(settings.account)}`
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const headers: Record<string, string> = { Authorization: `Bearer ${settings.adminToken ?? ''}` }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const init: RequestInit = {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    }
    return fetch(new Request(`${admin}${path}`, init))
  }
  const first = await readPage(call, 0)
  const faultIds = await addFaults(call, settings)
  return new AttachedSession(settings, call, first.lastSeq, faultIds)
}

type Call = (method: string, path: string, body?: unknown) => Promise<Response>

async function readPage(call: Call, since: number): Promise<TrafficPage> {
  let response: Response
  try {
    response = await call('GET', `/traffic?since=${since}`)
  } catch (error) {
    throw new StartupError(
      `cannot reach the mock's control plane: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  if (response.status === 401)
    throw new StartupError('the control plane refused the admin token (401)')
  if (response.status === 404)
    throw new StartupError(
      'the account does not exist on that mock, or its control plane is off (404)',
    )
  if (!response.ok)
    throw new StartupError(`the control plane answered ${response.status} to GET /traffic`)
  const page = await readJsonObject(response, PAGE_BYTES)
  if (page === 'too large')
    throw new StartupError(
      `the control plane answered GET /traffic with more than ${formatBytes(PAGE_BYTES)}: is --attach the mock?`,
    )
  if (page === undefined || typeof page.lastSeq !== 'number' || !Array.isArray(page.records))
    throw new StartupError('the control plane did not answer GET /traffic with a traffic page')
  return page as unknown as TrafficPage
}

/** A page holds at most the log's 1,000 exchanges with bodies of 16,384 characters each way. */
const PAGE_BYTES = 256 * 1024 * 1024

async function addFaults(call: Call, settings: Settings): Promise<string[]> {
  if (settings.faultTexts.length === 0) return []
  const response = await call(
    'POST',
    '/faults',
    settings.faultTexts.map((text) => ({ text })),
  )
  const answer = await readBodyText(response, FAULTS_BYTES)
  if (response.status !== 201)
    throw new StartupError(
      `the mock refused the faults (${response.status}): ${answer.text.slice(0, 300)}`,
    )
  const faults = parsedFaults(answer.overLimit ? '' : answer.text)
  if (!faults) throw new StartupError('the mock did not answer POST /faults with its faults')
  return faults
}

const FAULTS_BYTES = 1024 * 1024

function parsedFaults(text: string): string[] | undefined {
  try {
    const { faults } = JSON.parse(text) as { faults?: { id?: unknown }[] }
    if (!Array.isArray(faults)) return undefined
    return faults.map((fault) => String(fault.id))
  } catch {
    return undefined
  }
}

const POLL_MS = 300

class AttachedSession implements ClientSession {
  readonly tenantUrl: string
  readonly banner: readonly string[]
  readonly #records: TrafficRecord[] = []
  readonly #listeners: RecordListener[] = []
  #lastSeq: number
  #timer: ReturnType<typeof setInterval> | undefined
  #polling: Promise<void> = Promise.resolve()

  constructor(
    readonly settings: Settings,
    private readonly call: Call,
    lastSeq: number,
    private readonly faultIds: readonly string[],
  ) {
    this.#lastSeq = lastSeq
    this.tenantUrl = `${settings.attach}/scim/v2/accounts/${settings.account}`
    this.banner = [
      `Attached to the mock ClearID at ${settings.attach} (account ${settings.account})`,
      `  Tenant URL:    ${this.tenantUrl}`,
      '  Secret Token:  the account key configured on that mock',
      ...settings.faults.map(
        (rule, i) => `  Fault ${faultIds[i] ?? '?'}:      ${describeFault(rule)}`,
      ),
    ]
    this.#timer = setInterval(() => {
      this.#polling = this.#polling.then(() => this.#poll())
    }, POLL_MS)
  }

  records(): readonly TrafficRecord[] {
    return this.#records
  }

  subscribe(listener: RecordListener): void {
    this.#listeners.push(listener)
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer)
    await this.#polling
    await this.#poll()
    for (const id of this.faultIds)
      await this.call('DELETE', `/faults/${id}`).catch(() => undefined)
  }

  async #poll(): Promise<void> {
    const page = await readPage(this.call, this.#lastSeq).catch(() => undefined)
    if (!page) return
    for (const record of page.records) {
      if (record.seq <= this.#lastSeq) continue
      const history = [...this.#records]
      this.#records.push(record)
      this.#lastSeq = record.seq
      if (this.#records.length > this.settings.capacity) this.#records.shift()
      for (const listener of this.#listeners) listener(record, history)
    }
  }
}
