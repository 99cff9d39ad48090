/**
 * Which target a command talks to. `--target URL --key KEY` (or `CLEARID_SCIM_KEY`) names a SCIM
 * endpoint, `--other-account-url/--other-account-key` a second account; `--rest-target URL` with
 * `--client-id` and `--client-secret` (or `CLEARID_CLIENT_SECRET`) or `--key-file` names ClearID's
 * REST API. Without either, the in-process mock. Secrets are taken from the environment by
 * preference and never printed.
 *
 * @module
 */
import { readFile } from 'node:fs/promises'
import { parseKeyFile, type KeyFile } from '../driver/rest/key-file.ts'
import { accountOfClientId } from '../driver/rest/rest-endpoints.ts'
import { registerSecret } from '../model/secret-values.ts'
import type { Target } from '../suites/targets/target.ts'
import { inProcessTarget } from '../suites/targets/in-process.ts'
import { urlTarget, type RestUrlOptions } from '../suites/targets/url.ts'
import { startWebhookReceiver, type RunningReceiver } from '../suites/targets/webhook-receiver.ts'
import { UsageError, type CliIo } from './io.ts'
import { baseUrl, type OptionsConfig } from './parse.ts'

export const TARGET_OPTIONS = {
  target: { type: 'string' },
  key: { type: 'string' },
  'other-account-url': { type: 'string' },
  'other-account-key': { type: 'string' },
  'rest-target': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'key-file': { type: 'string' },
  'account-id': { type: 'string' },
  'admin-token': { type: 'string' },
  'webhook-listen': { type: 'string' },
  'webhook-url': { type: 'string' },
} as const satisfies OptionsConfig

export const TARGET_HELP = `Target (default: the mock, in-process, no port; SCIM and REST rules):
  --target URL               SCIM base URL of a deployment
  --key KEY                  its SCIM key (prefer the environment variable CLEARID_SCIM_KEY)
  --other-account-url URL    a second account's SCIM base, for the cross-account check
  --other-account-key KEY    its key (or CLEARID_OTHER_SCIM_KEY)
  --rest-target URL          ClearID's REST API: https://{service}-demo.clearid.io (one host per
                             service), or a base the services hang under (the mock: http://host:port)
  --client-id ID             the API integration's client id <guid>:<accountId> (or CLEARID_CLIENT_ID)
  --client-secret SECRET     its client secret (prefer CLEARID_CLIENT_SECRET; never printed)
  --key-file FILE            the integration's key file: client id, secret and the private key of
                             the JWT-assertion grant
  --account-id ID            the account (default: from the client id or the key file)
  --admin-token TOKEN        the mock's admin token, for a mock at --rest-target: the rules that need
                             its control plane (webhooks, key rotation) run, and a webhook receiver
                             starts on loopback (start the mock with CLEARID_ALLOW_INSECURE_WEBHOOKS=1);
                             or CLEARID_ADMIN_TOKEN, the variable the mock reads (taken when
                             --rest-target is a base URL, not a {service} template)
  --webhook-listen HOST:PORT where that receiver listens (default 127.0.0.1:0)
  --webhook-url URL          the receiver's URL as the mock reaches it (default http://HOST:PORT)`

type TargetValues = { readonly [K in keyof typeof TARGET_OPTIONS]?: string | undefined }

const REST_ONLY = [
  'client-id',
  'client-secret',
  'key-file',
  'account-id',
  'admin-token',
  'webhook-listen',
  'webhook-url',
] as const

export async function targetFrom(values: TargetValues, io: CliIo): Promise<Target> {
  const env = io.env ?? {}
  if (values.target === undefined && values['rest-target'] === undefined) {
    const stray = ['key', 'other-account-url', 'other-account-key', ...REST_ONLY].filter(
      (name) => values[name as keyof TargetValues] !== undefined,
    )
    if (stray.length > 0)
      throw new UsageError(
        `--${stray[0]} needs --target URL (SCIM) or --rest-target URL (REST); without them the in-process mock is judged`,
      )
    return inProcessTarget()
  }
  const scim = values.target === undefined ? undefined : scimOptions(values, env)
  const receiver = { current: undefined as RunningReceiver | undefined }
  const rest =
    values['rest-target'] === undefined ? undefined : await restOptions(values, env, receiver)
  if (rest === undefined) {
    const stray = REST_ONLY.find((name) => values[name] !== undefined)
    if (stray) throw new UsageError(`--${stray} needs --rest-target URL`)
  }
  return urlTarget({
    ...scim,
    ...(rest ? { rest } : {}),
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(receiver.current ? { close: receiver.current.close } : {}),
  })
}

