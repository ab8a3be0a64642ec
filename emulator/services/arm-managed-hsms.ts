/**
 * Microsoft.KeyVault/managedHSMs on ARM (protocol notes §1): PUT/PATCH/DELETE as long-running
 * operations answered 202 + Location (no Azure-AsyncOperation, no Retry-After, like the real
 * service), GET, lists, soft-deleted HSMs, purge and the global name check.
 */
import { randomBytes } from 'node:crypto'
import { isRecord, parseJsonBody } from '../http.js'
import {
  activationStatus,
  DEFAULT_IDS,
  provisioningMessage,
  provisioningState,
  rgKey,
  type ArmFailure,
  type HsmRecord,
  type Operation,
  type OperationKind
} from '../state.js'
import { ARM, fail, normalizeLocation, reply, type ArmRequest } from './arm-common.js'

const DAY_MS = 24 * 3600 * 1000
const TYPE = 'Microsoft.KeyVault/managedHSMs'
const SKUS: Record<string, string[]> = {
  B: ['Standard_B1', 'Custom_B32', 'Custom_B6'],
  C: ['Custom_C42', 'Custom_C10']
}
/** Regions offering Managed HSM (the list ARM prints in LocationNotAvailableForResourceType). */
const REGIONS = [
  'eastus',
  'eastus2',
  'westus',
  'westus2',
  'westus3',
  'centralus',
  'northcentralus',
  'southcentralus',
  'westcentralus',
  'canadacentral',
  'canadaeast',
  'brazilsouth',
  'northeurope',
  'westeurope',
  'uksouth',
  'ukwest',
  'francecentral',
  'germanywestcentral',
  'switzerlandnorth',
  'swedencentral',
  'norwayeast',
  'polandcentral',
  'italynorth',
  'uaenorth',
  'qatarcentral',
  'israelcentral',
  'southafricanorth',
  'centralindia',
  'southindia',
  'eastasia',
  'southeastasia',
  'japaneast',
  'japanwest',
  'koreacentral',
  'australiaeast',
  'australiasoutheast',
  'australiacentral'
]
const ACTIVE_MESSAGE = 'Your HSM has been activated and can be used for cryptographic operations.'
const NOT_ACTIVE_MESSAGE =
  'Your HSM has been provisioned, but cannot be used for cryptographic operations until it is activated. ' +
  'To activate the HSM, download the security domain.'
const ACTIVATION_FAILED_MESSAGE =
  'Activation of your HSM failed. Download the security domain again to activate the HSM.'
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function validName(name: string): boolean {
  return /^[a-zA-Z][-a-zA-Z\d]{1,22}[a-zA-Z\d]$/.test(name) && !name.includes('--')
}

const nameRules = (name: string): string =>
  `The managed HSM name '${name}' is invalid. A managed HSM's name must be between 3-24 alphanumeric characters. ` +
  'The name must begin with a letter, end with a letter or digit, and not contain consecutive hyphens.'

export function hsmId(hsm: HsmRecord): string {
  return `/subscriptions/${hsm.subscriptionId}/resourceGroups/${hsm.resourceGroup}/providers/${TYPE}/${hsm.name}`
}

export function hsmJson(hsm: HsmRecord, now = Date.now()): Record<string, unknown> {
  const activation = activationStatus(hsm, now)
  const p = hsm.properties
  return {
    id: hsmId(hsm),
    name: hsm.name,
    type: TYPE,
    location: hsm.location,
    sku: hsm.sku,
    tags: hsm.tags,
    systemData: {
      createdBy: hsm.createdBy,
      createdByType: 'Application',
      createdAt: new Date(hsm.createdAt).toISOString(),
      lastModifiedBy: hsm.lastModifiedBy,
      lastModifiedByType: 'Application',
      lastModifiedAt: new Date(hsm.lastModifiedAt).toISOString()
    },
    properties: {
      tenantId: p.tenantId,
      hsmUri: `https://${hsm.name}.managedhsm.azure.net/`,
      initialAdminObjectIds: p.initialAdminObjectIds,
      enableSoftDelete: p.enableSoftDelete,
      softDeleteRetentionInDays: p.softDeleteRetentionInDays,
      enablePurgeProtection: p.enablePurgeProtection,
      provisioningState: provisioningState(hsm, now),
      statusMessage: provisioningMessage(hsm, now),
      networkAcls: p.networkAcls,
      publicNetworkAccess: p.publicNetworkAccess,
      regions: [],
      securityDomainProperties: {
        activationStatus: activation,
        activationStatusMessage:
          activation === 'Active'
            ? ACTIVE_MESSAGE
            : activation === 'Failed'
              ? ACTIVATION_FAILED_MESSAGE
              : NOT_ACTIVE_MESSAGE
      }
    }
  }
}

