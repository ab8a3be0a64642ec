/**
 * Managed HSM local RBAC (protocol notes §4): built-in role definitions, custom roles, role
 * assignments at `/`, `/keys` and `/keys/{name}`, and the authorisation check every data-plane
 * operation goes through.
 *
 * Built-in definitions: the whole permission sets (actions, notActions, dataActions, notDataActions),
 * names, GUIDs and order as the newest public recording of a live list shows them: Azure/azure-sdk-for-js
 * sdk/keyvault/keyvault-admin/recordings/node/keyvaultaccesscontrolclient_tracing/
 * recording_traces_through_the_various_operations.js (March 2022, service build 1.0.20220314). The
 * "Managed HSM Restore User" role, absent from it, comes from the built-in-roles page (2024).
 */
import type { RoleAssignmentRecord } from './store.js'
import { mhsmStore, type CustomRoleRecord, type HsmData } from './store.js'
import { activityId, badParameter, collapse, fail, GUID, jsonBody, normaliseScope, reply } from './common.js'
import type { AreaRequest, DataPlaneArea } from './index.js'
import { isRecord } from '../../http.js'

const P = 'Microsoft.KeyVault/managedHsm/'
const ROLE_PREFIX = 'Microsoft.KeyVault/providers/Microsoft.Authorization/roleDefinitions/'

const ROLE_MANAGE = [
  `${P}roleAssignments/delete/action`,
  `${P}roleAssignments/read/action`,
  `${P}roleAssignments/write/action`,
  `${P}roleDefinitions/read/action`,
  `${P}roleDefinitions/write/action`,
  `${P}roleDefinitions/delete/action`
]

interface BuiltIn {
  name: string
  roleName: string
  /** Control-plane actions: only Managed HSM ARM User has any (they grant nothing on the data plane). */
  actions?: string[]
  dataActions: string[]
}

/** In the order the live service lists them (Restore User, absent from that recording, last). */
export const BUILT_IN_ROLES: BuiltIn[] = [
  {
    name: '7b127d3c-77bd-4e3e-bbe0-dbb8971fa7f8',
    roleName: 'Managed HSM Backup User',
    dataActions: [`${P}backup/start/action`, `${P}backup/status/action`, `${P}keys/backup/action`]
  },
  {
    name: '33413926-3206-4cdd-b39a-83574fe37a17',
    roleName: 'Managed HSM Crypto Service Encryption User',
    dataActions: [`${P}keys/read/action`, `${P}keys/wrap/action`, `${P}keys/unwrap/action`]
  },
  {
    name: '21dbd100-6940-42c2-9190-5d6cb909625c',
    roleName: 'Managed HSM Crypto Service Release User',
    dataActions: [`${P}keys/release/action`]
  },
  {
    name: '2c18b078-7c48-4d3a-af88-5a3a1b3f82b3',
    roleName: 'Managed HSM Crypto Auditor',
    dataActions: [
      `${P}roleAssignments/read/action`,
      `${P}roleDefinitions/read/action`,
      `${P}keys/read/action`,
      `${P}keys/deletedKeys/read/action`
    ]
  },
  {
    name: '4bd23610-cdcf-4971-bdee-bdc562cc28e4',
    roleName: 'Managed HSM Policy Administrator',
    dataActions: [
      `${P}roleDefinitions/read/action`,
      `${P}roleDefinitions/write/action`,
      `${P}roleDefinitions/delete/action`,
      `${P}roleAssignments/read/action`,
      `${P}roleAssignments/write/action`,
      `${P}roleAssignments/delete/action`
    ]
  },
  {
    name: '770fd66c-6266-4643-9d4e-b616870898d5',
    roleName: 'Managed HSM ARM User',
    actions: [`${P}keys/createIfNotExists`, `${P}keys/read/action`],
    dataActions: []
  },
  {
    name: '21dbd100-6940-42c2-9190-5d6cb909625b',
    roleName: 'Managed HSM Crypto User',
    dataActions: [
      `${P}roleDefinitions/read/action`,
      `${P}roleAssignments/read/action`,
      `${P}keys/read/action`,
      `${P}keys/write/action`,
      `${P}keys/delete`,
      `${P}keys/create`,
      `${P}keys/rotate/action`,
      `${P}keys/import/action`,
      `${P}keys/release/action`,
      `${P}keys/backup/action`,
      `${P}keys/restore/action`,
      `${P}keys/encrypt/action`,
      `${P}keys/decrypt/action`,
      `${P}keys/wrap/action`,
      `${P}keys/unwrap/action`,
      `${P}keys/sign/action`,
      `${P}keys/verify/action`,
      `${P}keys/derive/action`,
      `${P}rng/action`
    ]
  },
  {
    name: '515eb02d-2335-4d2d-92f2-b1cbdf9c3778',
    roleName: 'Managed HSM Crypto Officer',
    dataActions: [
      ...ROLE_MANAGE,
      `${P}keys/deletedKeys/read/action`,
      `${P}keys/deletedKeys/delete`,
      `${P}keys/deletedKeys/recover/action`,
      `${P}keys/export/action`
    ]
  },
  {
    name: 'a290e904-7015-4bba-90c8-60543313cdb4',
    roleName: 'Managed HSM Administrator',
    dataActions: [
      ...ROLE_MANAGE,
      `${P}securitydomain/download/action`,
      `${P}securitydomain/download/read`,
      `${P}securitydomain/upload/action`,
      `${P}securitydomain/upload/read`,
      `${P}securitydomain/transferkey/read`,
      `${P}backup/start/action`,
      `${P}restore/start/action`,
      `${P}backup/status/action`,
      `${P}restore/status/action`,
      // Not in the 2022 recording; issue 17 read them in a 2025 recording of the same list (azure-cli
      // keyvault recordings). Not re-found here: listed as unverified in the README.
      `${P}settings/read/action`,
      `${P}settings/write/action`
    ]
  },
  {
    name: '6efe6056-5259-49d2-8b3d-d3d73544b20b',
    roleName: 'Managed HSM Restore User',
    dataActions: [`${P}restore/start/action`, `${P}restore/status/action`, `${P}keys/restore/action`]
  }
]

