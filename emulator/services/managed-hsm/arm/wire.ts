/**
 * The Managed HSM ARM wire format: resource ids, the resource and deleted-resource JSON, and ARM's
 * paged lists ($top, $skiptoken, nextLink).
 */
import {
  activationStatus,
  provisioningMessage,
  provisioningState,
  type HsmRecord,
  type PrivateEndpointConnection
} from '../records.js'
import { ARM, reply, type ArmRequest } from '../../arm/common.js'
import { identityJson } from './identity.js'
import { regionsJson } from './regions.js'

export const TYPE = 'Microsoft.KeyVault/managedHSMs'
const ACTIVE_MESSAGE = 'Your HSM has been activated and can be used for cryptographic operations.'
const NOT_ACTIVE_MESSAGE =
  'Your HSM has been provisioned, but cannot be used for cryptographic operations until it is activated. ' +
  'To activate the HSM, download the security domain.'
const ACTIVATION_FAILED_MESSAGE =
  'Activation of your HSM failed. Download the security domain again to activate the HSM.'

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
    ...identityJson(hsm.identity),
    systemData: {
      createdBy: hsm.createdBy,
      createdByType: hsm.createdByType ?? 'Application',
      createdAt: new Date(hsm.createdAt).toISOString(),
      lastModifiedBy: hsm.lastModifiedBy,
      lastModifiedByType: hsm.lastModifiedByType ?? 'Application',
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
      privateEndpointConnections: Object.values(hsm.privateEndpointConnections ?? {}).map(c => {
        const { id, etag, properties } = connectionJson(hsm, c)
        return { id, etag, properties }
      }),
      regions: regionsJson(hsm, now),
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

export function deletedJson(rec: {
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

export function page(r: ArmRequest, items: Record<string, unknown>[]): void {
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

/** A private endpoint connection as MHSMPrivateEndpointConnections_Get answers it (managedHsm.json). */
export function connectionJson(hsm: HsmRecord, c: PrivateEndpointConnection): Record<string, unknown> {
  return {
    id: `${hsmId(hsm)}/privateEndpointConnections/${c.name}`,
    name: c.name,
    type: 'Microsoft.KeyVault/managedHSMs/privateEndpointConnections',
    etag: '',
    properties: {
      privateEndpoint: { id: c.privateEndpointId },
      privateLinkServiceConnectionState: {
        status: c.status,
        description: c.description,
        actionsRequired: 'None'
      },
      provisioningState: 'Succeeded'
    }
  }
}
