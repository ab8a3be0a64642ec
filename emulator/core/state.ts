/**
 * Everything the emulator remembers, as one JSON document under the state dir, written atomically
 * (temp file + rename) after each change. Long-running operations store start time + duration and
 * are evaluated against the clock when read, so they survive restarts.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { ArmRoleAssignment, ArmRoleDefinition } from '../services/arm/authorization.js'
import type { DiagnosticSettingRecord } from '../services/arm/diagnostic-settings.js'

export function writeFileAtomic(path: string, data: string, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  writeFileSync(tmp, data, { mode })
  renameSync(tmp, path)
}

/** Fixed, realistic identifiers: stable across restarts and across state dirs. */
export const DEFAULT_IDS = {
  tenantId: '8b2d4c1e-6f3a-4d5b-9e7c-2a1f0b3c4d5e',
  tenantDisplayName: 'Contoso',
  tenantDomain: 'contoso.onmicrosoft.com',
  subscriptionId: '5e1c7a9d-2b4f-4c8e-a6d3-9f0b1e2c3d4a',
  subscriptionName: 'Contoso Production',
  clientId: 'c4a7e2f1-8d3b-4a6c-b5e9-7f1d2c3b4a5e',
  principalId: '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a',
  appDisplayName: 'github-hsm-bootstrap',
  resourceGroup: 'rg-skr-demo',
  location: 'westeurope',
  githubIssuer: 'https://token.actions.githubusercontent.com',
  oidcSubject: 'repo:contoso/hsm-bootstrap:environment:production',
  oidcAudience: 'api://AzureADTokenExchange'
} as const

export interface FederatedCredential {
  name?: string
  issuer: string
  subject: string
  audiences: string[]
}

export interface AppRegistration {
  clientId: string
  displayName: string
  principalId: string
  federatedCredentials: FederatedCredential[]
  /** The application object's id (Graph `id`), for apps created through Graph. */
  objectId?: string
  /** False until `POST /v1.0/servicePrincipals` creates the app's principal (apps made through Graph). */
  servicePrincipal?: boolean
}

export interface ResourceGroup {
  subscriptionId: string
  name: string
  location: string
  tags: Record<string, string>
}

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
  /** `outcome` is where a timed activation ends (default Active; Failed when a failure was asked for). */
  activation: {
    status: ActivationStatus
    startedAt?: number
    durationMs?: number
    outcome?: ActivationStatus
  }
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

export interface OidcRequestToken {
  claims: Record<string, unknown>
  createdAt: number
}

/** A Microsoft.Compute disk encryption set (services/compute/disk-encryption-sets.ts). */
export interface DiskEncryptionSetRecord {
  name: string
  subscriptionId: string
  resourceGroup: string
  location: string
  tags: Record<string, string>
  /** The system-assigned identity's object id: a service principal Graph lists and HSM RBAC can grant. */
  principalId: string
  encryptionType: string
  keyUrl: string
  sourceVaultId?: string
  rotationToLatestKeyVersionEnabled: boolean
  previousKeys: string[]
  lastKeyRotationTimestamp?: string
  autoKeyRotationError?: { code: string; message: string }
  /** The running PUT/PATCH/DELETE: the set reads Updating (or is gone, for a delete) until `until`. */
  pending?: { until: number; kind: 'write' | 'delete' }
}

/** A Microsoft.Compute managed disk (services/compute/disks.ts): only what names its disk encryption set is modelled. */
export interface DiskRecord {
  name: string
  subscriptionId: string
  resourceGroup: string
  location: string
  tags: Record<string, string>
  /** The VM it is attached to, if any (set through the PUT body's managedBy, as a test's stand-in for a VM). */
  managedBy?: string
  /** properties as written (encryption, securityProfile, creationData, osType, diskSizeGB, …). */
  properties: Record<string, unknown>
  timeCreated: string
}

/** A service principal Microsoft Graph lists (services/graph). */
export interface ServicePrincipalRecord {
  id: string
  appId: string
  displayName: string
  servicePrincipalType: 'Application' | 'ManagedIdentity'
}

export interface StateData {
  version: 1
  apps: Record<string, AppRegistration>
  resourceGroups: Record<string, ResourceGroup>
  /** Active HSMs keyed by lower-case name: names are global (DNS). */
  hsms: Record<string, HsmRecord>
  deletedHsms: Record<string, DeletedHsmRecord>
  operations: Record<string, Operation>
  oidcRequestTokens: Record<string, OidcRequestToken>
  /** Keyed by "{subscription}/{resource group}/{name}", lower case. Absent in state files of older versions. */
  diskEncryptionSets?: Record<string, DiskEncryptionSetRecord>
  /** Managed disks, keyed like diskEncryptionSets. Absent in state files of older versions. */
  disks?: Record<string, DiskRecord>
  /** Microsoft Graph's service principals besides the app registrations' own; seeded on first use. */
  servicePrincipals?: Record<string, ServicePrincipalRecord>
  /** Azure RBAC role assignments on ARM scopes, keyed by lower-case GUID (services/arm/authorization.ts); seeded on first use. */
  armRoleAssignments?: Record<string, ArmRoleAssignment>
  /** Custom Azure RBAC role definitions, keyed by lower-case GUID. */
  armRoleDefinitions?: Record<string, ArmRoleDefinition>
  /** Microsoft.Insights diagnostic settings, keyed by "{lower-case resource id}|{lower-case name}". */
  diagnosticSettings?: Record<string, DiagnosticSettingRecord>
}

export const rgKey = (subscriptionId: string, name: string): string =>
  `${subscriptionId.toLowerCase()}/${name.toLowerCase()}`

function seed(): StateData {
  const ids = DEFAULT_IDS
  return {
    version: 1,
    apps: {
      [ids.clientId]: {
        clientId: ids.clientId,
        displayName: ids.appDisplayName,
        principalId: ids.principalId,
        federatedCredentials: [
          {
            name: 'github-production',
            issuer: ids.githubIssuer,
            subject: ids.oidcSubject,
            audiences: [ids.oidcAudience]
          }
        ]
      }
    },
    resourceGroups: {
      [rgKey(ids.subscriptionId, ids.resourceGroup)]: {
        subscriptionId: ids.subscriptionId,
        name: ids.resourceGroup,
        location: ids.location,
        tags: {}
      }
    },
    hsms: {},
    deletedHsms: {},
    operations: {},
    oidcRequestTokens: { [newRequestToken()]: { claims: {}, createdAt: Date.now() } }
  }
}

/** Opaque bearer token shaped like the runner's ACTIONS_ID_TOKEN_REQUEST_TOKEN (a JWT-looking blob). */
export function newRequestToken(): string {
  return `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${randomBytes(96).toString('base64url')}.${randomBytes(32).toString('base64url')}`
}

export class StateStore {
  private constructor(
    readonly path: string,
    public data: StateData
  ) {}

  static open(stateDir: string): StateStore {
    const path = join(stateDir, 'state.json')
    const store = existsSync(path)
      ? new StateStore(path, JSON.parse(readFileSync(path, 'utf8')) as StateData)
      : new StateStore(path, seed())
    store.save()
    return store
  }

  save(): void {
    writeFileAtomic(this.path, JSON.stringify(this.data, null, 2))
  }

  /** The default request token (the first one created). */
  get defaultRequestToken(): string {
    return Object.keys(this.data.oidcRequestTokens)[0]
  }

  addOperation(op: Omit<Operation, 'id'>): Operation {
    const full = { ...op, id: randomUUID() }
    this.data.operations[full.id] = full
    this.save()
    return full
  }
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
