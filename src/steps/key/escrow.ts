/**
 * key-backup-store: the key-encryption key's backup blob (POST /keys/{name}/backup), escrowed to a store after
 * the key step and again whenever the key changes, and restored by mode: recover. Azure encrypts a
 * backup under the HSM's security domain, so it restores only into an HSM that holds the same security
 * domain, which is exactly what recover rebuilds. A store never overwrites an escrow, so every state of the
 * key (version, last update) gets its own object; the newest one per key is what recover restores.
 * The blob holds only HSM-encrypted material, but it is treated as sensitive: masked, never printed.
 */
import * as log from '../../shared/log.js'
import type { RunContext } from '../../run/context.js'
import type { KeyVaultKey, ManagedHsmKeys } from '../../azure/keys.js'
import { keyBackupTarget, keyVersion, listKeyBackupTargets } from '../../escrow/key-backup-objects.js'
import { statusOf } from '../../azure/call.js'
import { SERVICE } from '../../azure/managed-hsm-data.js'
import {
  checkEscrow,
  escrowTo,
  maskSecret,
  unreadableHint,
  type EscrowMetadata
} from '../../escrow/escrow.js'
import { AzureOperationError, ConflictError, DriftError, errorMessage } from '../../shared/errors.js'
import { runUrl } from '../../shared/run-url.js'
import { openStore, type StoreTarget } from '../../escrow/stores/index.js'
import { sha256Hex } from '../../shared/hash.js'
import type { Authorized } from '../../run/authorized.js'
import type { Change } from '../../run/step.js'

export const KEY_BACKUP_CONTENT_TYPE = 'application/octet-stream'

/**
 * The backup change of the key step: none when the key's current state is escrowed already; otherwise one
 * that backs the key up once the key step's own changes are applied (it reads the key again then).
 */
export async function planKeyBackup(
  ctx: RunContext,
  keys: ManagedHsmKeys,
  current: KeyVaultKey | undefined,
  keyChanges: boolean,
  authorized: Authorized
): Promise<Change[]> {
  const base = ctx.config.keyBackup
  if (!base) return []
  const name = ctx.config.key.name
  if (current?.id && !keyChanges) {
    const target = keyBackupTarget(base, keyVersion(current.id), current.properties.updatedOn)
    const check = await checkEscrow(openStore(target, ctx.signIn.credential))
    if (check.state === 'ok') {
      log.info(`key: the backup of '${name}' in its current state is escrowed at ${target.url}`)
      return []
    }
    if (check.state === 'unreadable')
      throw new AzureOperationError(
        {
          service: 'escrow',
          operation: 'read the escrowed key backup',
          hint: unreadableHint([check])
        },
        `${target.url}: ${check.detail}`
      )
    if (check.state === 'mismatch')
      throw new DriftError(
        'key.backup.integrity',
        `the escrowed backup of key '${name}' at ${target.url} cannot be trusted: ${check.detail}`,
        'remove that object (an escrow is never overwritten) and rerun: the key step then escrows a fresh backup'
      )
  }
  return [
    {
      kind: 'create',
      id: 'key.backup',
      summary: `escrow a backup of key '${name}'${current && !keyChanges ? '' : ' once it is in its new state'} next to ${base.url}`,
      details: [
        'one object per key state (version and last update); it restores only into an HSM holding this security domain'
      ],
      async apply() {
        await escrowKeyBackup(ctx, keys, authorized)
      }
    }
  ]
}

/** Backs the key up as it is now and escrows the blob (read back and compared); returns where. */
export async function escrowKeyBackup(
  ctx: RunContext,
  keys: ManagedHsmKeys,
  authorized: Authorized
): Promise<StoreTarget> {
  const base = ctx.config.keyBackup as StoreTarget
  const name = ctx.config.key.name
  const key = ctx.facts.keySettled ?? (await authorized('read the key', () => keys.get(name)))
  if (!key?.id) throw new ConflictError(`key '${name}' is not readable: there is nothing to back up`)
  const version = keyVersion(key.id)
  const target = keyBackupTarget(base, version, key.properties.updatedOn)
  const store = openStore(target, ctx.signIn.credential)
  if ((await checkEscrow(store)).state === 'ok') return target
  const blob = await authorized('back up the key', () =>
    keys.call(`back up key '${name}'`, c => c.backupKey(name))
  )
  if (!blob || blob.length === 0)
    throw new AzureOperationError(
      { service: SERVICE, operation: `back up key '${name}'` },
      'the answer holds no backup'
    )
  const content = Buffer.from(blob)
  maskSecret(content.toString('base64url'))
  const metadata: EscrowMetadata = {
    kind: 'key-backup',
    hsm: ctx.config.hsmName,
    sha256: sha256Hex(content),
    key: name,
    kid: key.id,
    version,
    updated: key.properties.updatedOn?.toISOString() ?? '',
    created: new Date().toISOString(),
    ...(runUrl() ? { run: runUrl() as string } : {})
  }
  try {
    await escrowTo(store, content, metadata, KEY_BACKUP_CONTENT_TYPE)
  } catch (e) {
    // A concurrent run may have escrowed this same state of the key meanwhile: that object serves.
    if ((await checkEscrow(store)).state !== 'ok') throw e
    log.info(`  backup of key '${name}' (version ${version}) was escrowed to ${target.url} by another run`)
    return target
  }
  log.info(
    `  backup of key '${name}' (version ${version}) escrowed to ${target.url} and read back (SHA-256 ${metadata.sha256})`
  )
  return target
}

