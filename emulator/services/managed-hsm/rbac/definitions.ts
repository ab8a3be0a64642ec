/**
 * Role definitions at /providers/Microsoft.Authorization/roleDefinitions: the built-in ones (read only)
 * and custom roles (create at '/', read, delete), with the roleName/type $filter.
 */
import { isRecord } from '../../../core/http.js'
import { activityId, badParameter, fail, GUID, jsonBody, reply } from '../common.js'
import type { AreaRequest } from '../area.js'
import { mhsmStore, type CustomRoleRecord, type HsmData } from '../store.js'
import { authorize } from './authorize.js'
import type { RbacPath } from './path.js'
import { ACTIONS, BUILT_IN_ROLES, ROLE_PREFIX, type BuiltIn } from './roles.js'

function builtInJson(b: BuiltIn): Record<string, unknown> {
  return {
    id: `${ROLE_PREFIX}${b.name}`,
    name: b.name,
    properties: {
      assignableScopes: ['/'],
      description: '',
      permissions: [
        { actions: b.actions ?? [], dataActions: b.dataActions, notActions: [], notDataActions: [] }
      ],
      roleName: b.roleName,
      type: 'AKVBuiltInRole'
    },
    type: 'Microsoft.Authorization/roleDefinitions'
  }
}

function customJson(c: CustomRoleRecord): Record<string, unknown> {
  return {
    id: `${ROLE_PREFIX}${c.name}`,
    name: c.name,
    properties: {
      assignableScopes: c.assignableScopes,
      description: c.description,
      permissions: c.permissions,
      roleName: c.roleName,
      type: 'CustomRole'
    },
    type: 'Microsoft.Authorization/roleDefinitions'
  }
}

function allDefinitions(data: HsmData): Record<string, unknown>[] {
  return [...BUILT_IN_ROLES.map(builtInJson), ...Object.values(data.customRoles).map(customJson)]
}

function definitionFilter(raw: string | null): ((d: Record<string, unknown>) => boolean) | string {
  if (!raw || !raw.trim()) return () => true
  const m = /^\s*(roleName|type)\s+eq\s+'([^']*)'\s*$/i.exec(raw)
  if (!m) return `The $filter '${raw}' is not supported. Supported: roleName eq '{name}', type eq '{type}'.`
  const field = m[1].toLowerCase() === 'rolename' ? 'roleName' : 'type'
  const want = m[2].toLowerCase()
  return d => String((d.properties as Record<string, unknown>)[field] ?? '').toLowerCase() === want
}

export function handleDefinitions(r: AreaRequest, p: RbacPath, data: HsmData): void {
  const method = r.ex.method
  if (p.name === undefined) {
    if (method !== 'GET') return fail(r, 405, 'MethodNotAllowed', `The method '${method}' is not allowed.`)
    if (!authorize(r, ACTIONS.roleDefRead, p.scope)) return
    const filter = definitionFilter(r.ex.url.searchParams.get('$filter'))
    if (typeof filter === 'string') return badParameter(r, filter)
    return reply(r, 200, { value: allDefinitions(data).filter(filter) })
  }
  const name = p.name.toLowerCase()
  const builtIn = BUILT_IN_ROLES.find(b => b.name === name)
  if (method === 'GET') {
    if (!authorize(r, ACTIONS.roleDefRead, p.scope)) return
    if (builtIn) return reply(r, 200, builtInJson(builtIn))
    const custom = data.customRoles[name]
    if (custom) return reply(r, 200, customJson(custom))
    return fail(
      r,
      404,
      'RoleDefinitionNotFound',
      `The role definition '${p.name}' could not be found. (Activity ID: ${activityId()})`
    )
  }
  if (method === 'PUT') {
    if (!authorize(r, ACTIONS.roleDefWrite, p.scope)) return
    if (builtIn) {
      return badParameter(
        r,
        `Cannot re-use the name/GUID matching that of a built-in role. Please use a unique role ID. (Activity ID: ${activityId()})`
      )
    }
    if (!GUID.test(name)) return badParameter(r, `The role definition name '${p.name}' must be a GUID.`)
    if (p.scope !== '/') return badParameter(r, `Custom role definitions can only be created at scope '/'.`)
    const body = jsonBody(r)
    if (!body) return
    const props = isRecord(body.properties) ? body.properties : undefined
    if (!props || typeof props.roleName !== 'string' || !props.roleName.trim())
      return badParameter(r, 'The role definition needs properties.roleName.')
    if (!Array.isArray(props.permissions) || !props.permissions.every(isRecord))
      return badParameter(r, 'The role definition needs properties.permissions (an array).')
    const permissions = (props.permissions as Record<string, unknown>[]).map(perm => {
      const list = (k: string): string[] =>
        Array.isArray(perm[k]) ? (perm[k] as unknown[]).filter((x): x is string => typeof x === 'string') : []
      return {
        actions: list('actions'),
        notActions: list('notActions'),
        dataActions: list('dataActions'),
        notDataActions: list('notDataActions')
      }
    })
    data.customRoles[name] = {
      name,
      roleName: props.roleName,
      description: typeof props.description === 'string' ? props.description : '',
      permissions,
      assignableScopes: ['/']
    }
    mhsmStore(r.ctx).save()
    return reply(r, 201, customJson(data.customRoles[name]))
  }
  if (method === 'DELETE') {
    if (!authorize(r, ACTIONS.roleDefDelete, p.scope)) return
    if (builtIn)
      return badParameter(r, `Built-in role definitions cannot be deleted. (Activity ID: ${activityId()})`)
    const custom = data.customRoles[name]
    if (!custom)
      return fail(
        r,
        404,
        'RoleDefinitionNotFound',
        `The role definition '${p.name}' could not be found. (Activity ID: ${activityId()})`
      )
    delete data.customRoles[name]
    mhsmStore(r.ctx).save()
    return reply(r, 200, customJson(custom))
  }
  fail(r, 405, 'MethodNotAllowed', `The method '${method}' is not allowed.`)
}
