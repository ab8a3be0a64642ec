/**
 * The escrow stores on ARM, as a setup script creates them (`az keyvault create`, `az storage account
 * create`, `az storage container-rm create`): Microsoft.KeyVault/vaults and Microsoft.Storage/storageAccounts
 * with blobServices/default/containers, PUT and GET. They land in the same stores the data planes serve
 * (key-vault-store.ts, blob-store.ts), with empty access lists: data access then comes from role
 * assignments only (arm-authorization.ts). Answers are synchronous (200/201 with the resource); Azure
 * may answer the account creation 202 and finish later. Only RBAC vaults are emulated.
 */
import type { VaultRecord } from './key-vault-store.js'
import { validVaultName, vaultUrl } from './key-vault-store.js'
import { validAccountName, validContainerName, type StorageAccount } from './blob-store.js'
import { isRecord, parseJsonBody } from '../http.js'
import { DEFAULT_IDS, rgKey } from '../state.js'
import { fail, normalizeLocation, reply, type ArmRequest } from './arm-common.js'

const NO_LISTS = (): { writers: string[]; readers: string[] } => ({ writers: [], readers: [] })

const rgPath = (rg: string): string => `/subscriptions/${DEFAULT_IDS.subscriptionId}/resourceGroups/${rg}`

export const vaultResourceId = (v: VaultRecord): string =>
  `${rgPath(v.resourceGroup)}/providers/Microsoft.KeyVault/vaults/${v.name}`

export const accountResourceId = (a: StorageAccount): string =>
  `${rgPath(a.resourceGroup ?? DEFAULT_IDS.resourceGroup)}/providers/Microsoft.Storage/storageAccounts/${a.name}`

function vaultJson(v: VaultRecord): Record<string, unknown> {
  return {
    id: vaultResourceId(v),
    name: v.name,
    type: 'Microsoft.KeyVault/vaults',
    location: v.location,
    tags: {},
    properties: {
      sku: { family: 'A', name: 'standard' },
      tenantId: DEFAULT_IDS.tenantId,
      accessPolicies: [],
      enabledForDeployment: false,
      enableRbacAuthorization: true,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      vaultUri: `${vaultUrl(v)}/`,
      provisioningState: 'Succeeded',
      publicNetworkAccess: 'Enabled'
    }
  }
}

function accountJson(a: StorageAccount): Record<string, unknown> {
  return {
    id: accountResourceId(a),
    name: a.name,
    type: 'Microsoft.Storage/storageAccounts',
    location: a.location ?? DEFAULT_IDS.location,
    kind: 'StorageV2',
    sku: { name: 'Standard_LRS', tier: 'Standard' },
    properties: {
      provisioningState: 'Succeeded',
      primaryEndpoints: { blob: `https://${a.name}.blob.core.windows.net/` },
      allowBlobPublicAccess: false,
      minimumTlsVersion: 'TLS1_2',
      supportsHttpsTrafficOnly: true
    }
  }
}

