/**
 * Inputs and values renamed before the first release, v1.0.0 (CHANGELOG.md), refused by their old name so a
 * workflow written for `main` before it fails before any request instead of silently running with the
 * default. The runner hands an input it does not declare to the action all the same (as env INPUT_<NAME>,
 * which the reader reads), so the old names are seen.
 */
import type { Reader } from './reader.js'

/** Old input name → new input name. */
export const RENAMED_INPUTS: Readonly<Record<string, string>> = {
  'timeout-minutes': 'operation-timeout-minutes',
  'backup-key': 'key-backup-store',
  'wrapping-private-keys': 'wrapping-private-key-files'
}

/** Why each input was renamed: the reason says what the old name could be mistaken for. */
const WHY: Readonly<Record<string, string>> = {
  'timeout-minutes': "not to be confused with the step's own timeout-minutes, which GitHub enforces",
  'backup-key': 'it takes a store URL, like the other *-store inputs',
  'wrapping-private-keys': 'it takes file paths, never the keys themselves'
}

/** on-soft-deleted's old value for bringing a soft-deleted HSM back. */
export const OLD_UNDELETE_VALUE = 'recover'

export function isOldUndelete(value: string): boolean {
  return value.trim().toLowerCase() === OLD_UNDELETE_VALUE
}

/** Refuses every old input name that is set, and on-soft-deleted: recover, each naming what replaced it. */
export function refuseRenamed(read: (name: string) => string, r: Pick<Reader, 'fail'>): void {
  for (const [old, now] of Object.entries(RENAMED_INPUTS)) {
    if (read(old).trim() === '') continue
    r.fail(old, `was renamed to '${now}' (${WHY[old]}); set ${now} instead (the old name is not read)`)
  }
  if (isOldUndelete(read('on-soft-deleted')))
    r.fail(
      'on-soft-deleted',
      `recover is now 'undelete' (mode: recover is a different thing: it restores the escrowed security ` +
        'domain into a new HSM); set on-soft-deleted: undelete to bring the soft-deleted HSM back'
    )
}
