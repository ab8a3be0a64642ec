/**
 * verify: a backup container with an immutability policy (or version-level immutability) makes every full
 * backup fail (Microsoft Learn, "Full backup and restore": immutable storage is not supported). Read from ARM
 * (the container's properties); a container the signed-in identity may not read is left unjudged.
 */
import type { BackupConfig } from '../../config/index.js'
import {
  API_VERSIONS,
  type ContainerProperties,
  type StorageAccountProperties
} from '../../azure/arm-reads.js'
import { armReader, denied } from '../../posture/arm.js'
import * as log from '../../shared/log.js'
import type { RunContext } from '../../run/context.js'
import type { Check } from '../../run/step.js'

export async function immutabilityCheck(ctx: RunContext, cfg: BackupConfig): Promise<Check | undefined> {
  const account = new URL(cfg.accountUrl).hostname.split('.')[0]
  try {
    const reader = armReader(ctx)
    const accounts = await ctx.reads.once('armList:Microsoft.Storage/storageAccounts', () =>
      reader.listInSubscription<StorageAccountProperties>(
        'Microsoft.Storage/storageAccounts',
        API_VERSIONS.storage
      )
    )
    const id = accounts.find(a => a.name?.toLowerCase() === account)?.id
    if (!id) return undefined
    const c = await reader.get<ContainerProperties>(
      `the backup container '${cfg.container}'`,
      `${id}/blobServices/default/containers/${cfg.container}`,
      API_VERSIONS.storage
    )
    const p = c?.properties
    if (p?.hasImmutabilityPolicy !== true && p?.immutableStorageWithVersioning?.enabled !== true)
      return { id: 'backup.immutability', status: 'ok' }
    return {
      id: 'backup.immutability',
      status: 'drift',
      severity: 'warning',
      actual: `the backup container ${cfg.containerUrl} has an immutability policy: full HSM backups into it fail`,
      hint: 'keep the HSM backups in a container without an immutability policy (protect them with soft delete and versioning instead)'
    }
  } catch (e) {
    if (!denied(e)) throw e
    log.debug('backup: the backup container is not readable on ARM; its immutability is not judged')
    return undefined
  }
}
