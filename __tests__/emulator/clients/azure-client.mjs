// Drives the emulator with Microsoft's own clients, in a child process so that HTTPS_PROXY and
// NODE_EXTRA_CA_CERTS are in effect from process start, exactly as for the action.
// Usage: node azure-client.mjs <command> [json-args]; prints one JSON document on stdout.
import { getIDToken } from '@actions/core'
import { KeyVaultManagementClient } from '@azure/arm-keyvault'
import {
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  exponentialRetryPolicy,
  proxyPolicy
} from '@azure/core-rest-pipeline'
import { ClientAssertionCredential } from '@azure/identity'
import { keyVaultAuthenticationPolicy } from '@azure/keyvault-common'

const [command, rawArgs] = process.argv.slice(2)
const args = rawArgs ? JSON.parse(rawArgs) : {}
const env = process.env

const decode = token => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'))

// A fresh GitHub token for every Entra token request, as the action does.
const credential = () =>
  new ClientAssertionCredential(env.EMU_TENANT_ID, args.clientId ?? env.EMU_CLIENT_ID, () =>
    getIDToken(args.audience ?? 'api://AzureADTokenExchange')
  )

const arm = () => new KeyVaultManagementClient(credential(), env.EMU_SUBSCRIPTION_ID)
const poll = { updateIntervalInMs: 200 }

function describeError(e) {
  return {
    error: {
      name: e?.name,
      message: String(e?.message ?? e),
      code: e?.code,
      statusCode: e?.statusCode
    }
  }
}

const commands = {
  async 'id-token'() {
    const token = await getIDToken(args.audience ?? 'api://AzureADTokenExchange')
    return { claims: decode(token) }
  },
  async token() {
    const cred = credential()
    const out = []
    for (const scope of args.scopes) {
      const t = await cred.getToken(scope, args.cae ? { enableCae: true } : {})
      out.push({ scope, claims: decode(t.token), expiresOnTimestamp: t.expiresOnTimestamp })
    }
    return { tokens: out }
  },
  // The raw access token, for tests that then speak HTTP themselves.
  async 'raw-token'() {
    return { token: (await credential().getToken(args.scope)).token }
  },
  async 'hsm-create'() {
    const body = {
      location: args.location ?? env.EMU_LOCATION,
      sku: { family: 'B', name: 'Standard_B1' },
      tags: args.tags,
      properties: {
        tenantId: env.EMU_TENANT_ID,
        initialAdminObjectIds: [env.EMU_PRINCIPAL_ID],
        enableSoftDelete: true,
        softDeleteRetentionInDays: 7,
        enablePurgeProtection: false,
        ...args.properties
      }
    }
    const started = Date.now()
    const hsm = await arm().managedHsms.beginCreateOrUpdateAndWait(
      args.resourceGroup ?? env.EMU_RESOURCE_GROUP,
      args.name,
      body,
      poll
    )
    return { hsm, elapsedMs: Date.now() - started }
  },
  async 'hsm-get'() {
    return { hsm: await arm().managedHsms.get(args.resourceGroup ?? env.EMU_RESOURCE_GROUP, args.name) }
  },
  async 'hsm-update'() {
    const hsm = await arm().managedHsms.beginUpdateAndWait(
      args.resourceGroup ?? env.EMU_RESOURCE_GROUP,
      args.name,
      args.patch,
      poll
    )
    return { hsm }
  },
  async 'hsm-delete'() {
    await arm().managedHsms.beginDeleteAndWait(args.resourceGroup ?? env.EMU_RESOURCE_GROUP, args.name, poll)
    return { deleted: true }
  },
  async 'hsm-list'() {
    const value = []
    for await (const h of arm().managedHsms.listByResourceGroup(
      args.resourceGroup ?? env.EMU_RESOURCE_GROUP,
      { top: args.top }
    ))
      value.push(h)
    return { value }
  },
  async 'deleted-list'() {
    const value = []
    for await (const h of arm().managedHsms.listDeleted()) value.push(h)
    return { value }
  },
  async 'deleted-get'() {
    return { deleted: await arm().managedHsms.getDeleted(args.name, args.location ?? env.EMU_LOCATION) }
  },
  async purge() {
    await arm().managedHsms.beginPurgeDeletedAndWait(args.name, args.location ?? env.EMU_LOCATION, poll)
    return { purged: true }
  },
  async 'check-name'() {
    return await arm().managedHsms.checkMhsmNameAvailability({ name: args.name })
  },
  // A Managed HSM data-plane call through the Key Vault challenge policy (no Azure SDK data-plane client yet).
  async 'mhsm-request'() {
    const pipeline = createEmptyPipeline()
    pipeline.addPolicy(proxyPolicy())
    pipeline.addPolicy(exponentialRetryPolicy({ maxRetries: 3, retryDelayInMs: 100 }))
    pipeline.addPolicy(keyVaultAuthenticationPolicy(credential()))
    const request = createPipelineRequest({
      url: `https://${args.name}.managedhsm.azure.net${args.path}`,
      method: args.method ?? 'GET',
      headers: createHttpHeaders({ 'content-type': 'application/json' }),
      body: args.body === undefined ? undefined : JSON.stringify(args.body)
    })
    const res = await pipeline.sendRequest(createDefaultHttpClient(), request)
    return { status: res.status, body: res.bodyAsText, wwwAuthenticate: res.headers.get('www-authenticate') }
  }
}

try {
  const run = commands[command]
  if (!run) throw new Error(`unknown command ${command}`)
  process.stdout.write(JSON.stringify(await run()) + '\n')
} catch (e) {
  process.stdout.write(JSON.stringify(describeError(e)) + '\n')
}
