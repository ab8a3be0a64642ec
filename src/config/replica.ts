/**
 * replica-region and remove-replica-region: the one extended region of multi-region replication, checked
 * before anything talks to Azure. The regions that cannot be extended regions are Microsoft's list (Microsoft
 * Learn, "Enable multi-region replication on Azure Managed HSM", "Azure region support", ms.date 2025-06-19);
 * Azure's own answer (a 400 listing the valid names) covers the rest, and "other regions may be unavailable
 * for extension due to capacity limitations".
 */
import type { Reader } from './reader.js'

export const EXCLUDED_EXTENDED_REGIONS: readonly string[] = [
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
export const EXCLUDED_SOURCE =
  "Microsoft Learn 'Enable multi-region replication on Azure Managed HSM' (2025-06-19)"

export interface ReplicaConfig {
  /** The extended region wanted (lower case, no spaces), if any. */
  replicaRegion?: string
  /** The extended region the user confirms may be removed (and so purged at once), if any. */
  removeReplicaRegion?: string
}

const normalise = (s: string): string => s.toLowerCase().replace(/\s+/g, '')

export function parseReplica(r: Pick<Reader, 'get' | 'fail'>, location: string): ReplicaConfig {
  const replica = normalise(r.get('replica-region'))
  const remove = normalise(r.get('remove-replica-region'))
  const config: ReplicaConfig = {}
  if (replica) {
    if (!/^[a-z0-9]+$/.test(replica))
      r.fail('replica-region', `must be an Azure region name such as northeurope (got '${replica}')`)
    else if (replica === location)
      r.fail(
        'replica-region',
        `is the HSM's own location (${location}): the extended region must be another region; leave it empty for one region`
      )
    else if (EXCLUDED_EXTENDED_REGIONS.includes(replica))
      r.fail(
        'replica-region',
        `${replica} cannot be an extended region (${EXCLUDED_SOURCE} lists ${EXCLUDED_EXTENDED_REGIONS.join(', ')}); choose another region`
      )
    else config.replicaRegion = replica
  }
  if (remove) {
    if (!/^[a-z0-9]+$/.test(remove))
      r.fail('remove-replica-region', `must be the name of the extended region to remove (got '${remove}')`)
    else if (remove === replica)
      r.fail(
        'remove-replica-region',
        `names ${remove}, which replica-region asks to keep: set only one of them for that region`
      )
    else config.removeReplicaRegion = remove
  }
  return config
}
