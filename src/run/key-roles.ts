/**
 * The key's role assignments as a record: who holds which role at a scope that reaches the key (`/`, `/keys`,
 * `/keys/KEY`). apply escrows it beside the key backup (steps/key/roles-record.ts); recover compares a new HSM
 * with it, since neither the security domain nor a key backup carries role assignments.
 */
import {
  listRoleAssignments,
  listRoleDefinitions,
  type RoleAssignment,
  type RoleDefinition
} from '../azure/rbac-api.js'
import { dataPlane, type RunContext } from './context.js'
import { normaliseScope } from './role-assignments.js'

export interface RecordedAssignment {
  principalId: string
  /** The role's name (the same built-in role has the same name in every HSM). */
  role: string
  scope: string
}

/** The scopes whose assignments reach the key. */
export function keyScopes(keyName: string): string[] {
  return ['/', '/keys', `/keys/${keyName}`]
}

/**
 * The HSM's role definitions and every assignment at a scope that reaches the key, once each (the lists and
 * definitions are read once per run, shared with the posture's prefetch).
 */
export async function assignmentsReachingKey(
  ctx: RunContext
): Promise<{ definitions: RoleDefinition[]; assignments: RoleAssignment[] }> {
  const plane = await dataPlane(ctx)
  ctx.facts.roleDefinitions ??= ctx.reads.once('roleDefinitions', () => listRoleDefinitions(plane))
  const scopes = keyScopes(ctx.config.key.name)
  const [definitions, lists] = await Promise.all([
    ctx.facts.roleDefinitions,
    Promise.all(scopes.map(s => ctx.reads.once(`assignmentsAt:${s}`, () => listRoleAssignments(plane, s))))
  ])
  const wanted = new Set(scopes.map(s => s.toLowerCase()))
  const seen = new Set<string>()
  const assignments = lists.flat().filter(a => {
    const name = a.name.toLowerCase()
    if (!wanted.has(normaliseScope(a.properties.scope).toLowerCase()) || seen.has(name)) return false
    seen.add(name)
    return true
  })
  return { definitions, assignments }
}

/** Every assignment that reaches the key, sorted, one entry per (principal, role, scope). */
export async function readKeyAssignments(ctx: RunContext): Promise<RecordedAssignment[]> {
  const { definitions, assignments } = await assignmentsReachingKey(ctx)
  const entries = new Map<string, RecordedAssignment>()
  for (const a of assignments) {
    const scope = normaliseScope(a.properties.scope)
    const id = a.properties.roleDefinitionId.split('/').pop()?.toLowerCase() ?? ''
    const role = definitions.find(d => d.name.toLowerCase() === id)?.properties.roleName ?? id
    const entry = { principalId: a.properties.principalId.toLowerCase(), role, scope }
    entries.set(sameKey(entry), entry)
  }
  return [...entries.values()].sort((a, b) => sameKey(a).localeCompare(sameKey(b)))
}

/** One string per assignment for comparison: principal, role and scope, case-insensitive. */
export function sameKey(a: RecordedAssignment): string {
  return `${a.principalId}|${a.role}|${a.scope}`.toLowerCase()
}
