/**
 * Who can take the key: every local role assignment at `/`, `/keys` and `/keys/{key}`, whoever holds it,
 * classified by what its role's permissions allow (capabilities.ts), each either intended or not.
 *
 * Intended: an assignment the inputs' role-assignments ask for (role by its id, principal, scope) and the
 * des step's grants; the Crypto Service Encryption User role of the identity of any other Disk Encryption
 * Set that uses the key, and the Orchestrator's Crypto Service Release User role when such a set is for
 * confidential VMs, at any scope that reaches the key; any assignment of the action's own identity, of an
 * initial administrator (as the inputs name them) or of a known-principals entry. Anything else that lets
 * its holder release or change the key, grant roles or take the security domain is critical; an unintended
 * assignment of a principal the inputs manage is drift; any other is a warning.
 */
import type { DiskEncryptionSet } from '../azure/disk-encryption-sets.js'
import { listRoleAssignments, listRoleDefinitions } from '../azure/rbac-api.js'
import { BUILT_IN_ROLES } from '../azure/rbac-roles.js'
import { statusOf } from '../azure/call.js'
import { CVM_ENCRYPTION_TYPE, expectsOrchestrator, SELF } from '../config/index.js'
import { desiredAdministrators, planeOf, selfPrincipalId, type RunContext } from '../run/context.js'
import type { ManagedHsm } from '../azure/managed-hsm-arm.js'
import {
  desClient,
  prefetchOrchestrator,
  readAllDes,
  readDes,
  readOrchestrator,
  usesKey
} from '../run/disk-encryption-sets.js'
import { implicitForKeyStep, normaliseScope, roleId } from '../run/role-assignments.js'
import { assignmentsReachingKey, keyScopes } from '../run/key-roles.js'
import { errorMessage } from '../shared/errors.js'
import { ALL_CAPABILITIES, capabilities, CAPABILITY_WORDS, CRITICAL_CAPABILITIES } from './capabilities.js'
import { hsmActive, type Assessor, type Holder, type PostureItem } from './types.js'

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const BUILT_IN_IDS = new Set(Object.values(BUILT_IN_ROLES))
export const ADMINISTRATOR_ID = BUILT_IN_ROLES['Managed HSM Administrator']

export interface KeyHolders {
  holders: Holder[]
  /** What could not be read, as posture items ("not checked (needs …)"). */
  items: PostureItem[]
  /** Intent that could not be established (a set or the Orchestrator not read): pruning would be blind. */
  incomplete: string[]
}

export const access: Assessor = {
  name: 'access',
  applies: (ctx, hsm) =>
    hsmActive(hsm) && ctx.config.steps.some(s => s === 'rbac' || s === 'key' || s === 'des'),
  prefetch(ctx, hsm) {
    // The same reads keyHolders joins: the role definitions, the three scopes' lists, the subscription's sets,
    // and the Orchestrator's Graph look-up once a confidential set is seen using the key (its token and the
    // look-up would otherwise wait for the assessment, after every step).
    const plane = planeOf(ctx, hsm)
    if (plane) {
      // Not kept in the run's facts: a read the firewall refused before just-in-time access opened it must be
      // read again after (run/runner-access.ts forgets the reads), not handed to every later caller.
      void ctx.reads.prefetch('roleDefinitions', () => listRoleDefinitions(plane))
      for (const scope of keyScopes(ctx.config.key.name))
        void ctx.reads.prefetch(`assignmentsAt:${scope}`, () => listRoleAssignments(plane, scope))
    }
    prefetchSets(ctx, Promise.resolve(hsm))
    // The look-up is expected (the inputs name a set for confidential VMs, or the key's policy serves one):
    // it starts now rather than once the subscription's sets are read.
    if (expectsOrchestrator(ctx.config)) void prefetchOrchestrator(ctx)
  },
  early(ctx, hsm) {
    if (ctx.config.steps.some(s => s === 'rbac' || s === 'key' || s === 'des')) prefetchSets(ctx, hsm)
  },
  async assess(ctx) {
    const { holders, items } = await keyHolders(ctx)
    return { holders, items: [...items, ...holders.filter(h => !h.intendedAs).map(h => holderItem(ctx, h))] }
  }
}

/** The subscription's sets, then the Orchestrator's look-up once a confidential one is seen using the key. */
function prefetchSets(ctx: RunContext, hsm: Promise<ManagedHsm | undefined>): void {
  const { config } = ctx
  void Promise.all([ctx.reads.prefetch('des:*', () => desClient(ctx).listInSubscription()), hsm])
    .then(([all, h]) => {
      const uri = h?.properties?.hsmUri ?? ''
      const cvm = (all ?? []).some(
        s =>
          s.properties?.encryptionType === CVM_ENCRYPTION_TYPE &&
          usesKey(s, uri, config.hsmName, config.key.name)
      )
      if (cvm && !config.des?.orchestratorObjectId) void prefetchOrchestrator(ctx)
    })
    .catch(() => undefined)
}

