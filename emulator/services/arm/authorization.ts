/**
 * Azure RBAC for ARM (management.azure.com) and for the escrow stores' data planes: role definitions
 * (the built-ins the setup guide uses, plus custom roles), role assignments at a subscription, resource
 * group or resource scope, the action each ARM request needs, and ARM's 403 `AuthorizationFailed`.
 *
 * Off by default (setting `enforceRbac: false`): every authenticated caller may do everything on ARM and
 * the stores' access lists alone decide data access, as before. With `enforceRbac: true` only role
 * assignments count on ARM, and the stores accept a role assignment's data actions besides their lists.
 * The default app's principal holds Owner at the subscription (seeded, listed like any assignment), so it
 * can play the administrator who runs the setup.
 */
import type { EmulatorContext } from '../../core/context.js'
import { isRecord, parseJsonBody } from '../../core/http.js'
import { DEFAULT_IDS } from '../../core/state.js'
import { fail, reply, type ArmRequest } from './common.js'

declare module '../../core/state.js' {
  interface StateData {
    /** Azure RBAC role assignments on ARM scopes, keyed by lower-case GUID; seeded on first use. */
    armRoleAssignments?: Record<string, ArmRoleAssignment>
    /** Custom Azure RBAC role definitions, keyed by lower-case GUID. */
    armRoleDefinitions?: Record<string, ArmRoleDefinition>
  }
}

export interface RolePermissions {
  actions: string[]
  notActions: string[]
  dataActions: string[]
  notDataActions: string[]
}

export interface ArmRoleDefinition {
  /** GUID */
  name: string
  roleName: string
  roleType: 'BuiltInRole' | 'CustomRole'
  description: string
  assignableScopes: string[]
  permissions: RolePermissions[]
}

export interface ArmRoleAssignment {
  /** GUID */
  name: string
  scope: string
  roleDefinitionId: string
  principalId: string
  principalType: string
  createdOn: string
  createdBy: string
}

const perms = (
  actions: string[],
  dataActions: string[] = [],
  notActions: string[] = []
): RolePermissions[] => [{ actions, notActions, dataActions, notDataActions: [] }]

const builtIn = (
  name: string,
  roleName: string,
  description: string,
  p: RolePermissions[]
): ArmRoleDefinition => ({
  name,
  roleName,
  roleType: 'BuiltInRole',
  description,
  assignableScopes: ['/'],
  permissions: p
})

/**
 * The built-in roles the setup guide and tests use, with their GUIDs and permission sets as Microsoft's
 * built-in roles reference lists them (Contributor's notActions shortened to the Authorization ones
 * that matter here).
 */
