/**
 * The hand-off of a multi-region HSM: when this run wrote keys or roles (shared/replication.ts), the outputs
 * (which a later job uses at once) are set only once Microsoft's replication window has passed since the last
 * such write, so the other region serves the same key and roles. Both regions answer behind one name (Traffic
 * Manager), so "visible in both" cannot be observed: the documented window is waited for instead. A run
 * without such writes, or an HSM with one region, does not wait.
 */
import * as log from '../shared/log.js'
import { ConflictError } from '../shared/errors.js'
import { lastReplicatedWrite, REPLICATION_WINDOW_MS } from '../shared/replication.js'
import { sleep } from '../shared/retry.js'
import { extendedRegions } from '../azure/managed-hsm-regions.js'
import type { RunContext } from './context.js'

/** Waits out the window when needed; returns the sentence the summary says, if it waited. */
export async function holdForReplication(ctx: RunContext): Promise<string | undefined> {
  const last = lastReplicatedWrite()
  if (last === undefined) return undefined
  const { config, arm } = ctx
  // What provision or the first data-plane step read (after this run's own changes); read now otherwise.
  const others =
    ctx.facts.extendedRegions ??
    extendedRegions(await arm.get(config.resourceGroup, config.hsmName)).map(r => r.name)
  if (others.length === 0) return undefined
  const until = last + REPLICATION_WINDOW_MS
  const remaining = until - Date.now()
  const said =
    `outputs held until ${new Date(until).toISOString()}: keys and roles written on a multi-region HSM reach ` +
    `${others.join(', ')} within up to 6 minutes (Microsoft's replication window), counted from this run's last write`
  if (remaining <= 0) return said
  if (Date.now() + remaining > ctx.deadline)
    throw new ConflictError(
      `${said}, which ends after operation-timeout-minutes`,
      'raise operation-timeout-minutes by 6, or wait 6 minutes before using the key from the other region'
    )
  log.info(`hand-off: waiting ${Math.ceil(remaining / 1000)} s: ${said}`)
  await sleep(remaining)
  return said
}
