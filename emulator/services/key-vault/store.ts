/**
 * Key Vault vaults (`{name}.vault.azure.net`) and their secrets, persisted as one JSON document
 * (`<stateDir>/key-vault.json`, written atomically after each change) so a restart keeps them.
 * Access is RBAC-style (access-list.ts): `writers` may do everything with secrets, `readers` may read
 * values and metadata. Also the control API for vaults (`/_emulator/vaults[/{name}]`).
 */
import type { ServerResponse } from 'node:http'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { EmulatorContext } from '../../core/context.js'
import { isRecord, send, sendJson } from '../../core/http.js'
import { DEFAULT_IDS, writeFileAtomic } from '../../core/state.js'
import { readAccessLists, replaceAccess, type AccessLists } from '../escrow-stores/access-list.js'
import { GUID } from '../managed-hsm/common.js'

export const KV_HOST = /^([a-z0-9-]+)\.vault\.azure\.net$/i
export const DEMO_VAULT = 'kv-skr-escrow'
/** Soft-delete retention of vaults created here (days); the default for new vaults in Azure. */
export const RETENTION_DAYS = 90

export interface SecretAttributes {
  enabled: boolean
  nbf?: number
  exp?: number
  /** Unix seconds, as Key Vault prints them. */
  created: number
  updated: number
}

export interface SecretVersion {
  version: string
  value: string
  contentType?: string
  tags?: Record<string, string>
  attributes: SecretAttributes
}

export interface SecretRecord {
  /** The name as first written (names are case-insensitive; keys are lower-case). */
  name: string
  /** Oldest first; the last one is the current version. */
  versions: SecretVersion[]
}

export interface DeletedSecretRecord {
  secret: SecretRecord
  deletedDate: number
  scheduledPurgeDate: number
}

/** `writers` may read and write secrets (Key Vault Secrets Officer), `readers` read them (Secrets User). */
export interface VaultRecord extends AccessLists {
  name: string
  subscriptionId: string
  resourceGroup: string
  location: string
  /** The tenant whose tokens the vault takes; absent: the emulator's tenant. */
  tenantId?: string
  createdAt: number
  secrets: Record<string, SecretRecord>
  deletedSecrets: Record<string, DeletedSecretRecord>
  /** ARM: purge protection, once turned on (it never goes off). */
  enablePurgeProtection?: boolean
  /** ARM: soft-delete retention set at creation (90 when absent). */
  softDeleteRetentionInDays?: number
}

interface KeyVaultData {
  version: 1
  vaults: Record<string, VaultRecord>
}

/** Azure's vault name rule: 3–24 letters, digits and single hyphens, a letter first, no hyphen last. */
export const validVaultName = (name: string): boolean =>
  /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/.test(name)

/** Where a vault lives (ARM creates it in a resource group of its choice; the control API in the demo group). */
export interface Placement {
  resourceGroup: string
  location: string
}

function newVault(name: string, { writers, readers }: AccessLists, placement?: Placement): VaultRecord {
  return {
    name: name.toLowerCase(),
    subscriptionId: DEFAULT_IDS.subscriptionId,
    resourceGroup: placement?.resourceGroup ?? DEFAULT_IDS.resourceGroup,
    location: placement?.location ?? DEFAULT_IDS.location,
    writers,
    readers,
    createdAt: Date.now(),
    secrets: {},
    deletedSecrets: {}
  }
}

export class KeyVaultStore {
  private constructor(
    readonly path: string,
    private data: KeyVaultData
  ) {}

  /** Opens `<stateDir>/key-vault.json`, creating it with the demo vault on first start. */
  static open(stateDir: string, defaultPrincipal: string): KeyVaultStore {
    const path = join(stateDir, 'key-vault.json')
    if (existsSync(path))
      return new KeyVaultStore(path, JSON.parse(readFileSync(path, 'utf8')) as KeyVaultData)
    const store = new KeyVaultStore(path, {
      version: 1,
      vaults: { [DEMO_VAULT]: newVault(DEMO_VAULT, { writers: [defaultPrincipal], readers: [] }) }
    })
    store.save()
    return store
  }

  save(): void {
    writeFileAtomic(this.path, JSON.stringify(this.data, null, 2), 0o600)
  }

  get(name: string): VaultRecord | undefined {
    const vault = this.data.vaults[name.toLowerCase()]
    if (vault) this.purgeExpired(vault)
    return vault
  }