function deletedJson(rec: {
  hsm: HsmRecord
  deletionDate: number
  scheduledPurgeDate: number
}): Record<string, unknown> {
  const { hsm } = rec
  return {
    id: `/subscriptions/${hsm.subscriptionId}/providers/Microsoft.KeyVault/locations/${hsm.location}/deletedManagedHSMs/${hsm.name}`,
    name: hsm.name,
    type: 'Microsoft.KeyVault/deletedManagedHSMs',
    properties: {
      mhsmId: hsmId(hsm),
      location: hsm.location,
      deletionDate: new Date(rec.deletionDate).toISOString(),
      scheduledPurgeDate: new Date(rec.scheduledPurgeDate).toISOString(),
      purgeProtectionEnabled: hsm.properties.enablePurgeProtection,
      tags: hsm.tags
    }
  }
}

/** Deleted HSMs past their scheduled purge date disappear, as Azure purges them itself. */
function sweepDeleted(r: ArmRequest): void {
  const data = r.ctx.state.data
  let changed = false
  for (const [key, rec] of Object.entries(data.deletedHsms)) {
    if (rec.scheduledPurgeDate <= Date.now()) {
      delete data.deletedHsms[key]
      changed = true
    }
  }
  if (changed) r.ctx.state.save()
}

/** 202 + Location pointing at managedHsmOperationResults, shaped like the real URL (t/c/s/h included). */
function accepted(r: ArmRequest, kind: OperationKind, hsm: HsmRecord, completesAt: number): void {
  const op = r.ctx.state.addOperation({
    kind,
    subscriptionId: hsm.subscriptionId,
    location: hsm.location,
    hsmName: hsm.name,
    completesAt
  })
  reply(r, 202, undefined, { location: operationUrl(r, op) })
}

function operationUrl(r: ArmRequest, op: Operation): string {
  const ticks = BigInt(Date.now()) * 10000n + 621355968000000000n
  const rnd = (n: number): string => randomBytes(n).toString('base64url')
  return (
    `${ARM}/subscriptions/${op.subscriptionId}/providers/Microsoft.KeyVault/locations/${op.location}` +
    `/managedHsmOperationResults/${op.id}?api-version=${encodeURIComponent(r.apiVersion)}` +
    `&t=${ticks}&c=${rnd(96)}&s=${rnd(64)}&h=${rnd(32)}`
  )
}

function operationResult(r: ArmRequest, opId: string): void {
  const op = r.ctx.state.data.operations[opId]
  if (!op || op.subscriptionId !== DEFAULT_IDS.subscriptionId) {
    return fail(r, 404, 'OperationNotFound', `The operation '${opId}' could not be found.`)
  }
  if (Date.now() < op.completesAt) return reply(r, 202, undefined, { location: operationUrl(r, op) })
  if (op.kind === 'delete' || op.kind === 'purge') return reply(r, 200)
  const hsm = r.ctx.state.data.hsms[op.hsmName.toLowerCase()]
  if (!hsm) return fail(r, 404, 'ResourceNotFound', `The managed HSM '${op.hsmName}' no longer exists.`)
  const failure = hsm.provisioning.failure
  if (op.kind === 'create' && failure) return fail(r, failure.status, failure.code, failure.message)
  reply(r, 200, hsmJson(hsm))
}

function nextFailure(r: ArmRequest): ArmFailure | undefined {
  const s = r.ctx.settings.failNextCreate
  if (!s) return undefined
  r.ctx.settings.failNextCreate = false
  const spec = s === true ? {} : s
  return {
    status: spec.status ?? 500,
    code: spec.code ?? 'InternalServerError',
    message:
      spec.message ??
      'Managed HSM provisioning failed because of an internal error. Delete the resource and retry the operation.'
  }
}

