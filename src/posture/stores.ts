/**
 * The escrow stores' own protections, read through ARM: each Key Vault the escrow uses has soft delete and
 * purge protection on; each storage account refuses public blob access and shared-key access, and its blob
 * service keeps versions and deleted blobs (or the escrow's container has an immutability policy). Without
 * them, whoever may delete or overwrite the store can destroy the only way to recover the HSM. A missing
 * protection is a warning naming the store and the setting; a store the identity may not read is said so.
 *
 * Finding a store: its URL names it, not its resource group. The read that needs least is a GET of the
 * resource in the HSM's resource group (Reader on the store alone is enough, one request, sent beside the
 * HSM's own ARM read); only a store elsewhere costs a subscription-wide list, which needs
 * read access at the subscription. Verify only.
 */
import {
  API_VERSIONS,
  type ArmResource,
  type BlobServiceProperties,
  type ContainerProperties,
  type StorageAccountProperties,
  type VaultProperties
} from '../azure/arm-reads.js'
import type { StoreTarget } from '../escrow/stores/targets.js'
import { MODE_TABLE } from '../config/index.js'
import type { RunContext } from '../run/context.js'
import { armReader, denied } from './arm.js'
import type { Assessor, PostureItem } from './types.js'

interface Store {
  kind: 'vault' | 'account'
  /** The vault or account name (the first label of its host), lower case. */
  name: string
  /** What the escrow keeps there, in words. */
  holds: Set<string>
  /** Blob containers the escrow uses in an account. */
  containers: Set<string>
}

const TYPE = { vault: 'Microsoft.KeyVault/vaults', account: 'Microsoft.Storage/storageAccounts' } as const
const API = { vault: API_VERSIONS.vaults, account: API_VERSIONS.storage } as const

/** Every store the inputs name, once per vault or account. */
export function escrowStores(ctx: RunContext): Store[] {
  const { activation, keyBackup } = ctx.config
  const byKey = new Map<string, Store>()
  const add = (targets: StoreTarget[], what: string): void => {
    for (const t of targets) {
      const kind = t.kind === 'key-vault-secret' ? 'vault' : 'account'
      const name = new URL(t.serviceUrl).hostname.toLowerCase().split('.')[0]
      const key = `${kind}:${name}`
      const s = byKey.get(key) ?? { kind, name, holds: new Set<string>(), containers: new Set<string>() }
      s.holds.add(what)
      if (t.container) s.containers.add(t.container)
      byKey.set(key, s)
    }
  }
  add(activation.securityDomainStores, 'the security domain')
  add(activation.wrappingKeyStores, 'wrapping keys')
  if (keyBackup) add([keyBackup], 'key backups')
  return [...byKey.values()]
}

function label(s: Store): string {
  return `escrow ${s.kind === 'vault' ? 'vault' : 'storage account'} '${s.name}'`
}

/** Where the store is looked for first: the HSM's resource group. */
function guessId(ctx: RunContext, s: Store): string {
  return `/subscriptions/${ctx.config.subscriptionId}/resourceGroups/${ctx.config.resourceGroup}/providers/${TYPE[s.kind]}/${s.name}`
}

function readResource<P>(
  ctx: RunContext,
  what: string,
  id: string,
  api: string
): Promise<ArmResource<P> | undefined> {
  return ctx.reads.once(`arm:${id.toLowerCase()}`, () => armReader(ctx).get<P>(what, id, api))
}

function prefetchResource(ctx: RunContext, what: string, id: string, api: string): void {
  void ctx.reads.prefetch(`arm:${id.toLowerCase()}`, () => armReader(ctx).get(what, id, api))
}

const blobServiceId = (accountId: string): string => `${accountId}/blobServices/default`
const containerId = (accountId: string, c: string): string => `${blobServiceId(accountId)}/containers/${c}`

type Found<P> =
  { resource: ArmResource<P> & { id: string } } | { missing: 'denied' | 'absent' | 'list-denied' }

async function find<P>(ctx: RunContext, s: Store): Promise<Found<P>> {
  const id = guessId(ctx, s)
  try {
    const r = await readResource<P>(ctx, label(s), id, API[s.kind])
    if (r) return { resource: { ...r, id: r.id ?? id } }
  } catch (e) {
    if (denied(e)) return { missing: 'denied' }
    throw e
  }
  // Not in the HSM's resource group: the subscription's list of that type says where.
  try {
    const all = await ctx.reads.once(`armList:${TYPE[s.kind]}`, () =>
      armReader(ctx).listInSubscription<P>(TYPE[s.kind], API[s.kind])
    )
    const r = all.find(x => x.name?.toLowerCase() === s.name)
    return r?.id ? { resource: { ...r, id: r.id } } : { missing: 'absent' }
  } catch (e) {
    if (denied(e)) return { missing: 'list-denied' }
    throw e
  }
}

