/** The typed Config every input is read into, and the value lists its fields take. */
import type { CloudName } from '../auth/clouds.js'
import type { StoreTarget } from '../escrow/stores/targets.js'
import type { PolicyTestCase, PresetName, ReleasePolicy } from '../policy/index.js'
import type { Mode, StepName } from './modes.js'

export const SKUS = ['Standard_B1', 'Custom_B32', 'Custom_B6', 'Custom_C42', 'Custom_C10'] as const
export type SkuName = (typeof SKUS)[number]

export const ON_SOFT_DELETED = ['fail', 'undelete', 'purge'] as const
export type OnSoftDeleted = (typeof ON_SOFT_DELETED)[number]

/** allow-key-management-through-arm: report (the default) says what the HSM has; true/false are kept so by apply. */
export const ARM_KEY_MANAGEMENT = ['report', 'true', 'false'] as const

/** network: the data plane's posture (config/network.ts reads it). */
export const NETWORK_POSTURES = ['keep', 'public', 'firewall', 'private'] as const
export type NetworkPosture = (typeof NETWORK_POSTURES)[number]
export const BYPASS = ['AzureServices', 'None'] as const

export interface NetworkConfig {
  posture: NetworkPosture
  /** firewall: the ranges the data plane admits; keep: rules never removed. Canonical `a.b.c.d/n`. */
  allowedIps: string[]
  bypass: (typeof BYPASS)[number]
  /** allow-bypass-none: bypass None accepted while a Disk Encryption Set uses a key of the HSM. */
  allowBypassNone: boolean
  /** workload-addresses: where the key's users (a confidential VM's egress) come from, canonical. */
  workloadAddresses: string[]
  /** jit-runner-access: a temporary rule for the runner's address when the firewall refuses it (apply only). */
  jit: boolean
}

/** The keyword that stands for the identity the action signs in as. */
export const SELF = 'self'

export interface Config {
  tenantId: string
  clientId: string
  subscriptionId: string
  audience: string
  cloud: CloudName
  mode: Mode
  steps: StepName[]
  resourceGroup: string
  location: string
  hsmName: string
  sku: SkuName
  /** Object ids; SELF is resolved after sign-in. */
  administrators: string[]
  retentionDays: number
  purgeProtection: boolean
  publicNetworkAccess: 'Enabled' | 'Disabled'
  /** The data plane's network posture (config/network.ts). */
  network: NetworkConfig
  /** provision: the one extended region of multi-region replication (config/replica.ts). */
  replicaRegion?: string
  /** provision: the extended region the user confirms may be removed (purged at once, no soft delete). */
  removeReplicaRegion?: string
  tags: Record<string, string>
  onSoftDeleted: OnSoftDeleted
  timeoutMinutes: number
  summary: boolean
  failOnDrift: boolean
  activation: ActivationConfig
  /** verify-security-domain and recover: custodians' key files, and optionally a local security-domain file. */
  wrappingPrivateKeys: string[]
  securityDomainFile?: string
  /** key: where the key's backup blob is escrowed (one object per key state); recover restores from there. */
  keyBackup?: StoreTarget
  /** backup: where the HSM's full backups go, as which identity, and the age verify accepts. */
  backup?: BackupConfig
  /** recover: recover into this fresh, temporary HSM instead of hsm-name, then tear it down. */
  rehearsalHsmName?: string
  /** provision: how long an ephemeral HSM should live (sets the expires-at tag at creation). */
  expiresAfterMs?: number
  confirmTeardown: string
  onlyIfExpired: boolean
  /**
   * teardown: delete the disk encryption sets that use the HSM's keys (only those no disk uses) before the
   * HSM; off, teardown refuses while such a set exists.
   */
  deleteDiskEncryptionSets: boolean
  /**
   * teardown with only-if-expired: what may be torn down, decided from Azure's own record of each HSM's
   * creation (systemData), never from its tags. Undefined otherwise.
   */
  teardownRule?: TeardownRule
  /**
   * teardown with hsm-name `*` or `PREFIX*`: the name beginning every HSM the clean-up considers ('' for all);
   * only those expired by teardownRule are torn down.
   */
  teardownPrefix?: string
  roleAssignments: RoleAssignmentInput[]
  /** role-assignments may grant release at / or /keys to others than the action itself (explicit opt-in). */
  allowBroadRelease: boolean
  /** Object ids that may hold roles on the HSM without the action managing them (verify counts them intended). */
  knownPrincipals: string[]
  /**
   * verify: the object id 'self' stands for when verify signs in as another identity than apply (a read-only
   * nightly identity); undefined: the signed-in identity.
   */
  selfObjectId?: string
  /** rbac: remove the role assignments that reach the key and are not intended (opt-in). */
  pruneRoleAssignments: boolean
  /**
   * The HSM setting AllowKeyManagementOperationsThroughARM as the inputs want it; undefined (report): not
   * written, only reported (a warning when it is on).
   */
  allowKeyManagementThroughArm?: boolean
  key: KeyConfig
  /** provision: the diagnostic setting that sends the HSM's audit log somewhere; undefined when none is named. */
  auditLog?: AuditLogConfig
  /** Warnings for the provision-only inputs of a steps run without provision (config/provision-only.ts). */
  unappliedInputs?: string[]
  /** des: the Disk Encryption Set bound to the key; undefined when disk-encryption-set is empty. */
  des?: DesConfig
  exportVariables: boolean
}

/**
 * An HSM is expired when ARM recorded one of `creators` as its creator at least `lifetimeMs` ago, and no
 * expires-at tag names a later time (a tag only ever postpones).
 */