interface ParsedBody {
  location?: string
  tags?: Record<string, string>
  sku?: unknown
  properties: Record<string, unknown>
}

function parseBody(r: ArmRequest): ParsedBody | undefined {
  const body = parseJsonBody(r.ex.body)
  if (body instanceof Error || !isRecord(body)) {
    const detail = body instanceof Error ? body.message : 'expected a JSON object'
    fail(
      r,
      400,
      'InvalidRequestContent',
      `The request content was invalid and could not be deserialized: '${detail}'.`
    )
    return undefined
  }
  if (body.properties !== undefined && !isRecord(body.properties)) {
    fail(
      r,
      400,
      'InvalidRequestContent',
      "The request content was invalid and could not be deserialized: 'properties must be an object'."
    )
    return undefined
  }
  if (body.tags !== undefined && !isRecord(body.tags)) {
    fail(
      r,
      400,
      'InvalidRequestContent',
      "The request content was invalid and could not be deserialized: 'tags must be an object'."
    )
    return undefined
  }
  return {
    location: typeof body.location === 'string' ? body.location : undefined,
    tags: body.tags as Record<string, string> | undefined,
    sku: body.sku,
    properties: (body.properties as Record<string, unknown> | undefined) ?? {}
  }
}

function validSku(r: ArmRequest, sku: unknown): { family: string; name: string } | undefined {
  if (!isRecord(sku) || typeof sku.name !== 'string') {
    fail(
      r,
      400,
      'BadRequest',
      'The sku property is required. Supported sku: family "B", name "Standard_B1", "Custom_B32" or "Custom_B6".'
    )
    return undefined
  }
  const family = typeof sku.family === 'string' ? sku.family : 'B'
  if (!SKUS[family]?.includes(sku.name)) {
    fail(r, 400, 'BadRequest', `The sku '${family}/${sku.name}' is not valid for resource type '${TYPE}'.`)
    return undefined
  }
  return { family, name: sku.name }
}

/** Checks of properties shared by PUT and PATCH; returns an error message or undefined. */
function propertyErrors(p: Record<string, unknown>, existing?: HsmRecord): string | undefined {
  if (p.tenantId !== undefined) {
    if (typeof p.tenantId !== 'string' || !GUID.test(p.tenantId))
      return `The tenant id '${String(p.tenantId)}' is not a valid GUID.`
    if (existing && p.tenantId.toLowerCase() !== existing.properties.tenantId)
      return 'The property "tenantId" cannot be changed for an existing managed HSM.'
    if (!existing && p.tenantId.toLowerCase() !== DEFAULT_IDS.tenantId)
      return `The tenant id '${p.tenantId}' does not match the tenant '${DEFAULT_IDS.tenantId}' of subscription '${DEFAULT_IDS.subscriptionId}'.`
  }
  const retention = p.softDeleteRetentionInDays
  if (retention !== undefined) {
    if (typeof retention !== 'number' || !Number.isInteger(retention) || retention < 7 || retention > 90)
      return 'The property "softDeleteRetentionInDays" must be an integer between 7 and 90.'
    if (existing && retention !== existing.properties.softDeleteRetentionInDays)
      return 'The property "softDeleteRetentionInDays" cannot be changed once the managed HSM has been created.'
  }
  if (p.enableSoftDelete === false)
    return 'The property "enableSoftDelete" cannot be set to false. Soft delete is always enabled for managed HSMs.'
  if (p.enablePurgeProtection !== undefined && typeof p.enablePurgeProtection !== 'boolean')
    return 'The property "enablePurgeProtection" must be a boolean.'
  if (existing?.properties.enablePurgeProtection && p.enablePurgeProtection === false)
    return 'The property "enablePurgeProtection" cannot be set to false. Enabling the purge protection for a managed HSM is an irreversible action.'
  if (p.publicNetworkAccess !== undefined && !['Enabled', 'Disabled'].includes(String(p.publicNetworkAccess)))
    return `The value '${String(p.publicNetworkAccess)}' is not valid for property "publicNetworkAccess". Allowed values: Enabled, Disabled.`
  if (p.networkAcls !== undefined) {
    const acl = p.networkAcls
    if (!isRecord(acl)) return 'The property "networkAcls" must be an object.'
    if (acl.defaultAction !== undefined && !['Allow', 'Deny'].includes(String(acl.defaultAction)))
      return `The value '${String(acl.defaultAction)}' is not valid for property "networkAcls.defaultAction".`
    if (acl.bypass !== undefined && !['AzureServices', 'None'].includes(String(acl.bypass)))
      return `The value '${String(acl.bypass)}' is not valid for property "networkAcls.bypass".`
  }
  return undefined
}