export const stores: Assessor = {
  name: 'stores',
  applies: ctx => MODE_TABLE[ctx.config.mode].proves && escrowStores(ctx).length > 0,
  // verify only (applies): every read needs only the inputs.
  early(ctx) {
    for (const s of escrowStores(ctx)) {
      const id = guessId(ctx, s)
      prefetchResource(ctx, label(s), id, API[s.kind])
      if (s.kind !== 'account') continue
      prefetchResource(ctx, `the blob service of ${label(s)}`, blobServiceId(id), API.account)
      for (const c of s.containers) prefetchResource(ctx, `container '${c}'`, containerId(id, c), API.account)
    }
  },
  async assess(ctx) {
    const all = await Promise.all(
      escrowStores(ctx).map(s => (s.kind === 'vault' ? vault(ctx, s) : account(ctx, s)))
    )
    return { items: all.flat() }
  }
}

function holds(s: Store): string {
  return [...s.holds].join(', ')
}

function notFound(ctx: RunContext, s: Store, why: 'denied' | 'absent' | 'list-denied'): PostureItem {
  const { resourceGroup: rg, subscriptionId: sub } = ctx.config
  const base = {
    id: `store.${s.kind}.${s.name}`,
    setting: `${label(s)} protections`,
    severity: 'warning' as const
  }
  const kind = s.kind === 'vault' ? 'vault' : 'storage account'
  if (why === 'absent')
    return {
      ...base,
      state: `not checked: not found in subscription ${sub}`,
      finding: `${label(s)} (holds ${holds(s)}) is not in this subscription: its protections are not checked`,
      todo: `check its soft delete and purge protection (or shared-key access, versioning and blob soft delete) by hand, or keep the escrow stores in the HSM's subscription`
    }
  const needs =
    why === 'denied'
      ? `needs Reader on the ${kind}: ${TYPE[s.kind]}/read, looked for in resource group '${rg}'`
      : `not in resource group '${rg}'; needs Reader on the subscription to find it, or keep it in the HSM's resource group`
  return {
    ...base,
    state: `not checked (${needs})`,
    finding: `${label(s)} (holds ${holds(s)}): its protections are not checked (${needs})`,
    todo: `grant the identity Reader on the ${kind} (docs/setup.md, 'Permissions by mode')`
  }
}

async function vault(ctx: RunContext, s: Store): Promise<PostureItem[]> {
  const found = await find<VaultProperties>(ctx, s)
  if ('missing' in found) return [notFound(ctx, s, found.missing)]
  const p = found.resource.properties ?? {}
  const id = `store.vault.${s.name}`
  const softDelete: PostureItem =
    p.enableSoftDelete === true
      ? {
          id: `${id}.softDelete`,
          setting: `${label(s)} soft delete`,
          state: `on (${p.softDeleteRetentionInDays ?? 90} days)`,
          severity: 'ok'
        }
      : {
          id: `${id}.softDelete`,
          setting: `${label(s)} soft delete`,
          state: 'off',
          severity: 'warning',
          finding: `${label(s)} (holds ${holds(s)}) has no soft delete: a deleted secret is gone at once`,
          todo: `create a vault with soft delete (it cannot be turned on later for a vault without it) and escrow there`
        }
  const purge: PostureItem =
    p.enablePurgeProtection === true
      ? { id: `${id}.purgeProtection`, setting: `${label(s)} purge protection`, state: 'on', severity: 'ok' }
      : {
          id: `${id}.purgeProtection`,
          setting: `${label(s)} purge protection`,
          state: 'off',
          severity: 'warning',
          finding: `${label(s)} (holds ${holds(s)}) has no purge protection: whoever may delete the vault or its secrets can destroy the escrow for good, and with it the only way to recover the HSM`,
          todo: `turn it on: az keyvault update --name ${s.name} --enable-purge-protection true (permanent: deleted secrets then stay until their retention ends)`
        }
  return [softDelete, purge]
}

