/**
 * Multi-region replication of a Managed HSM on ARM: the extended region read from the HSM's
 * `properties.regions`, added or removed with a PATCH of the regions list (as `az keyvault region add|remove`
 * does: the list it read, plus or minus the one region), and the wait for the region to reach `Succeeded`
 * or to be gone. An extension can take up to 30 minutes (Microsoft Learn, "Enable multi-region replication
 * on Azure Managed HSM"): the wait is the shared one (polite polling, progress, the run's deadline).
 */
import * as log from '../shared/log.js'
import { ConflictError } from '../shared/errors.js'
import type { ManagedHsm, ManagedHsmArm } from './managed-hsm-arm.js'
import { waitUntil, type Poll } from './wait.js'

const SERVICE = 'Azure Resource Manager'

export interface ReplicaRegion {
  /** As ARM spelled it, shown only through log.oneLine. */
  name: string
  state: string
}

const norm = (name: string): string => name.toLowerCase().replace(/\s+/g, '')

/** The extended (secondary) regions: every entry not marked primary and not the HSM's own location. */
export function extendedRegions(hsm: ManagedHsm | undefined): ReplicaRegion[] {
  const location = norm(hsm?.location ?? '')
  return (
    (hsm?.properties?.regions ?? [])
      .filter(r => r.isPrimary !== true && r.name && norm(r.name) !== location)
      // Azure's strings are evidence: shown only once made one line.
      .map(r => ({
        name: log.oneLine(norm(r.name as string)),
        state: log.oneLine(r.provisioningState ?? 'unknown')
      }))
  )
}

/** Still on its way (Preprovisioning, Provisioning) or on its way out (Deleting, Cleanup). */
export function regionBusy(state: string): boolean {
  return state !== 'Succeeded' && state !== 'Failed'
}

/** Sends the PATCH with the regions list ARM showed, plus `add` and minus `remove`. */
export async function submitRegions(
  arm: ManagedHsmArm,
  resourceGroup: string,
  hsm: ManagedHsm,
  change: { add?: string; remove?: string }
): Promise<void> {
  const names = (hsm.properties?.regions ?? [])
    .map(r => norm(r.name ?? ''))
    .filter(n => n && n !== change.remove)
  if (change.add && !names.includes(change.add)) names.push(change.add)
  await arm.submitUpdate(resourceGroup, hsm.name as string, {
    properties: { regions: names.map(name => ({ name })) }
  })
}

/** Waits until `region` is Succeeded (`until: 'ready'`) or no longer listed (`until: 'gone'`). */
export async function waitForRegion(
  arm: ManagedHsmArm,
  resourceGroup: string,
  name: string,
  region: string,
  until: 'ready' | 'gone',
  deadline: number
): Promise<ManagedHsm> {
  return waitUntil(
    async (): Promise<Poll<ManagedHsm>> => {
      const hsm = await arm.get(resourceGroup, name)
      if (!hsm)
        throw new ConflictError(`Managed HSM '${name}' disappeared while its region ${region} changed`)
      const found = extendedRegions(hsm).find(r => r.name === region)
      if (until === 'gone') return { value: hsm, done: !found, status: found?.state ?? 'removed' }
      if (found?.state === 'Failed') {
        throw new ConflictError(
          `the extension of Managed HSM '${name}' into ${region} failed (region provisioningState Failed)`,
          `remove the failed region (set remove-replica-region: ${region}; it is purged at once), then rerun; ` +
            'if it fails again, the region may lack capacity: choose another replica-region'
        )
      }
      return {
        value: hsm,
        done: found?.state === 'Succeeded',
        status: found ? log.oneLine(found.state) : 'not listed yet'
      }
    },
    {
      what: `region ${region} of Managed HSM '${name}' ${until === 'ready' ? 'extension' : 'removal'}`,
      service: SERVICE,
      deadline
    }
  )
}
