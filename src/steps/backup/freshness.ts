/**
 * verify: is there a recent full backup? Judged from the manifests the backup step writes (a failed job also
 * leaves a folder, so folders prove nothing), against backup-max-age. Only manifests for this HSM, naming a
 * folder in the configured container and a finish time not in the future, count. Verify runs no backup.
 */
import type { BackupConfig } from '../../config/index.js'
import { BackupManifests } from '../../azure/backup-manifests.js'
import { formatDuration } from '../../azure/wait.js'
import type { Check } from '../../run/step.js'

/** A clock skew a manifest's finish time may show ahead of ours. */
const SKEW_MS = 5 * 60_000

const RUN_HINT =
  'run the backup step on a schedule (mode: apply, steps: backup, nightly; docs/backup.md), and look at its last runs: a failed backup writes no manifest'

export async function freshnessCheck(
  manifests: BackupManifests,
  cfg: BackupConfig,
  hsmName: string,
  now = Date.now()
): Promise<Check> {
  const { manifests: found, listed } = await manifests.list(hsmName)
  const usable = found.filter(
    m =>
      m.hsmName.toLowerCase() === hsmName.toLowerCase() &&
      m.folderUrl.startsWith(`${cfg.containerUrl}/`) &&
      Date.parse(m.endTime) <= now + SKEW_MS
  )
  const desired = `a full backup younger than ${cfg.maxAge} in ${cfg.containerUrl}`
  const newest = usable[0]
  if (!newest) {
    return {
      id: 'backup.freshness',
      status: 'drift',
      desired,
      actual:
        listed === 0
          ? `no full backup of '${hsmName}' recorded in ${cfg.containerUrl} (no manifest under ${BackupManifests.prefix(hsmName)})`
          : `none of the ${listed} backup manifests under ${BackupManifests.prefix(hsmName)} is a usable record of a finished backup`,
      hint: RUN_HINT
    }
  }
  const ageMs = Math.max(0, now - Date.parse(newest.endTime))
  const actual = `newest full backup finished ${newest.endTime} (${formatDuration(ageMs)} ago): ${newest.folderUrl}`
  if (ageMs > cfg.maxAgeMs)
    return {
      id: 'backup.freshness',
      status: 'drift',
      desired,
      actual: `${actual}, older than ${cfg.maxAge}`,
      hint: RUN_HINT
    }
  return { id: 'backup.freshness', status: 'ok', desired, actual }
}
