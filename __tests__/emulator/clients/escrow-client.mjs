// Drives the emulator's escrow stores with Microsoft's own SDKs (@azure/keyvault-secrets SecretClient,
// @azure/storage-blob BlobServiceClient), in a child process so that HTTPS_PROXY and NODE_EXTRA_CA_CERTS
// are in effect from process start, exactly as for the action. No test-only client options.
// Usage: node escrow-client.mjs <command> [json-args] prints one JSON document on stdout; --serve answers
// commands from stdin (serve.mjs, scripts/client-pool.ts).
import { getIDToken } from '@actions/core'
import { ClientAssertionCredential } from '@azure/identity'
import { SecretClient } from '@azure/keyvault-secrets'
import { BlobServiceClient } from '@azure/storage-blob'
import { createHash } from 'node:crypto'
import { runOrServe } from './serve.mjs'

// The command's arguments (set by runOrServe before each command).
let args = {}
const env = process.env

// A fresh GitHub token for every Entra token request, as the action does.
const credential = () =>
  new ClientAssertionCredential(env.EMU_TENANT_ID, args.clientId ?? env.EMU_CLIENT_ID, () =>
    getIDToken('api://AzureADTokenExchange')
  )

const secrets = () => new SecretClient(args.vaultUrl, credential())
const blob = () =>
  new BlobServiceClient(args.accountUrl, credential())
    .getContainerClient(args.container)
    .getBlockBlobClient(args.blob)

// Large test bodies do not fit on a command line: both sides derive them from a seed.
function generated(bytes, seed) {
  const out = Buffer.alloc(bytes)
  for (let i = 0, off = 0; off < bytes; i++, off += 32)
    createHash('sha256').update(`${seed}:${i}`).digest().copy(out, off)
  return out
}
const sha256 = data => createHash('sha256').update(data).digest('hex')

function describeError(e) {
  return {
    error: {
      name: e?.name,
      message: String(e?.message ?? e),
      code: e?.code,
      statusCode: e?.statusCode,
      // The service's own error body (storage-blob keeps it; the modular Key Vault SDK does not).
      body: e?.response?.bodyAsText,
      headers: e?.response?.headers?.toJSON?.()
    }
  }
}

const props = p => ({
  id: p.id,
  name: p.name,
  version: p.version,
  enabled: p.enabled,
  contentType: p.contentType,
  tags: p.tags,
  createdOn: p.createdOn,
  recoveryLevel: p.recoveryLevel,
  recoverableDays: p.recoverableDays
})

const commands = {
  async 'secret-set'() {
    const s = await secrets().setSecret(args.name, args.value, {
      contentType: args.contentType,
      tags: args.tags
    })
    return { value: s.value, properties: props(s.properties) }
  },
  async 'secret-get'() {
    const s = await secrets().getSecret(args.name, args.version ? { version: args.version } : {})
    return { value: s.value, properties: props(s.properties) }
  },
  async 'secret-versions'() {
    const out = []
    for await (const p of secrets().listPropertiesOfSecretVersions(args.name)) out.push(props(p))
    return { versions: out }
  },
  async 'secret-list'() {
    const out = []
    const pages = secrets().listPropertiesOfSecrets().byPage({ maxPageSize: args.maxPageSize })
    let pageCount = 0
    for await (const page of pages) {
      pageCount++
      for (const p of page) out.push(props(p))
    }
    return { secrets: out, pages: pageCount }
  },
  async 'secret-delete'() {
    const client = secrets()
    const poller = await client.beginDeleteSecret(args.name, { intervalInMs: 100 })
    const deleted = await poller.pollUntilDone()
    const again = await client.getDeletedSecret(args.name)
    return {
      deleted: { name: deleted.name, recoveryId: deleted.recoveryId, deletedOn: deleted.deletedOn },
      scheduledPurgeDate: again.properties.scheduledPurgeDate
    }
  },
  async 'secret-purge'() {
    await secrets().purgeDeletedSecret(args.name)
    return { purged: true }
  },
  async 'secret-recover'() {
    const poller = await secrets().beginRecoverDeletedSecret(args.name, { intervalInMs: 100 })
    const p = await poller.pollUntilDone()
    return { properties: props(p) }
  },
  async 'blob-upload'() {
    const content = args.generateBytes
      ? generated(args.generateBytes, args.seed ?? 'seed')
      : Buffer.from(args.contentBase64, 'base64')
    const r = await blob().upload(content, content.length, {
      conditions: args.ifNoneMatch ? { ifNoneMatch: args.ifNoneMatch } : undefined,
      metadata: args.metadata,
      blobHTTPHeaders: args.contentType ? { blobContentType: args.contentType } : undefined
    })
    return { etag: r.etag, requestId: r.requestId }
  },
  async 'blob-download'() {
    const b = blob()
    const content = await b.downloadToBuffer()
    const p = await b.getProperties()
    return {
      ...(args.hashOnly ? { sha256: sha256(content) } : { contentBase64: content.toString('base64') }),
      metadata: p.metadata,
      contentType: p.contentType,
      contentLength: p.contentLength
    }
  },
  async 'blob-delete'() {
    const r = await blob().deleteIfExists()
    return { succeeded: r.succeeded }
  },
  async 'blob-exists'() {
    return { exists: await blob().exists() }
  }
}

await runOrServe(commands, describeError, a => {
  args = a
})
