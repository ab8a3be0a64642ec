/**
 * Who a Disk Encryption Set's grants go to: recover names such a grant, when the record beside the key backup
 * holds it and the HSM lacks it, as the set's (made by the des step, with the inputs that name the set), not
 * as a line for role-assignments.
 */
import * as log from '../../shared/log.js'
import type { RunContext } from '../../run/context.js'
import { desClient, readDes, readOrchestrator } from '../../run/disk-encryption-sets.js'
import { setsBackedByKey } from './backing.js'
import { CVM_ENCRYPTION_TYPE } from '../../config/index.js'
import { errorMessage } from '../../shared/errors.js'

export interface SetGrantHolder {
  /** Who the principal is, for a sentence. */
  what: string
  /** The inputs that name the set whose des step grants it. */
  inputs: string
}

/**
 * The principals the des step grants, by object id: a set's identity and, for a confidential-VM set, the
 * Confidential VM Orchestrator; for the set of disk-encryption-set and the subscription's sets that use the
 * key on the HSM at hsmUri. A read that fails leaves the map without them: recover then says such a grant as
 * any other.
 */
export async function setGrantHolders(ctx: RunContext, hsmUri: string): Promise<Map<string, SetGrantHolder>> {
  const holders = new Map<string, SetGrantHolder>()
  const sets: Array<{ name: string; identity?: string; cvm: boolean; inputs: string }> = []
  const d = ctx.config.des
  try {
    if (d) {
      const set = await readDes(ctx, desClient(ctx), d)
      sets.push({
        name: d.name,
        identity: set?.identity?.principalId,
        cvm: d.encryptionType === CVM_ENCRYPTION_TYPE,
        inputs: `disk-encryption-set: ${d.name}`
      })
    }
    for (const s of (await setsBackedByKey(ctx, hsmUri)).sets) {
      const name = s.name ?? '?'
      const group = /\/resourceGroups\/([^/]+)\//i.exec(s.id ?? '')?.[1]
      const type = s.properties?.encryptionType
      sets.push({
        name,
        identity: s.identity?.principalId,
        cvm: type === CVM_ENCRYPTION_TYPE,
        inputs: [
          `disk-encryption-set: ${name}`,
          ...(group && group.toLowerCase() !== ctx.config.resourceGroup.toLowerCase()
            ? [`disk-encryption-set-resource-group: ${group}`]
            : []),
          ...(type && type !== CVM_ENCRYPTION_TYPE ? [`des-encryption-type: ${type}`] : [])
        ].join(', ')
      })
    }
    for (const s of sets)
      if (s.identity)
        holders.set(s.identity.toLowerCase(), {
          what: `the identity of disk encryption set '${s.name}'`,
          inputs: s.inputs
        })
    const cvm = sets.find(s => s.cvm)
    if (cvm) {
      const orchestrator = d?.orchestratorObjectId ?? (await readOrchestrator(ctx))?.id
      if (orchestrator)
        holders.set(orchestrator.toLowerCase(), {
          what: `the Confidential VM Orchestrator of disk encryption set '${cvm.name}'`,
          inputs: cvm.inputs
        })
    }
  } catch (e) {
    log.debug(`could not read the disk encryption sets that use the key: ${errorMessage(e)}`)
  }
  return holders
}
