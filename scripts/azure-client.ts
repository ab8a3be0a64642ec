/**
 * A second Azure client for tests and the demo: performs single operations with Microsoft's SDKs, the way a
 * person would with the Azure CLI (for example deleting an HSM so a test can exercise on-soft-deleted).
 * Run as a child process with HTTPS_PROXY and NODE_EXTRA_CA_CERTS pointing at the emulator; it signs in like
 * the action does, with a GitHub OIDC token from ACTIONS_ID_TOKEN_REQUEST_URL.
 *   tsx scripts/azure-client.ts <tenant> <client> <subscription> hsm-delete <rg> <name>
 *   tsx scripts/azure-client.ts <tenant> <client> <subscription> hsm-show <rg> <name>
 *   tsx scripts/azure-client.ts <tenant> <client> <subscription> hsm-update <rg> <name> '<json patch>'
 *   ... secret-get <vaultUrl> <name> | blob-get <url> | blob-put <url> <content> [metadata json] | escrow-read '<json reads>'
 *   ... key-show <hsmUri> <key> | key-policy <hsmUri> <key> '<policy json>' [immutable] | key-release <hsmUri> <key> <token>
 *   ... key-restore <hsmUri> <backup blob URL or file>   (az keyvault key restore --hsm-name ... --file ...)
 *   ... role-list <hsmUri> <principal> | role-put <hsmUri> <scope> <name> <role guid> <principal> | role-delete <hsmUri> <scope> <name>
 *   ... roledef-put <hsmUri> <guid> <role name> '<permissions json>'   (a custom local role)
 *   ... key-versions <hsmUri> <key> (every version, with its policy) | key-version-policy <hsmUri> <key> <version>
 *       '<policy json>' [immutable] | key-new-version <hsmUri> <key> '<policy json>' [immutable] | key-version-release
 *       <hsmUri> <key> <version> <token>
 *   ... arm <METHOD> <path?api-version=...> ['<json body>']   (az rest against management.azure.com)
 *   ... setting-update <hsmUri> <name> <value> | setting-list <hsmUri>   (az keyvault setting update / list)
 * Or `--serve …`: a server for many such command lines (scripts/client-pool.ts; the tests' azureClient).
 */
import { ClientAssertionCredential } from '@azure/identity'
import { KeyVaultManagementClient } from '@azure/arm-keyvault'
import { KeyClient } from '@azure/keyvault-keys'

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

