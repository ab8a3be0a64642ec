/**
 * Multi-region replication of a Managed HSM: `properties.regions` on PUT/PATCH, the regions list, and the
 * states a secondary (extended) region passes through. Sources:
 * - azure-rest-api-specs, keyvault resource-manager managedHsm.json (2023-02-01 and later):
 *   `MHSMGeoReplicatedRegion` {name, provisioningState (read-only), isPrimary}, the states Preprovisioning,
 *   Provisioning, Succeeded, Failed, Deleting, Cleanup (also @azure/arm-keyvault 5.0.0's
 *   KnownGeoReplicationRegionProvisioningState), and `GET .../managedHSMs/{name}/regions` -> {value, nextLink}.
 * - Azure CLI recording test_keyvault_mhsm_region.yaml (api-version 2024-11-01, 2025-03-12): `az keyvault
 *   region add` sends PATCH with the whole properties and `regions: [{name}]`; a bad name answers 400 with
 *   error.code "400" and "Invalid region name: X passed. The valid list of region names: ..."; a good one 202 +
 *   Location (managedHsmOperationResults), as for other HSM updates.
 * - Microsoft Learn, "Enable multi-region replication on Azure Managed HSM" (ms.date 2025-06-19): one
 *   extended region only; the regions that cannot be extended regions (EXCLUDED below); removing an extended
 *   region purges it (no soft delete); every secondary must be removed before the primary can be deleted.
 * - Get-AzKeyVaultManagedHsmRegion's example (Az.KeyVault help): the list holds the primary (isPrimary true)
 *   beside the extended region.
 * Assumed (emulator/README.md, "Multi-region replication"): the answers for an excluded region, for a second
 * extended region, for a change while a region is not Succeeded and for deleting a primary with a secondary;
 * that `regions` is [] again once the last secondary is gone; the time split Preprovisioning/Provisioning.
 */
import type { HsmRecord, RegionRecord } from '../records.js'
import { fail, normalizeLocation, reply, type ArmRequest } from '../../arm/common.js'
import { isRecord } from '../../../core/http.js'

/** The valid names, in the order the recorded 400 lists them (duplicates as recorded). */
export const RECORDED_REGION_NAMES =
  'usgovarizona, chinanorth, southafricawest, australiacentral2, southindia, japaneast, eastus2, germanynorth, ' +
  'francesouth, eastasia, westus, germanynortheast, chinaeast2, usgovtexas, northeurope, australiaeast, ' +
  'japanwest, norwayeast, westus2, westus3, westeurope, australiasoutheast, usdodeast, usdodcentral, ' +
  'germanywestcentral, germanycentral, westindia, usgovvirginia, southcentralus, francecentral, westcentralus, ' +
  'centralus, canadaeast, southeastasia, centralindia, switzerlandwest, uksouth, chinanorth2, koreacentral, ' +
  'ukwest, uaecentral, northcentralus, swedencentral, switzerlandnorth, australiacentral, canadacentral, ' +
  'norwaywest, chinaeast, brazilsouth, eastus, usgoviowa, koreasouth, uaenorth, southafricanorth, ' +
  'australiacentral, polandcentral, qatarcentral, swedencentral, northcentralus, southcentralus, ' +
  'switzerlandwest, swedensouth, brazilsoutheast, israelcentral, italynorth, malaysiasouth, spaincentral, ' +
  'mexicocentral, taiwannorth, taiwannorthwest, chinanorth3, chinaeast3'
const VALID = new Set(RECORDED_REGION_NAMES.split(', '))

/** Microsoft Learn, multi-region replication, "Azure region support" (ms.date 2025-06-19). */
export const EXCLUDED = [
  'eastus',
  'southcentralus',
  'westus2',
  'switzerlandnorth',
  'westeurope',
  'centralindia',
  'canadacentral',
  'canadaeast',
  'japanwest',
  'qatarcentral',
  'polandcentral',
  'westcentralus'
]

/** The share of an extension spent in Preprovisioning before Provisioning (assumed). */
const PREPROVISIONING_SHARE = 0.2

export type RegionState = 'Preprovisioning' | 'Provisioning' | 'Succeeded' | 'Failed' | 'Deleting'

export function regionState(rec: RegionRecord, now = Date.now()): RegionState | undefined {
  if (rec.deletingSince !== undefined) {
    return now < rec.deletingSince + rec.durationMs ? 'Deleting' : undefined
  }
  const elapsed = now - rec.startedAt
  if (elapsed < rec.durationMs * PREPROVISIONING_SHARE) return 'Preprovisioning'
  if (elapsed < rec.durationMs) return 'Provisioning'
  return rec.failed ? 'Failed' : 'Succeeded'
}

