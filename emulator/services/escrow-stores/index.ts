/**
 * The escrow stores on ARM, as a setup script creates them (`az keyvault create`, `az storage account
 * create`, `az storage container-rm create`) and as a person then changes them: Microsoft.KeyVault/vaults
 * (PUT, PATCH, GET, the subscription's list) and Microsoft.Storage/storageAccounts (PUT, PATCH, GET, the
 * subscription's list) with blobServices/default (GET, PUT) and its containers (PUT, GET, and
 * immutabilityPolicies/default PUT, GET). They land in the same stores the data planes serve
 * (key-vault/store.ts, blob/store.ts), with empty access lists: data access then comes from role assignments
 * only (arm/authorization.ts). Answers are synchronous (200/201 with the resource); Azure may answer the
 * account creation 202 and finish later. Only RBAC vaults are emulated. The protections (purge protection,
 * shared-key and public blob access, versioning, blob soft delete, immutability) are recorded and shown, not
 * enforced on the data planes.
 */
import type { VaultRecord } from '../key-vault/store.js'
import { validVaultName, vaultUrl } from '../key-vault/store.js'
import {
  validAccountName,
  validContainerName,
  type BlobServiceSettings,
  type ImmutabilityPolicy,
  type StorageAccount
} from '../blob/store.js'
import { isRecord, parseJsonBody } from '../../core/http.js'
import { DEFAULT_IDS } from '../../core/state.js'
import { rgKey } from '../arm/resource-groups.js'
import { fail, normalizeLocation, reply, type ArmRequest } from '../arm/common.js'

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
      softDeleteRetentionInDays: v.softDeleteRetentionInDays ?? 90,
      // Absent until turned on (Azure shows null), then true for good.
      ...(v.enablePurgeProtection ? { enablePurgeProtection: true } : {}),
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
      allowBlobPublicAccess: a.allowBlobPublicAccess ?? false,
      // Absent (null) unless set: Azure reads null as allowed.
      ...(a.allowSharedKeyAccess === undefined ? {} : { allowSharedKeyAccess: a.allowSharedKeyAccess }),
      minimumTlsVersion: 'TLS1_2',
      supportsHttpsTrafficOnly: true
    }
  }
}

/** What a new account's blob service has (versioning and soft delete off, as ARM and the CLI create it). */
const NEW_BLOB_SERVICE = (): BlobServiceSettings => ({
  isVersioningEnabled: false,
  deleteRetentionPolicy: { enabled: false },
  containerDeleteRetentionPolicy: { enabled: false }
})

function blobServiceJson(a: StorageAccount): Record<string, unknown> {
  const b = a.blobService ?? NEW_BLOB_SERVICE()
  return {
    id: `${accountResourceId(a)}/blobServices/default`,
    name: 'default',
    type: 'Microsoft.Storage/storageAccounts/blobServices',
    sku: { name: 'Standard_LRS', tier: 'Standard' },
    properties: {
      cors: { corsRules: [] },
      deleteRetentionPolicy: { allowPermanentDelete: false, ...b.deleteRetentionPolicy },
      containerDeleteRetentionPolicy: b.containerDeleteRetentionPolicy,
      ...(a.blobService ? { isVersioningEnabled: b.isVersioningEnabled } : {})
    }
  }
}

