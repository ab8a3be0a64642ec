/**
 * Where escrowed key backups live. A store never overwrites an escrow, so each state of the key (its
 * version and its last update) gets its own object next to the `key-backup-store` target: NAME-VERSION-UPDATED,
 * before any extension. Finding them again means listing the vault's secrets or the container's blobs
 * under that prefix: the one thing the escrow stores themselves never do.
 */
import type { TokenCredential } from '@azure/core-auth'
import { withSuffix, type StoreTarget } from './stores/index.js'
import { azureCall } from '../azure/call.js'
import { keyVaultSecrets, storageBlob } from '../azure/sdk.js'
import { dataPlanePolicy, useAuthPolicy } from '../auth/data-plane-auth.js'
import { clientOptions, storageClientOptions } from '../shared/connections.js'

/** The object for one state of the key: the version, and the update time in epoch seconds. */
export function keyBackupTarget(base: StoreTarget, version: string, updated: Date | undefined): StoreTarget {
  const seconds = String(Math.floor((updated?.getTime() ?? 0) / 1000)).padStart(10, '0')
  return withSuffix(base, `-${version}-${seconds}`)
}

/** The version of a key from its kid: https://HSM/keys/NAME/VERSION. */
export function keyVersion(kid: string): string {
  return new URL(kid).pathname.split('/').filter(Boolean)[2] ?? ''
}

/** Every key backup object escrowed under the target, as targets of their own. */
export function listKeyBackupTargets(base: StoreTarget, credential: TokenCredential): Promise<StoreTarget[]> {
  return listUnder(base, credential, '', 'key backups')
}

/**
 * The record of the key's role assignments beside the backup of one key state: NAME-VERSION-UPDATED-roles-SHA
 * (the first 12 hex digits of its content's SHA-256), so a changed set of assignments gets an object of its
 * own and none is ever overwritten.
 */
export function roleRecordTarget(
  base: StoreTarget,
  version: string,
  updated: Date | undefined,
  sha256: string
): StoreTarget {
  return withSuffix(keyBackupTarget(base, version, updated), `${ROLE_RECORD_MARK}${sha256.slice(0, 12)}`)
}
const ROLE_RECORD_MARK = '-roles-'

/** Every role assignment record escrowed under the target. */
export function listRoleRecordTargets(
  base: StoreTarget,
  credential: TokenCredential
): Promise<StoreTarget[]> {
  return listUnder(base, credential, `${ROLE_RECORD_MARK}[0-9a-f]{12}`, 'role assignment records')
}

/** The objects NAME-VERSION-UPDATED{tail} under the target (tail a pattern), as targets of their own. */
async function listUnder(
  base: StoreTarget,
  credential: TokenCredential,
  tail: string,
  what: string
): Promise<StoreTarget[]> {
  const ext = /(\.[A-Za-z0-9]+)?$/.exec(base.name)?.[0] ?? ''
  const stem = base.name.slice(0, base.name.length - ext.length)
  const pattern = new RegExp(`^${escape(stem)}-[0-9A-Za-z]+-\\d{10}${tail}${escape(ext)}$`)
  const names: string[] = []
  if (base.kind === 'blob') {
    const { ContainerClient } = await storageBlob()
    const container = new ContainerClient(
      `${base.serviceUrl}/${base.container}`,
      credential,
      storageClientOptions(base.serviceUrl)
    )
    await azureCall(
      'Blob storage',
      `list the ${what} under ${base.url}`,
      async () => {
        for await (const b of container.listBlobsFlat({ prefix: `${stem}-` }))
          if (pattern.test(b.name)) names.push(b.name)
      },
      (_c, status) =>
        status === 403
          ? "grant the signed-in identity 'Storage Blob Data Reader' (or Contributor) on the container"
          : undefined
    )
  } else {
    const { SecretClient } = await keyVaultSecrets()
    const client = new SecretClient(base.serviceUrl, credential, clientOptions())
    useAuthPolicy(client, dataPlanePolicy(credential, base.serviceUrl))
    await azureCall(
      'Key Vault',
      `list the ${what} under ${base.url}`,
      async () => {
        for await (const s of client.listPropertiesOfSecrets())
          if (s.name && pattern.test(s.name)) names.push(s.name)
      },
      (_c, status) =>
        status === 403
          ? "grant the signed-in identity 'Key Vault Secrets Officer' (or a list/get access policy) on the vault"
          : undefined
    )
  }
  return names.sort().map(name => retarget(base, name))
}

function retarget(base: StoreTarget, name: string): StoreTarget {
  const url =
    base.kind === 'blob'
      ? `${base.serviceUrl}/${base.container}/${name}`
      : `${base.serviceUrl}/secrets/${name}`
  return { ...base, name, url }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
