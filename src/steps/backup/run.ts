/**
 * Taking the full backup: start it, wait politely (the 202's Retry-After first, then the backup schedule with
 * any Retry-After a status answer sends; the run's deadline bounds it), accept only a Succeeded job whose
 * folder is in the configured container, then write the manifest verify judges freshness by. A failed job
 * may leave a folder behind; it gets no manifest, so it never counts as a backup.
 */
import * as log from '../../shared/log.js'
import { AzureOperationError, ConflictError } from '../../shared/errors.js'
import { sleep } from '../../shared/retry.js'
import type { BackupConfig } from '../../config/index.js'
import { jobStatus, startBackup, type BackupJob, type StartedJob } from '../../azure/full-backup.js'
import type { ManagedHsmDataPlane } from '../../azure/managed-hsm-data.js'
import { BackupManifests, MANIFEST_SCHEMA } from '../../azure/backup-manifests.js'
import { formatDuration, waitUntil } from '../../azure/wait.js'
import { dataPlane, knownHsm, type RunContext } from '../../run/context.js'

/** A backup of a few keys takes seconds to minutes: first look after 5 s, then every 10 s. */
export const BACKUP_POLL_MS = [5_000, 10_000]
/** The 202's Retry-After is honoured up to this long before the first status read. */
const MAX_FIRST_WAIT_MS = 60_000

const SERVICE = 'Managed HSM'

export interface BackupFacts {
  folderUrl: string
  /** ISO time the job finished, as Azure reported it. */
  finishedAt: string
  durationMs: number
  manifestUrl: string
}

/**
 * Waits for a started backup or restore job to end: the 202's Retry-After first, then BACKUP_POLL_MS.
 * `clock`: an injected sleep and now, for the bench's fake clock (scripts/bench/polling.ts).
 */
export async function waitForJob(
  plane: ManagedHsmDataPlane,
  started: StartedJob,
  deadline: number,
  what: string,
  clock?: { sleep: (ms: number) => Promise<void>; now: () => number }
): Promise<BackupJob> {
  const first = started.job
  if (first.status !== 'InProgress' && first.status !== 'Unknown') return first
  if (started.retryAfterMs) await (clock?.sleep ?? sleep)(Math.min(started.retryAfterMs, MAX_FIRST_WAIT_MS))
  return waitUntil(
    async () => {
      const polled = await jobStatus(plane, started.pendingPath)
      return {
        value: polled.job,
        done: polled.job.status !== 'InProgress' && polled.job.status !== 'Unknown',
        status: polled.job.status,
        ...(polled.retryAfterMs !== undefined ? { retryAfterSeconds: polled.retryAfterMs / 1000 } : {})
      }
    },
    { what, service: SERVICE, deadline, schedule: BACKUP_POLL_MS, ...clock }
  )
}

export async function takeBackup(ctx: RunContext, cfg: BackupConfig): Promise<BackupFacts> {
  const { hsmResourceId } = await knownHsm(ctx)
  const plane = await dataPlane(ctx)
  const t0 = Date.now()
  const started = await startBackup(plane, cfg.containerUrl)
  log.info(`backup: full backup job ${started.job.jobId || '(no id)'} started`)
  const job = await waitForJob(plane, started, ctx.deadline, 'the full backup')
  if (job.status !== 'Succeeded') {
    throw new AzureOperationError(
      {
        service: SERVICE,
        operation: 'take a full backup',
        hint: "check that the HSM's backup identity holds 'Storage Blob Data Contributor' on the container and that the container has no immutability policy; a folder the failed job left is not a usable backup (it has no manifest)"
      },
      `the backup job ${job.jobId} ended ${job.status}${job.failure ? `: ${job.failure}` : ''}`
    )
  }
  const folderUrl = job.folderUrl ?? ''
  if (!folderUrl.startsWith(`${cfg.containerUrl}/`) || folderUrl.length <= cfg.containerUrl.length + 1)
    throw new ConflictError(
      `the backup job ${job.jobId} reports the folder '${folderUrl}', which is not in ${cfg.containerUrl}`,
      'look at the container: the job said Succeeded but named a folder elsewhere; no manifest was written'
    )
  const durationMs = Date.now() - t0
  const finishedAt = new Date(job.endTime ? job.endTime * 1000 : Date.now()).toISOString()
  const startedAt = new Date(job.startTime ? job.startTime * 1000 : t0).toISOString()
  const manifestUrl = await new BackupManifests(cfg.accountUrl, cfg.container, ctx.signIn.credential).write({
    schema: MANIFEST_SCHEMA,
    version: 1,
    hsmName: ctx.config.hsmName,
    hsmResourceId,
    jobId: job.jobId,
    folderUrl,
    startTime: startedAt,
    endTime: finishedAt
  })
  log.info(`backup: done in ${formatDuration(durationMs)}: ${folderUrl} (manifest ${manifestUrl})`)
  return { folderUrl, finishedAt, durationMs, manifestUrl }
}