/** Data-action names used by the areas. */
export const ACTIONS = {
  sdDownload: `${P}securitydomain/download/action`,
  sdDownloadRead: `${P}securitydomain/download/read`,
  sdUpload: `${P}securitydomain/upload/action`,
  sdUploadRead: `${P}securitydomain/upload/read`,
  sdTransferKey: `${P}securitydomain/transferkey/read`,
  keysRead: `${P}keys/read/action`,
  keysWrite: `${P}keys/write/action`,
  keysCreate: `${P}keys/create`,
  keysImport: `${P}keys/import/action`,
  keysDelete: `${P}keys/delete`,
  keysBackup: `${P}keys/backup/action`,
  keysRestore: `${P}keys/restore/action`,
  keysRelease: `${P}keys/release/action`,
  keysRotate: `${P}keys/rotate/action`,
  deletedRead: `${P}keys/deletedKeys/read/action`,
  deletedRecover: `${P}keys/deletedKeys/recover/action`,
  deletedPurge: `${P}keys/deletedKeys/delete`,
  roleDefRead: `${P}roleDefinitions/read/action`,
  roleDefWrite: `${P}roleDefinitions/write/action`,
  roleDefDelete: `${P}roleDefinitions/delete/action`,
  assignRead: `${P}roleAssignments/read/action`,
  assignWrite: `${P}roleAssignments/write/action`,
  assignDelete: `${P}roleAssignments/delete/action`
} as const

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
function covers(assigned: string, requested: string): boolean {
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

const VALID_SCOPE = /^\/(keys(\/[0-9a-zA-Z-]{1,127})?)?$/

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

function definitionFilter(raw: string | null): ((d: Record<string, unknown>) => boolean) | string {
  if (!raw || !raw.trim()) return () => true
  const m = /^\s*(roleName|type)\s+eq\s+'([^']*)'\s*$/i.exec(raw)
  if (!m) return `The $filter '${raw}' is not supported. Supported: roleName eq '{name}', type eq '{type}'.`
  const field = m[1].toLowerCase() === 'rolename' ? 'roleName' : 'type'
  const want = m[2].toLowerCase()
  return d => String((d.properties as Record<string, unknown>)[field] ?? '').toLowerCase() === want
}

interface RbacPath {
  scope: string
  kind: 'roledefinitions' | 'roleassignments'
  name?: string
}

function parsePath(pathname: string): RbacPath | undefined {
  const path = collapse(pathname)
  const m =
    /^(.*?)\/providers\/microsoft\.authorization\/(roledefinitions|roleassignments)(?:\/([^/]+))?\/?$/i.exec(
      path
    )
  if (!m) return undefined
  return {
    scope: normaliseScope(m[1] || '/'),
    kind: m[2].toLowerCase() as RbacPath['kind'],
    name: m[3] ? decodeURIComponent(m[3]) : undefined
  }
}

function handleDefinitions(r: AreaRequest, p: RbacPath, data: HsmData): void {
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

function handleAssignments(r: AreaRequest, p: RbacPath, data: HsmData): void {
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

export const rbacArea: DataPlaneArea = {
  name: 'rbac',
  matches: path => /\/providers\/microsoft\.authorization\//i.test(collapse(path) + '/'),
  allowedBeforeActivation: false,
  handle(r) {
    const p = parsePath(r.ex.url.pathname)
    if (!p) return fail(r, 404, 'NotFound', `The requested path '${r.ex.url.pathname}' was not found.`)
    if (!VALID_SCOPE.test(p.scope))
      return badParameter(
        r,
        `The scope '${p.scope}' is not valid. Valid scopes are '/', '/keys' and '/keys/{keyName}'.`
      )
    const data = mhsmStore(r.ctx).hsm(r.hsm)
    if (p.kind === 'roledefinitions') return handleDefinitions(r, p, data)
    return handleAssignments(r, p, data)
  }
}
