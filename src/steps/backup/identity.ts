/**
 * The checks the backup step makes before it starts the long wait: the HSM carries the user-assigned identity
 * named in backup-identity (the setup script attaches it once: the CI identity needs no role-assignment rights
 * on storage), and, where the api-version has it, Azure's own pre-check (preFullBackup) finds the identity able
 * to write to the container. Either failing is a clear error with what to do, before any backup starts.
 */
import type { BackupConfig } from '../../config/index.js'
import { jobStatus, preBackup, PRE_CHECK_API_VERSION, type BackupJob } from '../../azure/full-backup.js'
import type { ManagedHsmDataPlane } from '../../azure/managed-hsm-data.js'
import type { ManagedHsm } from '../../azure/managed-hsm-arm.js'
import { statusOf } from '../../azure/call.js'
import { ConflictError } from '../../shared/errors.js'
import { sleep } from '../../shared/retry.js'

/** The identity's principal id on the HSM, or a ConflictError saying it is not attached. */
export function attachedIdentity(hsm: ManagedHsm | undefined, backup: BackupConfig, hsmName: string): string {
  const uais = hsm?.identity?.userAssignedIdentities ?? {}
  const found = Object.entries(uais).find(([id]) => id.toLowerCase() === backup.identity.toLowerCase())
  if (!found) {
    const attached = Object.keys(uais)
    throw new ConflictError(
      `Managed HSM '${hsmName}' does not carry the backup identity '${backup.identity}'` +
        (attached.length
          ? ` (it carries ${attached.map(a => `'${a}'`).join(', ')})`
          : ' (it has no user-assigned identity)'),
      "attach the identity to the HSM once and grant it 'Storage Blob Data Contributor' on the backup container, as docs/backup.md's setup does"
    )
  }
  return found[1].principalId ?? ''
}

/**
 * Azure's pre-check of a full backup (7.6 and later). An HSM or emulator that does not serve it (400 on the
 * api-version) leaves the check to the backup itself; a pre-check that ends Failed is a ConflictError.
 */
export async function preCheck(
  plane: ManagedHsmDataPlane,
  backup: BackupConfig,
  principalId: string,
  deadline: number
): Promise<'passed' | 'unavailable'> {
  let started
  try {
    started = await preBackup(plane, backup.containerUrl)
  } catch (e) {
    if (statusOf(e) === 400) return 'unavailable'
    throw e
  }
  let job: BackupJob = started.job
  let wait = started.retryAfterMs ?? 1000
  while (job.status === 'InProgress' || job.status === 'Unknown') {
    if (Date.now() + wait > deadline) break
    await sleep(Math.min(Math.max(wait, 500), 10_000))
    const polled = await jobStatus(plane, started.pendingPath, PRE_CHECK_API_VERSION)
    job = polled.job
    wait = polled.retryAfterMs ?? 2000
  }
  if (job.status === 'Succeeded') return 'passed'
  throw new ConflictError(
    `the pre-check of a full backup into ${backup.containerUrl} did not pass: ${job.failure ?? job.status}`,
    `grant the HSM's backup identity (principal ${principalId || 'unknown'}) 'Storage Blob Data Contributor' on the container, check that the container exists and has no immutability policy, then run again`
  )
}