function readBody(r: ArmRequest): Record<string, unknown> | undefined {
  const body = parseJsonBody(r.ex.body)
  if (body instanceof Error || !isRecord(body)) {
    fail(r, 400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.')
    return undefined
  }
  return body
}

function groupExists(r: ArmRequest, rg: string): boolean {
  if (r.ctx.state.data.resourceGroups[rgKey(DEFAULT_IDS.subscriptionId, rg)]) return true
  fail(r, 404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`)
  return false
}

function vaults(r: ArmRequest, rg: string, name: string): void {
  const existing = r.ctx.vaults.get(name)
  const inGroup = existing && existing.resourceGroup.toLowerCase() === rg.toLowerCase() ? existing : undefined
  if (r.ex.method === 'GET') {
    return inGroup
      ? reply(r, 200, vaultJson(inGroup))
      : fail(
          r,
          404,
          'ResourceNotFound',
          `The Resource 'Microsoft.KeyVault/vaults/${name}' under resource group '${rg}' was not found.`
        )
  }
  if (r.ex.method !== 'PUT')
    return fail(r, 405, 'MethodNotAllowed', `The HTTP method '${r.ex.method}' is not supported.`)
  if (!groupExists(r, rg)) return
  if (!validVaultName(name))
    return fail(
      r,
      400,
      'VaultNameNotValid',
      `The vault name '${name}' is invalid. A vault's name must be between 3-24 alphanumeric characters. The name must begin with a letter, end with a letter or digit, and not contain consecutive hyphens.`
    )
  if (existing && !inGroup)
    return fail(
      r,
      409,
      'VaultAlreadyExists',
      `The vault name '${name}' is already in use. Vault names are globally unique so it is possible that the name is already taken.`
    )
  const body = readBody(r)
  if (!body) return
  const props = isRecord(body.properties) ? body.properties : {}
  if (props.enableRbacAuthorization !== true)
    return fail(
      r,
      400,
      'BadRequest',
      'The emulator serves only vaults with enableRbacAuthorization: true (access policies are not emulated).'
    )
  if (inGroup) return reply(r, 200, vaultJson(inGroup))
  const location = typeof body.location === 'string' ? normalizeLocation(body.location) : DEFAULT_IDS.location
  const { vault } = r.ctx.vaults.put(name, NO_LISTS(), { resourceGroup: rg, location })
  reply(r, 200, vaultJson(vault))
}

async function accounts(r: ArmRequest, rg: string, name: string): Promise<void> {
  const store = r.ctx.storage.accounts
  const existing = store.get(name)
  const inGroup =
    existing && (existing.resourceGroup ?? DEFAULT_IDS.resourceGroup).toLowerCase() === rg.toLowerCase()
      ? existing
      : undefined
  if (r.ex.method === 'GET') {
    return inGroup
      ? reply(r, 200, accountJson(inGroup))
      : fail(
          r,
          404,
          'ResourceNotFound',
          `The Resource 'Microsoft.Storage/storageAccounts/${name}' under resource group '${rg}' was not found.`
        )
  }
  if (r.ex.method !== 'PUT')
    return fail(r, 405, 'MethodNotAllowed', `The HTTP method '${r.ex.method}' is not supported.`)
  if (!groupExists(r, rg)) return
  if (!validAccountName(name))
    return fail(
      r,
      400,
      'AccountNameInvalid',
      `${name} is not a valid storage account name. Storage account name must be between 3 and 24 characters in length and use numbers and lower-case letters only.`
    )
  if (existing && !inGroup)
    return fail(r, 409, 'StorageAccountAlreadyTaken', `The storage account named ${name} is already taken.`)
  const body = readBody(r)
  if (!body) return
  if (inGroup) return reply(r, 200, accountJson(inGroup))
  const { account } = store.put(name, NO_LISTS())
  account.resourceGroup = rg
  account.location =
    typeof body.location === 'string' ? normalizeLocation(body.location) : DEFAULT_IDS.location
  store.save()
  const s = await r.ctx.storage.ready
  if (s.ok) await s.azurite.setAccounts(store.azuriteAccounts())
  reply(r, 200, accountJson(account))
}

async function containers(r: ArmRequest, rg: string, accountName: string, container: string): Promise<void> {
  const store = r.ctx.storage.accounts
  const account = store.get(accountName)
  if (!account || (account.resourceGroup ?? DEFAULT_IDS.resourceGroup).toLowerCase() !== rg.toLowerCase())
    return fail(
      r,
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.Storage/storageAccounts/${accountName}' under resource group '${rg}' was not found.`
    )
  const id = `${accountResourceId(account)}/blobServices/default/containers/${container}`
  const json = {
    id,
    name: container,
    type: 'Microsoft.Storage/storageAccounts/blobServices/containers',
    properties: { publicAccess: 'None' }
  }
  if (r.ex.method === 'GET') {
    return account.containers.includes(container)
      ? reply(r, 200, json)
      : fail(r, 404, 'ContainerNotFound', 'The specified container does not exist.')
  }
  if (r.ex.method !== 'PUT')
    return fail(r, 405, 'MethodNotAllowed', `The HTTP method '${r.ex.method}' is not supported.`)
  if (!validContainerName(container))
    return fail(
      r,
      400,
      'ContainerOperationFailure',
      'The specified resource name contains invalid characters.'
    )
  const s = await r.ctx.storage.ready
  if (!s.ok) return fail(r, 503, 'ServiceUnavailable', 'Blob storage is unavailable.')
  const result = await r.ctx.storage.createContainer(s.azurite, account.name, container)
  store.addContainer(store.get(account.name) ?? account, container)
  reply(r, result === 'created' ? 201 : 200, json)
}

/**
 * `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}`,
 * `.../Microsoft.Storage/storageAccounts/{name}[/blobServices/default/containers/{name}]`.
 * Returns false when the path is none of them.
 */
export async function handleEscrowStores(r: ArmRequest): Promise<boolean> {
  const { lower, segs } = r
  if (lower[2] !== 'resourcegroups' || lower[4] !== 'providers') return false
  const rg = segs[3]
  if (lower[5] === 'microsoft.keyvault' && lower[6] === 'vaults' && lower.length === 8) {
    vaults(r, rg, segs[7])
    return true
  }
  if (lower[5] !== 'microsoft.storage' || lower[6] !== 'storageaccounts') return false
  if (lower.length === 8) {
    await accounts(r, rg, segs[7])
    return true
  }
  if (
    lower.length === 12 &&
    lower[8] === 'blobservices' &&
    lower[9] === 'default' &&
    lower[10] === 'containers'
  ) {
    await containers(r, rg, segs[7], segs[11])
    return true
  }
  return false
}
