/**
 * network-bypass None beside Disk Encryption Sets. None takes trusted Azure services off the HSM's firewall, and
 * whether a set's disk access passes through that bypass is unverified (docs/network.md), so None is refused while
 * a set uses a key of the HSM, unless allow-bypass-none. Who uses the HSM is read from Azure (every set of the
 * subscription whose key is on it, run/disk-encryption-sets.ts), not only the set the inputs name; a list the
 * identity cannot read is no answer, and is refused the same way.
 */
import { MODE_TABLE } from '../config/index.js'
import type { ManagedHsm } from '../azure/managed-hsm-arm.js'
import type { DiskEncryptionSet } from '../azure/disk-encryption-sets.js'
import type { RunContext } from '../run/context.js'
import { readAllDes, setsOnHsm } from '../run/disk-encryption-sets.js'
import { networkOf } from '../run/network-rules.js'
import { ConflictError, errorMessage } from '../shared/errors.js'
import * as log from '../shared/log.js'

const UNVERIFIED = 'whether their disk access needs the trusted-services bypass is unverified'

/**
 * The notes about bypass None for the firewall this run leaves (plan: which sets would lose the bypass; verify: a
 * set beside bypass None is a finding); in apply, the refusal before any write when the inputs ask for None.
 */
export async function bypassNoneNotes(ctx: RunContext, hsm: ManagedHsm): Promise<string[]> {
  const { config } = ctx
  const current = networkOf(hsm).bypass ?? 'AzureServices'
  const asked = config.network.posture !== 'keep' && config.network.bypass === 'None'
  if (!asked && current !== 'None') return []
  let sets: DiskEncryptionSet[] | undefined
  let failure = ''
  try {
    sets = setsOnHsm(ctx, await readAllDes(ctx), config.hsmName)
  } catch (e) {
    failure = log.oneLine(errorMessage(e).split('\n')[0].slice(0, 300))
  }
  if (sets && sets.length === 0) return []
  // Names from ARM: hostile text, kept to one short line.
  const names = (sets ?? []).map(s => `'${log.oneLine((s.name ?? s.id ?? '?').slice(0, 80))}'`).join(', ')
  const hsmName = `Managed HSM '${config.hsmName}'`
  const who = sets
    ? `disk encryption set(s) ${names} use keys of ${hsmName}`
    : `the disk encryption sets of the subscription cannot be listed (${failure}), so whether one uses keys of ${hsmName} is not known`
  if (asked && MODE_TABLE[config.mode].writes && !config.network.allowBypassNone)
    throw new ConflictError(
      `Input 'network-bypass': None takes trusted Azure services off the firewall, and ${who} (${UNVERIFIED}). Nothing was changed.`,
      sets
        ? "keep network-bypass: AzureServices, or set allow-bypass-none: 'true' to accept it"
        : "grant Microsoft.Compute/diskEncryptionSets/read on the subscription (Reader; docs/setup.md), keep network-bypass: AzureServices, or set allow-bypass-none: 'true' to accept it unchecked"
    )
  const allowed = asked && config.network.allowBypassNone ? ' (accepted: allow-bypass-none)' : ''
  if (current !== 'None')
    return [
      sets
        ? `network-bypass None: disk encryption set(s) ${names} would lose the trusted-services bypass to the keys of ${hsmName} (${UNVERIFIED})${allowed}`
        : `network-bypass None: ${who}: a set that uses them would lose the trusted-services bypass${allowed}`
    ]
  return [`bypass is None while ${who} (${UNVERIFIED})${allowed}`]
}
