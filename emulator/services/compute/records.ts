/** Disk encryption sets and managed disks: Microsoft.Compute's part of state.json. */

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

declare module '../../core/state.js' {
  interface StateData {
    /** Keyed by "{subscription}/{resource group}/{name}", lower case. Absent in state files of older versions. */
    diskEncryptionSets?: Record<string, DiskEncryptionSetRecord>
    /** Managed disks, keyed like diskEncryptionSets. Absent in state files of older versions. */
    disks?: Record<string, DiskRecord>
  }
}
