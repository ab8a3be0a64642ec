/**
 * mode: teardown — ends an ephemeral environment so its name and its billing end: deletes the HSM and,
 * where purge protection allows, purges it. Refuses without confirm-teardown set to the exact HSM name;
 * with only-if-expired it acts only once the HSM's expires-at tag (set at creation by expires-after) has
 * passed, for scheduled clean-up jobs.
 *
 * With hsm-name `*` or `PREFIX*` (confirmed by the same pattern, only-if-expired required) it is the clean-up
 * of a resource group: every HSM whose name matches is torn down if, and only if, this action created it with
 * expires-after (tags managed-by and expires-at) and that time has passed; each other is said to be left alone.
 */
import * as log from '../report/log.js'
import type { RunContext } from '../run/context.js'
import { EXPIRES_AT_TAG, MANAGED_BY, MANAGED_BY_TAG } from '../config/index.js'
import { timed } from '../run/run-steps.js'
import { ConflictError, errorMessage } from '../shared/errors.js'
import { teardownDes } from './teardown-des.js'
import type { StepResult } from '../run/step.js'

export async function teardown(ctx: RunContext, results: StepResult[]): Promise<void> {
  if (ctx.config.teardownPrefix !== undefined) return sweepExpired(ctx, results, ctx.config.teardownPrefix)
  const { config, arm } = ctx
  await timed('teardown', results, async result => {
    const name = config.hsmName
    const hsm = await arm.get(config.resourceGroup, name)
    if (hsm) {
      const expiresAt = hsm.tags?.[EXPIRES_AT_TAG]
      const kept = config.onlyIfExpired ? notExpired(expiresAt) : undefined
      if (kept) {
        leftAlone(result, name, kept)
        return
      }
      // The disk encryption set goes first: without the HSM it could never reach its key again.
      await teardownDes(ctx, result)
      await deleteHsm(ctx, name, expiresAt, result)
    } else await teardownDes(ctx, result)
    const purge = await purgeDeleted(ctx, name, result)
    if (!hsm && purge === 'none')
      result.notes.push(`Managed HSM '${name}' does not exist, deleted or not: nothing to do`)
    result.status = hsm || purge === 'purged' ? 'updated' : 'unchanged'
    result.label = TEARDOWN_LABEL[`${hsm ? 'deleted' : 'absent'}/${purge}`]
  })
}

/** Why an HSM is kept under only-if-expired, or undefined when its expires-at time has passed. */
function notExpired(expiresAt: string | undefined, now = Date.now()): string | undefined {
  if (!expiresAt) return `left alone (no ${EXPIRES_AT_TAG} tag: not an ephemeral HSM)`
  const at = Date.parse(expiresAt)
  if (Number.isNaN(at)) return `left alone (its ${EXPIRES_AT_TAG} tag '${expiresAt}' is not a date)`
  if (at > now) return `left alone (not expired until ${expiresAt})`
  return undefined
}

/** The summary's word for a single teardown: was the HSM there, and what became of its soft-deleted form. */
const TEARDOWN_LABEL: Record<string, string> = {
  'deleted/purged': 'deleted and purged',
  'deleted/blocked': 'deleted (purge blocked)',
  'deleted/none': 'deleted',
  'absent/purged': 'purged',
  'absent/blocked': 'already deleted (purge blocked)',
  'absent/none': 'nothing to delete'
}

function leftAlone(result: StepResult, name: string, why: string): void {
  result.status = 'unchanged'
  result.label = 'left alone'
  result.notes.push(`Managed HSM '${name}': ${why}`)
  log.info(`teardown: Managed HSM '${name}': ${why}`)
}

async function deleteHsm(
  ctx: RunContext,
  name: string,
  expiresAt: string | undefined,
  result: StepResult
): Promise<void> {
  log.info(`teardown: deleting Managed HSM '${name}'${expiresAt ? ` (expired at ${expiresAt})` : ''}`)
  await ctx.arm.delete(ctx.config.resourceGroup, name)
  result.changes.push(`deleted Managed HSM '${name}'`)
}

/** Purges the soft-deleted HSM of that name, if any and if purge protection allows. */
async function purgeDeleted(
  ctx: RunContext,
  name: string,
  result: StepResult
): Promise<'purged' | 'blocked' | 'none'> {
  const deleted = await ctx.arm.findDeleted(name)
  if (!deleted) return 'none'
  const p = deleted.properties ?? {}
  if (p.purgeProtectionEnabled) {
    const until = p.scheduledPurgeDate?.toISOString() ?? 'its scheduled purge date'
    const msg =
      `purge protection keeps the deleted HSM '${name}' until ${until}: its name stays taken and, ` +
      'per Azure billing for soft-deleted Managed HSMs, it can keep billing until then; nothing the action (or anyone) can shorten'
    result.notes.push(msg)
    log.warning(`teardown: ${msg}`)
    return 'blocked'
  }
  log.info(`teardown: purging the deleted Managed HSM '${name}' (${p.location})`)
  await ctx.arm.purgeDeleted(name, p.location ?? ctx.config.location)
  result.changes.push(`purged Managed HSM '${name}': the name is free and billing has ended`)
  return 'purged'
}

/** The clean-up by pattern: tears down each matching HSM this action created whose expiry has passed. */
async function sweepExpired(ctx: RunContext, results: StepResult[], prefix: string): Promise<void> {
  const { config, arm } = ctx
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
    let deleted = 0
    for (const hsm of matching) {
      const name = hsm.name as string
      const tags = hsm.tags ?? {}
      const kept =
        tags[MANAGED_BY_TAG] !== MANAGED_BY
          ? `left alone (not created by this action with expires-after: no ${MANAGED_BY_TAG}: ${MANAGED_BY} tag)`
          : notExpired(tags[EXPIRES_AT_TAG])
      if (kept) {
        leftAlone(result, name, kept)
        continue
      }
      // One HSM that fails (an outage, a lock) does not keep the others running: each is tried, all are reported.
      try {
        await deleteHsm(ctx, name, tags[EXPIRES_AT_TAG], result)
        await purgeDeleted(ctx, name, result)
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
          : `deleted ${deleted}${keptCount > 0 ? `, left alone ${keptCount}` : ''}`
  })
}
