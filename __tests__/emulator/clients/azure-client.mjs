// Drives the emulator with Microsoft's own clients, in a child process so that HTTPS_PROXY and
// NODE_EXTRA_CA_CERTS are in effect from process start, exactly as for the action.
// Usage: node azure-client.mjs <command> [json-args] prints one JSON document on stdout; --serve answers
// commands from stdin (serve.mjs, scripts/client-pool.ts).
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
import { KeyClient } from '@azure/keyvault-keys'
import { runOrServe } from './serve.mjs'

// The command's arguments (set by runOrServe before each command).
let args = {}
const env = process.env

const decode = token => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'))

// A fresh GitHub token for every Entra token request, as the action does.
const credential = () =>
  new ClientAssertionCredential(env.EMU_TENANT_ID, args.clientId ?? env.EMU_CLIENT_ID, () =>
    getIDToken(args.audience ?? 'api://AzureADTokenExchange')
  )

const arm = () => new KeyVaultManagementClient(credential(), env.EMU_SUBSCRIPTION_ID)
const poll = { updateIntervalInMs: 200 }

const b64url = bytes => (bytes ? Buffer.from(bytes).toString('base64url') : undefined)

// A KeyVaultKey as JSON: bytes as base64url, the release policy decoded.
function keyJson(k) {
  const p = k.properties ?? {}
  const rp = p.releasePolicy
  return {
    id: k.id,
    name: k.name,
    kty: k.keyType,
    keyOps: k.keyOperations,
    n: b64url(k.key?.n),
    e: b64url(k.key?.e),
    crv: k.key?.crv,
    x: b64url(k.key?.x),
    y: b64url(k.key?.y),
    properties: {
      version: p.version,
      enabled: p.enabled,
      exportable: p.exportable,
      recoverableDays: p.recoverableDays,
      recoveryLevel: p.recoveryLevel,
      tags: p.tags,
      notBefore: p.notBefore?.toISOString(),
      expiresOn: p.expiresOn?.toISOString(),
      createdOn: p.createdOn?.toISOString()
    },
    releasePolicy: rp && {
      contentType: rp.contentType,
      immutable: rp.immutable,
      data: b64url(rp.encodedPolicy),
      policy: rp.encodedPolicy ? JSON.parse(Buffer.from(rp.encodedPolicy).toString('utf8')) : undefined
    }
  }
}

const encodePolicy = policy =>
  typeof policy === 'string' ? Buffer.from(policy, 'utf8') : Buffer.from(JSON.stringify(policy), 'utf8')