/** Every assignment that reaches the key, classified; shared by the posture and the rbac step's prune. */
export async function keyHolders(ctx: RunContext): Promise<KeyHolders> {
  const [{ definitions, assignments: reaching }, intent] = await Promise.all([
    assignmentsReachingKey(ctx),
    readIntent(ctx)
  ])
  const holders = reaching.map((a): Holder => {
    const id = a.properties.roleDefinitionId.split('/').pop()?.toLowerCase() ?? ''
    const def = definitions.find(d => d.name.toLowerCase() === id)
    // A role the HSM does not list cannot be read: it counts as everything (fail closed).
    const allows = def ? capabilities(def.properties.permissions) : [...ALL_CAPABILITIES]
    const principalId = a.properties.principalId.toLowerCase()
    const scope = normaliseScope(a.properties.scope)
    const holder: Holder = {
      principalId,
      roleName: def?.properties.roleName ?? id,
      roleId: id,
      custom: !BUILT_IN_IDS.has(id),
      scope,
      assignmentName: a.name,
      allows,
      intendedAs: intent.why(principalId, id, scope)
    }
    if (!holder.intendedAs)
      holder.severity = allows.some(c => CRITICAL_CAPABILITIES.has(c))
        ? 'critical'
        : intent.managed.has(principalId)
          ? 'drift'
          : 'warning'
    return holder
  })
  return { holders, items: intent.items, incomplete: intent.incomplete }
}

interface Intent {
  why(principalId: string, roleId: string, scope: string): string | undefined
  /** Principals whose grants the inputs manage (role-assignments, the des step's set and Orchestrator). */
  managed: Set<string>
  items: PostureItem[]
  incomplete: string[]
}

const ENCRYPTION_USER_ID = BUILT_IN_ROLES['Managed HSM Crypto Service Encryption User']
const RELEASE_USER_ID = BUILT_IN_ROLES['Managed HSM Crypto Service Release User']

interface Grant {
  roleId: string
  principalId: string
  /** The exact scope, or undefined: any scope that reaches the key. */
  scope?: string
  why: string
}

/**
 * Who is meant to hold roles on the key. Exact grants: role-assignments (and the action's Crypto User when the
 * key step runs), the des step's set identity and Orchestrator. The role a set that uses the key needs, at any
 * scope that reaches it, for the identities of other sets and the Orchestrator. Any role for the action's
 * identity, the administrators and known-principals.
 */
async function readIntent(ctx: RunContext): Promise<Intent> {
  const { config } = ctx
  const items: PostureItem[] = []
  const incomplete: string[] = []
  const keyScope = `/keys/${config.key.name}`.toLowerCase()
  const [self, signedIn, admins, sets] = await Promise.all([
    selfPrincipalId(ctx).then(p => p.toLowerCase()),
    ctx.signIn.principalId().then(p => p.toLowerCase()),
    desiredAdministrators(ctx),
    setsUsingKey(ctx, items, incomplete)
  ])
  const byPrincipal = new Map<string, string>()
  const declare = (id: string, why: string): void => {
    if (!byPrincipal.has(id.toLowerCase())) byPrincipal.set(id.toLowerCase(), why)
  }
  declare(self, "the action's identity")
  // A nightly verify under its own identity (self-object-id): its read-only role is intended too.
  declare(signedIn, "this run's identity")
  for (const a of admins) declare(a, 'initial administrator')
  for (const p of config.knownPrincipals) declare(p, 'known-principals')

  const grants: Grant[] = [
    ...config.roleAssignments,
    ...(config.steps.includes('key') ? implicitForKeyStep() : [])
  ].map(w => ({
    roleId: roleId(w.role),
    principalId: w.principal === SELF ? self : w.principal.toLowerCase(),
    scope: normaliseScope(w.scope).toLowerCase(),
    why: 'role-assignments'
  }))
  const managed = new Set(grants.map(g => g.principalId))
  const own = (s: DiskEncryptionSet): boolean =>
    !!config.des &&
    s.name?.toLowerCase() === config.des.name.toLowerCase() &&
    (s.id ?? '').toLowerCase().includes(`/resourcegroups/${config.des.resourceGroup.toLowerCase()}/`)
  for (const s of sets) {
    const id = s.identity?.principalId?.toLowerCase()
    if (!id) continue
    const scope = own(s) ? keyScope : undefined
    if (own(s)) managed.add(id)
    grants.push({
      roleId: ENCRYPTION_USER_ID,
      principalId: id,
      scope,
      why: `disk encryption set ${s.name ?? ''}`.trim()
    })
  }
  const cvm = sets.filter(s => s.properties?.encryptionType === CVM_ENCRYPTION_TYPE)
  const orchestratorId = cvm.length ? await orchestrator(ctx, items, incomplete) : undefined
  if (orchestratorId) {
    const id = orchestratorId.toLowerCase()
    const scope = cvm.some(own) ? keyScope : undefined
    if (scope) managed.add(id)
    grants.push({ roleId: RELEASE_USER_ID, principalId: id, scope, why: 'Confidential VM Orchestrator' })
  }
  return {
    why(principalId, role, scope) {
      const grant = grants.find(
        g =>
          g.principalId === principalId &&
          g.roleId === role &&
          (g.scope === undefined || g.scope === scope.toLowerCase())
      )
      return grant?.why ?? byPrincipal.get(principalId)
    },
    managed,
    items,
    incomplete
  }
}

