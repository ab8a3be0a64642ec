/**
 * A Managed HSM request body read and checked: SKUs, regions, and the properties PUT and PATCH share
 * (tenant, retention, soft delete, purge protection, network access), and how PATCH applies them.
 */
import { isRecord, parseJsonBody } from '../../../core/http.js'
import { DEFAULT_IDS } from '../../../core/state.js'
import type { HsmIdentity, HsmRecord } from '../records.js'
import { parseIdentity } from './identity.js'
import { fail, type ArmRequest } from '../../arm/common.js'
import { TYPE } from './wire.js'
import { networkAclErrors, recordNetworkChange } from '../network.js'

const SKUS: Record<string, string[]> = {
  B: ['Standard_B1', 'Custom_B32', 'Custom_B6'],
  C: ['Custom_C42', 'Custom_C10']
}
/** Regions offering Managed HSM (the list ARM prints in LocationNotAvailableForResourceType). */
export const REGIONS = [
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
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

interface ParsedBody {
  location?: string
  tags?: Record<string, string>
  sku?: unknown
  properties: Record<string, unknown>
  identity?: HsmIdentity
}

export function parseBody(r: ArmRequest): ParsedBody | undefined {
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
  const identity = parseIdentity(body.identity)
  if (typeof identity === 'string') {
    fail(r, 400, 'BadRequest', identity)
    return undefined
  }
  return {
    identity,
    location: typeof body.location === 'string' ? body.location : undefined,
    tags: body.tags as Record<string, string> | undefined,
    sku: body.sku,
    properties: (body.properties as Record<string, unknown> | undefined) ?? {}
  }
}

export function validSku(r: ArmRequest, sku: unknown): { family: string; name: string } | undefined {
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
export function propertyErrors(p: Record<string, unknown>, existing?: HsmRecord): string | undefined {
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
    const aclError = networkAclErrors(acl)
    if (aclError) return aclError
  }
  return undefined
}

export function normalizeAcls(acl: unknown): Record<string, unknown> {
  const a = isRecord(acl) ? acl : {}
  return {
    bypass: a.bypass ?? 'AzureServices',
    defaultAction: a.defaultAction ?? 'Allow',
    ipRules: Array.isArray(a.ipRules) ? a.ipRules : [],
    virtualNetworkRules: Array.isArray(a.virtualNetworkRules) ? a.virtualNetworkRules : []
  }
}

export function applyMutable(
  hsm: HsmRecord,
  p: Record<string, unknown>,
  tags: Record<string, string> | undefined,
  by: { by: string; type: string },
  identity?: HsmIdentity,
  /** Seconds before a network change takes effect on the data plane (the networkRuleSeconds setting). */
  networkSeconds = 0
): void {
  if (p.publicNetworkAccess !== undefined || p.networkAcls !== undefined)
    recordNetworkChange(hsm, networkSeconds)
  if (tags !== undefined) hsm.tags = tags
  if (identity !== undefined) hsm.identity = identity
  if (typeof p.enablePurgeProtection === 'boolean')
    hsm.properties.enablePurgeProtection = p.enablePurgeProtection
  if (typeof p.publicNetworkAccess === 'string') hsm.properties.publicNetworkAccess = p.publicNetworkAccess
  if (p.networkAcls !== undefined) hsm.properties.networkAcls = normalizeAcls(p.networkAcls)
  hsm.lastModifiedBy = by.by
  hsm.lastModifiedByType = by.type
  hsm.lastModifiedAt = Date.now()
}
