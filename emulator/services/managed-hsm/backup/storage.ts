/**
 * Where a full backup or restore reads and writes: the container named by `storageResourceUri`, reached
 * as the HSM's user-assigned managed identity (`useManagedIdentity: true`), which needs a Storage Blob
 * Data role on the container (Microsoft Learn, "Full backup and restore", managed identity prerequisites,
 * 2026). A container with an immutability policy is not supported for backups (same page). The error
 * codes and texts below are the emulator's: the service's are not recorded (README "Unconfirmed").
 */
import { isRecord } from '../../../core/http.js'
import { BLOB_HOST, principalMay } from '../../blob/index.js'
import type { StorageAccount } from '../../blob/store.js'
import type { AreaRequest } from '../area.js'

export interface StorageTarget {
  account: StorageAccount
  container: string
  /** https://{account}.blob.core.windows.net/{container} */
  containerUri: string
  principalId: string
}

export interface JobError {
  code: string
  message: string
}

/**
 * Reads `{storageResourceUri, useManagedIdentity | token}`: the target, or a message for a 400
 * BadParameter answer (the request is refused before any job starts).
 */
export function storageTarget(r: AreaRequest, params: unknown): StorageTarget | JobError {
  const bad = (message: string): JobError => ({ code: 'BadParameter', message })
  if (!isRecord(params) || typeof params.storageResourceUri !== 'string')
    return bad("The 'storageResourceUri' property (the blob container's URL) is required.")
  if (params.useManagedIdentity !== true) {
    return bad(
      params.token !== undefined
        ? 'SAS-token backups are not served by this emulator (deprecated by Azure): send "useManagedIdentity": true and attach a user-assigned identity to the HSM.'
        : "Either 'token' or 'useManagedIdentity': true is required to reach the storage account."
    )
  }
  let url: URL
  try {
    url = new URL(params.storageResourceUri)
  } catch {
    return bad(`'${params.storageResourceUri}' is not a valid storage resource URI.`)
  }
  const host = BLOB_HOST.exec(url.hostname)
  const container = url.pathname.split('/').filter(Boolean)[0]
  if (url.protocol !== 'https:' || !host || !container)
    return bad(
      `'${params.storageResourceUri}' is not a blob container URL (https://{account}.blob.core.windows.net/{container}).`
    )
  const uais = Object.values(r.hsm.identity?.userAssignedIdentities ?? {})
  if (r.hsm.identity?.type !== 'UserAssigned' || uais.length === 0) {
    return bad(
      `The managed HSM '${r.hsm.name}' has no user-assigned managed identity; attach one to the HSM resource (identity.userAssignedIdentities) before a backup or restore with useManagedIdentity.`
    )
  }
  const account = r.ctx.storage.accounts.get(host[1])
  if (!account)
    return { code: 'StorageAccountNotFound', message: `The storage account '${host[1]}' was not found.` }
  return {
    account,
    container,
    containerUri: `https://${account.name}.blob.core.windows.net/${container}`,
    principalId: uais[0].principalId
  }
}

/** Why the identity cannot use the container for this job, or undefined when it can. */
export function storageRefusal(
  r: AreaRequest,
  t: StorageTarget,
  access: 'read' | 'write'
): JobError | undefined {
  if (!t.account.containers.includes(t.container))
    return { code: 'ContainerNotFound', message: `The blob container '${t.containerUri}' does not exist.` }
  if (!principalMay(r.ctx, t.account, t.container, t.principalId, access)) {
    return {
      code: 'AuthorizationPermissionMismatch',
      message: `The managed identity (principal ${t.principalId}) of managed HSM '${r.hsm.name}' may not ${access} blobs in '${t.containerUri}'. Assign it Storage Blob Data ${access === 'write' ? 'Contributor' : 'Reader'} on the container.`
    }
  }
  if (access === 'write' && t.account.immutabilityPolicies?.[t.container]) {
    return {
      code: 'ImmutableStorageNotSupported',
      message: `The blob container '${t.containerUri}' has an immutability policy; full backups into it are not supported.`
    }
  }
  return undefined
}