async function account(ctx: RunContext, s: Store): Promise<PostureItem[]> {
  const found = await find<StorageAccountProperties>(ctx, s)
  if ('missing' in found) return [notFound(ctx, s, found.missing)]
  const acct = found.resource
  const p = acct.properties ?? {}
  const id = `store.account.${s.name}`
  const name = label(s)
  const items: PostureItem[] = []
  items.push(
    p.allowBlobPublicAccess === true
      ? {
          id: `${id}.publicBlobAccess`,
          setting: `${name} public blob access`,
          state: 'allowed',
          severity: 'warning',
          finding: `${name} (holds ${holds(s)}) allows public blob access: one container made public exposes its blobs to anyone`,
          todo: `az storage account update --name ${s.name} --allow-blob-public-access false`
        }
      : {
          id: `${id}.publicBlobAccess`,
          setting: `${name} public blob access`,
          state: 'refused',
          severity: 'ok'
        }
  )
  // Azure's default (null) allows shared-key requests.
  items.push(
    p.allowSharedKeyAccess === false
      ? {
          id: `${id}.sharedKeyAccess`,
          setting: `${name} shared-key access`,
          state: 'refused',
          severity: 'ok'
        }
      : {
          id: `${id}.sharedKeyAccess`,
          setting: `${name} shared-key access`,
          state: p.allowSharedKeyAccess === true ? 'allowed' : "allowed (Azure's default)",
          severity: 'warning',
          finding: `${name} (holds ${holds(s)}) accepts shared-key requests: whoever holds an account key or a SAS made from it can read, overwrite or delete the escrow, whatever the role assignments say`,
          todo: `az storage account update --name ${s.name} --allow-shared-key-access false`
        }
  )
  let service: ArmResource<BlobServiceProperties> | undefined
  try {
    service = await readResource<BlobServiceProperties>(
      ctx,
      `the blob service of ${name}`,
      blobServiceId(acct.id),
      API.account
    )
  } catch (e) {
    if (!denied(e)) throw e
    items.push({
      id: `${id}.blobService`,
      setting: `${name} versioning and blob soft delete`,
      state: `not checked (needs Reader on the storage account: ${TYPE.account}/blobServices/read)`,
      severity: 'warning',
      todo: `grant the identity Reader on the storage account (docs/setup.md, 'Permissions by mode')`
    })
    return items
  }
  const immutable = await immutableContainers(ctx, s, acct.id)
  const allImmutable = s.containers.size > 0 && immutable.length === s.containers.size
  const covered = `container ${immutable.map(c => `'${c}'`).join(', ')} has an immutability policy`
  const sp = service?.properties ?? {}
  const elsewhere =
    ' (or an immutability policy on the container; full HSM backups cannot be written to immutable storage, keep them in another account)'
  items.push(
    sp.isVersioningEnabled === true
      ? { id: `${id}.versioning`, setting: `${name} blob versioning`, state: 'on', severity: 'ok' }
      : allImmutable
        ? {
            id: `${id}.versioning`,
            setting: `${name} blob versioning`,
            state: `off; ${covered}`,
            severity: 'ok'
          }
        : {
            id: `${id}.versioning`,
            setting: `${name} blob versioning`,
            state: 'off',
            severity: 'warning',
            finding: `${name} (holds ${holds(s)}) keeps no earlier blob versions: an overwritten escrow object cannot be brought back`,
            todo: `az storage account blob-service-properties update --account-name ${s.name} --enable-versioning true${elsewhere}`
          }
  )
  const retention = sp.deleteRetentionPolicy
  items.push(
    retention?.enabled === true
      ? {
          id: `${id}.blobSoftDelete`,
          setting: `${name} blob soft delete`,
          state: `on (${retention.days ?? '?'} days)`,
          severity: 'ok'
        }
      : allImmutable
        ? {
            id: `${id}.blobSoftDelete`,
            setting: `${name} blob soft delete`,
            state: `off; ${covered}`,
            severity: 'ok'
          }
        : {
            id: `${id}.blobSoftDelete`,
            setting: `${name} blob soft delete`,
            state: 'off',
            severity: 'warning',
            finding: `${name} (holds ${holds(s)}) has no blob soft delete: a deleted escrow blob is gone at once`,
            todo: `az storage account blob-service-properties update --account-name ${s.name} --enable-delete-retention true --delete-retention-days 30${elsewhere}`
          }
  )
  return items
}

/** The escrow's containers in this account that have an immutability policy (a container not readable counts as none). */
async function immutableContainers(ctx: RunContext, s: Store, accountId: string): Promise<string[]> {
  const read = await Promise.all(
    [...s.containers].map(async c => {
      const r = await readResource<ContainerProperties>(
        ctx,
        `container '${c}'`,
        containerId(accountId, c),
        API.account
      ).catch((e: unknown) => {
        if (denied(e)) return undefined
        throw e
      })
      const p = r?.properties
      return p?.hasImmutabilityPolicy === true || p?.immutableStorageWithVersioning?.enabled === true
        ? c
        : undefined
    })
  )
  return read.filter((c): c is string => c !== undefined)
}
