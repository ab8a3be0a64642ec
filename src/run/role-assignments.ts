/**
 * Managed HSM local role assignments as plans: roles resolved by listing the HSM's own definitions, assignment
 * names UUIDv5 of (HSM, scope, role, principal), so a rerun targets the same name. The rbac, key and des
 * steps and mode: recover plan their assignments here.
 */
import * as log from '../shared/log.js'
import { createHash } from 'node:crypto'
import { dataPlane, selfPrincipalId, type RunContext } from './context.js'
import {
  createRoleAssignment,
  listPrincipalAssignments,
  listRoleDefinitions,
  type RoleAssignment,
  type RoleDefinition
} from '../azure/rbac-api.js'
import { ConfigurationError } from '../shared/errors.js'
import { announceRequest } from '../shared/connections.js'
import type { ManagedHsmDataPlane } from '../azure/managed-hsm-data.js'
import { SELF, type RoleAssignmentInput } from '../config/index.js'
import { BUILT_IN_ROLES, CRYPTO_USER } from '../azure/rbac-roles.js'

import type { Change, Plan } from './step.js'

/** Namespace of this action's assignment names (a fixed, random UUID). */
const ASSIGNMENT_NAMESPACE = 'b7d4f5e2-3c1a-4e8b-9f60-2a7c5d9e1b34'

export interface DesiredAssignment {
  roleName: string
  roleDefinitionId: string
  principalId: string
  scope: string
  name: string
}

export function implicitForKeyStep(): RoleAssignmentInput[] {
  return [{ role: CRYPTO_USER, principal: SELF, scope: '/keys' }]
}

export async function planAssignments(ctx: RunContext, wanted: RoleAssignmentInput[]): Promise<Plan> {
  if (wanted.length === 0) return { changes: [], notes: [] }
  const hsm = await dataPlane(ctx)
  // Kept for the run (it never changes them); the first list may be the one prefetch.ts started.
  ctx.facts.roleDefinitions ??= ctx.reads.once('roleDefinitions', () => listRoleDefinitions(hsm))
  const definitions = await ctx.facts.roleDefinitions
  const desired = await Promise.all(wanted.map(w => resolve(ctx, w, definitions)))
  const unique = desired.filter((d, i) => desired.findIndex(o => o.name === d.name) === i)
  // Independent reads at once: every managed principal's assignments, at any scope.
  const principals = [...new Set(unique.map(d => d.principalId))]
  const existing = (await Promise.all(principals.map(p => readAssignments(ctx, hsm, p)))).flat()
  const matches = (e: RoleAssignment, d: DesiredAssignment): boolean =>
    e.properties.principalId.toLowerCase() === d.principalId &&
    sameRole(e.properties.roleDefinitionId, d.roleDefinitionId) &&
    normaliseScope(e.properties.scope) === d.scope
  const missing = unique.filter(d => !existing.some(e => matches(e, d)))
  for (const d of unique.filter(u => !missing.includes(u)))
    log.info(`rbac: '${d.roleName}' for ${d.principalId} at ${d.scope} is in place`)
  return {
    changes: missing.map((d): Change => ({
      kind: 'create',
      id: `rbac.assignment.${d.name}`,
      summary: `assign '${d.roleName}' to ${d.principalId} at scope ${d.scope}`,
      details: [`assignment name ${d.name}`],
      async apply() {
        // Later calls that need this role retry on 403 while it propagates (see key.ts untilAuthorized).
        ctx.facts.rolesChanged = true
        const r = await createRoleAssignment(hsm, d)
        if (r === 'exists')
          log.info(`  the same assignment already exists under another name (MatchingRoleAssignmentExists)`)
      }
    })),
    // Assignments the inputs do not ask for, whoever holds them: the posture's access area (posture/access.ts).
    notes: []
  }
}

/** A principal's assignments at any scope (shared with the steps' early reads, prefetchAssignments). */
export function readAssignments(
  ctx: RunContext,
  hsm: ManagedHsmDataPlane,
  principalId: string
): Promise<RoleAssignment[]> {
  const id = principalId.toLowerCase()
  return ctx.reads.once(`assignments:${id}`, () => listPrincipalAssignments(hsm, id))
}

/** Starts the read of the HSM's role definitions, which planAssignments joins (a step's early reads). */
export function prefetchRoleDefinitions(ctx: RunContext, hsm: ManagedHsmDataPlane): void {
  void ctx.reads.prefetch('roleDefinitions', () => listRoleDefinitions(hsm))
}

/** Starts the reads readAssignments joins for these principals (SELF: the signed-in identity, once known). */
export function prefetchAssignments(
  ctx: RunContext,
  hsm: ManagedHsmDataPlane,
  principals: (string | undefined)[]
): void {
  const assignments = (principal: string | undefined): void => {
    const id = principal?.toLowerCase()
    if (id) void ctx.reads.prefetch(`assignments:${id}`, () => listPrincipalAssignments(hsm, id))
  }
  for (const p of principals) {
    if (p !== SELF) {
      assignments(p)
      continue
    }
    // Sent once the token names the identity: its connection is opened now, with the other reads' (shared/connections).
    const sent = announceRequest(hsm.origin)
    void selfPrincipalId(ctx).then(
      id => {
        sent()
        assignments(id)
      },
      () => sent()
    )
  }
}

async function resolve(
  ctx: RunContext,
  w: RoleAssignmentInput,
  definitions: RoleDefinition[]
): Promise<DesiredAssignment> {
  // A built-in role by its fixed id, never by its display name: a custom role may be named like one.
  const id = roleId(w.role)
  const def = definitions.find(d => d.name.toLowerCase() === id)
  if (!def) {
    throw new ConfigurationError(
      'role-assignments',
      `role '${w.role}' is not defined on this HSM (it has: ${definitions.map(d => d.properties.roleName).join(', ')})`
    )
  }
  const principalId = (w.principal === SELF ? await selfPrincipalId(ctx) : w.principal).toLowerCase()
  const scope = normaliseScope(w.scope)
  return {
    roleName: def.properties.roleName,
    roleDefinitionId: def.id,
    principalId,
    scope,
    name: uuidV5(
      ASSIGNMENT_NAMESPACE,
      [ctx.config.hsmName.toLowerCase(), scope, def.name.toLowerCase(), principalId].join('|')
    )
  }
}

/** The role definition's GUID of a role-assignments entry: a built-in name's fixed id, or the GUID given. */
export function roleId(role: string): string {
  return (BUILT_IN_ROLES[role] ?? role).toLowerCase()
}

export function sameRole(a: string, b: string): boolean {
  return a.split('/').pop()?.toLowerCase() === b.split('/').pop()?.toLowerCase()
}

export function normaliseScope(scope: string): string {
  return scope.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1') || '/'
}

/** RFC 4122 version-5 (SHA-1, name-based) UUID. */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex')
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest()
  hash[6] = (hash[6] & 0x0f) | 0x50
  hash[8] = (hash[8] & 0x3f) | 0x80
  const h = hash.subarray(0, 16).toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