  byHost(host: string): VaultRecord | undefined {
    const m = KV_HOST.exec(host)
    return m ? this.get(m[1]) : undefined
  }

  list(): VaultRecord[] {
    return Object.values(this.data.vaults)
  }

  /** Creates a vault or replaces its access lists; secrets of an existing vault are kept. */
  put(
    name: string,
    lists: AccessLists,
    placement?: Placement,
    tenantId?: string
  ): { vault: VaultRecord; created: boolean } {
    const key = name.toLowerCase()
    const existing = this.data.vaults[key]
    if (existing) replaceAccess(existing, lists)
    else this.data.vaults[key] = newVault(key, lists, placement)
    if (tenantId) this.data.vaults[key].tenantId = tenantId.toLowerCase()
    else delete this.data.vaults[key].tenantId
    this.save()
    return { vault: this.data.vaults[key], created: !existing }
  }

  remove(name: string): boolean {
    const key = name.toLowerCase()
    if (!this.data.vaults[key]) return false
    delete this.data.vaults[key]
    this.save()
    return true
  }

  /** Soft-deleted secrets disappear on their scheduled purge date. */
  private purgeExpired(vault: VaultRecord): void {
    const now = Math.floor(Date.now() / 1000)
    let changed = false
    for (const [key, d] of Object.entries(vault.deletedSecrets)) {
      if (d.scheduledPurgeDate <= now) {
        delete vault.deletedSecrets[key]
        changed = true
      }
    }
    if (changed) this.save()
  }
}

export const vaultUrl = (vault: VaultRecord): string => `https://${vault.name}.vault.azure.net`

function vaultSummary(vault: VaultRecord): Record<string, unknown> {
  return {
    name: vault.name,
    url: vaultUrl(vault),
    location: vault.location,
    resourceGroup: vault.resourceGroup,
    tenantId: vault.tenantId ?? DEFAULT_IDS.tenantId,
    writers: vault.writers,
    readers: vault.readers,
    // Names and version counts only: values stay out of the control API.
    secrets: Object.values(vault.secrets).map(s => ({ name: s.name, versions: s.versions.length })),
    deletedSecrets: Object.values(vault.deletedSecrets).map(d => ({
      name: d.secret.name,
      deletedDate: d.deletedDate,
      scheduledPurgeDate: d.scheduledPurgeDate
    }))
  }
}

/**
 * `GET /_emulator/vaults`, `PUT /_emulator/vaults/{name}` `{"writers"?, "readers"?}` (default: the
 * default app's principal writes), `DELETE /_emulator/vaults/{name}`. Returns false when the path is
 * not a vault endpoint.
 */
export function handleKeyVaultControl(
  ctx: EmulatorContext,
  method: string,
  path: string,
  body: unknown,
  res: ServerResponse
): boolean {
  if (path === '/_emulator/vaults' && method === 'GET') {
    sendJson(res, 200, { vaults: ctx.vaults.list().map(vaultSummary) })
    return true
  }
  const m = /^\/_emulator\/vaults\/([^/]+)$/.exec(path)
  if (!m) return false
  const name = decodeURIComponent(m[1])
  if (method === 'GET') {
    const vault = ctx.vaults.get(name)
    if (!vault) sendJson(res, 404, { error: `no vault '${name}'` })
    else sendJson(res, 200, vaultSummary(vault))
    return true
  }
  if (method === 'DELETE') {
    send(res, ctx.vaults.remove(name) ? 204 : 404, undefined)
    return true
  }
  if (method !== 'PUT') return false
  if (!validVaultName(name)) {
    sendJson(res, 400, {
      error:
        'vault names are 3-24 letters, digits and single hyphens, start with a letter, end with a letter or digit'
    })
    return true
  }
  const lists = readAccessLists(ctx, body)
  if (typeof lists === 'string') {
    sendJson(res, 400, { error: lists })
    return true
  }
  // A vault of another tenant (e.g. after a subscription moved): tokens of the emulator's tenant get its challenge.
  const tenantId = isRecord(body) ? body.tenantId : undefined
  if (tenantId !== undefined && (typeof tenantId !== 'string' || !GUID.test(tenantId))) {
    sendJson(res, 400, { error: 'tenantId must be a GUID' })
    return true
  }
  const { vault, created } = ctx.vaults.put(name, lists, undefined, tenantId)
  sendJson(res, created ? 201 : 200, vaultSummary(vault))
  return true
}