function policyJson(a: StorageAccount, container: string, p: ImmutabilityPolicy): Record<string, unknown> {
  return {
    id: `${accountResourceId(a)}/blobServices/default/containers/${container}/immutabilityPolicies/default`,
    name: 'default',
    type: 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies',
    etag: '"8d9f4a0c1b2e3f4"',
    properties: { ...p }
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

/** ARM's refusal of `enablePurgeProtection: false` (even on creation), word for word. */
const PURGE_PROTECTION_IRREVERSIBLE =
  'The property "enablePurgeProtection" cannot be set to false. Enabling the purge protection for a vault is an irreversible action.'

/** The vault properties a PUT or PATCH may set here; a message when they are refused. */
function vaultChanges(props: Record<string, unknown>): { purgeProtection?: true } | string {
  if (props.enablePurgeProtection === false) return PURGE_PROTECTION_IRREVERSIBLE
  if (props.enableSoftDelete === false)
    return 'The property "enableSoftDelete" cannot be set to false. Soft delete cannot be turned off.'
  return props.enablePurgeProtection === true ? { purgeProtection: true } : {}
}

function vaults(r: ArmRequest, rg: string, name: string): void {
  const existing = r.ctx.vaults.get(name)
  const inGroup = existing && existing.resourceGroup.toLowerCase() === rg.toLowerCase() ? existing : undefined
  const absent = (): void =>
    fail(
      r,
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.KeyVault/vaults/${name}' under resource group '${rg}' was not found.`
    )
  if (r.ex.method === 'GET') return inGroup ? reply(r, 200, vaultJson(inGroup)) : absent()
  if (r.ex.method === 'PATCH') {
    if (!inGroup) return absent()
    const body = readBody(r)
    if (!body) return
    const changes = vaultChanges(isRecord(body.properties) ? body.properties : {})
    if (typeof changes === 'string') return fail(r, 400, 'BadRequest', changes)
    if (changes.purgeProtection) inGroup.enablePurgeProtection = true
    r.ctx.vaults.save()
    return reply(r, 200, vaultJson(inGroup))
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
  const changes = vaultChanges(props)
  if (typeof changes === 'string') return fail(r, 400, 'BadRequest', changes)
  if (inGroup) {
    if (changes.purgeProtection) inGroup.enablePurgeProtection = true
    r.ctx.vaults.save()
    return reply(r, 200, vaultJson(inGroup))
  }
  const location = typeof body.location === 'string' ? normalizeLocation(body.location) : DEFAULT_IDS.location
  const { vault } = r.ctx.vaults.put(name, NO_LISTS(), { resourceGroup: rg, location })
  if (changes.purgeProtection) vault.enablePurgeProtection = true
  const days = props.softDeleteRetentionInDays
  if (typeof days === 'number' && Number.isInteger(days) && days >= 7 && days <= 90)
    vault.softDeleteRetentionInDays = days
  r.ctx.vaults.save()
  reply(r, 200, vaultJson(vault))
}

/** The account properties a PUT or PATCH sets here, when the body names them. */
function setAccountProperties(a: StorageAccount, props: Record<string, unknown>): void {
  if (typeof props.allowSharedKeyAccess === 'boolean') a.allowSharedKeyAccess = props.allowSharedKeyAccess
  if (typeof props.allowBlobPublicAccess === 'boolean') a.allowBlobPublicAccess = props.allowBlobPublicAccess
}

async function accounts(r: ArmRequest, rg: string, name: string): Promise<void> {
  const store = r.ctx.storage.accounts
  const existing = store.get(name)
  const inGroup = accountInGroup(r, rg, name)
  if (r.ex.method === 'GET') return inGroup ? reply(r, 200, accountJson(inGroup)) : accountAbsent(r, rg, name)
  if (r.ex.method === 'PATCH') {
    if (!inGroup) return accountAbsent(r, rg, name)
    const body = readBody(r)
    if (!body) return
    setAccountProperties(inGroup, isRecord(body.properties) ? body.properties : {})
    store.save()
    return reply(r, 200, accountJson(inGroup))
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
  const props = isRecord(body.properties) ? body.properties : {}
  if (inGroup) {
    // A PUT on an existing account updates the properties it names.
    setAccountProperties(inGroup, props)
    store.save()
    return reply(r, 200, accountJson(inGroup))
  }
  const { account } = store.put(name, NO_LISTS())
  account.resourceGroup = rg
  account.location =
    typeof body.location === 'string' ? normalizeLocation(body.location) : DEFAULT_IDS.location
  setAccountProperties(account, props)
  store.save()
  const s = await r.ctx.storage.ready
  if (s.ok) await s.azurite.setAccounts(store.azuriteAccounts())
  reply(r, 200, accountJson(account))
}

function accountInGroup(r: ArmRequest, rg: string, name: string): StorageAccount | undefined {
  const a = r.ctx.storage.accounts.get(name)
  return a && (a.resourceGroup ?? DEFAULT_IDS.resourceGroup).toLowerCase() === rg.toLowerCase()
    ? a
    : undefined
}

function accountAbsent(r: ArmRequest, rg: string, name: string): void {
  fail(
    r,
    404,
    'ResourceNotFound',
    `The Resource 'Microsoft.Storage/storageAccounts/${name}' under resource group '${rg}' was not found.`
  )
}

/** `…/storageAccounts/{name}/blobServices/default`: GET, and PUT of the properties it names. */
function blobService(r: ArmRequest, rg: string, name: string): void {
  const account = accountInGroup(r, rg, name)
  if (!account) return accountAbsent(r, rg, name)
  if (r.ex.method === 'GET') return reply(r, 200, blobServiceJson(account))
  if (r.ex.method !== 'PUT')
    return fail(r, 405, 'MethodNotAllowed', `The HTTP method '${r.ex.method}' is not supported.`)
  const body = readBody(r)
  if (!body) return
  const props = isRecord(body.properties) ? body.properties : {}
  const next = { ...(account.blobService ?? NEW_BLOB_SERVICE()) }
  if (typeof props.isVersioningEnabled === 'boolean') next.isVersioningEnabled = props.isVersioningEnabled
  for (const key of ['deleteRetentionPolicy', 'containerDeleteRetentionPolicy'] as const) {
    const p = props[key]
    if (!isRecord(p)) continue
    if (typeof p.enabled !== 'boolean')
      return fail(r, 400, 'InvalidRequestPropertyValue', `The value for ${key}.enabled is not valid.`)
    const days = p.days
    if (p.enabled && (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365))
      return fail(
        r,
        400,
        'InvalidRequestPropertyValue',
        `The value for ${key}.days is not valid: it must be between 1 and 365.`
      )
    next[key] = p.enabled ? { enabled: true, days: days as number } : { enabled: false }
  }
  account.blobService = next
  r.ctx.storage.accounts.save()
  reply(r, 200, blobServiceJson(account))
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
  const policy = account.immutabilityPolicies?.[container]
  const json = {
    id,
    name: container,
    type: 'Microsoft.Storage/storageAccounts/blobServices/containers',
    properties: {
      publicAccess: 'None',
      hasImmutabilityPolicy: !!policy,
      hasLegalHold: false,
      ...(policy ? { immutabilityPolicy: { properties: policy } } : {})
    }
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

/** `…/containers/{c}/immutabilityPolicies/default`: PUT (a time-based retention policy, unlocked) and GET. */
function immutabilityPolicy(r: ArmRequest, rg: string, accountName: string, container: string): void {
  const account = accountInGroup(r, rg, accountName)
  if (!account) return accountAbsent(r, rg, accountName)
  if (!account.containers.includes(container))
    return fail(r, 404, 'ContainerNotFound', 'The specified container does not exist.')
  const existing = account.immutabilityPolicies?.[container]
  if (r.ex.method === 'GET')
    return existing
      ? reply(r, 200, policyJson(account, container, existing))
      : fail(r, 404, 'ImmutabilityPolicyNotFound', 'The immutability policy does not exist.')
  if (r.ex.method !== 'PUT')
    return fail(r, 405, 'MethodNotAllowed', `The HTTP method '${r.ex.method}' is not supported.`)
  const body = readBody(r)
  if (!body) return
  const props = isRecord(body.properties) ? body.properties : {}
  const days = props.immutabilityPeriodSinceCreationInDays
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 146000)
    return fail(
      r,
      400,
      'InvalidRequestPropertyValue',
      'The value for immutabilityPeriodSinceCreationInDays is not valid: it must be between 1 and 146000.'
    )
  const policy: ImmutabilityPolicy = {
    immutabilityPeriodSinceCreationInDays: days,
    allowProtectedAppendWrites: props.allowProtectedAppendWrites === true,
    state: existing?.state ?? 'Unlocked'
  }
  account.immutabilityPolicies = { ...(account.immutabilityPolicies ?? {}), [container]: policy }
  r.ctx.storage.accounts.save()
  reply(r, 200, policyJson(account, container, policy))
}

/**
 * `GET /subscriptions/{sub}/providers/Microsoft.KeyVault/vaults` and `…/Microsoft.Storage/storageAccounts`:
 * every vault or account of the subscription, with its properties, on one page. False for other paths.
 */
function subscriptionLists(r: ArmRequest): boolean {
  const { lower } = r
  if (lower.length !== 5 || lower[2] !== 'providers') return false
  const vaultsList = lower[3] === 'microsoft.keyvault' && lower[4] === 'vaults'
  const accountsList = lower[3] === 'microsoft.storage' && lower[4] === 'storageaccounts'
  if (!vaultsList && !accountsList) return false
  if (r.ex.method !== 'GET') {
    fail(r, 405, 'MethodNotAllowed', `The HTTP method '${r.ex.method}' is not supported.`)
    return true
  }
  const value = vaultsList
    ? r.ctx.vaults.list().map(vaultJson)
    : r.ctx.storage.accounts.list().map(accountJson)
  reply(r, 200, { value })
  return true
}

/**
 * `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}`,
 * `.../Microsoft.Storage/storageAccounts/{name}[/blobServices/default[/containers/{name}[/immutabilityPolicies/default]]]`
 * and the subscription's lists of both. Returns false when the path is none of them.
 */
export async function handleEscrowStores(r: ArmRequest): Promise<boolean> {
  const { lower, segs } = r
  if (subscriptionLists(r)) return true
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
  if (lower[8] !== 'blobservices' || lower[9] !== 'default') return false
  if (lower.length === 10) {
    blobService(r, rg, segs[7])
    return true
  }
  if (lower.length === 12 && lower[10] === 'containers') {
    await containers(r, rg, segs[7], segs[11])
    return true
  }
  if (
    lower.length === 14 &&
    lower[10] === 'containers' &&
    lower[12] === 'immutabilitypolicies' &&
    lower[13] === 'default'
  ) {
    immutabilityPolicy(r, rg, segs[7], segs[11])
    return true
  }
  return false
}
