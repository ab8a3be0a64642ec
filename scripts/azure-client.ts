/**
 * A second Azure client for tests and the demo: performs single operations with Microsoft's SDKs, the way a
 * person would with the Azure CLI (for example deleting an HSM so a test can exercise on-soft-deleted).
 * Run as a child process with HTTPS_PROXY and NODE_EXTRA_CA_CERTS pointing at the emulator; it signs in like
 * the action does, with a GitHub OIDC token from ACTIONS_ID_TOKEN_REQUEST_URL.
 *   tsx scripts/azure-client.ts <tenant> <client> <subscription> hsm-delete <rg> <name>
 *   tsx scripts/azure-client.ts <tenant> <client> <subscription> hsm-show <rg> <name>
 *   tsx scripts/azure-client.ts <tenant> <client> <subscription> hsm-update <rg> <name> '<json patch>'
 */
import { ClientAssertionCredential } from '@azure/identity'
import { KeyVaultManagementClient } from '@azure/arm-keyvault'

async function githubToken(): Promise<string> {
  const url = `${process.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=api://AzureADTokenExchange`
  const r = await fetchViaSdk(url, process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? '')
  return (JSON.parse(r) as { value: string }).value
}

// Node's fetch ignores HTTPS_PROXY; the SDK's pipeline honours it, so use it for the OIDC call too.
async function fetchViaSdk(url: string, bearer: string): Promise<string> {
  const {
    createDefaultHttpClient,
    createPipelineRequest,
    createHttpHeaders,
    proxyPolicy,
    createEmptyPipeline
  } = await import('@azure/core-rest-pipeline')
  const pipeline = createEmptyPipeline()
  pipeline.addPolicy(proxyPolicy())
  const res = await pipeline.sendRequest(
    createDefaultHttpClient(),
    createPipelineRequest({ url, headers: createHttpHeaders({ authorization: `Bearer ${bearer}` }) })
  )
  if (res.status !== 200) throw new Error(`OIDC token request failed: ${res.status}`)
  return res.bodyAsText ?? ''
}

async function main(): Promise<void> {
  const [tenant, client, subscription, command, ...args] = process.argv.slice(2)
  const credential = new ClientAssertionCredential(tenant, client, githubToken)
  const arm = new KeyVaultManagementClient(credential, subscription, { apiVersion: '2024-11-01' })
  switch (command) {
    case 'hsm-delete':
      await arm.managedHsms.delete(args[0], args[1], { updateIntervalInMs: 250 }).pollUntilDone()
      break
    case 'hsm-update': {
      // hsm-update RG NAME '{"tags":{...},"properties":{...}}': an out-of-band change, as drift.
      await arm.managedHsms.update(args[0], args[1], JSON.parse(args[2])).pollUntilDone()
      break
    }
    case 'hsm-show':
      console.log(JSON.stringify(await arm.managedHsms.get(args[0], args[1])))
      break
    default:
      throw new Error(`unknown command ${command}`)
  }
}

main().catch(e => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
