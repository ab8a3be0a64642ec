/**
 * provision's part for multi-region replication: the one extended region (replica-region) added and waited
 * for, a region still changing waited for first, a failed one reported, and any other extended region
 * reported as drift and removed only when remove-replica-region names it (removal purges it at once) and
 * every other region is Succeeded. verify turns each change into drift: missing, failed or extra region.
 */
import * as log from '../shared/log.js'
import { DriftError } from '../shared/errors.js'
import type { ManagedHsm } from '../azure/managed-hsm-arm.js'
import { extendedRegions, regionBusy, submitRegions, waitForRegion } from '../azure/managed-hsm-regions.js'
import { PRICING_URL } from './pricing.js'
import { MODE_TABLE } from '../config/index.js'
import type { RunContext } from '../run/context.js'
import type { Change } from '../run/step.js'

export interface RegionPlan {
  /** Waits for a region still changing: before any other change to the HSM (Learn: no other operation until Succeeded). */
  first: Change[]
  then: Change[]
  notes: string[]
}

/** `hsm` undefined: the HSM is about to be created, and is extended after that. */
export function planRegions(ctx: RunContext, hsm: ManagedHsm | undefined): RegionPlan {
  const { config } = ctx
  const want = config.replicaRegion
  const regions = extendedRegions(hsm)
  const plan: RegionPlan = { first: [], then: [], notes: [] }
  for (const r of regions.filter(x => regionBusy(x.state)))
    plan.first.push(
      waitChange(ctx, r.name, r.state === 'Deleting' || r.state === 'Cleanup' ? 'gone' : 'ready', r.state)
    )
  const failed = regions.find(r => r.state === 'Failed' && r.name !== config.removeReplicaRegion)
  if (failed) {
    throw new DriftError(
      'provision.regions.failed',
      `the extension of Managed HSM '${config.hsmName}' into ${failed.name} failed (region provisioningState Failed)`,
      `remove it with remove-replica-region: ${failed.name} (it is purged at once), then rerun`
    )
  }
  for (const extra of regions.filter(r => r.name !== want)) {
    if (extra.name === config.removeReplicaRegion) {
      const others = regions.filter(r => r.name !== extra.name && r.state !== 'Succeeded')
      if (others.length > 0 || regionBusy(extra.state)) {
        plan.notes.push(
          `extended region ${extra.name} is not removed now: every region must be Succeeded first (${[extra, ...others].map(r => `${r.name} ${r.state}`).join(', ')}); rerun then`
        )
        continue
      }
      plan.then.push(removeChange(ctx, extra.name))
    } else {
      plan.notes.push(
        `Managed HSM '${config.hsmName}' is extended to ${extra.name} (${extra.state}), which replica-region does not name: ` +
          `set replica-region: ${extra.name} to keep it, or remove-replica-region: ${extra.name} to remove it (purged at once, no soft delete)`
      )
    }
  }
  if (want && !regions.some(r => r.name === want)) plan.then.push(addChange(ctx, want))
  return plan
}

function addChange(ctx: RunContext, region: string): Change {
  const { config, arm } = ctx
  return {
    kind: 'create',
    id: 'provision.regions.replica',
    summary: `extend Managed HSM '${config.hsmName}' to the region ${region} (multi-region replication)`,
    details: [
      // What it costs belongs where it is about to be added (apply) or would be (plan), not in verify's drift.
      ...(MODE_TABLE[config.mode].proves
        ? []
        : [
            `a second HSM pool in ${region} is billed like the first: the cost doubles (rates: ${PRICING_URL})`
          ]),
      'the extension can take up to 30 minutes; nothing else is changed on the HSM until it is Succeeded'
    ],
    async apply() {
      const hsm = await arm.get(config.resourceGroup, config.hsmName)
      if (!hsm) throw new Error(`Managed HSM '${config.hsmName}' is not there to extend`)
      await submitRegions(arm, config.resourceGroup, hsm, { add: region })
      await waitForRegion(arm, config.resourceGroup, config.hsmName, region, 'ready', ctx.deadline)
      log.notice(
        `provision: Managed HSM '${config.hsmName}' is extended to ${region}: a second HSM pool bills until the region is removed`
      )
    }
  }
}

function removeChange(ctx: RunContext, region: string): Change {
  const { config, arm } = ctx
  return {
    kind: 'delete',
    id: 'provision.regions.remove',
    summary: `remove the extended region ${region} of Managed HSM '${config.hsmName}' (remove-replica-region)`,
    details: ['the HSM pool in that region is purged at once (no soft delete); its billing ends'],
    async apply() {
      const hsm = await arm.get(config.resourceGroup, config.hsmName)
      if (!hsm) throw new Error(`Managed HSM '${config.hsmName}' is not there`)
      await submitRegions(arm, config.resourceGroup, hsm, { remove: region })
      await waitForRegion(arm, config.resourceGroup, config.hsmName, region, 'gone', ctx.deadline)
    }
  }
}

function waitChange(ctx: RunContext, region: string, until: 'ready' | 'gone', state: string): Change {
  const { config, arm } = ctx
  return {
    kind: 'wait',
    id: 'provision.regions.changing',
    summary: `wait for the region ${region} of Managed HSM '${config.hsmName}' (${state}) to ${until === 'ready' ? 'be Succeeded' : 'be removed'}`,
    details: ['no other change to the HSM is made while a region changes'],
    async apply() {
      await waitForRegion(arm, config.resourceGroup, config.hsmName, region, until, ctx.deadline)
    }
  }
}
