/**
 * What `csv agent` does, as ClearID's Local Agent does it: watch a folder and upload each new or
 * changed CSV file to a CSV configuration (here: the mock's upload endpoint), once the file has
 * stopped growing and while the configuration is active. Polls rather than relying on file-system
 * events, which differ between platforms and miss files on network shares.
 *
 * @module
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { readJsonObject } from '../model/read-response.ts'

export interface AgentSettings {
  readonly folder: string
  /** The mock's base URL. */
  readonly url: string
  readonly accountId: string
  readonly configurationId: string
  readonly adminToken: string
  readonly intervalMs: number
  /** Upload what is there and stop. */
  readonly once: boolean
  readonly fetch?: (request: Request) => Promise<Response>
  readonly signal?: AbortSignal
  readonly print: (line: string) => void
}

/** The mock refuses larger uploads (64 MiB); the agent says so without sending them. */
const UPLOAD_LIMIT = 64 * 1024 * 1024
/** Largest answer read from the mock (a configuration, a run's counts and errors). */
const ANSWER_BYTES = 4 * 1024 * 1024

export class AgentError extends Error {
  override readonly name = 'AgentError'
}

interface Seen {
  readonly version: string
  uploaded: boolean
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })

export async function runAgent(
  settings: AgentSettings,
): Promise<{ uploads: number; failed: number }> {
  const http = settings.fetch ?? ((request: Request) => fetch(request))
  const base = `${settings.url.replace(/\/+$/, '')}/_admin/accounts/${encodeURIComponent(settings.accountId)}/csv/configurations/${encodeURIComponent(settings.configurationId)}`
  const headers = { authorization: `Bearer ${settings.adminToken}` }
  const seen = new Map<string, Seen>()
  let uploads = 0
  let failed = 0
  let waitingShown = false

  const active = async (): Promise<boolean> => {
    let res: Response
    try {
      res = await http(new Request(base, { headers }))
    } catch (error) {
      throw new AgentError(
        `the mock at ${settings.url} did not answer: ${(error as Error).message}`,
      )
    }
    if (res.status === 401)
      throw new AgentError('the mock refused the admin token: set CLEARID_ADMIN_TOKEN.')
    if (res.status === 404)
      throw new AgentError(
        `no CSV configuration ${settings.configurationId} in account ${settings.accountId}.`,
      )
    const body = await readJsonObject(res, ANSWER_BYTES)
    if (!res.ok || body === undefined || body === 'too large')
      throw new AgentError(
        `the mock at ${settings.url} did not answer with the CSV configuration (HTTP ${res.status}): check the URL.`,
      )
    return body.active === true
  }

  /** False when the mock did not answer: the file is tried again at the next look. */
  const upload = async (name: string, path: string, size: number): Promise<boolean> => {
    if (size > UPLOAD_LIMIT) {
      failed++
      settings.print(
        `${name}: ${size} bytes is over the mock's upload limit (64 MiB): not uploaded; split the file.`,
      )
      return true
    }
    const bytes = await readFile(path)
    let res: Response
    try {
      res = await http(
        new Request(`${base}/uploads?fileName=${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'text/csv' },
          body: bytes,
        }),
      )
    } catch (error) {
      // The mock went away mid-watch: not a failed file, it is tried again at the next look.
      settings.print(
        `${name}: the mock at ${settings.url} did not answer (${(error as Error).message}): tried again next time.`,
      )
      return false
    }
    const read = await readJsonObject(res, ANSWER_BYTES)
    const body = (typeof read === 'object' ? read : {}) as {
      runId?: string
      counts?: Record<string, number>
      errors?: string[]
      detail?: string
    }
    uploads++
    if (!res.ok || !body.counts) {
      failed++
      settings.print(
        `${name}: upload failed (HTTP ${res.status}): ${body.errors?.[0] ?? body.detail ?? 'no detail'}`,
      )
      if (body.counts) settings.print(`  ${countsText(body.counts)}`)
      return true
    }
    settings.print(`${name}: ${countsText(body.counts)} (run ${body.runId})`)
    return true
  }

  for (;;) {
    const files = await csvFiles(settings.folder)
    const ready: { name: string; path: string; size: number }[] = []
    for (const file of files) {
      const known = seen.get(file.name)
      if (known?.version === file.version) {
        // Unchanged since the last poll: it stopped growing, so it is complete.
        if (!known.uploaded) ready.push(file)
        continue
      }
      seen.set(file.name, { version: file.version, uploaded: false })
      if (settings.once) ready.push(file)
    }
    if (ready.length > 0) {
      if (!(await active())) {
        if (settings.once)
          throw new AgentError(
            'the configuration is not active: activate it (POST …/activate) and run the agent again.',
          )
        if (!waitingShown)
          settings.print('The configuration is not active: waiting until it is (POST …/activate).')
        waitingShown = true
      } else {
        waitingShown = false
        for (const file of ready) {
          const answered = await upload(file.name, file.path, file.size)
          const entry = seen.get(file.name)
          if (entry) entry.uploaded = answered
        }
      }
    }
    if (settings.once || settings.signal?.aborted) break
    await sleep(settings.intervalMs, settings.signal)
    if (settings.signal?.aborted) break
  }
  return { uploads, failed }
}

function countsText(counts: Record<string, number>): string {
  return `${counts.rows ?? 0} rows: ${counts.created ?? 0} created, ${counts.updated ?? 0} updated, ${counts.unchanged ?? 0} unchanged, ${counts.failed ?? 0} failed`
}

async function csvFiles(
  folder: string,
): Promise<{ name: string; path: string; size: number; version: string }[]> {
  let names: string[]
  try {
    names = await readdir(folder)
  } catch (error) {
    throw new AgentError(
      `cannot read the folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    )
  }
  const out: { name: string; path: string; size: number; version: string }[] = []
  for (const name of names.filter((n) => /\.csv$/i.test(n)).sort()) {
    const path = join(folder, name)
    const info = await stat(path).catch(() => undefined)
    if (!info?.isFile()) continue
    out.push({ name, path, size: info.size, version: `${info.size}:${info.mtimeMs}` })
  }
  return out
}
