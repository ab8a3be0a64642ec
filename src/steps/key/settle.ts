/**
 * Two runs that both find no key both create it, and Azure keeps both as versions of one key: each run
 * would hand a different KEK_KID to its deployment. Creating is not idempotent on Azure and the key step
 * may run without any store to hold a lease in, so a run that created the key settles afterwards on one
 * rule that every run computes the same way from the same list: the oldest version wins (created time,
 * then the version id). A run whose own version lost disables it (deleting would delete the whole key on a
 * Managed HSM) and tags it superseded-by the winner, so that later reads and verify pass over it; the run
 * then outputs the winner.
 *
 * The list is read once all versions created in the same second as this run's are visible: `created` has
 * one-second resolution, so a competitor stamped in that second could still sort first. Azure lists a
 * version as soon as its create answers, so waiting SETTLE_MS after this run's create answered is enough.
 *
 * On a multi-region HSM the region that answers the read may not have the new version yet (Microsoft Learn,
 * "Enable multi-region replication on Azure Managed HSM": writes reach both regions within up to 6 minutes;
 * one name serves both). The list is then read again until it holds this run's own version, for at most that
 * window (and the run's deadline), and the summary says the run waited; versions another region has not
 * shown yet cannot take part in the settling.
 */
import * as log from '../../shared/log.js'
import type { RunContext } from '../../run/context.js'
import {
  SUPERSEDED_BY_TAG,
  type KeyProperties,
  type KeyVaultKey,
  type ManagedHsmKeys
} from '../../azure/keys.js'
import { keyVersion } from '../../escrow/key-backup-objects.js'
import { ConflictError } from '../../shared/errors.js'
import type { Authorized } from '../../run/authorized.js'
import { sleep } from '../../shared/retry.js'
import { REPLICATION_WINDOW_MS } from '../../shared/replication.js'
import { absentOn404 } from '../../azure/call.js'

export const SETTLE_MS = 2000

/** Oldest first: created time, then the version id (both runs see the same ids, so they agree on ties). */
export function oldestFirst(a: KeyProperties, b: KeyProperties): number {
  const t = (a.createdOn?.getTime() ?? 0) - (b.createdOn?.getTime() ?? 0)
  if (t !== 0) return t
  const [x, y] = [(a.version ?? '').toLowerCase(), (b.version ?? '').toLowerCase()]
  return x < y ? -1 : x > y ? 1 : 0
}

/** The version every run settles on: the oldest one no run has marked superseded. */
export function winningVersion(versions: KeyProperties[]): KeyProperties | undefined {
  return versions.filter(v => !v.tags?.[SUPERSEDED_BY_TAG]).sort(oldestFirst)[0]
}

/**
 * After this run created `created` for a key it found absent: the version every concurrent creator also
 * ends with. Disables this run's version, with a log line, when another run's is older.
 */
export async function settleCreatedKey(
  ctx: RunContext,
  keys: ManagedHsmKeys,
  created: KeyVaultKey,
  authorized: Authorized,
  wait: (ms: number) => Promise<void> = sleep
): Promise<KeyVaultKey> {
  const name = ctx.config.key.name
  const mine = created.properties.version ?? (created.id ? keyVersion(created.id) : '')
  await wait(SETTLE_MS)
  const versions = await listedWith(ctx, keys, mine, authorized, wait)
  const winner = winningVersion(versions)
  if (!winner?.version || winner.version.toLowerCase() === mine.toLowerCase()) return created
  const others = versions.filter(v => v.version !== mine).length
  log.info(
    `key: ${others} other version(s) of '${name}' were created by a concurrent run; the oldest, ${winner.version}, ` +
      `is kept: this run disables its own version ${mine} (tagged ${SUPERSEDED_BY_TAG}: ${winner.version}) and uses ${winner.version}`
  )
  await authorized('disable the superseded key version', () =>
    keys.call(`disable key '${name}' version ${mine}`, c =>
      c.updateKeyProperties(name, mine, {
        enabled: false,
        tags: { ...(created.properties.tags ?? {}), [SUPERSEDED_BY_TAG]: winner.version as string }
      })
    )
  )
  const kept = await authorized('read the key', () => keys.read(name, winner.version))
  if (!kept?.id)
    throw new ConflictError(
      `key '${name}' version ${winner.version} (created by a concurrent run) is not readable`,
      'rerun: the key step then reads the version in effect'
    )
  return kept
}

/** The key's versions once the list holds `mine`: read again while the answering region lags, bounded. */
async function listedWith(
  ctx: RunContext,
  keys: ManagedHsmKeys,
  mine: string,
  authorized: Authorized,
  wait: (ms: number) => Promise<void>
): Promise<KeyProperties[]> {
  const name = ctx.config.key.name
  const started = Date.now()
  const until = Math.min(ctx.deadline || Infinity, started + REPLICATION_WINDOW_MS)
  const listsMine = (vs: KeyProperties[]) => vs.some(v => v.version?.toLowerCase() === mine.toLowerCase())
  for (let attempt = 0, pause = 2_000; ; attempt++, pause = Math.min(pause * 2, 30_000)) {
    // A key whose every version is too new for the answering region is absent there (404).
    const versions =
      (await authorized('list the key versions', () => absentOn404(() => keys.versions(name)))) ?? []
    if (listsMine(versions)) {
      if (attempt > 0)
        ctx.facts.keyReadBackWait =
          `the HSM listed the new version ${mine} of '${name}' only after ${Math.round((Date.now() - started) / 1000)} s: ` +
          'the region that answered had not received it yet (a multi-region HSM replicates writes within up to 6 minutes)'
      return versions
    }
    if (Date.now() + pause > until)
      throw new ConflictError(
        `key '${name}': this run created version ${mine}, and the HSM still does not list it after ${Math.round((Date.now() - started) / 1000)} s`,
        'a multi-region HSM shows a write in its other region within up to 6 minutes (Microsoft Learn): rerun, and the key step reads the key as it then is'
      )
    log.info(
      `key: the HSM does not list the new version ${mine} of '${name}' yet (the region answering may not have it: a multi-region HSM replicates writes within up to 6 minutes); reading again in ${pause / 1000} s`
    )
    await wait(pause)
  }
}
