/**
 * teardown's part for the des step: deletes the Disk Encryption Set this action created for this HSM (its
 * managed-by and managed-hsm tags say so) and waits until ARM no longer has it; a set someone else created
 * is left alone and said so.
 */
import * as log from '../report/log.js'
import type { RunContext } from '../run/context.js'
import { waitUntil } from '../azure/wait.js'
import { desClient, isManaged } from '../run/disk-encryption-sets.js'
import type { StepResult } from '../run/step.js'

export async function teardownDes(ctx: RunContext, result: StepResult): Promise<void> {
  const d = ctx.config.des
  if (!d) return
  const client = desClient(ctx)
  const current = await client.get(d.resourceGroup, d.name)
  if (!current) return
  if (!isManaged(current, ctx.config.hsmName)) {
    const note = `disk encryption set '${d.name}' was not created by this action for '${ctx.config.hsmName}': left alone`
    result.notes.push(note)
    log.warning(`teardown: ${note}`)
    return
  }
  log.info(`teardown: deleting disk encryption set '${d.name}'`)
  await client.submitDelete(d.resourceGroup, d.name)
  await waitUntil(
    async () => {
      const still = await client.get(d.resourceGroup, d.name)
      return { value: undefined, done: !still, status: still?.properties?.provisioningState ?? 'Deleting' }
    },
    {
      what: 'disk encryption set deletion',
      service: 'Azure Resource Manager',
      deadline: ctx.deadline,
      schedule: [2000, 5000, 10000]
    }
  )
  result.changes.push(`deleted disk encryption set '${d.name}'`)
}