export const BUILT_IN_ROLES: ArmRoleDefinition[] = [
  builtIn(
    '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    'Owner',
    'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    perms(['*'])
  ),
  builtIn(
    'b24988ac-6180-42a0-ab88-20f7382dd24c',
    'Contributor',
    'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
    perms(
      ['*'],
      [],
      [
        'Microsoft.Authorization/*/Delete',
        'Microsoft.Authorization/*/Write',
        'Microsoft.Authorization/elevateAccess/Action',
        'Microsoft.Blueprint/blueprintAssignments/write',
        'Microsoft.Blueprint/blueprintAssignments/delete',
        'Microsoft.Compute/galleries/share/action'
      ]
    )
  ),
  builtIn(
    'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    'Reader',
    'View all resources, but does not allow you to make any changes.',
    perms(['*/read'])
  ),
  builtIn(
    '18500a29-7fe2-46b2-a342-b16a415e101d',
    'Managed HSM contributor',
    'Lets you manage managed HSM pools, but not access to them.',
    perms([
      'Microsoft.KeyVault/managedHSMs/*',
      'Microsoft.KeyVault/deletedManagedHsms/read',
      'Microsoft.KeyVault/locations/deletedManagedHsms/read',
      'Microsoft.KeyVault/locations/deletedManagedHsms/purge/action',
      'Microsoft.KeyVault/locations/managedHsmOperationResults/read'
    ])
  ),
  builtIn(
    '4a9ae827-6dc8-4573-8ac7-8239d42aa03f',
    'Tag Contributor',
    'Lets you manage tags on entities, without providing access to the entities themselves.',
    perms([
      'Microsoft.Authorization/*/read',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Resources/subscriptions/resourceGroups/resources/read',
      'Microsoft.Resources/subscriptions/resources/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.Support/*',
      'Microsoft.Resources/tags/*'
    ])
  ),
  builtIn(
    'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
    'Key Vault Secrets Officer',
    "Perform any action on the secrets of a key vault, except manage permissions. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    perms(
      [
        'Microsoft.Authorization/*/read',
        'Microsoft.Insights/alertRules/*',
        'Microsoft.Resources/deployments/*',
        'Microsoft.Resources/subscriptions/resourceGroups/read',
        'Microsoft.Support/*',
        'Microsoft.KeyVault/checkNameAvailability/read',
        'Microsoft.KeyVault/deletedVaults/read',
        'Microsoft.KeyVault/locations/*/read',
        'Microsoft.KeyVault/vaults/*/read',
        'Microsoft.KeyVault/operations/read'
      ],
      ['Microsoft.KeyVault/vaults/secrets/*']
    )
  ),
  builtIn(
    '4633458b-17de-408a-b874-0445c86b69e6',
    'Key Vault Secrets User',
    "Read secret contents. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    perms(
      [],
      [
        'Microsoft.KeyVault/vaults/secrets/getSecret/action',
        'Microsoft.KeyVault/vaults/secrets/readMetadata/action'
      ]
    )
  ),
  builtIn(
    'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
    'Storage Blob Data Contributor',
    'Allows for read, write and delete access to Azure Storage blob containers and data',
    perms(
      [
        'Microsoft.Storage/storageAccounts/blobServices/containers/delete',
        'Microsoft.Storage/storageAccounts/blobServices/containers/read',
        'Microsoft.Storage/storageAccounts/blobServices/containers/write',
        'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action'
      ],
      [
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action'
      ]
    )
  ),
  builtIn(
    '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
    'Storage Blob Data Reader',
    'Allows for read access to Azure Storage blob containers and data',
    perms(
      [
        'Microsoft.Storage/storageAccounts/blobServices/containers/read',
        'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action'
      ],
      ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read']
    )
  )
]

/** The seeded assignment: the default app's principal is Owner of the subscription. */
export const SEEDED_OWNER: ArmRoleAssignment = {
  name: '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b',
  scope: `/subscriptions/${DEFAULT_IDS.subscriptionId}`,
  roleDefinitionId: `/subscriptions/${DEFAULT_IDS.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`,
  principalId: DEFAULT_IDS.principalId,
  principalType: 'ServicePrincipal',
  createdOn: '2026-01-01T00:00:00.0000000Z',
  createdBy: DEFAULT_IDS.principalId
}

function assignments(ctx: EmulatorContext): Record<string, ArmRoleAssignment> {
  ctx.state.data.armRoleAssignments ??= { [SEEDED_OWNER.name]: SEEDED_OWNER }
  return ctx.state.data.armRoleAssignments
}

function customRoles(ctx: EmulatorContext): Record<string, ArmRoleDefinition> {
  ctx.state.data.armRoleDefinitions ??= {}
  return ctx.state.data.armRoleDefinitions
}

const guidOf = (roleDefinitionId: string): string => roleDefinitionId.split('/').pop()?.toLowerCase() ?? ''

function roleById(ctx: EmulatorContext, roleDefinitionId: string): ArmRoleDefinition | undefined {
  const guid = guidOf(roleDefinitionId)
  return BUILT_IN_ROLES.find(r => r.name === guid) ?? customRoles(ctx)[guid]
}

/** `*` matches any run of characters, case-insensitively (ARM's action wildcards). */
function matches(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map(p => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
    'i'
  )
  return re.test(action)
}

/** `outer` is `inner` or one of its ancestors (path segments, case-insensitive). */
function covers(outer: string, inner: string): boolean {
  const o = outer.toLowerCase().replace(/\/+$/, '')
  const i = inner.toLowerCase().replace(/\/+$/, '')
  return o === '' || i === o || i.startsWith(`${o}/`)
}