/** Secondaries whose removal finished are gone for good (purged, no soft delete). */
export function sweepRegions(hsm: HsmRecord, now = Date.now()): boolean {
  const before = hsm.regions?.length ?? 0
  hsm.regions = (hsm.regions ?? []).filter(r => regionState(r, now) !== undefined)
  return hsm.regions.length !== before
}

/** The wire list: [] without a secondary; else the primary first, then the secondaries. */
export function regionsJson(hsm: HsmRecord, now = Date.now()): Record<string, unknown>[] {
  const secondaries = (hsm.regions ?? []).flatMap(r => {
    const state = regionState(r, now)
    return state ? [{ name: r.name, provisioningState: state, isPrimary: false }] : []
  })
  if (secondaries.length === 0) return []
  return [{ name: hsm.location, provisioningState: 'Succeeded', isPrimary: true }, ...secondaries]
}

/** GET .../managedHSMs/{name}/regions */
export function listRegions(r: ArmRequest, hsm: HsmRecord): void {
  reply(r, 200, { value: regionsJson(hsm) })
}

/** Any secondary still there, whatever its state: the primary cannot be deleted then. */
export function hasSecondary(hsm: HsmRecord, now = Date.now()): boolean {
  return (hsm.regions ?? []).some(reg => regionState(reg, now) !== undefined)
}

/**
 * A region being added or removed. Learn says to do no other operation on the HSM until the extended region is
 * Succeeded; the refusal (409 Conflict) is assumed, not recorded.
 */
export function busyRegion(hsm: HsmRecord, now = Date.now()): RegionRecord | undefined {
  return (hsm.regions ?? []).find(x => {
    const s = regionState(x, now)
    return s !== undefined && s !== 'Succeeded' && s !== 'Failed'
  })
}

/**
 * Checks `properties.regions` of a PATCH or PUT against the HSM and applies it (answering the error itself):
 * true when the request may go on. Absent `regions` changes nothing.
 */
export function applyRegions(r: ArmRequest, hsm: HsmRecord, regions: unknown): boolean {
  if (regions === undefined) return true
  if (!Array.isArray(regions) || !regions.every(x => isRecord(x) && typeof x.name === 'string')) {
    fail(r, 400, 'BadRequest', 'The property "regions" must be a list of {name}.')
    return false
  }
  const now = Date.now()
  sweepRegions(hsm, now)
  const names = [
    ...new Set(
      regions
        .map(x => normalizeLocation(String((x as { name: string }).name)))
        .filter(n => n !== hsm.location)
    )
  ]
  for (const n of names) {
    if (!VALID.has(n)) {
      // Recorded: code "400" (a string), the name as sent and the list.
      fail(
        r,
        400,
        '400',
        `Invalid region name: ${n} passed. The valid list of region names: ${RECORDED_REGION_NAMES}`
      )
      return false
    }
  }
  const live = (hsm.regions ?? []).filter(x => x.deletingSince === undefined)
  const added = names.filter(n => !live.some(x => x.name === n))
  const removed = live.filter(x => !names.includes(x.name))
  if (added.length === 0 && removed.length === 0) return true
  const busy = busyRegion(hsm, now)
  if (busy) {
    fail(
      r,
      409,
      'Conflict',
      `The region '${busy.name}' of managed HSM '${hsm.name}' is ${regionState(busy, now)}; wait until it is Succeeded before changing the regions.`
    )
    return false
  }
  const excluded = added.find(n => EXCLUDED.includes(n))
  if (excluded) {
    fail(
      r,
      400,
      'BadRequest',
      `The region '${excluded}' cannot be an extended region for managed HSM at this time.`
    )
    return false
  }
  if (names.length > 1) {
    fail(r, 400, 'BadRequest', 'A managed HSM can be extended to a single additional region only.')
    return false
  }
  const seconds = r.ctx.settings.regionSeconds * 1000
  for (const gone of removed) Object.assign(gone, { deletingSince: now, durationMs: seconds })
  for (const name of added) {
    const failed = r.ctx.settings.failNextRegion
    r.ctx.settings.failNextRegion = false
    hsm.regions = [...(hsm.regions ?? []), { name, startedAt: now, durationMs: seconds, failed }]
  }
  return true
}