async function main(argv: string[]): Promise<void> {
  const [tenant, client, subscription, command, ...args] = argv
  const credential = new ClientAssertionCredential(tenant, client, githubToken)
  const arm = new KeyVaultManagementClient(credential, subscription, { apiVersion: '2024-11-01' })
  const keyClient = (hsmUri: string) => new KeyClient(new URL(hsmUri).origin, credential)
  // The Managed HSM data plane as @azure/keyvault-admin would call it: core-rest-pipeline + the challenge policy.
  const dataPlane = async (
    hsmUri: string,
    method: 'GET' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown
  ) => {
    const { createPipelineFromOptions, createDefaultHttpClient, createPipelineRequest } =
      await import('@azure/core-rest-pipeline')
    const { keyVaultAuthenticationPolicy } = await import('@azure/keyvault-common')
    const pipeline = createPipelineFromOptions({})
    pipeline.addPolicy(keyVaultAuthenticationPolicy(credential))
    const url = new URL(new URL(hsmUri).origin + path)
    url.searchParams.set('api-version', '7.5')
    const request = createPipelineRequest({
      url: url.toString(),
      method,
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    if (body !== undefined) request.headers.set('content-type', 'application/json')
    const res = await pipeline.sendRequest(createDefaultHttpClient(), request)
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.bodyAsText}`)
    return res.bodyAsText ? JSON.parse(res.bodyAsText) : undefined
  }
  const blobClient = async (url: string): Promise<Buffer> => {
    const { BlockBlobClient } = await import('@azure/storage-blob')
    return new BlockBlobClient(url, credential).downloadToBuffer()
  }
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
    case 'secret-get': {
      const { SecretClient } = await import('@azure/keyvault-secrets')
      const secret = await new SecretClient(args[0], credential).getSecret(args[1])
      process.stdout.write(secret.value ?? '')
      break
    }
    case 'blob-get': {
      process.stdout.write((await blobClient(args[0])).toString('utf8'))
      break
    }
    case 'escrow-read': {
      // Many secrets and blobs in one process (one sign-in): '[{"kind":"secret"|"blob","url":...}]' in,
      // '[{"url", "value" | "missing": true | "error"}]' out.
      const { SecretClient } = await import('@azure/keyvault-secrets')
      const reads = JSON.parse(args[0]) as Array<{ kind: 'secret' | 'blob'; url: string }>
      const out = await Promise.all(
        reads.map(async r => {
          try {
            if (r.kind === 'blob') return { url: r.url, value: (await blobClient(r.url)).toString('utf8') }
            const u = new URL(r.url)
            const s = await new SecretClient(u.origin, credential).getSecret(u.pathname.split('/')[2])
            return { url: r.url, value: s.value ?? '' }
          } catch (e) {
            const status = (e as { statusCode?: number }).statusCode
            if (status === 404) return { url: r.url, missing: true }
            return { url: r.url, error: `${status ?? ''} ${(e as Error).message}`.trim() }
          }
        })
      )
      process.stdout.write(JSON.stringify(out))
      break
    }
    case 'blob-put': {
      // Overwrites: an out-of-band change (tampering) for tests, or a person's upload (metadata as JSON).
      const { BlockBlobClient } = await import('@azure/storage-blob')
      const body = Buffer.from(args[1], 'utf8')
      const metadata = args[2] ? (JSON.parse(args[2]) as Record<string, string>) : undefined
      await new BlockBlobClient(args[0], credential).upload(body, body.length, { metadata })
      break
    }
    case 'key-show': {
      const k = await keyClient(args[0]).getKey(args[1])
      const policy = k.properties.releasePolicy
      console.log(
        JSON.stringify({
          id: k.id,
          keyType: k.keyType,
          key: k.key,
          keyOperations: k.keyOperations,
          enabled: k.properties.enabled,
          exportable: k.properties.exportable,
          releasePolicy: policy && {
            immutable: policy.immutable,
            policy: policy.encodedPolicy
              ? JSON.parse(Buffer.from(policy.encodedPolicy).toString('utf8'))
              : undefined
          }
        })
      )
      break
    }
    case 'key-policy': {
      // key-policy HSM_URI NAME POLICY_JSON [immutable]
      await keyClient(args[0]).updateKeyProperties(args[1], {
        releasePolicy: {
          encodedPolicy: new Uint8Array(Buffer.from(args[2], 'utf8')),
          immutable: args[3] === 'immutable'
        }
      })
      break
    }
    case 'key-versions': {
      // key-versions HSM_URI NAME: each version with its state and policy, oldest first (az keyvault key
      // list-versions, then show per version).
      const client = keyClient(args[0])
      const out = []
      for await (const p of client.listPropertiesOfKeyVersions(args[1])) {
        const k = await client.getKey(args[1], { version: p.version })
        const policy = k.properties.releasePolicy
        out.push({
          version: k.properties.version,
          createdOn: k.properties.createdOn,
          enabled: k.properties.enabled,
          exportable: k.properties.exportable,
          releasePolicy: policy && {
            immutable: policy.immutable,
            policy: policy.encodedPolicy
              ? JSON.parse(Buffer.from(policy.encodedPolicy).toString('utf8'))
              : undefined
          }
        })
      }
      console.log(JSON.stringify(out))
      break
    }
    case 'key-version-policy': {
      // key-version-policy HSM_URI NAME VERSION POLICY_JSON [immutable]: PATCH /keys/{name}/{version}.
      await keyClient(args[0]).updateKeyProperties(args[1], args[2], {
        releasePolicy: {
          encodedPolicy: new Uint8Array(Buffer.from(args[3], 'utf8')),
          immutable: args[4] === 'immutable'
        }
      })
      break
    }
    case 'key-new-version': {
      // key-new-version HSM_URI NAME POLICY_JSON [immutable]: a new version of an exportable RSA-HSM key with
      // that policy (az keyvault key create on an existing name); prints its version.
      const k = await keyClient(args[0]).createKey(args[1], 'RSA-HSM', {
        keySize: 3072,
        exportable: true,
        keyOps: ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt'],
        releasePolicy: {
          encodedPolicy: new Uint8Array(Buffer.from(args[2], 'utf8')),
          immutable: args[3] === 'immutable'
        }
      })
      process.stdout.write(k.properties.version ?? '')
      break
    }
    case 'key-version-release': {
      // key-version-release HSM_URI NAME VERSION TOKEN: a VM asking for one version of the key.
      const r = await keyClient(args[0]).releaseKey(args[1], args[3], { version: args[2] })
      process.stdout.write(r.value)
      break
    }
    case 'key-release': {
      // key-release HSM_URI NAME ATTESTATION_TOKEN: what a confidential VM's workload asks for.
      const r = await keyClient(args[0]).releaseKey(args[1], args[2])
      process.stdout.write(r.value)
      break
    }
    case 'key-restore': {
      // key-restore HSM_URI SOURCE: a key backup (a blob URL, or a local file) offered to an HSM.
      const backup = /^https:\/\/[^/]+\.blob\./.test(args[1])
        ? await blobClient(args[1])
        : (await import('node:fs')).readFileSync(args[1])
      const k = await keyClient(args[0]).restoreKeyBackup(new Uint8Array(backup))
      console.log(JSON.stringify({ id: k.id, name: k.name }))
      break
    }
    case 'blob-delete': {
      const { BlockBlobClient } = await import('@azure/storage-blob')
      await new BlockBlobClient(args[0], credential).delete()
      break
    }
    case 'key-disable': {
      await keyClient(args[0]).updateKeyProperties(args[1], { enabled: false })
      break
    }
    case 'role-list': {
      // role-list HSM_URI PRINCIPAL: every assignment of the principal, as JSON.
      console.log(
        JSON.stringify(
          await dataPlane(
            args[0],
            'GET',
            `/providers/Microsoft.Authorization/roleAssignments?$filter=principalId eq '${args[1]}'`
          )
        )
      )
      break
    }
    case 'role-put': {
      // role-put HSM_URI SCOPE NAME ROLE_GUID PRINCIPAL
      const scope = args[1] === '/' ? '' : args[1]
      await dataPlane(
        args[0],
        'PUT',
        `${scope}/providers/Microsoft.Authorization/roleAssignments/${args[2]}`,
        {
          properties: {
            roleDefinitionId: `Microsoft.KeyVault/providers/Microsoft.Authorization/roleDefinitions/${args[3]}`,
            principalId: args[4]
          }
        }
      )
      break
    }
    case 'roledef-put': {
      // roledef-put HSM_URI NAME_GUID ROLE_NAME '<permissions json>': a custom role at '/', as
      // `az keyvault role definition create --hsm-name … --role-definition …` makes it.
      await dataPlane(args[0], 'PUT', `/providers/Microsoft.Authorization/roleDefinitions/${args[1]}`, {
        properties: {
          roleName: args[2],
          description: '',
          type: 'CustomRole',
          permissions: JSON.parse(args[3])
        }
      })
      break
    }
    case 'role-delete': {
      // role-delete HSM_URI SCOPE NAME
      const scope = args[1] === '/' ? '' : args[1]
      await dataPlane(
        args[0],
        'DELETE',
        `${scope}/providers/Microsoft.Authorization/roleAssignments/${args[2]}`
      )
      break
    }
    case 'setting-update': {
      // setting-update HSM_URI NAME VALUE: as `az keyvault setting update --hsm-name … --name … --value …`.
      console.log(
        JSON.stringify(await dataPlane(args[0], 'PATCH', `/settings/${args[1]}`, { value: args[2] }))
      )
      break
    }
    case 'setting-list': {
      console.log(JSON.stringify(await dataPlane(args[0], 'GET', '/settings')))
      break
    }
    case 'arm': {
      // arm METHOD PATH [JSON]: one ARM call as `az rest` makes it (e.g. an out-of-band change to a disk
      // encryption set); prints the response body.
      const {
        createPipelineFromOptions,
        createDefaultHttpClient,
        createPipelineRequest,
        bearerTokenAuthenticationPolicy
      } = await import('@azure/core-rest-pipeline')
      const pipeline = createPipelineFromOptions({})
      pipeline.addPolicy(
        bearerTokenAuthenticationPolicy({ credential, scopes: 'https://management.azure.com/.default' })
      )
      const request = createPipelineRequest({
        url: `https://management.azure.com${args[1]}`,
        method: args[0] as 'GET',
        body: args[2]
      })
      if (args[2]) request.headers.set('content-type', 'application/json')
      const res = await pipeline.sendRequest(createDefaultHttpClient(), request)
      if (res.status >= 300) throw new Error(`${args[0]} ${args[1]}: ${res.status} ${res.bodyAsText}`)
      process.stdout.write(res.bodyAsText ?? '')
      break
    }
    default:
      throw new Error(`unknown command ${command}`)
  }
}

