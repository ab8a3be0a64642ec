/**
 * mode: teardown — ends an ephemeral environment so its name and its billing end: deletes the HSM and,
 * where purge protection allows, purges it. Refuses without confirm-teardown set to the exact HSM name;
 * with only-if-expired (for scheduled clean-up jobs) it acts only on an HSM that Azure records as made by
 * one of teardown-creators more than teardown-lifetime ago (teardown-expiry.ts); a tag can only postpone that.
 *
 * With hsm-name `*` or `PREFIX*` (confirmed by the same pattern, only-if-expired required) it is the clean-up
 * of a resource group: every HSM whose name matches is torn down if, and only if, it is expired by that
 * rule; each other is said to be left alone, and why.
 */
import * as log from '../shared/log.js'
import type { RunContext } from '../run/context.js'
import { timed } from '../run/timed.js'
import { ConflictError, errorMessage } from '../shared/errors.js'
import { clearDependents, dependentReads, noteNamedSet, type DependentReads } from './teardown-des.js'
import { expiryVerdict } from './teardown-expiry.js'
import { HELD, type StepResult } from '../run/step.js'
import { extendedRegions, regionBusy, submitRegions, waitForRegion } from '../azure/managed-hsm-regions.js'

export async function teardown(ctx: RunContext, results: StepResult[]): Promise<void> {
  if (ctx.config.teardownPrefix !== undefined) return sweepExpired(ctx, results, ctx.config.teardownPrefix)
  const { config, arm } = ctx
  await timed('teardown', results, async result => {
    const name = config.hsmName
    const hsm = await arm.get(config.resourceGroup, name)
    const verdict = hsm && config.teardownRule && expiryVerdict(hsm, config.teardownRule)
    if (verdict && !verdict.expired) {
      leftAlone(result, name, verdict.why)
      return
    }
    // The sets that use its keys first (or a refusal naming them): without the HSM they could never reach
    // their key again, and a purge makes that final.
    const reads = dependentReads(ctx)
    if (hsm || (await arm.findDeleted(name))) await clearDependents(ctx, name, result, reads)
    await noteNamedSet(ctx, result)
    if (hsm) await deleteHsm(ctx, name, verdict ? verdict.why : undefined, result)
    const purge = await purgeDeleted(ctx, name, result)
    if (!hsm && purge.state === 'none')
      result.notes.push(`Managed HSM '${name}' does not exist, deleted or not: nothing to do`)
    result.status = hsm || purge.state === 'purged' ? 'updated' : 'unchanged'
    result.label = teardownLabel(!!hsm, purge)
    // Full backups are the user's data: never deleted here, and said where they stay.
    if (config.backup) {
      const kept = `full backups of '${name}' are kept in ${config.backup.containerUrl} (its backup folders and backup-manifests/${name.toLowerCase()}/): teardown never deletes them`
      result.info = [...(result.info ?? []), kept]
      log.info(`teardown: ${kept}`)
    }
  })
}

/** The summary's words for a single teardown: was the HSM there, and what became of its soft-deleted form. */
function teardownLabel(deleted: boolean, purge: Purge): string {
  if (purge.state === 'blocked')
    return `${deleted ? 'deleted' : 'already deleted'}, ${heldUntil(purge.until)}`
  if (purge.state === 'purged') return deleted ? 'deleted and purged' : 'purged'
  return deleted ? 'deleted' : 'nothing to delete'
}

const heldUntil = (until: string): string =>
  `${HELD} until ${until}: the name frees and billing may stop only then`

function leftAlone(result: StepResult, name: string, why: string): void {
  result.status = 'unchanged'
  result.label = 'left alone'
  result.notes.push(`Managed HSM '${name}': ${why}`)
  log.info(`teardown: Managed HSM '${name}': ${why}`)
}

async function deleteHsm(
  ctx: RunContext,
  name: string,
  why: string | undefined,
  result: StepResult
): Promise<void> {
  await removeExtendedRegions(ctx, name, result)
  log.info(`teardown: deleting Managed HSM '${name}'${why ? ` (${why})` : ''}`)
  await ctx.arm.delete(ctx.config.resourceGroup, name)
  result.changes.push(`deleted Managed HSM '${name}'`)
}

/**
 * Azure deletes a primary only once every extended region is gone (Microsoft Learn, multi-region replication):
 * each is removed (purged at once, no soft delete) and waited for, then the primary goes.
 */
