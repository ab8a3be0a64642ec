/**
 * Full backup and restore jobs: their status bodies, one job at a time, and the restore taking effect
 * when its job ends. Shapes from the REST spec (azure-rest-api-specs,
 * specification/keyvault/data-plane/Microsoft.KeyVault/stable/7.5/backuprestore.json, FullBackupOperation
 * and RestoreOperation; examples FullBackup-example.json, FullBackup-pending-example.json,
 * FullRestore-example.json, Restore-pending-example.json) and from recorded traffic
 * (Azure/azure-sdk-for-js, sdk/keyvault/keyvault-admin recordings, 2021 and 2022): the first answer and
 * every InProgress poll carry `statusDetails`, `error`, `endTime` and `azureStorageBlobContainerUri` as
 * null; times are Unix seconds; Succeeded names the folder `…/{container}/mhsm-{name}-{yyyyMMddHHmmssff}`.
 */
import { randomBytes } from 'node:crypto'
import type { BackupJobRecord, HsmData } from '../store.js'

export const nowSeconds = (ms: number): number => Math.floor(ms / 1000)

export function isRunning(job: BackupJobRecord, now = Date.now()): boolean {
  return now < job.startedAt + job.durationMs
}

/** The job under way on this HSM, if any (backup and restore alike: one at a time). */
export function runningJob(data: HsmData, now = Date.now()): BackupJobRecord | undefined {
  return Object.values(data.jobs ?? {}).find(j => isRunning(j, now))
}

/** A job id as the service spells them: 32 lowercase hex digits. */
export const newJobId = (): string => randomBytes(16).toString('hex')

/** The folder name of a backup started at `ms`: mhsm-{hsm}-{yyyyMMddHHmmss} and two digits of the second. */
export function folderName(hsmName: string, ms: number): string {
  const d = new Date(ms)
  const p = (n: number, w = 2): string => String(n).padStart(w, '0')
  return `mhsm-${hsmName}-${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}${p(Math.floor(d.getUTCMilliseconds() / 10))}`
}

/** The status body of a job now (the pending endpoints and the first 202). */
export function jobJson(job: BackupJobRecord, now = Date.now()): Record<string, unknown> {
  const running = isRunning(job, now)
  const failed = !running && job.outcome === 'Failed'
  const body: Record<string, unknown> = {
    status: running ? 'InProgress' : job.outcome,
    statusDetails: failed ? (job.error?.message ?? null) : null,
    error:
      failed && job.error ? { code: job.error.code, message: job.error.message, innererror: null } : null,
    startTime: nowSeconds(job.startedAt),
    endTime: running ? null : nowSeconds(job.startedAt + job.durationMs),
    jobId: job.id
  }
  // Only backups name a container URI (RestoreOperation has no such member).
  if (job.kind === 'backup' || job.kind === 'prebackup')
    body.azureStorageBlobContainerUri =
      !running && job.outcome === 'Succeeded' ? (job.folderUri ?? null) : null
  return body
}

/** Seconds a client should wait before the next poll: what is left of the job, at most 10 (recordings: 0 or 10). */
export function retryAfter(job: BackupJobRecord, now = Date.now()): string {
  const left = Math.max(0, job.startedAt + job.durationMs - now)
  return String(Math.min(10, Math.ceil(left / 1000)))
}

/**
 * Puts ended restores in place (once): a full restore replaces keys, role assignments, custom roles and
 * settings with the backup's; a selective restore brings back its one key. True when something changed.
 */
export function settleRestores(data: HsmData, now = Date.now()): boolean {
  let changed = false
  for (const job of Object.values(data.jobs ?? {})) {
    if (!job.restores || isRunning(job, now)) continue
    if (job.outcome === 'Succeeded') {
      const s = job.restores
      if (job.kind === 'selective' && job.keyName) {
        const key = s.keys[job.keyName.toLowerCase()]
        if (key) data.keys[job.keyName.toLowerCase()] = key
      } else {
        data.keys = s.keys
        data.deletedKeys = s.deletedKeys
        data.roleAssignments = s.roleAssignments
        data.customRoles = s.customRoles
        data.settings = s.settings
      }
    }
    delete job.restores
    changed = true
  }
  return changed
}
