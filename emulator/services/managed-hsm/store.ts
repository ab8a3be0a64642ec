/**
 * What the Managed HSM data plane remembers, in its own file `<stateDir>/managed-hsm-data.json`
 * (mode 0600, written atomically). It holds secrets — security-domain master keys and blobs, key
 * material, transfer private keys — so it is kept apart from state.json and never served by
 * /_emulator/state. Per-HSM entries are keyed by HSM name and tied to the HSM's `createdAt`: an HSM
 * recovered from soft delete keeps its keys, a new HSM under a purged name starts empty.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { EmulatorContext } from '../../core/context.js'
import { writeFileAtomic } from '../../core/state.js'
import type { HsmRecord } from './records.js'

export const MANAGED_HSM_ADMIN_ROLE = 'a290e904-7015-4bba-90c8-60543313cdb4'

/** A security domain the emulator issued (or created implicitly): the master and the HSM blobs. */
export interface SecurityDomainRecord {
  id: string
  createdAt: number
  /** base64 32-byte master secret. */
  master: string
  /** The EncData plaintexts (opaque HSM state), base64. */
  plaintexts: Array<{ tag: string; data: string }>
  /** True when made without a download (HSM activated by the test hook): no file was ever issued. */
  implicit?: boolean
}

export interface SdOperation {
  kind: 'download' | 'upload'
  startedAt: number
  durationMs: number
  outcome: 'Success' | 'Failed'
  /** status_details when the operation fails. */
  failure?: string
  sdId?: string
}

export interface RoleAssignmentRecord {
  name: string
  /** Normalised scope as shown: "/", "/keys", "/keys/{name}". */
  scope: string
  principalId: string
  roleDefinitionId: string
  createdAt: number
  /** When it starts to count for authorisation (propagation delay). */
  effectiveAt: number
}

export interface CustomRoleRecord {
  name: string
  roleName: string
  description: string
  permissions: Array<Record<string, string[]>>
  assignableScopes: string[]
}

export interface ReleasePolicyRecord {
  contentType: string
  immutable: boolean
  /** b64url (no padding) of the normalised policy JSON. */
  data: string
}

export interface KeyAttributesRecord {
  enabled: boolean
  exportable: boolean
  nbf?: number
  exp?: number
  created: number
  updated: number
}

export interface KeyVersionRecord {
  version: string
  kty: 'RSA-HSM' | 'EC-HSM' | 'oct-HSM'
  keySize?: number
  crv?: string
  keyOps: string[]
  /** Public JWK members (n/e or crv/x/y); empty for oct. */
  publicJwk: Record<string, string>
  /** base64 PKCS#8 DER (RSA, EC) or raw key bytes (oct). Never leaves the emulator unwrapped. */
  material: string
  attributes: KeyAttributesRecord
  tags: Record<string, string>
  releasePolicy?: ReleasePolicyRecord
  /** Imported (PUT /keys/{name}), not generated in the HSM: its attestation says CKA_LOCAL false. */
  imported?: boolean
}

export interface KeyRecord {
  name: string
  versions: KeyVersionRecord[]
  /** Set by PUT /keys/{name}/rotationpolicy (keys/rotation-policy.ts); absent until then and in older state files. */
  rotationPolicy?: RotationPolicyRecord
}

/** A key's rotation policy as Key Vault's REST spec shapes it; stored, never acted on. */
export interface RotationPolicyRecord {
  lifetimeActions: Array<{ trigger: Record<string, string>; action: { type: string } }>
  expiryTime?: string
  created: number
  updated: number
}

export interface DeletedKeyRecord {
  key: KeyRecord
  deletedDate: number
  scheduledPurgeDate: number
}

export interface HsmData {
  hsmCreatedAt: number
  /** The security domain this HSM holds (set once a download/upload is accepted). */
  sdId?: string
  sdOperations: { download?: SdOperation; upload?: SdOperation }
  transferKey?: { privateKeyPem: string; certDer: string }
  roleAssignments: Record<string, RoleAssignmentRecord>
  customRoles: Record<string, CustomRoleRecord>
  keys: Record<string, KeyRecord>
  deletedKeys: Record<string, DeletedKeyRecord>
  /** Account settings by name (settings.ts); absent in state files of older versions. */
  settings?: Record<string, string>
  /** Full backup and restore jobs by id (backup/jobs.ts); absent in state files of older versions. */
  jobs?: Record<string, BackupJobRecord>
}

