/**
 * The full HSM backup's inputs (issue 25): the Blob container the HSM writes its backups into, the HSM's
 * user-assigned managed identity it writes as, and the age verify accepts for the newest backup. The
 * backup step needs the first two; verify reads the third.
 */
import { parseDuration, type Reader } from './reader.js'
import type { BackupConfig } from './types.js'

/** The container URL: https://{account}.blob.core.windows.net/{container} (sovereign clouds' suffixes too). */
const CONTAINER_URL =
  /^https:\/\/([a-z0-9]{3,24})\.blob\.core\.[a-z0-9.]+\/([a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9])\/?$/
const IDENTITY_ID =
  /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[-\w._()]{1,90}\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[-\w]{3,128}$/i

/**
 * `use`: 'step' when the backup step runs (both inputs required); 'optional' in a recover rehearsal (given, it
 * also restores the newest full backup: the drill), in plan with rehearsal-hsm-name (it says what that drill
 * would do) and in teardown (given, it says where the backups stay); 'none' elsewhere (they must be empty).
 */
export function parseBackupConfig(r: Reader, use: 'step' | 'optional' | 'none'): BackupConfig | undefined {
  const { get, fail } = r
  const url = get('backup-container-url')
  const identity = get('backup-identity')
  const maxAgeText = get('backup-max-age')
  const maxAgeMs = parseDuration(maxAgeText)
  if (maxAgeMs === undefined)
    fail('backup-max-age', `'${maxAgeText}' is not a duration such as 26h, 2d or 1w`)
  if (use === 'none' || (use === 'optional' && !url && !identity)) {
    for (const [name, value] of [
      ['backup-container-url', url],
      ['backup-identity', identity]
    ] as const) {
      if (value)
        fail(
          name,
          'is only read by the backup step (steps: backup, in mode apply, plan or verify), the restore drill (mode: recover with rehearsal-hsm-name, or plan with it) and teardown'
        )
    }
    return undefined
  }
  const m = CONTAINER_URL.exec(url)
  if (!url)
    fail(
      'backup-container-url',
      'is required by the backup step and the restore drill: the Blob container the HSM writes its full backups into'
    )
  else if (!m)
    fail(
      'backup-container-url',
      `'${url}' is not a Blob container URL (https://ACCOUNT.blob.core.windows.net/CONTAINER, lower-case container name)`
    )
  if (!identity)
    fail(
      'backup-identity',
      "is required by the backup step and the restore drill: the resource id of the HSM's user-assigned managed identity that writes the backups (docs/backup.md)"
    )
  else if (!IDENTITY_ID.test(identity))
    fail(
      'backup-identity',
      `'${identity}' is not a user-assigned identity resource id (/subscriptions/SUB/resourceGroups/RG/providers/Microsoft.ManagedIdentity/userAssignedIdentities/NAME)`
    )
  if (!m || !IDENTITY_ID.test(identity) || maxAgeMs === undefined) return undefined
  return {
    containerUrl: url.replace(/\/$/, ''),
    accountUrl: url.slice(0, url.indexOf('/', 'https://'.length)),
    container: m[2],
    identity,
    maxAgeMs,
    maxAge: maxAgeText
  }
}