// One KeyClient operation; args in JSON form (policy as an object or text, backups as base64url).
async function keyOp(client, o) {
  switch (o.op) {
    case 'createRsaKey':
    case 'createKey': {
      const options = {
        keySize: o.size,
        exportable: o.exportable,
        keyOps: o.keyOps,
        tags: o.tags,
        enabled: o.enabled,
        curve: o.curve,
        releasePolicy:
          o.policy === undefined
            ? undefined
            : { encodedPolicy: encodePolicy(o.policy), immutable: o.immutable }
      }
      const k =
        o.op === 'createRsaKey'
          ? await client.createRsaKey(o.key, options)
          : await client.createKey(o.key, o.kty, options)
      return keyJson(k)
    }
    case 'importKey': {
      // The JWK in JSON form (members base64url), as Node's KeyObject.export({format:'jwk'}) gives it.
      const jwk = { ...o.jwk }
      for (const m of ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi', 'x', 'y', 'k'])
        if (typeof jwk[m] === 'string') jwk[m] = Buffer.from(jwk[m], 'base64url')
      const k = await client.importKey(o.key, jwk, {
        exportable: o.exportable,
        enabled: o.enabled,
        tags: o.tags,
        hardwareProtected: o.hardwareProtected,
        releasePolicy:
          o.policy === undefined
            ? undefined
            : { encodedPolicy: encodePolicy(o.policy), immutable: o.immutable }
      })
      return keyJson(k)
    }
    case 'getKey':
      return keyJson(await client.getKey(o.key, o.version ? { version: o.version } : {}))
    case 'updateKeyProperties': {
      const options = {
        enabled: o.enabled,
        tags: o.tags,
        keyOps: o.keyOps,
        releasePolicy:
          o.policy === undefined
            ? undefined
            : { encodedPolicy: encodePolicy(o.policy), immutable: o.immutable }
      }
      if (o.exportable !== undefined) options.exportable = o.exportable
      const k = o.version
        ? await client.updateKeyProperties(o.key, o.version, options)
        : await client.updateKeyProperties(o.key, options)
      return keyJson(k)
    }
    case 'backupKey':
      return b64url(await client.backupKey(o.key))
    case 'restoreKeyBackup':
      return keyJson(await client.restoreKeyBackup(Buffer.from(o.backup, 'base64url')))
    case 'releaseKey':
      return (
        await client.releaseKey(o.key, o.target, {
          version: o.version,
          nonce: o.nonce,
          algorithm: o.algorithm
        })
      ).value
    case 'listKeys': {
      const out = []
      for await (const p of client.listPropertiesOfKeys()) out.push({ name: p.name, version: p.version })
      return out
    }
    case 'listVersions': {
      const out = []
      for await (const p of client.listPropertiesOfKeyVersions(o.key))
        out.push({ version: p.version, enabled: p.enabled, createdOn: p.createdOn?.toISOString() })
      return out
    }
    case 'deleteKey': {
      const poller = await client.beginDeleteKey(o.key, { intervalInMs: 100 })
      const d = await poller.pollUntilDone()
      return { name: d.name, recoveryId: d.properties.recoveryId }
    }
    default:
      throw new Error(`unknown key op ${o.op}`)
  }
}

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
  },
  // Several data-plane requests in sequence through one keyVaultAuthenticationPolicy (one token).
  // Each: {method?, path, body?, waitMs?}; answers {status, body (parsed when JSON), headers}.
  async 'mhsm-requests'() {
    const pipeline = createEmptyPipeline()
    pipeline.addPolicy(proxyPolicy())
    pipeline.addPolicy(keyVaultAuthenticationPolicy(credential()))
    const client = createDefaultHttpClient()
    const results = []
    for (const r of args.requests) {
      if (r.waitMs) await new Promise(res => setTimeout(res, r.waitMs))
      const request = createPipelineRequest({
        url: `https://${args.name}.managedhsm.azure.net${r.path}`,
        method: r.method ?? 'GET',
        headers: createHttpHeaders({ 'content-type': 'application/json' }),
        body: r.body === undefined ? undefined : JSON.stringify(r.body)
      })
      const res = await pipeline.sendRequest(client, request)
      let body = res.bodyAsText
      try {
        body = body ? JSON.parse(body) : undefined
      } catch {
        // keep the text
      }
      results.push({
        status: res.status,
        body,
        headers: {
          'azure-asyncoperation': res.headers.get('azure-asyncoperation'),
          'retry-after': res.headers.get('retry-after'),
          'x-ms-request-id': res.headers.get('x-ms-request-id'),
          'content-type': res.headers.get('content-type')
        }
      })
    }
    return { results }
  },
  // KeyClient (@azure/keyvault-keys) operations in sequence; each result {ok, value} or {ok:false, error}.
  async keys() {
    const client = new KeyClient(`https://${args.name}.managedhsm.azure.net`, credential(), {
      retryOptions: { maxRetries: 0 }
    })
    const results = []
    for (const o of args.ops) {
      if (o.waitMs) await new Promise(res => setTimeout(res, o.waitMs))
      try {
        results.push({ ok: true, value: await keyOp(client, o) })
      } catch (e) {
        results.push({
          ok: false,
          error: { statusCode: e?.statusCode, code: e?.code, message: String(e?.message ?? e) }
        })
      }
    }
    return { results }
  },
  // ARM: the attestation default provider of a location (what the CLI's --default-*-policy uses).
  async 'attestation-default-provider'() {
    const token = (await credential().getToken('https://management.azure.com/.default')).token
    const url = `https://management.azure.com/subscriptions/${env.EMU_SUBSCRIPTION_ID}/providers/Microsoft.Attestation/Locations/${args.location}/defaultProvider?api-version=2020-10-01`
    const pipeline = createEmptyPipeline()
    pipeline.addPolicy(proxyPolicy())
    const res = await pipeline.sendRequest(
      createDefaultHttpClient(),
      createPipelineRequest({ url, headers: createHttpHeaders({ authorization: `Bearer ${token}` }) })
    )
    return { status: res.status, body: JSON.parse(res.bodyAsText ?? 'null') }
  }
}

await runOrServe(commands, describeError, a => {
  args = a
})