function normalizeAcls(acl: unknown): Record<string, unknown> {
  const a = isRecord(acl) ? acl : {}
  return {
    bypass: a.bypass ?? 'AzureServices',
    defaultAction: a.defaultAction ?? 'Allow',
    ipRules: Array.isArray(a.ipRules) ? a.ipRules : [],
    virtualNetworkRules: Array.isArray(a.virtualNetworkRules) ? a.virtualNetworkRules : []
  }
}

function applyMutable(
  hsm: HsmRecord,
  p: Record<string, unknown>,
  tags: Record<string, string> | undefined,
  by: string
): void {
  if (tags !== undefined) hsm.tags = tags
  if (typeof p.enablePurgeProtection === 'boolean')
    hsm.properties.enablePurgeProtection = p.enablePurgeProtection
  if (typeof p.publicNetworkAccess === 'string') hsm.properties.publicNetworkAccess = p.publicNetworkAccess
  if (p.networkAcls !== undefined) hsm.properties.networkAcls = normalizeAcls(p.networkAcls)
  hsm.lastModifiedBy = by
  hsm.lastModifiedAt = Date.now()
}

function createOrUpdate(r: ArmRequest, rg: string, name: string): void {
  const { ctx } = r
  const data = ctx.state.data
  if (!validName(name)) return fail(r, 400, 'BadRequest', nameRules(name))
  const body = parseBody(r)
  if (!body) return
  if (!body.location)
    return fail(r, 400, 'LocationRequired', 'The location property is required for this definition.')
  const location = normalizeLocation(body.location)
  if (!REGIONS.includes(location)) {
    return fail(
      r,
      400,
      'LocationNotAvailableForResourceType',
      `The provided location '${body.location}' is not available for resource type '${TYPE}'. List of available regions for the resource type is '${REGIONS.join(',')}'.`
    )
  }
  const group = data.resourceGroups[rgKey(DEFAULT_IDS.subscriptionId, rg)]
  if (!group) return fail(r, 404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`)
  const sku = validSku(r, body.sku)
  if (!sku) return
  const key = name.toLowerCase()
  const existing = data.hsms[key]
  const p = body.properties
  const by = r.caller.appid || r.caller.oid

  if (existing) {
    if (
      existing.subscriptionId !== DEFAULT_IDS.subscriptionId ||
      existing.resourceGroup.toLowerCase() !== rg.toLowerCase()
    ) {
      return fail(
        r,
        409,
        'ConflictError',
        `A managed HSM named '${name}' already exists. Managed HSM names are globally unique; choose a different name.`
      )
    }
    if (existing.location !== location) {
      return fail(
        r,
        400,
        'InvalidResourceLocation',
        `The resource '${existing.name}' already exists in location '${existing.location}' in resource group '${existing.resourceGroup}'. ` +
          `A resource with the same name cannot be created in location '${location}'. Please select a new resource name.`
      )
    }
    if (existing.sku.name !== sku.name)
      return fail(r, 400, 'BadRequest', 'The sku of an existing managed HSM cannot be changed.')
    const error = propertyErrors(p, existing)
    if (error) return fail(r, 400, 'BadRequest', error)
    // PUT replaces: absent tags mean no tags.
    applyMutable(existing, p, body.tags ?? {}, by)
    ctx.state.save()
    const done = existing.provisioning.startedAt + existing.provisioning.durationMs
    return accepted(r, 'update', existing, Math.max(Date.now(), done))
  }

  const deleted = data.deletedHsms[key]
  if (p.createMode !== undefined && p.createMode !== 'default' && p.createMode !== 'recover') {
    return fail(
      r,
      400,
      'BadRequest',
      `The value '${String(p.createMode)}' is not valid for property "createMode". Allowed values: default, recover.`
    )
  }
  if (p.createMode === 'recover') {
    if (!deleted || deleted.hsm.subscriptionId !== DEFAULT_IDS.subscriptionId) {
      return fail(
        r,
        404,
        'NotFound',
        `No deleted managed HSM named '${name}' was found in subscription '${DEFAULT_IDS.subscriptionId}' to recover.`
      )
    }
    if (deleted.hsm.location !== location) {
      return fail(
        r,
        400,
        'BadRequest',
        `The deleted managed HSM '${name}' is in location '${deleted.hsm.location}'; it can only be recovered there.`
      )
    }
    const now = Date.now()
    const hsm: HsmRecord = {
      ...deleted.hsm,
      resourceGroup: group.name,
      tags: body.tags ?? deleted.hsm.tags,
      lastModifiedBy: by,
      lastModifiedAt: now,
      provisioning: {
        startedAt: now,
        durationMs: ctx.settings.provisioningSeconds * 1000,
        failure: nextFailure(r)
      }
    }
    delete data.deletedHsms[key]
    data.hsms[key] = hsm
    ctx.state.save()
    return accepted(r, 'create', hsm, now + hsm.provisioning.durationMs)
  }
  if (deleted) {
    return fail(
      r,
      409,
      'ConflictError',
      'A KV MHSM with the same name already exists in deleted state. You need to either recover or purge existing KV MHSM.'
    )
  }
  if (p.tenantId === undefined) return fail(r, 400, 'BadRequest', 'The property "tenantId" is required.')
  const error = propertyErrors(p)
  if (error) return fail(r, 400, 'BadRequest', error)
  const admins = p.initialAdminObjectIds
  if (
    !Array.isArray(admins) ||
    admins.length === 0 ||
    !admins.every(a => typeof a === 'string' && GUID.test(a))
  ) {
    return fail(
      r,
      400,
      'BadRequest',
      'The property "initialAdminObjectIds" must list at least one object id (GUID).'
    )
  }
  const now = Date.now()
  const hsm: HsmRecord = {
    name,
    subscriptionId: DEFAULT_IDS.subscriptionId,
    resourceGroup: group.name,
    location,
    sku,
    tags: body.tags ?? {},
    properties: {
      tenantId: String(p.tenantId).toLowerCase(),
      initialAdminObjectIds: admins as string[],
      enableSoftDelete: true,
      softDeleteRetentionInDays:
        typeof p.softDeleteRetentionInDays === 'number' ? p.softDeleteRetentionInDays : 90,
      // The spec's default is true, but real HSMs created without the field report false (notes §1.5).
      enablePurgeProtection: p.enablePurgeProtection === true,
      publicNetworkAccess: typeof p.publicNetworkAccess === 'string' ? p.publicNetworkAccess : 'Enabled',
      networkAcls: normalizeAcls(p.networkAcls)
    },
    createdBy: by,
    createdAt: now,
    lastModifiedBy: by,
    lastModifiedAt: now,
    provisioning: {
      startedAt: now,
      durationMs: ctx.settings.provisioningSeconds * 1000,
      failure: nextFailure(r)
    },
    activation: { status: 'NotActivated' }
  }
  data.hsms[key] = hsm
  ctx.state.save()
  accepted(r, 'create', hsm, now + hsm.provisioning.durationMs)
}

function findInGroup(r: ArmRequest, rg: string, name: string): HsmRecord | undefined {
  const hsm = r.ctx.state.data.hsms[name.toLowerCase()]
  if (
    hsm &&
    hsm.subscriptionId === DEFAULT_IDS.subscriptionId &&
    hsm.resourceGroup.toLowerCase() === rg.toLowerCase()
  )
    return hsm
  return undefined
}

function notFound(r: ArmRequest, rg: string, name: string): void {
  if (!r.ctx.state.data.resourceGroups[rgKey(DEFAULT_IDS.subscriptionId, rg)]) {
    return fail(r, 404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`)
  }
  fail(
    r,
    404,
    'ResourceNotFound',
    `The Resource '${TYPE}/${name}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`
  )
}

