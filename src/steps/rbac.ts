/**
 * rbac: who may act on the HSM's data plane. Managed HSM local role assignments: roles are resolved by listing
 * the HSM's own definitions; assignment names are UUIDv5 of (HSM, scope, role, principal), so a rerun targets
 * the same name and a listing shows what is there: a converged rerun sends no write. When the key step runs,
 * the signed-in identity also gets Crypto User on /keys, since administrators cannot create keys. With
 * prune-role-assignments it also removes the assignments that reach the key and are not intended. And the
 * HSM setting that lets ARM manage keys, when allow-key-management-through-arm names a value.
 */
import { dataPlane, type RunContext } from '../run/context.js'
import { implicitForKeyStep, normaliseScope, planAssignments, roleId } from '../run/role-assignments.js'
import { broadReleaseRule, isBroadScope, SELF, type RoleAssignmentInput } from '../config/index.js'
import { listRoleDefinitions } from '../azure/rbac-api.js'
import { ConfigurationError } from '../shared/errors.js'
import { capabilities } from '../posture/capabilities.js'
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
  async finish() {}
}

/** What the inputs ask for, plus Crypto User for the signed-in identity when the key step runs. */
export function desiredInputs(ctx: RunContext): RoleAssignmentInput[] {
  const wanted = [...ctx.config.roleAssignments]
  if (ctx.config.steps.includes('key')) wanted.push(...implicitForKeyStep())
  return wanted
}

/**
 * A role that can release keys, granted at / or /keys to anyone but the action, needs allow-broad-release.
 * The built-in roles are refused with the inputs; a custom role (given by its GUID) only the HSM's own
 * definition can tell, so it is judged here, by its permissions, before the step writes anything.
 */
async function refuseBroadRelease(ctx: RunContext): Promise<void> {
  if (ctx.config.allowBroadRelease) return
  const broad = ctx.config.roleAssignments.filter(a => isBroadScope(normaliseScope(a.scope)))
  if (broad.length === 0) return
  const plane = await dataPlane(ctx)
  ctx.facts.roleDefinitions ??= ctx.reads.once('roleDefinitions', () => listRoleDefinitions(plane))
  const definitions = await ctx.facts.roleDefinitions
  const releasing = broad.flatMap(a => {
    const def = definitions.find(d => d.name.toLowerCase() === roleId(a.role))
    return def && capabilities(def.properties.permissions).includes('release')
      ? [{ a, roleName: def.properties.roleName }]
      : []
  })
  const others = releasing.filter(r => r.a.principal !== SELF)
  if (others.length === 0) return
  const self = (await ctx.signIn.principalId()).toLowerCase()
  const refused = others.filter(r => r.a.principal.toLowerCase() !== self)
  if (refused.length > 0)
    throw new ConfigurationError('role-assignments', broadReleaseRule(refused[0].a, refused[0].roleName))
}