/** What a full backup holds: the HSM's keys, role assignments, custom roles and settings. */
export interface HsmSnapshot {
  keys: Record<string, KeyRecord>
  deletedKeys: Record<string, DeletedKeyRecord>
  roleAssignments: Record<string, RoleAssignmentRecord>
  customRoles: Record<string, CustomRoleRecord>
  settings: Record<string, string>
}

export interface BackupJobRecord {
  id: string
  kind: 'backup' | 'restore' | 'prebackup' | 'prerestore' | 'selective'
  startedAt: number
  durationMs: number
  outcome: 'Succeeded' | 'Failed'
  error?: { code: string; message: string }
  /** The backup folder's URI (backup jobs). */
  folderUri?: string
  /** What a restore job puts in place when it ends (applied once, then dropped). */
  restores?: HsmSnapshot
  /** The key a selective restore brings back (only that key of `restores` is applied). */
  keyName?: string
}

interface StoreFile {
  version: 1
  securityDomains: Record<string, SecurityDomainRecord>
  hsms: Record<string, HsmData>
}

export class ManagedHsmStore {
  private constructor(
    private readonly path: string,
    private readonly data: StoreFile
  ) {}

  static open(stateDir: string): ManagedHsmStore {
    const path = join(stateDir, 'managed-hsm-data.json')
    const data: StoreFile = existsSync(path)
      ? (JSON.parse(readFileSync(path, 'utf8')) as StoreFile)
      : { version: 1, securityDomains: {}, hsms: {} }
    return new ManagedHsmStore(path, data)
  }

  save(): void {
    writeFileAtomic(this.path, JSON.stringify(this.data), 0o600)
  }

  /** The HSM's data-plane state; a fresh one (initial administrators assigned) for a new HSM. */
  hsm(hsm: HsmRecord): HsmData {
    const key = hsm.name.toLowerCase()
    const existing = this.data.hsms[key]
    if (existing && existing.hsmCreatedAt === hsm.createdAt) return existing
    const fresh: HsmData = {
      hsmCreatedAt: hsm.createdAt,
      sdOperations: {},
      roleAssignments: {},
      customRoles: {},
      keys: {},
      deletedKeys: {}
    }
    // initialAdminObjectIds hold Managed HSM Administrator at "/" from the start.
    for (const oid of hsm.properties.initialAdminObjectIds) {
      const name = randomUUID()
      fresh.roleAssignments[name] = {
        name,
        scope: '/',
        principalId: oid.toLowerCase(),
        roleDefinitionId: `Microsoft.KeyVault/providers/Microsoft.Authorization/roleDefinitions/${MANAGED_HSM_ADMIN_ROLE}`,
        createdAt: hsm.createdAt,
        effectiveAt: hsm.createdAt
      }
    }
    this.data.hsms[key] = fresh
    this.save()
    return fresh
  }

  securityDomain(id: string | undefined): SecurityDomainRecord | undefined {
    return id ? this.data.securityDomains[id] : undefined
  }

  allSecurityDomains(): SecurityDomainRecord[] {
    return Object.values(this.data.securityDomains)
  }

  addSecurityDomain(record: SecurityDomainRecord): void {
    this.data.securityDomains[record.id] = record
    this.save()
  }
}

/**
 * The security domain an active HSM holds. An HSM activated without a download (the control API's
 * activation hook) gets an implicit one, so key backups still bind to something.
 */
export function heldSecurityDomain(store: ManagedHsmStore, data: HsmData): SecurityDomainRecord {
  const held = store.securityDomain(data.sdId)
  if (held) return held
  const record: SecurityDomainRecord = {
    id: randomUUID(),
    createdAt: Date.now(),
    master: randomBytes(32).toString('base64'),
    plaintexts: [],
    implicit: true
  }
  data.sdId = record.id
  store.addSecurityDomain(record)
  return record
}

const stores = new WeakMap<EmulatorContext, ManagedHsmStore>()

export function mhsmStore(ctx: EmulatorContext): ManagedHsmStore {
  let store = stores.get(ctx)
  if (!store) {
    store = ManagedHsmStore.open(ctx.stateDir)
    stores.set(ctx, store)
  }
  return store
}
