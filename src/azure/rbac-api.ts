/**
 * Managed HSM local RBAC over the data plane: role definitions and role assignments at a scope
 * (`/`, `/keys`, `/keys/{name}`), in the shapes recorded from the live service.
 */
import type { ManagedHsmDataPlane } from './managed-hsm-data.js'

export interface RoleDefinition {
  id: string
  name: string
  properties: {
    roleName: string
    type?: string
    permissions?: Array<{ dataActions?: string[]; notDataActions?: string[] }>
  }
}

export interface RoleAssignment {
  id: string
  name: string
  properties: { scope: string; principalId: string; roleDefinitionId: string }
}

const ROLE_HINT = (_c: string | undefined, status: number | undefined): string | undefined =>
  status === 403
    ? "managing role assignments needs 'Managed HSM Administrator' (or Crypto Officer / Policy Administrator) for the signed-in identity"
    : undefined

function scopePath(scope: string): string {
  return scope === '/' ? '' : scope.replace(/\/+$/, '')
}

async function listAll<T>(
  hsm: ManagedHsmDataPlane,
  operation: string,
  path: string,
  query: Record<string, string>
): Promise<T[]> {
  const items: T[] = []
  let r = await hsm.send<{ value?: T[]; nextLink?: string }>(operation, 'GET', path, {
    query,
    hint: ROLE_HINT
  })
  items.push(...(r.body?.value ?? []))
  // Follow nextLink within the same HSM (paths only; the query carries the skip token).
  for (let page = 0; r.body?.nextLink && page < 100; page++) {
    const next = new URL(r.body.nextLink)
    r = await hsm.send(operation, 'GET', next.pathname, {
      query: Object.fromEntries([...next.searchParams].filter(([k]) => k !== 'api-version')),
      hint: ROLE_HINT
    })
    items.push(...(r.body?.value ?? []))
  }
  return items
}

export function listRoleDefinitions(hsm: ManagedHsmDataPlane): Promise<RoleDefinition[]> {
  return listAll(hsm, 'list role definitions', '/providers/Microsoft.Authorization/roleDefinitions', {})
}

/** Assignments at exactly this scope. */
export function listRoleAssignments(hsm: ManagedHsmDataPlane, scope: string): Promise<RoleAssignment[]> {
  return listAll(
    hsm,
    `list role assignments at scope ${scope}`,
    `${scopePath(scope)}/providers/Microsoft.Authorization/roleAssignments`,
    {
      $filter: 'atScope()'
    }
  )
}

/** Every assignment of one principal, at any scope. */
export function listPrincipalAssignments(
  hsm: ManagedHsmDataPlane,
  principalId: string
): Promise<RoleAssignment[]> {
  return listAll(
    hsm,
    `list role assignments of ${principalId}`,
    '/providers/Microsoft.Authorization/roleAssignments',
    {
      $filter: `principalId eq '${principalId}'`
    }
  )
}

/**
 * Creates the assignment under a client-chosen name. Returns 'exists' when the service says the same
 * role is already assigned to the principal at this scope (MatchingRoleAssignmentExists).
 */
export async function createRoleAssignment(
  hsm: ManagedHsmDataPlane,
  a: { scope: string; name: string; roleDefinitionId: string; principalId: string }
): Promise<'created' | 'exists'> {
  try {
    await hsm.send(
      `assign role ${a.roleDefinitionId.split('/').pop()} to ${a.principalId} at ${a.scope}`,
      'PUT',
      `${scopePath(a.scope)}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
      {
        body: { properties: { roleDefinitionId: a.roleDefinitionId, principalId: a.principalId } },
        ok: [200, 201],
        hint: ROLE_HINT
      }
    )
    return 'created'
  } catch (e) {
    if ((e as { details?: { code?: string } }).details?.code === 'MatchingRoleAssignmentExists')
      return 'exists'
    throw e
  }
}

/** Removes one assignment; an assignment already gone is not an error. */
export async function deleteRoleAssignment(
  hsm: ManagedHsmDataPlane,
  a: { scope: string; name: string; principalId: string }
): Promise<void> {
  await hsm.send(
    `remove role assignment ${a.name} of ${a.principalId} at ${a.scope}`,
    'DELETE',
    `${scopePath(a.scope)}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
    { ok: [200, 204, 404], hint: ROLE_HINT }
  )
}
