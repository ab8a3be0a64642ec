/**
 * Child process (tsx, HTTPS_PROXY and NODE_EXTRA_CA_CERTS set to the emulator): can the escrow stores the
 * emulator offers be written right now? One try each, no retries, so a store that is still being built
 * costs a second, not the SDK's retry schedule. Prints one JSON line {keyVault, blob}: "ok" or the error.
 *   tsx scripts/bench/store-probe.ts <tenant> <client> <keyVaultUrl|-> <storageAccountUrl|-> <container|->
 */
import { ClientAssertionCredential } from '@azure/identity'
import { SecretClient } from '@azure/keyvault-secrets'
import { BlobServiceClient } from '@azure/storage-blob'
import {
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  proxyPolicy
} from '@azure/core-rest-pipeline'

async function githubToken(): Promise<string> {
  const pipeline = createEmptyPipeline()
  pipeline.addPolicy(proxyPolicy())
  const res = await pipeline.sendRequest(
    createDefaultHttpClient(),
    createPipelineRequest({
      url: `${process.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=api://AzureADTokenExchange`,
      headers: createHttpHeaders({
        authorization: `Bearer ${process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''}`
      })
    })
  )
  if (res.status !== 200) throw new Error(`OIDC token request failed: ${res.status}`)
  return (JSON.parse(res.bodyAsText ?? '{}') as { value: string }).value
}

function firstLine(e: unknown): string {
  const err = e as { statusCode?: number; code?: string; message?: string }
  const msg = (err.message ?? String(e)).split('\n')[0]
  return [err.statusCode, err.code, msg].filter(Boolean).join(' ')
}

async function main(): Promise<void> {
  const [tenant, client, vaultUrl, accountUrl, container] = process.argv.slice(2)
  const credential = new ClientAssertionCredential(tenant, client, githubToken)
  const result: Record<string, string> = {}
  const name = `bench-probe-${Date.now()}`
  await Promise.all([
    (async () => {
      if (!vaultUrl || vaultUrl === '-') return
      try {
        const kv = new SecretClient(vaultUrl, credential, { retryOptions: { maxRetries: 0 } })
        await kv.setSecret(name, 'probe')
        await kv.getSecret(name)
        result.keyVault = 'ok'
      } catch (e) {
        result.keyVault = firstLine(e)
      }
    })(),
    (async () => {
      if (!accountUrl || accountUrl === '-' || !container || container === '-') return
      try {
        const svc = new BlobServiceClient(accountUrl, credential, { retryOptions: { maxTries: 1 } })
        const blob = svc.getContainerClient(container).getBlockBlobClient(`${name}.txt`)
        await blob.upload('probe', 5)
        await blob.downloadToBuffer()
        await blob.deleteIfExists()
        result.blob = 'ok'
      } catch (e) {
        result.blob = firstLine(e)
      }
    })()
  ])
  console.log(JSON.stringify(result))
}

main().catch(e => {
  console.log(JSON.stringify({ error: firstLine(e) }))
})
