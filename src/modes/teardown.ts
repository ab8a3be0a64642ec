/**
 * mode: teardown — ends an ephemeral environment so its name and its billing end: deletes the HSM and,
 * where purge protection allows, purges it. Refuses without confirm-teardown set to the exact HSM name;
 * with only-if-expired it acts only once the HSM's expires-at tag (set at creation by expires-after) has
 * passed, for scheduled clean-up jobs.
 */
import * as log from '../report/log.js'
import type { RunContext } from '../run/context.js'
import { EXPIRES_AT_TAG } from '../steps/provision.js'
import { timed } from '../run/run-steps.js'
import { teardownDes } from './teardown-des.js'
import type { StepResult } from '../run/step.js'

export async function teardown(ctx: RunContext, results: StepResult[]): Promise<void> {
  const { config, arm } = ctx
  await timed('teardown', results, async result => {
    const hsm = await arm.get(config.resourceGroup, config.hsmName)
    if (hsm) {
      const expiresAt = hsm.tags?.[EXPIRES_AT_TAG]
      if (config.onlyIfExpired) {
        if (!expiresAt) {
          result.status = 'unchanged'
          result.label = 'left alone'
          result.notes.push(`left alone (no ${EXPIRES_AT_TAG} tag: not an ephemeral HSM)`)
          return
        }
        if (Date.parse(expiresAt) > Date.now()) {
          result.status = 'unchanged'
          result.label = 'left alone'
          result.notes.push(`left alone (not expired until ${expiresAt})`)
          return
        }
      }
      // The disk encryption set goes first: without the HSM it could never reach its key again.
      await teardownDes(ctx, result)
      log.info(
        `teardown: deleting Managed HSM '${config.hsmName}'${expiresAt ? ` (expired at ${expiresAt})` : ''}`
      )
      await arm.delete(config.resourceGroup, config.hsmName)
      result.changes.push(`deleted Managed HSM '${config.hsmName}'`)
    } else await teardownDes(ctx, result)
    const deleted = await arm.findDeleted(config.hsmName)
    if (!deleted) {
      result.status = hsm ? 'updated' : 'unchanged'
      result.label = hsm ? 'deleted' : 'nothing to delete'
      if (!hsm)
        result.notes.push(`Managed HSM '${config.hsmName}' does not exist, deleted or not: nothing to do`)
      return
    }
    const p = deleted.properties ?? {}
    if (p.purgeProtectionEnabled) {
      const until = p.scheduledPurgeDate?.toISOString() ?? 'its scheduled purge date'
      result.status = hsm ? 'updated' : 'unchanged'
      result.label = hsm ? 'deleted (purge blocked)' : 'already deleted (purge blocked)'
      const msg =
        `purge protection keeps the deleted HSM '${config.hsmName}' until ${until}: its name stays taken and, ` +
        'per Azure billing for soft-deleted Managed HSMs, it can keep billing until then; nothing the action (or anyone) can shorten'
      result.notes.push(msg)
      log.warning(`teardown: ${msg}`)
      return
    }
    log.info(`teardown: purging the deleted Managed HSM '${config.hsmName}' (${p.location})`)
    await arm.purgeDeleted(config.hsmName, p.location ?? config.location)
    result.changes.push(`purged Managed HSM '${config.hsmName}': the name is free and billing has ended`)
    result.status = 'updated'
    result.label = hsm ? 'deleted and purged' : 'purged'
  })
}
