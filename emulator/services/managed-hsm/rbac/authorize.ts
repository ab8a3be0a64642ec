/**
 * The authorisation check every Managed HSM data-plane operation goes through: a caller's role
 * assignments, their scopes and their roles' data actions.
 */
import { activityId, fail, normaliseScope } from '../common.js'
import type { AreaRequest } from '../area.js'
import { mhsmStore, type HsmData } from '../store.js'
import { BUILT_IN_ROLES } from './roles.js'

interface Permissions {
  dataActions: string[]
  notDataActions: string[]
}

function rolePermissions(data: HsmData, roleDefinitionId: string): Permissions {
  const guid = roleDefinitionId.split('/').pop()?.toLowerCase() ?? ''
  const builtIn = BUILT_IN_ROLES.find(b => b.name === guid)
  if (builtIn) return { dataActions: builtIn.dataActions, notDataActions: [] }
  const custom = data.customRoles[guid]
  if (!custom) return { dataActions: [], notDataActions: [] }
  return {
    dataActions: custom.permissions.flatMap(p => p.dataActions ?? []),
    notDataActions: custom.permissions.flatMap(p => p.notDataActions ?? [])
  }
}

/** Data actions match case-insensitively; a trailing `*` matches any suffix. */
function actionMatches(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase()
  const a = action.toLowerCase()
  return p.endsWith('*') ? a.startsWith(p.slice(0, -1)) : p === a
}

/** An assignment at `assigned` applies at `requested` when it is the same scope or an ancestor. */
export function covers(assigned: string, requested: string): boolean {
  const a = normaliseScope(assigned).toLowerCase()
  const r = normaliseScope(requested).toLowerCase()
  return a === '/' || a === r || r.startsWith(`${a}/`)
}

export function permitted(
  data: HsmData,
  principalId: string,
  action: string,
  scope: string,
  now = Date.now()
): boolean {
  const oid = principalId.toLowerCase()
  return Object.values(data.roleAssignments).some(a => {
    if (a.principalId.toLowerCase() !== oid || now < a.effectiveAt || !covers(a.scope, scope)) return false
    const perms = rolePermissions(data, a.roleDefinitionId)
    return (
      perms.dataActions.some(p => actionMatches(p, action)) &&
      !perms.notDataActions.some(p => actionMatches(p, action))
    )
  })
}

/**
 * Checks that the caller may perform `action` at `scope`; otherwise answers 403 with the text the
 * live service uses ("(AccessDenied) Not authorized to access Microsoft.KeyVault/managedHsm/keys/create
 * on '/keys'" and "... roleAssignments/read/action on / (Activity ID: <guid>)" seen in CLI output).
 */
export function authorize(r: AreaRequest, action: string, scope: string): boolean {
  const data = mhsmStore(r.ctx).hsm(r.hsm)
  if (permitted(data, r.caller.oid, action, scope)) return true
  fail(
    r,
    403,
    'AccessDenied',
    `Not authorized to access ${action} on ${normaliseScope(scope)} (Activity ID: ${activityId()})`
  )
  return false
}