function patch(r: ArmRequest, rg: string, name: string): void {
  const hsm = findInGroup(r, rg, name)
  if (!hsm) return notFound(r, rg, name)
  const body = parseBody(r)
  if (!body) return
  if (body.location !== undefined && normalizeLocation(body.location) !== hsm.location) {
    return fail(r, 400, 'BadRequest', 'The location of an existing managed HSM cannot be changed.')
  }
  if (body.sku !== undefined) {
    const sku = validSku(r, body.sku)
    if (!sku) return
    if (sku.name !== hsm.sku.name)
      return fail(r, 400, 'BadRequest', 'The sku of an existing managed HSM cannot be changed.')
  }
  const error = propertyErrors(body.properties, hsm)
  if (error) return fail(r, 400, 'BadRequest', error)
  applyMutable(hsm, body.properties, body.tags, r.caller.appid || r.caller.oid)
  r.ctx.state.save()
  accepted(r, 'update', hsm, Date.now())
}

function remove(r: ArmRequest, rg: string, name: string): void {
  const hsm = findInGroup(r, rg, name)
  if (!hsm) {
    if (!r.ctx.state.data.resourceGroups[rgKey(DEFAULT_IDS.subscriptionId, rg)]) {
      return fail(r, 404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`)
    }
    return reply(r, 204)
  }
  const now = Date.now()
  const data = r.ctx.state.data
  delete data.hsms[hsm.name.toLowerCase()]
  data.deletedHsms[hsm.name.toLowerCase()] = {
    hsm,
    deletionDate: now,
    scheduledPurgeDate: now + hsm.properties.softDeleteRetentionInDays * DAY_MS
  }
  r.ctx.state.save()
  accepted(r, 'delete', hsm, now)
}

function page(r: ArmRequest, items: Record<string, unknown>[]): void {
  const params = r.ex.url.searchParams
  const top = Number(params.get('$top') ?? '') || 100
  const skip = Number(params.get('$skiptoken') ?? '') || 0
  const value = items.slice(skip, skip + top)
  const body: Record<string, unknown> = { value }
  if (skip + top < items.length) {
    const next = new URL(`${ARM}${r.ex.url.pathname}`)
    next.searchParams.set('api-version', r.apiVersion)
    next.searchParams.set('$top', String(top))
    next.searchParams.set('$skiptoken', String(skip + top))
    body.nextLink = next.toString()
  }
  reply(r, 200, body)
}

function deletedHsm(
  r: ArmRequest,
  location: string,
  name: string
): { hsm: HsmRecord; deletionDate: number; scheduledPurgeDate: number } | undefined {
  const rec = r.ctx.state.data.deletedHsms[name.toLowerCase()]
  if (
    rec &&
    rec.hsm.subscriptionId === DEFAULT_IDS.subscriptionId &&
    rec.hsm.location === normalizeLocation(location)
  )
    return rec
  fail(r, 404, 'NotFound', `Deleted managed HSM '${name}' was not found in location '${location}'.`)
  return undefined
}

function purge(r: ArmRequest, location: string, name: string): void {
  const rec = deletedHsm(r, location, name)
  if (!rec) return
  if (rec.hsm.properties.enablePurgeProtection && rec.scheduledPurgeDate > Date.now()) {
    return fail(
      r,
      409,
      'Conflict',
      `Operation 'DeletedManagedHsmPurge' is not allowed: purge protection is enabled for managed HSM '${rec.hsm.name}'. ` +
        `It will be purged automatically on its scheduled purge date ${new Date(rec.scheduledPurgeDate).toISOString()}.`
    )
  }
  delete r.ctx.state.data.deletedHsms[rec.hsm.name.toLowerCase()]
  r.ctx.state.save()
  accepted(r, 'purge', rec.hsm, Date.now())
}

function checkName(r: ArmRequest): void {
  const body = parseJsonBody(r.ex.body)
  const name = isRecord(body) && typeof body.name === 'string' ? body.name : ''
  if (!validName(name))
    return reply(r, 200, { nameAvailable: false, reason: 'AccountNameInvalid', message: nameRules(name) })
  const key = name.toLowerCase()
  const data = r.ctx.state.data
  if (data.hsms[key] || data.deletedHsms[key]) {
    return reply(r, 200, {
      nameAvailable: false,
      reason: 'AlreadyExists',
      message: `The name '${name}' is already in use.`
    })
  }
  reply(r, 200, { nameAvailable: true })
}

const methodNotAllowed = (r: ArmRequest): void =>
  fail(r, 405, 'MethodNotAllowed', `The HTTP method '${r.ex.method}' is not supported for this path.`)

/** Routes /subscriptions/{sub}/... below the subscription for Microsoft.KeyVault managed HSMs. */
export function handleManagedHsms(r: ArmRequest): void {
  sweepDeleted(r)
  const { lower, segs, ex } = r
  const m = ex.method
  const all = (): HsmRecord[] =>
    Object.values(r.ctx.state.data.hsms)
      .filter(h => h.subscriptionId === DEFAULT_IDS.subscriptionId)
      .sort((a, b) => a.name.localeCompare(b.name))
  // /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/managedHSMs[/{name}]
  if (
    lower[2] === 'resourcegroups' &&
    lower[4] === 'providers' &&
    lower[5] === 'microsoft.keyvault' &&
    lower[6] === 'managedhsms'
  ) {
    const rg = segs[3]
    if (lower.length === 7) {
      if (m !== 'GET') return methodNotAllowed(r)
      if (!r.ctx.state.data.resourceGroups[rgKey(DEFAULT_IDS.subscriptionId, rg)]) {
        return fail(r, 404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`)
      }
      return page(
        r,
        all()
          .filter(h => h.resourceGroup.toLowerCase() === rg.toLowerCase())
          .map(h => hsmJson(h))
      )
    }
    if (lower.length === 8) {
      const name = segs[7]
      if (m === 'PUT') return createOrUpdate(r, rg, name)
      if (m === 'PATCH') return patch(r, rg, name)
      if (m === 'DELETE') return remove(r, rg, name)
      if (m === 'GET') {
        const hsm = findInGroup(r, rg, name)
        return hsm ? reply(r, 200, hsmJson(hsm)) : notFound(r, rg, name)
      }
      return methodNotAllowed(r)
    }
  }
  // /subscriptions/{sub}/providers/Microsoft.KeyVault/...
  if (lower[2] === 'providers' && lower[3] === 'microsoft.keyvault') {
    const rest = lower.slice(4)
    if (rest.length === 1 && rest[0] === 'managedhsms')
      return m === 'GET'
        ? page(
            r,
            all().map(h => hsmJson(h))
          )
        : methodNotAllowed(r)
    if (rest.length === 1 && rest[0] === 'deletedmanagedhsms') {
      if (m !== 'GET') return methodNotAllowed(r)
      const deleted = Object.values(r.ctx.state.data.deletedHsms).filter(
        d => d.hsm.subscriptionId === DEFAULT_IDS.subscriptionId
      )
      return page(r, deleted.map(deletedJson))
    }
    if (rest.length === 1 && rest[0] === 'checkmhsmnameavailability')
      return m === 'POST' ? checkName(r) : methodNotAllowed(r)
    if (rest[0] === 'locations' && rest.length >= 4) {
      const location = segs[5]
      if (rest[2] === 'managedhsmoperationresults' && rest.length === 4) {
        return m === 'GET' ? operationResult(r, segs[7]) : methodNotAllowed(r)
      }
      if (rest[2] === 'deletedmanagedhsms' && rest.length === 4) {
        if (m !== 'GET') return methodNotAllowed(r)
        const rec = deletedHsm(r, location, segs[7])
        return rec ? reply(r, 200, deletedJson(rec)) : undefined
      }
      if (rest[2] === 'deletedmanagedhsms' && rest.length === 5 && rest[4] === 'purge') {
        return m === 'POST' ? purge(r, location, segs[7]) : methodNotAllowed(r)
      }
    }
  }
  fail(
    r,
    400,
    'InvalidResourceType',
    `The resource type could not be found in the namespace for api version '${r.apiVersion}'.`
  )
}