/** Whether any of the principal's assignments at or above `scope` grants the action (or data action). */
export function granted(
  ctx: EmulatorContext,
  oid: string,
  action: string,
  scope: string,
  data = false
): boolean {
  const id = oid.toLowerCase()
  return Object.values(assignments(ctx)).some(a => {
    if (a.principalId.toLowerCase() !== id || !covers(a.scope, scope)) return false
    const role = roleById(ctx, a.roleDefinitionId)
    return (role?.permissions ?? []).some(p => {
      const allow = data ? p.dataActions : p.actions
      const deny = data ? p.notDataActions : p.notActions
      return allow.some(x => matches(x, action)) && !deny.some(x => matches(x, action))
    })
  })
}

export const enforcing = (ctx: EmulatorContext): boolean => ctx.settings.enforceRbac === true

/** Data access on a store: with enforcement on, a role assignment's data action also grants it. */
export function dataGranted(ctx: EmulatorContext, oid: string, dataAction: string, scope: string): boolean {
  return enforcing(ctx) && granted(ctx, oid, dataAction, scope, true)
}

/** Resource-type names as Microsoft's operations list spells them (ARM paths are case-insensitive). */
const SPELLING: Record<string, string> = Object.fromEntries(
  [
    'Microsoft.KeyVault',
    'Microsoft.Storage',
    'Microsoft.Compute',
    'Microsoft.Attestation',
    'Microsoft.Authorization',
    'Microsoft.Resources',
    'Microsoft.Insights',
    'diagnosticSettings',
    'immutabilityPolicies',
    'managedHSMs',
    'deletedManagedHsms',
    'managedHsmOperationResults',
    'checkMhsmNameAvailability',
    'locations',
    'defaultProvider',
    'diskEncryptionSets',
    'diskOperations',
    'disks',
    'vaults',
    'storageAccounts',
    'blobServices',
    'containers',
    'roleAssignments',
    'roleDefinitions',
    'resourceGroups',
    'tags',
    'purge'
  ].map(s => [s.toLowerCase(), s])
)
const spell = (s: string): string => SPELLING[s.toLowerCase()] ?? s

export interface RequiredPermission {
  action: string
  scope: string
}

/**
 * The action an ARM request needs and the scope it is checked at: the resource's path (a list or a POST
 * action is checked at the path before its last segment). GET is read, PUT/PATCH write, DELETE
 * delete, POST `{name}/action`. Undefined for what every signed-in caller may read (subscriptions,
 * tenants).
 */
export function requiredPermission(method: string, segs: string[]): RequiredPermission | undefined {
  if (segs[0]?.toLowerCase() !== 'subscriptions' || segs.length < 3) return undefined
  const verb = method === 'GET' || method === 'HEAD' ? 'read' : method === 'DELETE' ? 'delete' : 'write'
  const path = (end: number): string => `/${segs.slice(0, end).join('/')}`
  let pos = 2
  if (segs[2].toLowerCase() === 'resourcegroups') {
    if (segs.length <= 4)
      return {
        action: `Microsoft.Resources/subscriptions/resourceGroups/${verb}`,
        scope: path(segs.length === 4 ? 4 : 2)
      }
    pos = 4
  }
  let namespace = 'Microsoft.Resources/subscriptions'
  let types: string[] = []
  while (pos < segs.length) {
    if (segs[pos].toLowerCase() === 'providers' && pos + 1 < segs.length) {
      namespace = spell(segs[pos + 1])
      types = []
      pos += 2
      continue
    }
    const type = spell(segs[pos])
    if (pos + 1 >= segs.length) {
      // An unpaired last segment: a list (GET), or an action (POST) on what precedes it. Its scope is the
      // path before it, `/providers/{namespace}` included, as ARM names it for lists of extension resources
      // ("… over scope '…/flexibleServers/x/providers/Microsoft.Authorization'").
      if (method === 'POST')
        return { action: `${[namespace, ...types, type].join('/')}/action`, scope: path(pos) }
      types.push(type)
      return { action: `${[namespace, ...types].join('/')}/${verb}`, scope: path(pos) }
    }
    types.push(type)
    pos += 2
  }
  return { action: `${[namespace, ...types].join('/')}/${verb}`, scope: path(segs.length) }
}

