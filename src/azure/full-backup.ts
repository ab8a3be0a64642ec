/**
 * Full backup and restore of a Managed HSM over the data plane (what @azure/keyvault-admin's
 * KeyVaultBackupClient would do; the project does not depend on it). Shapes from azure-rest-api-specs
 * (specification/keyvault/data-plane/Microsoft.KeyVault/stable/7.5/backuprestore.json, and 7.6 for
 * preFullBackup / preFullRestore) and recorded traffic: a start answers 202 with `Azure-AsyncOperation`
 * naming `/{backup|restore}/{jobId}/pending`, polled until `status` is Succeeded, Failed or Canceled. The
 * storage is reached as the HSM's user-assigned managed identity (`useManagedIdentity: true`), never a SAS.
 */
import { parseRetryAfter } from '../shared/retry.js'
import type { ManagedHsmDataPlane } from './managed-hsm-data.js'

/** The api-version that has the pre-checks (preFullBackup, preFullRestore). */
export const PRE_CHECK_API_VERSION = '7.6'

export interface BackupJob {
  status: 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled' | 'Unknown'
  jobId: string
  /** Azure's words on a failed job (statusDetails, error.code / error.message), as untrusted text. */
  failure?: string
  /** Succeeded backups: the folder's URL (https://{account}.blob.core.windows.net/{container}/{folder}). */
  folderUrl?: string
  startTime?: number
  endTime?: number
}

export interface StartedJob {
  job: BackupJob
  /** The pending path to poll, on this HSM's own origin. */
  pendingPath: string
  /** What the 202's Retry-After asked for, in ms. */
  retryAfterMs?: number
}

const BACKUP_HINT = (_c: string | undefined, status: number | undefined): string | undefined =>
  status === 403
    ? "the signed-in identity needs 'Managed HSM Backup User' (backup) or 'Managed HSM Restore User' (restore) at / on the HSM"
    : status === 409
      ? 'another backup or restore is running on this HSM (one at a time): let it finish, then run again'
      : undefined

const STATUSES = ['InProgress', 'Succeeded', 'Failed', 'Canceled'] as const

/** A job status body read defensively (every field is Azure's, untrusted). */
export function readJob(body: unknown): BackupJob {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const status = STATUSES.find(s => s.toLowerCase() === String(b.status ?? '').toLowerCase()) ?? 'Unknown'
  const error = b.error && typeof b.error === 'object' ? (b.error as Record<string, unknown>) : undefined
  const words = [b.statusDetails, error?.code, error?.message].filter(
    (w): w is string => typeof w === 'string' && w.length > 0
  )
  const num = (v: unknown): number | undefined =>
    typeof v === 'number' && Number.isFinite(v) ? v : undefined
  return {
    status,
    jobId: typeof b.jobId === 'string' ? b.jobId : '',
    ...(words.length ? { failure: [...new Set(words)].join(': ') } : {}),
    ...(typeof b.azureStorageBlobContainerUri === 'string'
      ? { folderUrl: b.azureStorageBlobContainerUri }
      : {}),
    ...(num(b.startTime) !== undefined ? { startTime: num(b.startTime) } : {}),
    ...(num(b.endTime) !== undefined ? { endTime: num(b.endTime) } : {})
  }
}

/** The pending path of a started job: Azure's Azure-AsyncOperation when it names this HSM, else the documented one. */
function pendingPath(
  hsm: ManagedHsmDataPlane,
  which: 'backup' | 'restore',
  header: string | undefined,
  jobId: string
): string {
  try {
    const u = new URL(header ?? '')
    if (u.origin === hsm.origin && /^\/(backup|restore)\/[0-9A-Za-z-]+\/pending$/.test(u.pathname))
      return u.pathname
  } catch {
    // no usable header: fall back to the documented path
  }
  if (!/^[0-9A-Za-z-]+$/.test(jobId)) throw new Error(`the ${which} answer names no usable job id`)
  return `/${which}/${jobId}/pending`
}

async function start(
  hsm: ManagedHsmDataPlane,
  which: 'backup' | 'restore',
  operation: string,
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
  apiVersion?: string
): Promise<StartedJob> {
  const r = await hsm.send(operation, method, path, {
    body,
    ok: [200, 202],
    hint: BACKUP_HINT,
    ...(apiVersion ? { query: { 'api-version': apiVersion } } : {})
  })
  const job = readJob(r.body)
  const retryAfterMs = parseRetryAfter(r.headers.get('retry-after'))
  return {
    job,
    pendingPath: pendingPath(hsm, which, r.headers.get('azure-asyncoperation'), job.jobId),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {})
  }
}

const storage = (containerUrl: string): Record<string, unknown> => ({
  storageResourceUri: containerUrl,
  useManagedIdentity: true
})

export const startBackup = (hsm: ManagedHsmDataPlane, containerUrl: string): Promise<StartedJob> =>
  start(hsm, 'backup', 'start a full backup', 'POST', '/backup', storage(containerUrl))

/** preFullBackup (7.6): checks the identity, the roles and the storage without backing anything up. */
export const preBackup = (hsm: ManagedHsmDataPlane, containerUrl: string): Promise<StartedJob> =>
  start(
    hsm,
    'backup',
    'check a full backup (prebackup)',
    'POST',
    '/prebackup',
    storage(containerUrl),
    PRE_CHECK_API_VERSION
  )

/** Restores the HSM from `folder` (the last segment of a backup's folder URL): destructive. */
export const startRestore = (
  hsm: ManagedHsmDataPlane,
  containerUrl: string,
  folder: string
): Promise<StartedJob> =>
  start(hsm, 'restore', 'start a full restore', 'PUT', '/restore', {
    sasTokenParameters: storage(containerUrl),
    folderToRestore: folder
  })

/** A job's status now, with the Retry-After the answer carries (if any). */
export async function jobStatus(
  hsm: ManagedHsmDataPlane,
  path: string,
  apiVersion?: string
): Promise<{ job: BackupJob; retryAfterMs?: number }> {
  const r = await hsm.send('read a backup or restore job', 'GET', path, {
    hint: BACKUP_HINT,
    ...(apiVersion ? { query: { 'api-version': apiVersion } } : {})
  })
  const retryAfterMs = parseRetryAfter(r.headers.get('retry-after'))
  return { job: readJob(r.body), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) }
}
