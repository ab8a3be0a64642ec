/**
 * Managed HSMs as ARM keeps them, soft-deleted ones and ARM's long-running operations: the Managed HSM's
 * part of state.json, and the clock-evaluated provisioning and activation states both planes read.
 */
import { randomUUID } from 'node:crypto'
import type { StateStore } from '../../core/state.js'

export interface ArmFailure {
  status: number
  code: string
  message: string
}

export type ActivationStatus = 'Active' | 'NotActivated' | 'Unknown' | 'Failed'

export interface HsmProperties {
  tenantId: string
  initialAdminObjectIds: string[]
  enableSoftDelete: boolean
  softDeleteRetentionInDays: number
  enablePurgeProtection: boolean
  publicNetworkAccess: string
  networkAcls: Record<string, unknown>
}

export interface HsmRecord {
  name: string
  subscriptionId: string
  resourceGroup: string
  location: string
  sku: { family: string; name: string }
  tags: Record<string, string>
  properties: HsmProperties
  /** systemData: who ARM recorded as creating and last changing the HSM (services/arm/common.ts recordedIdentity). */
  createdBy: string
  /** `Application`, `User`, `ManagedIdentity` or `Key`; absent in state files of older versions (Application). */
  createdByType?: string
  createdAt: number
  lastModifiedBy: string
  lastModifiedByType?: string
  lastModifiedAt: number
  provisioning: { startedAt: number; durationMs: number; failure?: ArmFailure }
  /** Extended (secondary) regions, multi-region replication (arm/regions.ts); absent in older state files. */
  regions?: RegionRecord[]
  /** Managed identities attached to the HSM (identity.ts): what its full backup and restore use for storage. */
  identity?: HsmIdentity
  /** Private endpoint connections by lower-case name (arm/private-endpoints.ts). */
  privateEndpointConnections?: Record<string, PrivateEndpointConnection>
  /** The network rules before the latest ARM change, in effect until `until` (network.ts). */
  networkPrevious?: { publicNetworkAccess: string; networkAcls: Record<string, unknown>; until: number }
  /** `outcome` is where a timed activation ends (default Active; Failed when a failure was asked for). */
  activation: {
    status: ActivationStatus
    startedAt?: number
    durationMs?: number
    outcome?: ActivationStatus
  }
}

export type ConnectionStatus = 'Pending' | 'Approved' | 'Rejected' | 'Disconnected'

/** A private endpoint connection on the HSM (arm/private-endpoints.ts). */
export interface PrivateEndpointConnection {
  name: string
  privateEndpointId: string
  status: ConnectionStatus
  description: string
}

/** One extended region: its extension started at `startedAt`, or its removal at `deletingSince`. */
export interface RegionRecord {
  name: string
  startedAt: number
  durationMs: number
  /** The extension ends in Failed (the failNextRegion setting). */
  failed?: boolean
  deletingSince?: number
}

export interface HsmIdentity {
  type: 'UserAssigned' | 'None'
  /** By resource id as the caller spelled it; principal and client ids derived from it (identity.ts). */
  userAssignedIdentities: Record<string, { principalId: string; clientId: string }>
}

export interface DeletedHsmRecord {
  hsm: HsmRecord
  deletionDate: number
  scheduledPurgeDate: number
}

export type OperationKind = 'create' | 'update' | 'delete' | 'purge'

export interface Operation {
  id: string
  kind: OperationKind
  subscriptionId: string
  location: string
  hsmName: string
  completesAt: number
}

declare module '../../core/state.js' {
  interface StateData {
    /** Active HSMs keyed by lower-case name: names are global (DNS). */
    hsms: Record<string, HsmRecord>
    deletedHsms: Record<string, DeletedHsmRecord>
    operations: Record<string, Operation>
  }
}

export function seedHsms(): {
  hsms: Record<string, HsmRecord>
  deletedHsms: Record<string, DeletedHsmRecord>
  operations: Record<string, Operation>
} {
  return { hsms: {}, deletedHsms: {}, operations: {} }
}

export function addOperation(store: StateStore, op: Omit<Operation, 'id'>): Operation {
  const full = { ...op, id: randomUUID() }
  store.data.operations[full.id] = full
  store.save()
  return full
}

export type ProvisioningState = 'Provisioning' | 'Succeeded' | 'Failed'

export function provisioningState(hsm: HsmRecord, now = Date.now()): ProvisioningState {
  if (now < hsm.provisioning.startedAt + hsm.provisioning.durationMs) return 'Provisioning'
  return hsm.provisioning.failure ? 'Failed' : 'Succeeded'
}

/** Status messages while provisioning: the spec examples' "Allocating hardware", then the real one. */
export function provisioningMessage(hsm: HsmRecord, now = Date.now()): string {
  const state = provisioningState(hsm, now)
  if (state === 'Failed') return hsm.provisioning.failure?.message ?? 'Managed HSM provisioning failed.'
  if (state === 'Succeeded') return 'The Managed HSM is provisioned and ready to use.'
  const elapsed = (now - hsm.provisioning.startedAt) / Math.max(1, hsm.provisioning.durationMs)
  return elapsed < 0.4 ? 'Allocating hardware' : 'Resource creation in progress. Starting service...'
}

/** Provisioned and not failed: the data-plane host "resolves" only then. */
export function isHsmReady(hsm: HsmRecord | undefined, now = Date.now()): hsm is HsmRecord {
  return hsm !== undefined && provisioningState(hsm, now) === 'Succeeded'
}

export function activationStatus(hsm: HsmRecord, now = Date.now()): ActivationStatus {
  const a = hsm.activation
  if (a.status === 'NotActivated' && a.startedAt !== undefined && a.durationMs !== undefined) {
    return now >= a.startedAt + a.durationMs ? (a.outcome ?? 'Active') : 'NotActivated'
  }
  return a.status
}

/** For the data plane: flip activation now (e.g. after a security-domain restore). */
export function setActivationStatus(store: StateStore, name: string, status: ActivationStatus): boolean {
  const hsm = store.data.hsms[name.toLowerCase()]
  if (!hsm) return false
  hsm.activation = { status }
  store.save()
  return true
}

/** For the data plane: activation that completes `durationMs` from now (security-domain download). */
export function beginActivation(
  store: StateStore,
  name: string,
  durationMs: number,
  outcome: 'Active' | 'Failed' = 'Active'
): boolean {
  const hsm = store.data.hsms[name.toLowerCase()]
  if (!hsm) return false
  hsm.activation = { status: 'NotActivated', startedAt: Date.now(), durationMs, outcome }
  store.save()
  return true
}

export function findHsmByHost(store: StateStore, host: string): HsmRecord | undefined {
  const m = /^([a-z0-9-]+)\.managedhsm\.azure\.net$/i.exec(host)
  return m ? store.data.hsms[m[1].toLowerCase()] : undefined
}