async function removeExtendedRegions(ctx: RunContext, name: string, result: StepResult): Promise<void> {
  const { arm, config } = ctx
  for (;;) {
    const hsm = await arm.get(config.resourceGroup, name)
    const regions = extendedRegions(hsm)
    const region = regions[0]
    if (!hsm || !region) return
    if (region.state !== 'Deleting' && region.state !== 'Cleanup') {
      // A region still being added is waited for: ARM takes no other change to the HSM meanwhile.
      if (regionBusy(region.state))
        await waitForRegion(arm, config.resourceGroup, name, region.name, 'ready', ctx.deadline).catch(
          () => undefined
        )
      log.info(
        `teardown: removing the extended region ${region.name} of Managed HSM '${name}' (purged at once)`
      )
      await submitRegions(arm, config.resourceGroup, (await arm.get(config.resourceGroup, name)) ?? hsm, {
        remove: region.name
      })
    }
    await waitForRegion(arm, config.resourceGroup, name, region.name, 'gone', ctx.deadline)
    result.changes.push(`removed the extended region ${region.name} of Managed HSM '${name}' (purged)`)
  }
}

type Purge = { state: 'purged' | 'none' } | { state: 'blocked'; until: string }

/** Purges the soft-deleted HSM of that name, if any and if purge protection allows. */
async function purgeDeleted(ctx: RunContext, name: string, result: StepResult): Promise<Purge> {
  const deleted = await ctx.arm.findDeleted(name)
  if (!deleted) return { state: 'none' }
  const p = deleted.properties ?? {}
  if (p.purgeProtectionEnabled) {
    const until = p.scheduledPurgeDate?.toISOString() ?? 'its scheduled purge date'
    const msg =
      `purge protection keeps the deleted HSM '${name}' until ${until}: its name stays taken and, ` +
      'per Azure billing for soft-deleted Managed HSMs, it can keep billing until then; nothing the action (or anyone) can shorten'
    result.notes.push(msg)
    log.warning(`teardown: ${msg}`)
    return { state: 'blocked', until }
  }
  log.info(`teardown: purging the deleted Managed HSM '${name}' (${p.location})`)
  await ctx.arm.purgeDeleted(name, p.location ?? ctx.config.location)
  result.changes.push(`purged Managed HSM '${name}': the name is free and billing has ended`)
  return { state: 'purged' }
}

/** The clean-up by pattern: tears down each matching HSM that is expired by the clean-up's rule. */
async function sweepExpired(ctx: RunContext, results: StepResult[], prefix: string): Promise<void> {
  const { config, arm } = ctx
  const rule = config.teardownRule
  // parseInputs requires only-if-expired, and with it the rule, for a pattern.
  if (!rule) throw new Error('teardown by pattern without teardown-lifetime')
  await timed('teardown', results, async result => {
    const matching = (await arm.listInGroup(config.resourceGroup)).filter(h =>
      (h.name ?? '').toLowerCase().startsWith(prefix.toLowerCase())
    )
    log.info(
      `teardown: ${matching.length} Managed HSM(s) in resource group '${config.resourceGroup}' match '${config.hsmName}'`
    )
    if (matching.length === 0)
      result.notes.push(
        `no Managed HSM in resource group '${config.resourceGroup}' matches '${config.hsmName}': nothing to do`
      )
    const failures: string[] = []
    const held: string[] = []
    let deleted = 0
    const reads: DependentReads = dependentReads(ctx)
    for (const hsm of matching) {
      const name = hsm.name as string
      const verdict = expiryVerdict(hsm, rule)
      if (!verdict.expired) {
        leftAlone(result, name, verdict.why)
        continue
      }
      // One HSM that fails (an outage, a lock) does not keep the others running: each is tried, all are reported.
      try {
        await clearDependents(ctx, name, result, reads)
        await deleteHsm(ctx, name, verdict.why, result)
        const purge = await purgeDeleted(ctx, name, result)
        if (purge.state === 'blocked') held.push(purge.until)
        deleted++
      } catch (e) {
        failures.push(`Managed HSM '${name}': ${errorMessage(e)}`)
      }
    }
    if (failures.length > 0)
      throw new ConflictError(
        `teardown could not remove ${failures.length} expired HSM(s):\n${failures.join('\n')}`,
        'rerun the clean-up: HSMs already removed are not touched again'
      )
    result.status = deleted > 0 ? 'updated' : 'unchanged'
    // The summary's words for a teardown (deleted …, left alone, nothing to delete); each HSM is in the notes.
    const keptCount = matching.length - deleted
    result.label =
      matching.length === 0
        ? 'nothing to delete'
        : deleted === 0
          ? 'left alone'
          : `deleted ${deleted}${keptCount > 0 ? `, left alone ${keptCount}` : ''}` +
            (held.length ? `; ${held.length} ${heldUntil(held.sort().at(-1) as string)}` : '')
  })
}
