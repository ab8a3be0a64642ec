/**
 * teardown's dependents: the Disk Encryption Sets of the subscription whose key (active or previous) is on
 * the HSM, and the managed disks those sets encrypt. Deleting the HSM takes the key from under them: every
 * disk of such a set becomes unreadable for good once the HSM is purged. So teardown refuses while a set
 * uses the HSM's keys, naming the sets and their disks; with delete-disk-encryption-sets it deletes the sets
 * first, and only sets no disk uses. A set's tags never decide it: the key URL it holds does. When a list
 * cannot be read, teardown refuses rather than guess.
 */
import * as log from '../shared/log.js'
import type { RunContext } from '../run/context.js'
import { waitUntil } from '../azure/wait.js'
import { Disks, diskEncryptionSetIds, type ManagedDisk } from '../azure/disks.js'
import type { DiskEncryptionSet } from '../azure/disk-encryption-sets.js'
import { desClient, isManaged, setsOnHsm } from '../run/disk-encryption-sets.js'
import { ConflictError, errorMessage } from '../shared/errors.js'
import type { StepResult } from '../run/step.js'

/** What a teardown of several HSMs reads once: the subscription's sets, and its disks when a set matters. */
export interface DependentReads {
  sets(): Promise<DiskEncryptionSet[]>
  disks(): Promise<ManagedDisk[]>
}

export function dependentReads(ctx: RunContext): DependentReads {
  let sets: Promise<DiskEncryptionSet[]> | undefined
  let disks: Promise<ManagedDisk[]> | undefined
  const disksClient = () =>
    new Disks(ctx.signIn.credential, ctx.config.subscriptionId, ctx.cloud.resourceManager)
  return {
    sets: () => (sets ??= desClient(ctx).listInSubscription()),
    disks: () => (disks ??= disksClient().listInSubscription())
  }
}

interface Dependent {
  set: DiskEncryptionSet
  disks: ManagedDisk[]
}

const SETUP_HINT =
  "grant the read at subscription scope (docs/setup.md's custom role lists Microsoft.Compute/diskEncryptionSets/read and Microsoft.Compute/disks/read), then rerun"

/**
 * Makes sure nothing is left pointing at the HSM's keys before it goes: refuses (nothing deleted) when a set
 * uses them and delete-disk-encryption-sets is off, or when a disk uses such a set; else deletes the sets.
 */
export async function clearDependents(
  ctx: RunContext,
  hsmName: string,
  result: StepResult,
  reads: DependentReads
): Promise<void> {
  let sets: DiskEncryptionSet[]
  try {
    sets = setsOnHsm(ctx, await reads.sets(), hsmName)
  } catch (e) {
    throw new ConflictError(
      `teardown cannot tell whether disk encryption sets use the keys of Managed HSM '${hsmName}': ${errorMessage(e)}. Nothing was deleted.`,
      SETUP_HINT
    )
  }
  const note =
    'disk encryption sets in other subscriptions are not checked: a set there that uses these keys loses them too'
  if (!result.notes.includes(note)) result.notes.push(note)
  if (sets.length === 0) return
  let disks: ManagedDisk[]
  try {
    disks = await reads.disks()
  } catch (e) {
    throw new ConflictError(
      `teardown cannot read the managed disks of the subscription, so it cannot tell which disks the disk encryption set(s) ${names(sets)} encrypt with keys of Managed HSM '${hsmName}': ${errorMessage(e)}. Nothing was deleted.`,
      SETUP_HINT
    )
  }
  const dependents: Dependent[] = sets.map(set => ({
    set,
    disks: disks.filter(d => diskEncryptionSetIds(d).includes((set.id ?? '').toLowerCase()))
  }))
  const inUse = dependents.filter(d => d.disks.length > 0)
  if (inUse.length > 0)
    throw new ConflictError(
      [
        `Managed HSM '${hsmName}' holds the keys of disk encryption sets that disks use; deleting it would make those disks unreadable for good. Nothing was deleted:`,
        ...inUse.map(d => `- ${setName(d.set)}: ${d.disks.map(diskName).join(', ')}`)
      ].join('\n'),
      'delete these disks, or move them to a disk encryption set whose key is elsewhere, then rerun teardown'
    )
  if (!ctx.config.deleteDiskEncryptionSets)
    throw new ConflictError(
      `disk encryption set(s) ${names(sets)} use keys of Managed HSM '${hsmName}' (no disk uses them); deleting the HSM would leave them pointing at a deleted key. Nothing was deleted.`,
      "set delete-disk-encryption-sets: 'true' to delete these sets first, or point them at a key elsewhere, then rerun teardown"
    )
  for (const { set } of dependents) await deleteSet(ctx, set, result)
}

const setName = (s: DiskEncryptionSet): string => `'${s.name ?? s.id ?? '?'}'`
const names = (sets: DiskEncryptionSet[]): string => sets.map(setName).join(', ')
const diskName = (d: ManagedDisk): string =>
  `disk '${d.name ?? d.id ?? '?'}'${d.managedBy ? ` (attached to ${d.managedBy.split('/').pop()})` : ''}`

/** The resource group of an ARM resource id. */
function resourceGroupOf(id: string): string {
  const parts = id.split('/')
  const i = parts.findIndex(p => p.toLowerCase() === 'resourcegroups')
  return i >= 0 ? (parts[i + 1] ?? '') : ''
}

async function deleteSet(ctx: RunContext, set: DiskEncryptionSet, result: StepResult): Promise<void> {
  const client = desClient(ctx)
  const name = set.name ?? ''
  const rg = resourceGroupOf(set.id ?? '')
  log.info(`teardown: deleting disk encryption set '${name}' (no disk uses it; delete-disk-encryption-sets)`)
  await client.submitDelete(rg, name)
  await waitUntil(
    async () => {
      const still = await client.get(rg, name)
      return { value: undefined, done: !still, status: still?.properties?.provisioningState ?? 'Deleting' }
    },
    {
      what: 'disk encryption set deletion',
      service: 'Azure Resource Manager',
      deadline: ctx.deadline,
      schedule: [2000, 5000, 10000]
    }
  )
  result.changes.push(`deleted disk encryption set '${name}' (it used a key of this HSM; no disk used it)`)
}

/** disk-encryption-set named in the inputs but not using this HSM's keys: said, and left alone. */
export async function noteNamedSet(ctx: RunContext, result: StepResult): Promise<void> {
  const d = ctx.config.des
  if (!d || result.changes.some(c => c.startsWith(`deleted disk encryption set '${d.name}'`))) return
  const current = await desClient(ctx).get(d.resourceGroup, d.name)
  if (!current) return
  const note = isManaged(current, ctx.config.hsmName)
    ? `disk encryption set '${d.name}' is tagged as this action's for '${ctx.config.hsmName}' but uses no key of it: left alone (a tag never decides a deletion)`
    : `disk encryption set '${d.name}' was not created by this action and uses no key of '${ctx.config.hsmName}': left alone`
  result.notes.push(note)
  log.warning(`teardown: ${note}`)
}