function scimOptions(values: TargetValues, env: NonNullable<CliIo['env']>) {
  const key = values.key ?? env.CLEARID_SCIM_KEY
  if (key === undefined || key === '') {
    throw new UsageError('--target needs a SCIM key: pass --key KEY or set CLEARID_SCIM_KEY')
  }
  const otherUrl = values['other-account-url']
  const otherKey = values['other-account-key'] ?? env.CLEARID_OTHER_SCIM_KEY
  if ((otherUrl === undefined) !== (otherKey === undefined || otherKey === '')) {
    throw new UsageError(
      '--other-account-url and --other-account-key (or CLEARID_OTHER_SCIM_KEY) go together',
    )
  }
  return {
    url: baseUrl('target', values.target ?? ''),
    key,
    ...(otherUrl !== undefined && otherKey
      ? { otherUrl: baseUrl('other-account-url', otherUrl), otherKey }
      : {}),
  }
}

async function keyFileOf(path: string | undefined): Promise<KeyFile | undefined> {
  if (path === undefined) return undefined
  let content: string
  try {
    content = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable'
    throw new UsageError(`cannot read --key-file ${path} (${code})`)
  }
  const parsed = parseKeyFile(content)
  if ('error' in parsed) throw new UsageError(`--key-file ${path}: ${parsed.error}`)
  return parsed
}

async function restOptions(
  values: TargetValues,
  env: NonNullable<CliIo['env']>,
  receiver: { current: RunningReceiver | undefined },
): Promise<RestUrlOptions> {
  const template = values['rest-target'] ?? ''
  // A {service} template is not a URL until a service is put in; check it with one.
  baseUrl('rest-target', template.replaceAll('{service}', 'sts'))
  const url = template.replace(/\/+$/, '')
  const file = await keyFileOf(values['key-file'])
  const clientId = values['client-id'] ?? env.CLEARID_CLIENT_ID ?? file?.clientId
  if (clientId === undefined || clientId === '')
    throw new UsageError(
      '--rest-target needs the API integration: pass --client-id (or CLEARID_CLIENT_ID) or --key-file',
    )
  const clientSecret = registerSecret(
    values['client-secret'] ?? nonEmpty(env.CLEARID_CLIENT_SECRET) ?? file?.clientSecret,
  )
  const key = file?.key?.clientId === clientId ? file.key : undefined
  if (clientSecret === undefined && key === undefined)
    throw new UsageError(
      '--rest-target needs a credential: set CLEARID_CLIENT_SECRET (or --client-secret), or pass --key-file with the private key',
    )
  const accountId = values['account-id'] ?? file?.accountId ?? accountOfClientId(clientId)
  if (accountId === undefined)
    throw new UsageError(
      '--rest-target needs the account: pass --account-id (the client id does not name it)',
    )
  // The mock's own variable, so one exported token serves `serve` and `run`; a {service} template
  // names ClearID's hosts, which have no control plane, so the variable is not taken there.
  const adminToken = registerSecret(
    values['admin-token'] ??
      (template.includes('{service}') ? undefined : nonEmpty(env.CLEARID_ADMIN_TOKEN)),
  )
  if (adminToken === undefined && (values['webhook-listen'] ?? values['webhook-url']) !== undefined)
    throw new UsageError(
      '--webhook-listen and --webhook-url need --admin-token (the mock configures webhooks on its control plane)',
    )
  if (adminToken !== undefined && template.includes('{service}'))
    throw new UsageError(
      "--admin-token needs --rest-target as the mock's base URL (http://host:port), not a {service} template",
    )
  if (adminToken !== undefined) receiver.current = await startReceiver(values)
  return {
    url,
    accountId,
    clientId,
    ...(clientSecret === undefined ? {} : { clientSecret }),
    ...(key === undefined ? {} : { key }),
    ...(adminToken === undefined ? {} : { adminToken }),
    ...(receiver.current ? { webhooks: receiver.current.inbox } : {}),
  }
}

const nonEmpty = (value: string | undefined) => (value === '' ? undefined : value)

async function startReceiver(values: TargetValues): Promise<RunningReceiver> {
  const listen = values['webhook-listen'] ?? '127.0.0.1:0'
  const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(listen)
  if (!match?.[1] || match[2] === undefined || Number(match[2]) > 65_535)
    throw new UsageError(`--webhook-listen must be HOST:PORT, got "${listen}"`)
  const publicUrl = values['webhook-url']
  try {
    return await startWebhookReceiver({
      host: match[1].replace(/^\[|\]$/g, ''),
      port: Number(match[2]),
      ...(publicUrl === undefined ? {} : { publicUrl: baseUrl('webhook-url', publicUrl) }),
    })
  } catch (error) {
    throw new UsageError(
      `the webhook receiver could not listen on ${listen}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}
