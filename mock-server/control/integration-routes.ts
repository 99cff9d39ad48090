/**
 * API integrations on the control plane: `/_admin/accounts/{accountId}/integrations`. Create,
 * list, delete, generate a key (new secret and key pair; the previous ones stop working at once)
 * and download the key file `key-{systemId}-{name}.json` once right after generation.
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { ApiIntegration } from '../accounts/api-integrations.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { readRestBody } from '../rest/rest-body.ts'
import { STS_AUDIENCE } from '../sts/constants.ts'
import { checkText } from '../webhooks/webhook-config.ts'
import { publicBaseOf } from './public-base.ts'

export function integrationView(integration: ApiIntegration): Record<string, unknown> {
  const credential = integration.credential
  return {
    integrationId: integration.id,
    name: integration.name,
    description: integration.description,
    clientId: integration.clientId,
    createdUtc: integration.createdAt,
    keyGeneratedUtc: credential?.generatedAt ?? null,
    keyFileAvailable: credential?.pending !== undefined,
  }
}

/** `key-{systemId}-{name}.json` with characters unsafe in file names replaced. */
export function keyFileName(integration: ApiIntegration): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-')
  return `key-${safe(integration.accountId)}-${safe(integration.name)}.json`
}

function integrationOf(ctx: MockContext, c: Context): ApiIntegration {
  const accountId = c.req.param('accountId') ?? ''
  const id = c.req.param('integrationId') ?? ''
  const found = ctx.integrations.get(accountId, id)
  if (!found) {
    throw new ApiError(404, `No API integration "${id.slice(0, 100)}" in account "${accountId}".`)
  }
  return found
}

export function integrationRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  const account = (c: Context) => c.req.param('accountId') ?? ''
  app.get('/', (c) =>
    c.json({ integrations: ctx.integrations.list(account(c)).map(integrationView) }),
  )
  app.post('/', async (c) => {
    const body = (await readRestBody(ctx, c)) as Record<string, unknown> | null
    const name = checkText('name', body?.name, true, 128)
    const description = checkText('description', body?.description, false, 1024)
    const integration = ctx.integrations.create(account(c), name, description)
    const location = `${c.req.path}/${integration.id}`
    return c.json(integrationView(integration), 201, { Location: location })
  })
  app.get('/:integrationId', (c) => c.json(integrationView(integrationOf(ctx, c))))
  app.delete('/:integrationId', (c) => {
    ctx.integrations.delete(integrationOf(ctx, c))
    return c.body(null, 204)
  })
  app.post('/:integrationId/key', (c) => {
    const integration = integrationOf(ctx, c)
    ctx.integrations.generateKey(integration)
    const keyFileUrl = `${c.req.path.replace(/\/key$/, '')}/key-file`
    const view = {
      ...integrationView(integration),
      keyFileUrl,
      keyFileName: keyFileName(integration),
    }
    return c.json(view, 201)
  })
  app.get('/:integrationId/key-file', (c) => keyFileResponse(ctx, c, integrationOf(ctx, c)))
  return app
}

async function keyFileResponse(
  ctx: MockContext,
  c: Context,
  integration: ApiIntegration,
): Promise<Response> {
  const claim = await ctx.integrations.claimKeyFile(integration)
  if (claim.kind === 'no-key') {
    throw new ApiError(
      404,
      'This API integration has no key yet: POST …/key to generate one, then download the key file.',
    )
  }
  if (claim.kind === 'gone') {
    throw new ApiError(
      410,
      'The key file was already downloaded; the secret and private key are not kept and cannot be shown again. Generate a new key (POST …/key) to get a new key file; the current key then stops working.',
    )
  }
  const file = keyFileOf(publicBaseOf(ctx, c), integration, claim)
  return c.body(`${JSON.stringify(file, null, 2)}\n`, 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="${keyFileName(integration)}"`,
    'Cache-Control': 'no-store',
  })
}

/** The key file's members (the mock's choice; documented in docs/rest-api.md). */
function keyFileOf(
  base: string,
  integration: ApiIntegration,
  claim: { clientSecret: string; privateKeyPem: string },
): Record<string, unknown> {
  return {
    clientId: integration.clientId,
    clientSecret: claim.clientSecret,
    accountId: integration.accountId,
    integrationId: integration.id,
    name: integration.name,
    keyId: integration.clientId,
    algorithm: 'RS512',
    audience: STS_AUDIENCE,
    privateKeyPem: claim.privateKeyPem,
    generatedUtc: integration.credential?.generatedAt,
    stsUrl: `${base}/sts`,
    tokenUrl: `${base}/sts/connect/token`,
    identityServiceUrl: `${base}/identityservice`,
    searchServiceUrl: `${base}/searchservice`,
    principalServiceUrl: `${base}/principalservice`,
    roleServiceUrl: `${base}/roleservice`,
  }
}
