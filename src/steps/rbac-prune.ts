/**
 * prune-role-assignments: the rbac step removes the role assignments that reach the key and are not intended
 * (posture/access.ts says which), listed first in the plan. Never an intended holder's, and never the last
 * Managed HSM Administrator at `/`; refused when who is intended could not be read in full.
 */
import * as log from '../shared/log.js'
import { dataPlane, type RunContext } from '../run/context.js'
import { deleteRoleAssignment } from '../azure/rbac-api.js'
import { ADMINISTRATOR_ID, keyHolders } from '../posture/access.js'
import { ConflictError } from '../shared/errors.js'
import type { Change, Plan } from '../run/step.js'

export async function planPrune(ctx: RunContext): Promise<Plan> {
  const { holders, incomplete } = await keyHolders(ctx)
  const unintended = holders.filter(h => !h.intendedAs)
  if (unintended.length === 0) return { changes: [], notes: [] }
  if (incomplete.length)
    throw new ConflictError(
      `prune-role-assignments: ${incomplete.join(' and ')} could not be read, so an assignment they hold would look unintended`,
      'give the identity the reads the posture table names, or name those principals in known-principals; then rerun'
    )
  const isAdmin = (h: (typeof holders)[number]): boolean => h.roleId === ADMINISTRATOR_ID && h.scope === '/'
  const adminsLeft = holders.filter(h => isAdmin(h) && h.intendedAs).length
  const notes: string[] = []
  const removable = unintended.filter(h => {
    if (!isAdmin(h) || adminsLeft > 0) return true
    notes.push(
      `kept role assignment ${h.assignmentName} ('${h.roleName}' for ${h.principalId} at /): it is the last Managed HSM Administrator`
    )
    return false
  })
  const plane = await dataPlane(ctx)
  return {
    changes: removable.map((h): Change => ({
      kind: 'delete',
      id: `rbac.prune.${h.assignmentName}`,
      summary: `remove '${h.roleName}' of ${h.principalId} at scope ${h.scope} (not intended)`,
      details: [`assignment name ${h.assignmentName}`],
      async apply() {
        await deleteRoleAssignment(plane, {
          scope: h.scope,
          name: h.assignmentName,
          principalId: h.principalId
        })
        log.info(`  removed role assignment ${h.assignmentName}`)
      }
    })),
    notes
  }
}