export interface EscrowedKeyBackup {
  url: string
  /** The key name recorded with the backup. */
  key: string
  version: string
  kid?: string
  /** Epoch seconds of the key's last update when it was backed up. */
  updated: number
  content: Buffer
}

/**
 * The newest intact backup of every key escrowed under key-backup-store, read before anything changes. Damaged
 * or unreadable objects are reported; an older intact backup of the same key then stands in.
 */
export async function readKeyBackups(
  ctx: RunContext
): Promise<{ backups: EscrowedKeyBackup[]; problems: string[] }> {
  const base = ctx.config.keyBackup
  if (!base) return { backups: [], problems: [] }
  const targets = await listKeyBackupTargets(base, ctx.signIn.credential)
  const problems: string[] = []
  const newest = new Map<string, EscrowedKeyBackup>()
  for (const target of targets) {
    const m = /-([0-9A-Za-z]+)-(\d{10})(\.[A-Za-z0-9]+)?$/.exec(target.name)
    let obj
    try {
      obj = await openStore(target, ctx.signIn.credential).get()
    } catch (e) {
      problems.push(`${target.url}: unreadable (${errorMessage(e).split('\n')[0]})`)
      continue
    }
    if (!obj) continue
    if (!obj.metadata.sha256 || sha256Hex(obj.content) !== obj.metadata.sha256) {
      problems.push(`${target.url}: its content does not match the SHA-256 recorded with it`)
      continue
    }
    const backup: EscrowedKeyBackup = {
      url: target.url,
      key: obj.metadata.key || ctx.config.key.name,
      version: obj.metadata.version || m?.[1] || '',
      kid: obj.metadata.kid,
      updated: Number(m?.[2] ?? 0),
      content: obj.content
    }
    maskSecret(backup.content.toString('base64url'))
    const seen = newest.get(backup.key.toLowerCase())
    if (!seen || backup.updated > seen.updated) newest.set(backup.key.toLowerCase(), backup)
  }
  return { backups: [...newest.values()], problems }
}

/**
 * Restores one backup unless the HSM holds its version already (a rerun, or an HSM recovered with its
 * keys): then nothing is sent. A different key under the name is a conflict to explain, never overwritten.
 */
export async function restoreKeyBackup(
  keys: ManagedHsmKeys,
  backup: EscrowedKeyBackup,
  authorized: Authorized
): Promise<{ key: KeyVaultKey; restored: boolean }> {
  const present = async (): Promise<KeyVaultKey | undefined> => {
    if (!backup.version) return undefined
    try {
      return await authorized('read the key', () =>
        keys.call(`read key '${backup.key}' version ${backup.version}`, c =>
          c.getKey(backup.key, { version: backup.version })
        )
      )
    } catch (e) {
      if (statusOf(e) === 404) return undefined
      throw e
    }
  }
  const taken = (): ConflictError =>
    new ConflictError(
      `key '${backup.key}' exists in this HSM without version ${backup.version}: another key took the name, so the backup at ${backup.url} cannot be restored`,
      'delete and purge that key (a Crypto Officer can), then rerun recover; or restore the backup into another HSM holding this security domain'
    )
  if (await present()) return { key: (await keys.get(backup.key)) as KeyVaultKey, restored: false }
  if (await authorized('read the key', () => keys.get(backup.key))) throw taken()
  try {
    const key = await authorized('restore the key', () =>
      keys.call(
        `restore key '${backup.key}' from ${backup.url}`,
        c => c.restoreKeyBackup(new Uint8Array(backup.content)),
        (_code, status) =>
          status === 400
            ? 'a key backup restores only into an HSM that holds the security domain the key was created under: ' +
              'recover that security domain (security-domain-store) into this HSM, or restore the backup elsewhere'
            : status === 403
              ? "the signed-in identity needs 'Managed HSM Crypto User' (or 'Managed HSM Restore User') on /keys"
              : undefined
      )
    )
    return { key, restored: true }
  } catch (e) {
    // 409: restored meanwhile (a concurrent run), or the name was taken meanwhile.
    if (statusOf(e) !== 409) throw e
    const there = await present()
    if (!there) throw taken()
    return { key: (await keys.get(backup.key)) ?? there, restored: false }
  }
}
