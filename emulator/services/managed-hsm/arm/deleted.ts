/**
 * Soft delete: DELETE of a Managed HSM keeps it as a deleted HSM until its scheduled purge date (swept
 * here as Azure purges it), the deleted-HSM lookup by location, and purge.
 */
import { DEFAULT_IDS } from '../../../core/state.js'
import { rgKey } from '../../arm/resource-groups.js'
import type { HsmRecord } from '../records.js'
import { fail, normalizeLocation, reply, type ArmRequest } from '../../arm/common.js'
import { accepted } from './operations.js'
import { findInGroup } from './resource.js'
import { hasSecondary } from './regions.js'

const DAY_MS = 24 * 3600 * 1000

/** Deleted HSMs past their scheduled purge date disappear, as Azure purges them itself. */
export function sweepDeleted(r: ArmRequest): void {
  const data = r.ctx.state.data
  let changed = false
  for (const [key, rec] of Object.entries(data.deletedHsms)) {
    if (rec.scheduledPurgeDate <= Date.now()) {
      delete data.deletedHsms[key]
      changed = true
    }
  }
  if (changed) r.ctx.state.save()
}

export function remove(r: ArmRequest, rg: string, name: string): void {
  const hsm = findInGroup(r, rg, name)
  if (!hsm) {
    if (!r.ctx.state.data.resourceGroups[rgKey(DEFAULT_IDS.subscriptionId, rg)]) {
      return fail(r, 404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`)
    }
    return reply(r, 204)
  }
  if (hasSecondary(hsm)) {
    // Learn: every secondary must be removed before the primary can be deleted; status and code assumed.
    return fail(
      r,
      409,
      'Conflict',
      `The managed HSM '${hsm.name}' has an extended region. Remove every extended region before deleting the primary.`
    )
  }
  const now = Date.now()
  const data = r.ctx.state.data
  delete data.hsms[hsm.name.toLowerCase()]
  data.deletedHsms[hsm.name.toLowerCase()] = {
    hsm,
    deletionDate: now,
    scheduledPurgeDate: now + hsm.properties.softDeleteRetentionInDays * DAY_MS
  }
  r.ctx.state.save()
  accepted(r, 'delete', hsm, now)
}

export function deletedHsm(
  r: ArmRequest,
  location: string,
  name: string
): { hsm: HsmRecord; deletionDate: number; scheduledPurgeDate: number } | undefined {
  const rec = r.ctx.state.data.deletedHsms[name.toLowerCase()]
  if (
    rec &&
    rec.hsm.subscriptionId === DEFAULT_IDS.subscriptionId &&
    rec.hsm.location === normalizeLocation(location)
  )
    return rec
  fail(r, 404, 'NotFound', `Deleted managed HSM '${name}' was not found in location '${location}'.`)
  return undefined
}

export function purge(r: ArmRequest, location: string, name: string): void {
  const rec = deletedHsm(r, location, name)
  if (!rec) return
  if (rec.hsm.properties.enablePurgeProtection && rec.scheduledPurgeDate > Date.now()) {
    return fail(
      r,
      409,
      'Conflict',
      `Operation 'DeletedManagedHsmPurge' is not allowed: purge protection is enabled for managed HSM '${rec.hsm.name}'. ` +
        `It will be purged automatically on its scheduled purge date ${new Date(rec.scheduledPurgeDate).toISOString()}.`
    )
  }
  delete r.ctx.state.data.deletedHsms[rec.hsm.name.toLowerCase()]
  r.ctx.state.save()
  accepted(r, 'purge', rec.hsm, Date.now())
}
