/**
 * Role assignments at '/', '/keys' and '/keys/{name}': create (with its propagation delay), read,
 * list with $filter, delete.
 */
import { isRecord } from '../../../core/http.js'
import { activityId, badParameter, fail, GUID, jsonBody, reply } from '../common.js'
import type { AreaRequest } from '../area.js'
import { mhsmStore, type HsmData, type RoleAssignmentRecord } from '../store.js'
import { authorize, covers } from './authorize.js'
import type { RbacPath } from './path.js'
import { ACTIONS, BUILT_IN_ROLES, ROLE_PREFIX } from './roles.js'

/**
 * The `id` has no scope prefix whatever the scope (`properties.scope` carries it), as in the live lists and
 * deletes of azure-cli's test_keyvault_hsm_role.yaml recording.
 */
function assignmentJson(a: RoleAssignmentRecord): Record<string, unknown> {
  return {
    id: `/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
    name: a.name,
    properties: { principalId: a.principalId, roleDefinitionId: a.roleDefinitionId, scope: a.scope },
    type: 'Microsoft.Authorization/roleAssignments'
  }
}

type Filter = (a: RoleAssignmentRecord) => boolean

/** `$filter` of role-assignment lists: `atScope()`, `principalId eq '{id}'`, joined by `and`. */
function assignmentFilter(raw: string | null, scope: string): Filter | string {
  const s = scope.toLowerCase()
  const related: Filter = a => covers(a.scope, s) || covers(s, a.scope)
  if (!raw || !raw.trim()) return related
  const parts = raw.split(/\s+and\s+/i).map(p => p.trim())
  const filters: Filter[] = []
  let atScope = false
  for (const part of parts) {
    if (/^atScope\(\)$/i.test(part)) {
      atScope = true
      continue
    }
    const m = /^principalId\s+eq\s+'([^']*)'$/i.exec(part)
    if (m) {
      const id = m[1].toLowerCase()
      filters.push(a => a.principalId.toLowerCase() === id)
      continue
    }
    return `The $filter '${raw}' is not supported. Supported: atScope(), principalId eq '{id}'.`
  }
  // atScope(): assignments at the scope or above it (ARM semantics); otherwise also those below.
  const base: Filter = atScope ? a => covers(a.scope, s) : related
  return a => base(a) && filters.every(f => f(a))
}

function findAssignment(data: HsmData, name: string): RoleAssignmentRecord | undefined {
  return (
    data.roleAssignments[name] ??
    Object.values(data.roleAssignments).find(a => a.name.toLowerCase() === name.toLowerCase())
  )
}

const notFoundAssignment = (r: AreaRequest, name: string): void =>
  fail(
    r,
    404,
    'RoleAssignmentNotFound',
    `The role assignment '${name}' is not found. (Activity ID: ${activityId()})`
  )

function createAssignment(r: AreaRequest, p: RbacPath, data: HsmData, name: string): void {
  if (!authorize(r, ACTIONS.assignWrite, p.scope)) return
  if (!GUID.test(name))
    return badParameter(
      r,
      `The role assignment name '${name}' is not valid. The role assignment name must be a GUID.`
    )
  const body = jsonBody(r)
  if (!body) return
  const props = isRecord(body.properties) ? body.properties : undefined
  const roleDefinitionId = props?.roleDefinitionId
  const principalId = props?.principalId
  if (typeof roleDefinitionId !== 'string' || typeof principalId !== 'string')
    return badParameter(
      r,
      'The role assignment needs properties.roleDefinitionId and properties.principalId.'
    )
  // The id has no leading slash; "/Microsoft.KeyVault/..." is refused (as Terraform documents).
  const m =
    /^Microsoft\.KeyVault\/providers\/Microsoft\.Authorization\/roleDefinitions\/([0-9a-f-]{36})$/i.exec(
      roleDefinitionId
    )
  if (!m) {
    return badParameter(
      r,
      `Invalid role definition ID '${roleDefinitionId}'. Expected 'Microsoft.KeyVault/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionName}'. (Activity ID: ${activityId()})`
    )
  }
  const guid = m[1].toLowerCase()
  if (!BUILT_IN_ROLES.some(b => b.name === guid) && !data.customRoles[guid])
    return badParameter(
      r,
      `The role definition '${roleDefinitionId}' does not exist. (Activity ID: ${activityId()})`
    )
  if (!GUID.test(principalId))
    return badParameter(r, `The principal id '${principalId}' is not a valid object id (GUID).`)

  const existing = findAssignment(data, name)
  const sameAs = (a: RoleAssignmentRecord): boolean =>
    a.principalId.toLowerCase() === principalId.toLowerCase() &&
    a.roleDefinitionId.split('/').pop()?.toLowerCase() === guid &&
    a.scope.toLowerCase() === p.scope.toLowerCase()
  if (existing) {
    // Unverified: an identical re-PUT of the same name answers 201 with the assignment (as ARM RBAC does).
    if (sameAs(existing)) return reply(r, 201, assignmentJson(existing))
    return fail(
      r,
      409,
      'RoleAssignmentUpdateNotPermitted',
      `Role assignment '${existing.name}' already exists with a different principal, role or scope; it cannot be updated. (Activity ID: ${activityId()})`
    )
  }
  const twin = Object.values(data.roleAssignments).find(sameAs)
  if (twin) {
    return fail(
      r,
      400,
      'MatchingRoleAssignmentExists',
      `Role assignment '${twin.name}' already adds role '${twin.roleDefinitionId}' to principal '${twin.principalId}' in scope '${twin.scope}'. (Activity ID: ${activityId()})`
    )
  }
  const now = Date.now()
  const record: RoleAssignmentRecord = {
    name,
    scope: p.scope,
    principalId,
    roleDefinitionId: `${ROLE_PREFIX}${guid}`,
    createdAt: now,
    effectiveAt: now + Math.max(0, r.ctx.settings.rbacPropagationSeconds) * 1000
  }
  data.roleAssignments[name] = record
  mhsmStore(r.ctx).save()
  reply(r, 201, assignmentJson(record))
}

export function handleAssignments(r: AreaRequest, p: RbacPath, data: HsmData): void {
  const method = r.ex.method
  if (p.name === undefined) {
    if (method !== 'GET') return fail(r, 405, 'MethodNotAllowed', `The method '${method}' is not allowed.`)
    if (!authorize(r, ACTIONS.assignRead, p.scope)) return
    const filter = assignmentFilter(r.ex.url.searchParams.get('$filter'), p.scope)
    if (typeof filter === 'string') return badParameter(r, filter)
    const value = Object.values(data.roleAssignments)
      .filter(filter)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(assignmentJson)
    return reply(r, 200, { value })
  }
  if (method === 'PUT') return createAssignment(r, p, data, p.name)
  if (method === 'GET') {
    if (!authorize(r, ACTIONS.assignRead, p.scope)) return
    const a = findAssignment(data, p.name)
    if (!a || a.scope.toLowerCase() !== p.scope.toLowerCase()) return notFoundAssignment(r, p.name)
    return reply(r, 200, assignmentJson(a))
  }
  if (method === 'DELETE') {
    if (!authorize(r, ACTIONS.assignDelete, p.scope)) return
    const a = findAssignment(data, p.name)
    if (!a || a.scope.toLowerCase() !== p.scope.toLowerCase()) return notFoundAssignment(r, p.name)
    delete data.roleAssignments[a.name]
    mhsmStore(r.ctx).save()
    return reply(r, 200, assignmentJson(a))
  }
  fail(r, 405, 'MethodNotAllowed', `The method '${method}' is not allowed.`)
}