/** The sets of the subscription that use this key (the des step's own set always counts). */
async function setsUsingKey(
  ctx: RunContext,
  items: PostureItem[],
  incomplete: string[]
): Promise<DiskEncryptionSet[]> {
  const { config } = ctx
  const hsmUri = ctx.facts.hsmUri ?? ''
  const own = config.des ? await readDes(ctx, desClient(ctx), config.des).catch(() => undefined) : undefined
  let all: DiskEncryptionSet[] = []
  try {
    all = await readAllDes(ctx)
  } catch (e) {
    const status = statusOf(e)
    items.push({
      id: 'access.diskEncryptionSets',
      setting: 'Disk Encryption Sets that use the key',
      state:
        status === 403
          ? 'not checked (needs Reader on the subscription)'
          : `not checked: ${errorMessage(e).split('\n')[0]}`,
      severity: 'warning',
      finding:
        "Disk Encryption Sets that use the key were not checked: a set's identity would show as not intended",
      todo: "give the identity 'Reader' on the subscription, or name the sets' identities in known-principals"
    })
    incomplete.push('the Disk Encryption Sets of the subscription')
  }
  const using = all.filter(s => usesKey(s, hsmUri, config.hsmName, config.key.name))
  if (own && !using.some(s => s.id?.toLowerCase() === own.id?.toLowerCase())) using.push(own)
  return using
}

/** The Confidential VM Orchestrator's object id: the input, this run's lookup, or Microsoft Graph. */
async function orchestrator(
  ctx: RunContext,
  items: PostureItem[],
  incomplete: string[]
): Promise<string | undefined> {
  const given = ctx.config.des?.orchestratorObjectId ?? ctx.facts.orchestratorObjectId
  if (given) return given
  try {
    return (await readOrchestrator(ctx))?.id
  } catch (e) {
    items.push({
      id: 'access.orchestrator',
      setting: 'Confidential VM Orchestrator',
      state: `not looked up: ${errorMessage(e).split('\n')[0]}`,
      severity: 'warning',
      finding:
        'the Confidential VM Orchestrator could not be looked up: its role assignments would show as not intended',
      todo: 'set cvm-orchestrator-object-id, or give the identity the Graph permission Application.Read.All'
    })
    incomplete.push('the Confidential VM Orchestrator')
    return undefined
  }
}

/** The finding for a holder that is not intended: who, what role where, what it allows, what to do. */
function holderItem(ctx: RunContext, h: Holder): PostureItem {
  const allows = h.allows.map(c => CAPABILITY_WORDS[c]).join(', ') || 'nothing on the key'
  const role = `'${h.roleName}'${h.custom ? ' (custom role)' : ''}`
  const todo: string[] = []
  if (GUID.test(h.assignmentName))
    todo.push(
      `remove it (az keyvault role assignment delete --hsm-name ${ctx.config.hsmName} --scope ${h.scope} --name ${h.assignmentName}, or prune-role-assignments: true)`
    )
  if (GUID.test(h.principalId))
    todo.push(
      `or, if it is meant to be, add '${h.custom ? h.roleId : h.roleName} | ${h.principalId} | ${h.scope}' to role-assignments or ${h.principalId} to known-principals`
    )
  return {
    id: `access.${h.assignmentName}`,
    setting: 'role assignment',
    state: `${role} for ${h.principalId} at ${h.scope}: not intended`,
    severity: h.severity ?? 'warning',
    finding: `${role} for ${h.principalId} at ${h.scope} is not intended: it can ${allows}`,
    details: [`assignment name ${h.assignmentName}`, `role definition ${h.roleId}`],
    todo: todo.join(' ')
  }
}
