/**
 * rbac: who may act on the HSM's data plane. Managed HSM local role assignments: roles are resolved by listing
 * the HSM's own definitions; assignment names are UUIDv5 of (HSM, scope, role, principal), so a rerun targets
 * the same name and a listing shows what is there: a converged rerun sends no write. When the key step runs,
 * the signed-in identity also gets Crypto User on /keys, since administrators cannot create keys. With
 * prune-role-assignments it also removes the assignments that reach the key and are not intended. And the
 * HSM setting that lets ARM manage keys, when allow-key-management-through-arm names a value.
 */
import type { RunContext } from '../run/context.js'
import {
  implicitForKeyStep,
  planAssignments,
  prefetchAssignments,
  prefetchRoleDefinitions
} from '../run/role-assignments.js'
import type { RoleAssignmentInput } from '../config/index.js'
import { refuseBroadRelease } from './broad-release.js'
import { settingChange } from '../posture/hsm-settings.js'
import type { Step } from '../run/step.js'
import { planPrune } from './rbac-prune.js'

export const rbac: Step = {
  name: 'rbac',
  async plan(ctx) {
    await refuseBroadRelease(ctx)
    const [wanted, setting] = await Promise.all([
      planAssignments(ctx, desiredInputs(ctx)),
      settingChange(ctx)
    ])
    const changes = [...wanted.changes, ...(setting ? [setting] : [])]
    if (!ctx.config.pruneRoleAssignments) return { ...wanted, changes }
    // Removals first, so the plan lists them before anything is granted.
    const prune = await planPrune(ctx)
    return { changes: [...prune.changes, ...changes], notes: [...prune.notes, ...wanted.notes] }
  },
  async finish() {},
  prefetch: ctx => hsm => {
    const wanted = desiredInputs(ctx)
    if (wanted.length === 0) return
    const plane = hsm.plane()
    prefetchRoleDefinitions(ctx, plane)
    prefetchAssignments(
      ctx,
      plane,
      wanted.map(w => w.principal)
    )
  }
}

/** What the inputs ask for, plus Crypto User for the signed-in identity when the key step runs. */
export function desiredInputs(ctx: RunContext): RoleAssignmentInput[] {
  const wanted = [...ctx.config.roleAssignments]
  if (ctx.config.steps.includes('key')) wanted.push(...implicitForKeyStep())
  return wanted
}