/**
 * `--serve {"answer", "idleExitMs"}` (scripts/client-pool.ts): one command line per request, `{"id", "argv"}`,
 * answered with what the one-shot form prints, `{"stdout"}`, or its failure, `{"error"}`; one at a time.
 */
async function serve(config: string): Promise<void> {
  const { answer, idleExitMs } = JSON.parse(config) as { answer: string; idleExitMs: number }
  const { createInterface } = await import('node:readline')
  const write = process.stdout.write.bind(process.stdout)
  let idle = setTimeout(() => process.exit(0), idleExitMs)
  for await (const line of createInterface({ input: process.stdin })) {
    clearTimeout(idle)
    const { id, argv } = JSON.parse(line) as { id: number; argv: string[] }
    let stdout = ''
    // What a command prints (console.log included) is its answer, as in the one-shot form.
    process.stdout.write = ((chunk: string | Uint8Array) => {
      stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
      return true
    }) as typeof process.stdout.write
    let result: { stdout: string } | { error: string }
    try {
      await main(argv)
      result = { stdout }
    } catch (e) {
      result = { error: e instanceof Error ? e.message : String(e) }
    } finally {
      process.stdout.write = write
    }
    write(`${answer}${JSON.stringify({ id, result })}\n`)
    idle = setTimeout(() => process.exit(0), idleExitMs)
  }
  process.exit(0)
}

const argv = process.argv.slice(2)
;(argv[0] === '--serve' ? serve(argv[1]) : main(argv)).catch(e => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