export interface TeardownRule {
  creators: Creator[]
  lifetimeMs: number
  /** The lifetime as the input gave it (7d), for messages. */
  lifetime: string
}

/**
 * One identity of teardown-creators as ARM records a creator in systemData: an application or managed
 * identity by its client id (createdByType Application or ManagedIdentity), a user by user principal name
 * (createdByType User). Lower case.
 */
export interface Creator {
  id: string
  kind: 'application' | 'user'
}

export const KEY_TYPES = ['RSA-HSM', 'EC-HSM', 'oct-HSM'] as const
export const KEY_OPERATIONS = [
  'encrypt',
  'decrypt',
  'sign',
  'verify',
  'wrapKey',
  'unwrapKey',
  'import',
  'export'
] as const
export const CURVES = ['P-256', 'P-384', 'P-521', 'P-256K'] as const

export interface KeyConfig {
  name: string
  type: (typeof KEY_TYPES)[number]
  /** RSA modulus or AES key bits; undefined for EC. */
  size?: number
  curve?: (typeof CURVES)[number]
  operations: string[]
  immutable: boolean
  /** A complete policy, or a preset whose authority may still need the region's default provider. */
  policy?:
    { kind: 'inline'; policy: ReleasePolicy } | { kind: 'preset'; preset: PresetName; authority?: string }
  policyWarnings: string[]
  /**
   * Release-policy rule findings (no-tee, debuggable, always-true) the user accepted with
   * allow-permissive-release-policy; the plan and the summary name them. Empty without the opt-in (they are errors).
   */
  permissiveAccepted: string[]
  policyTests: PolicyTestCase[]
  /**
   * disable-older-key-versions: apply disables every enabled version but the latest (and the one in effect)
   * and those a Disk Encryption Set of the subscription points at.
   */
  disableOlderVersions: boolean
  /** skip-key-attestation: the key's attestation is neither fetched nor verified (clouds without the API). */
  skipAttestation: boolean
}

/** The diagnostic setting the provision step keeps on the HSM (audit-log-* inputs). */
export interface AuditLogConfig {
  settingName: string
  /** Resource ids as given (ARM compares them case-insensitively); at least one is set. */
  workspaceId?: string
  storageAccountId?: string
}

export interface BackupConfig {
  /** https://{account}.blob.core.windows.net/{container}, no trailing slash. */
  containerUrl: string
  accountUrl: string
  container: string
  /** The user-assigned identity's resource id, as given. */
  identity: string
  /** verify: the newest successful backup must be younger than this. */
  maxAgeMs: number
  /** The same as the input gave it (26h), for messages. */
  maxAge: string
}

export interface RoleAssignmentInput {
  /** A built-in role name as the service spells it, or a role definition GUID. */
  role: string
  /** An object id, or SELF. */
  principal: string
  /** '/', '/keys' or '/keys/{name}'. */
  scope: string
}

export interface ActivationConfig {
  /** PEM certificates supplied by key custodians; empty when the action generates the key pairs. */
  certificates: string[]
  keyCount: number
  keySize: 2048 | 3072 | 4096
  quorum: number
  securityDomainStores: StoreTarget[]
  /** One target (names suffixed per key) or exactly one per key (split custody). */
  wrappingKeyStores: StoreTarget[]
  /** refuse (default): wrapping keys never share a Key Vault or storage account with the security domain. */
  escrowSameStore: EscrowSameStore
  /** With escrow-same-store: accept, the stores that hold both (reported as single store custody). */
  sharedStores: SharedStore[]
  /**
   * expected-security-domain-sha256: the SHA-256 (lower-case hex) of this HSM's security domain, pinned in the
   * workflow so that only a reviewed commit changes it; verify and recover refuse an escrow that differs.
   */
  expectedSecurityDomainSha256?: string
}

export const ESCROW_SAME_STORE = ['refuse', 'accept'] as const
export type EscrowSameStore = (typeof ESCROW_SAME_STORE)[number]

export interface SharedStore {
  /** The vault or account host, lower case. */
  host: string
  kind: StoreTarget['kind']
  securityDomain: StoreTarget
  wrappingKey: StoreTarget
}

/** Microsoft.Compute DiskEncryptionSetType values (azure-rest-api-specs DiskRP 2025-01-02). */
export const DES_ENCRYPTION_TYPES = [
  'ConfidentialVmEncryptedWithCustomerKey',
  'EncryptionAtRestWithCustomerKey',
  'EncryptionAtRestWithPlatformAndCustomerKeys'
] as const
export type DesEncryptionType = (typeof DES_ENCRYPTION_TYPES)[number]
export const CVM_ENCRYPTION_TYPE: DesEncryptionType = 'ConfidentialVmEncryptedWithCustomerKey'

export const DES_KEY_VERSIONS = ['pinned', 'latest'] as const

export interface DesConfig {
  name: string
  resourceGroup: string
  encryptionType: DesEncryptionType
  /** pinned: the DES uses KEK_KID; latest: Azure moves it to each new key version itself. */
  keyVersion: (typeof DES_KEY_VERSIONS)[number]
  /** The Confidential VM Orchestrator's object id; looked up in Microsoft Graph when absent. */
  orchestratorObjectId?: string
}

/**
 * Characters the longest object name beside a key backup gains: '-' + 32-hex key version + '-' + 10-digit
 * timestamp, then for the record of its role assignments '-roles-' + 12 hex digits.
 */
export const KEY_BACKUP_SUFFIX_LENGTH = 63