/** ARM's refusal, word for word. */
export function authorizationFailed(r: ArmRequest, need: RequiredPermission): void {
  const oid = r.caller.oid
  fail(
    r,
    403,
    'AuthorizationFailed',
    `The client '${oid}' with object id '${oid}' does not have authorization to perform action '${need.action}' ` +
      `over scope '${need.scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`
  )
}

/** True when the request may go on; answers 403 otherwise. */
export function authorizeArm(r: ArmRequest): boolean {
  if (!enforcing(r.ctx)) return true
  const need = requiredPermission(r.ex.method, r.segs)
  if (!need || granted(r.ctx, r.caller.oid, need.action, need.scope)) return true
  authorizationFailed(r, need)
  return false
}

// ---- Microsoft.Authorization: role assignments and role definitions (api-version 2022-04-01) ----

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function assignmentJson(a: ArmRoleAssignment): Record<string, unknown> {
  return {
    properties: {
      roleDefinitionId: a.roleDefinitionId,
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      condition: null,
      conditionVersion: null,
      createdOn: a.createdOn,
      updatedOn: a.createdOn,
      createdBy: a.createdBy,
      updatedBy: a.createdBy,
      delegatedManagedIdentityResourceId: null,
      description: null
    },
    id: `${a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
    type: 'Microsoft.Authorization/roleAssignments',
    name: a.name
  }
}

function definitionJson(d: ArmRoleDefinition, sub: string): Record<string, unknown> {
  return {
    properties: {
      roleName: d.roleName,
      type: d.roleType,
      description: d.description,
      assignableScopes: d.assignableScopes,
      permissions: d.permissions
    },
    id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${d.name}`,
    type: 'Microsoft.Authorization/roleDefinitions',
    name: d.name
  }
}

/**
 * `{scope}/providers/Microsoft.Authorization/roleAssignments[/{guid}]` and `.../roleDefinitions[/{guid}]`.
 * Returns false when the path is not one of them.
 */
export function handleAuthorization(r: ArmRequest): boolean {
  const at = r.lower.findIndex((s, k) => s === 'providers' && r.lower[k + 1] === 'microsoft.authorization')
  if (at < 0) return false
  const kind = r.lower[at + 2]
  const name = r.segs[at + 3]
  if (r.lower.length > at + 4 || (kind !== 'roleassignments' && kind !== 'roledefinitions')) return false
  const scope = `/${r.segs.slice(0, at).join('/')}`
  if (kind === 'roleassignments') roleAssignments(r, scope, name)
  else roleDefinitions(r, scope, name)
  return true
}

