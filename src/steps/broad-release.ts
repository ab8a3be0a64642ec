/**
 * A role that can release keys, granted at / or /keys to anyone but the action, needs allow-broad-release
 * (issue 23 §4). The built-in roles are refused with the inputs (config/inputs.ts); a custom role, given by its
 * GUID, only the HSM's own definition can tell, so it is judged here by its permissions: before any step of
 * apply writes when the HSM exists and is active, and again by the rbac step for an HSM this run made or
 * activated (whose definitions could not be read before).
 */
import { readHsm, dataPlane, type RunContext } from '../run/context.js'
import { normaliseScope, roleId } from '../run/role-assignments.js'
import { broadReleaseRule, isBroadScope, MODE_TABLE, SELF } from '../config/index.js'
import { listRoleDefinitions } from '../azure/rbac-api.js'
import { ConfigurationError } from '../shared/errors.js'
import { capabilities } from '../posture/capabilities.js'

/** Throws the refusal of the first broad release grant of another principal the inputs ask for. */
export async function refuseBroadRelease(ctx: RunContext): Promise<void> {
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

/**
 * apply's check before its first write (a tag, a key, an ARM update), as the early reads already hold the HSM
 * and its role definitions. An HSM that is absent or not active yet has no custom role to read: the rbac
 * step judges it once this run has made it.
 */
export async function refuseBroadReleaseBeforeWrites(ctx: RunContext): Promise<void> {
  const { config } = ctx
  if (!MODE_TABLE[config.mode].writes || !config.steps.includes('rbac') || config.allowBroadRelease) return
  if (!config.roleAssignments.some(a => isBroadScope(normaliseScope(a.scope)))) return
  const hsm = await readHsm(ctx)
  const p = hsm?.properties
  if (!p?.hsmUri || p.provisioningState !== 'Succeeded') return
  if (p.securityDomainProperties?.activationStatus !== 'Active') return
  await refuseBroadRelease(ctx)
}