function roleAssignments(r: ArmRequest, scope: string, name: string | undefined): void {
  const all = assignments(r.ctx)
  if (name === undefined) {
    if (r.ex.method !== 'GET')
      return fail(r, 405, 'MethodNotAllowed', `The HTTP method '${r.ex.method}' is not supported.`)
    const filter = r.ex.url.searchParams.get('$filter') ?? ''
    const principal = /principalId\s+eq\s+'([^']+)'/i.exec(filter)?.[1]?.toLowerCase()
    const atScope = /atScope\(\)/i.test(filter)
    const value = Object.values(all)
      .filter(a => covers(a.scope, scope) || (!atScope && covers(scope, a.scope)))
      .filter(a => !principal || a.principalId.toLowerCase() === principal)
      .map(assignmentJson)
    return reply(r, 200, { value })
  }
  const key = name.toLowerCase()
  const existing = all[key]
  if (r.ex.method === 'GET') {
    if (!existing || existing.scope.toLowerCase() !== scope.toLowerCase())
      return fail(r, 404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`)
    return reply(r, 200, assignmentJson(existing))
  }
  if (r.ex.method === 'DELETE') {
    if (!existing) return reply(r, 204)
    delete all[key]
    r.ctx.state.save()
    return reply(r, 200, assignmentJson(existing))
  }
  if (r.ex.method !== 'PUT')
    return fail(r, 405, 'MethodNotAllowed', `The HTTP method '${r.ex.method}' is not supported.`)
  if (!GUID.test(name))
    return fail(
      r,
      400,
      'InvalidRoleAssignmentId',
      `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`
    )
  const body = parseJsonBody(r.ex.body)
  const props = isRecord(body) && isRecord(body.properties) ? body.properties : undefined
  const roleDefinitionId = typeof props?.roleDefinitionId === 'string' ? props.roleDefinitionId : ''
  const principalId = typeof props?.principalId === 'string' ? props.principalId.toLowerCase() : ''
  if (!props || !roleDefinitionId || !GUID.test(principalId))
    return fail(
      r,
      400,
      'InvalidRequestContent',
      'The request content was invalid and could not be deserialized.'
    )
  if (!roleById(r.ctx, roleDefinitionId))
    return fail(
      r,
      400,
      'RoleDefinitionDoesNotExist',
      `The specified role definition with ID '${guidOf(roleDefinitionId)}' does not exist.`
    )
  const same = Object.values(all).find(
    a =>
      a.principalId === principalId &&
      guidOf(a.roleDefinitionId) === guidOf(roleDefinitionId) &&
      a.scope.toLowerCase() === scope.toLowerCase()
  )
  if (same) return fail(r, 409, 'RoleAssignmentExists', 'The role assignment already exists.')
  const assignment: ArmRoleAssignment = {
    name: key,
    scope,
    roleDefinitionId,
    principalId,
    principalType: typeof props.principalType === 'string' ? props.principalType : 'User',
    createdOn: new Date().toISOString(),
    createdBy: r.caller.oid
  }
  all[key] = assignment
  r.ctx.state.save()
  reply(r, 201, assignmentJson(assignment))
}

function roleDefinitions(r: ArmRequest, scope: string, name: string | undefined): void {
  const sub = DEFAULT_IDS.subscriptionId
  const custom = customRoles(r.ctx)
  const every = (): ArmRoleDefinition[] => [...BUILT_IN_ROLES, ...Object.values(custom)]
  if (name === undefined) {
    if (r.ex.method !== 'GET')
      return fail(r, 405, 'MethodNotAllowed', `The HTTP method '${r.ex.method}' is not supported.`)
    const filter = r.ex.url.searchParams.get('$filter') ?? ''
    const roleName = /roleName\s+eq\s+'([^']+)'/i.exec(filter)?.[1]
    const value = every()
      .filter(d => !roleName || d.roleName.toLowerCase() === roleName.toLowerCase())
      .map(d => definitionJson(d, sub))
    return reply(r, 200, { value })
  }
  const key = name.toLowerCase()
  if (r.ex.method === 'GET') {
    const d = every().find(x => x.name === key)
    return d
      ? reply(r, 200, definitionJson(d, sub))
      : fail(
          r,
          404,
          'RoleDefinitionDoesNotExist',
          `The specified role definition with ID '${name}' does not exist.`
        )
  }
  if (r.ex.method !== 'PUT')
    return fail(r, 405, 'MethodNotAllowed', `The HTTP method '${r.ex.method}' is not supported.`)
  if (BUILT_IN_ROLES.some(b => b.name === key))
    return fail(
      r,
      400,
      'RoleDefinitionWithSameNameExists',
      'A role definition cannot be updated with a name that already exists.'
    )
  const body = parseJsonBody(r.ex.body)
  const props = isRecord(body) && isRecord(body.properties) ? body.properties : undefined
  const list = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  const p =
    props && Array.isArray(props.permissions) && isRecord(props.permissions[0])
      ? props.permissions[0]
      : undefined
  if (!GUID.test(name) || !props || typeof props.roleName !== 'string' || !p)
    return fail(
      r,
      400,
      'InvalidRequestContent',
      'The request content was invalid and could not be deserialized.'
    )
  const assignableScopes = list(props.assignableScopes)
  if (!assignableScopes.length || !assignableScopes.every(s => covers(scope, s)))
    return fail(
      r,
      400,
      'InvalidAssignableScopes',
      'The assignable scopes must be at or below the scope of the role definition.'
    )
  const existing = custom[key]
  custom[key] = {
    name: key,
    roleName: props.roleName,
    roleType: 'CustomRole',
    description: typeof props.description === 'string' ? props.description : '',
    assignableScopes,
    permissions: [
      {
        actions: list(p.actions),
        notActions: list(p.notActions),
        dataActions: list(p.dataActions),
        notDataActions: list(p.notDataActions)
      }
    ]
  }
  r.ctx.state.save()
  reply(r, existing ? 200 : 201, definitionJson(custom[key], sub))
}
