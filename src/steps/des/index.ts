/**
 * des: the Disk Encryption Set that hands the key-encryption key to VM disks (reference step 7). Checks
 * first that the key can serve the set (steps/des/key-check.ts), then, each part read first and changed only when
 * it differs: the set itself (system-assigned identity, encryption type, key URL; a long-running ARM
 * operation), its identity's Crypto Service Encryption User grant on /keys/KEY, and for confidential VMs the
 * Confidential VM Orchestrator's Crypto Service Release User grant on the same key.
 */
import * as log from '../../shared/log.js'
import { keysClient, type RunContext } from '../../run/context.js'
import type { DiskEncryptionSet, DiskEncryptionSets } from '../../azure/disk-encryption-sets.js'
import type { KeyVaultKey } from '../../azure/keys.js'
import { waitUntil, type Poll } from '../../azure/wait.js'
import {
  CVM_ENCRYPTION_TYPE,
  MANAGED_BY,
  MANAGED_BY_TAG,
  MANAGED_HSM_TAG,
  type DesConfig
} from '../../config/index.js'
import {
  CVM_ORCHESTRATOR_APP_ID,
  desClient,
  isManaged,
  prefetchDes,
  prefetchOrchestrator,
  readDes,
  readOrchestrator
} from '../../run/disk-encryption-sets.js'
import { AzureOperationError, ConfigurationError, ConflictError, DriftError } from '../../shared/errors.js'
import { desKeyProblems } from './key-check.js'
import { untilAuthorized, untilPropagated } from '../../run/authorized.js'
import { planAssignments, prefetchAssignments, prefetchRoleDefinitions } from '../../run/role-assignments.js'
import { purgeProtected, unprotectedNewSet, unprotectedSetWarning } from './backing.js'
import type { Change, Plan, Step } from '../../run/step.js'

export const ENCRYPTION_USER = 'Managed HSM Crypto Service Encryption User'
export const RELEASE_USER = 'Managed HSM Crypto Service Release User'

const snapshots = new WeakMap<RunContext, DiskEncryptionSet>()

export const des: Step = {
  name: 'des',

  // The set and the Orchestrator at once (the inputs name them); once the HSM answers, the role definitions,
  // then the assignments of the set's identity and of the Orchestrator, as soon as those two are known.
  prefetch(ctx) {
    const d = ctx.config.des
    if (!d) return undefined
    const set = prefetchDes(ctx, d)
    const orchestrator =
      d.encryptionType !== CVM_ENCRYPTION_TYPE
        ? undefined
        : (d.orchestratorObjectId ?? prefetchOrchestrator(ctx).then(sp => sp?.id))
    return hsm => {
      const plane = hsm.plane()
      prefetchRoleDefinitions(ctx, plane)
      void Promise.all([set, orchestrator]).then(([s, o]) =>
        prefetchAssignments(ctx, plane, [s?.identity?.principalId, o])
      )
    }
  },

  async plan(ctx: RunContext): Promise<Plan> {
    const d = ctx.config.des
    if (!d) return { changes: [], notes: [] }
    const keyName = ctx.config.key.name
    // The action's rule (steps/des/backing.ts): apply refused a new set before any write (plan and verify say it
    // here, as a finding, even before the HSM exists); an existing one is warned about on every run.
    const hsmProtected = await purgeProtected(ctx)
    if (!hsmProtected && !(await readDes(ctx, desClient(ctx), d))) {
      const refused = unprotectedNewSet(ctx)
      throw new DriftError('des.purgeProtection', refused.text, refused.hint)
    }
    // The key step of this run has just read (or made) the key: reuse it rather than read it again;
    // plan and verify judge the key as this run's key step leaves it, not as it is in Azure now.
    const keys = await keysClient(ctx)
    const key =
      ctx.facts.kek?.name === keyName
        ? ctx.facts.kek
        : ctx.facts.keyPlanned?.name === keyName
          ? ctx.facts.keyPlanned
          : await untilAuthorized(ctx, 'read the key', () => keys.get(keyName))
    if (!key || (!key.id && key !== ctx.facts.keyPlanned))
      throw new ConflictError(
        `key '${keyName}' does not exist on Managed HSM '${ctx.config.hsmName}'`,
        "add 'key' to steps (or fix key-name): the disk encryption set needs the key first"
      )
    const problems = desKeyProblems(key, d.encryptionType)
    if (problems.length > 0)
      throw new DriftError(
        'des.key.suitable',
        `key '${keyName}' cannot back a ${d.encryptionType} disk encryption set: ${problems.join('; ')}`,
        d.encryptionType === CVM_ENCRYPTION_TYPE
          ? 'use release-policy-preset: cvm-platform (or a policy that releases to the CVM platform token) on an exportable RSA-HSM key; an exportable key cannot become non-exportable or the reverse, so a new key-name may be needed'
          : 'use an RSA-HSM key of 2048, 3072 or 4096 bits with wrapKey and unwrapKey'
      )
    // Two independent reads (Microsoft Graph, ARM): sent together.
    const client = desClient(ctx)
    const [orchestrator, current] = await Promise.all([
      d.encryptionType === CVM_ENCRYPTION_TYPE ? orchestratorId(ctx, d) : undefined,
      readDes(ctx, client, d)
    ])
    if (current) snapshots.set(ctx, current)
    const warnings = current && !hsmProtected ? [unprotectedSetWarning(ctx, [current])] : []
    for (const w of warnings) log.warning(`des: ${w}`)
    const scope = `/keys/${keyName}`
    const fixedGrants = orchestrator ? [{ role: RELEASE_USER, principal: orchestrator, scope }] : []

    if (!current) {
      const grantsPlan = await planAssignments(ctx, fixedGrants)
      return {
        changes: [
          createChange(ctx, d, client, key),
          identityGrantChange(ctx, d, client, scope),
          ...grantsPlan.changes.map(c => ({ ...c, id: 'des.grant.orchestrator' }))
        ],
        notes: grantsPlan.notes,
        warnings
      }
    }
    const state = current.properties?.provisioningState
    if (state === 'Updating' || state === 'Creating')
      return {
        changes: [
          {
            kind: 'wait',
            summary: `wait for disk encryption set '${d.name}' (${state}) to finish`,
            details: [],
            apply: async () => {
              await waitForDes(ctx, client, d, 'update')
              const again = await des.plan(ctx)
              for (const c of again.changes) await c.apply()
            }
          }
        ],
        notes: [],
        warnings
      }
    const principal = current.identity?.principalId?.toLowerCase()
    const grants = await planAssignments(ctx, [
      ...(principal ? [{ role: ENCRYPTION_USER, principal, scope }] : []),
      ...fixedGrants
    ])
    const notes = [...grants.notes]
    if (!isManaged(current, ctx.config.hsmName))
      notes.push(
        `disk encryption set '${d.name}' was not created by this action (no ${MANAGED_BY_TAG} tag): it is kept in step; teardown refuses while it uses the key (delete-disk-encryption-sets removes it)`
      )
    const rotationError = current.properties?.autoKeyRotationError
    if (rotationError)
      notes.push(
        `Azure reports an automatic key rotation error: ${rotationError.code ?? ''} ${rotationError.message ?? ''}`.trim()
      )
    // Grants first: a set whose key changes checks its identity's access to the new key at once.
    const grantChanges = grants.changes.map(c => ({
      ...c,
      id: c.summary.includes(ENCRYPTION_USER) ? 'des.grant.identity' : 'des.grant.orchestrator'
    }))
    return { changes: [...grantChanges, ...compare(ctx, d, client, current, key)], notes, warnings }
  },

  async finish(ctx: RunContext, changed: boolean): Promise<void> {
    const d = ctx.config.des
    if (!d) return
    const current = (!changed && snapshots.get(ctx)) || (await desClient(ctx).get(d.resourceGroup, d.name))
    if (!current) throw new ConflictError(`disk encryption set '${d.name}' disappeared while the action ran`)
    ctx.facts.desId = current.id ?? desClient(ctx).resourceId(d.resourceGroup, d.name)
    ctx.facts.desPrincipalId = current.identity?.principalId
  }
}

/** The Orchestrator's object id: the input, or Microsoft Graph's answer for its well-known app id. */
async function orchestratorId(ctx: RunContext, d: DesConfig): Promise<string> {
  if (d.orchestratorObjectId) return d.orchestratorObjectId
  if (ctx.facts.orchestratorObjectId) return ctx.facts.orchestratorObjectId
  const sp = await readOrchestrator(ctx)
  if (!sp)
    throw new ConfigurationError(
      'cvm-orchestrator-object-id',
      `the tenant has no service principal for the Confidential VM Orchestrator (application id ${CVM_ORCHESTRATOR_APP_ID}). ` +
        `A tenant administrator creates it once: az ad sp create --id ${CVM_ORCHESTRATOR_APP_ID} ` +
        `(or New-MgServicePrincipal -AppId ${CVM_ORCHESTRATOR_APP_ID}); then rerun, or give its object id in cvm-orchestrator-object-id`
    )
  log.info(`des: Confidential VM Orchestrator service principal ${sp.id}`)
  ctx.facts.orchestratorObjectId = sp.id.toLowerCase()
  return ctx.facts.orchestratorObjectId
}

function versionless(keyUrl: string): string {
  return keyUrl.replace(/\/+$/, '').split('/').slice(0, 5).join('/').toLowerCase()
}

function createChange(ctx: RunContext, d: DesConfig, client: DiskEncryptionSets, key: KeyVaultKey): Change {
  const latest = d.keyVersion === 'latest'
  return {
    kind: 'create',
    id: 'des.exists',
    summary: `create disk encryption set '${d.name}' (${d.encryptionType}) in resource group '${d.resourceGroup}'`,
    details: [
      `key: ${key.id ?? `'${key.name}' as the key step creates it`}${latest ? ' (Azure moves it to each new key version)' : ''}`,
      'identity: system-assigned'
    ],
    async apply() {
      const location =
        ctx.config.location || (await ctx.arm.get(ctx.config.resourceGroup, ctx.config.hsmName))?.location
      await client.submitPut(d.resourceGroup, d.name, {
        location,
        tags: { ...ctx.config.tags, [MANAGED_BY_TAG]: MANAGED_BY, [MANAGED_HSM_TAG]: ctx.config.hsmName },
        identity: { type: 'SystemAssigned' },
        properties: {
          encryptionType: d.encryptionType,
          // The spec requires a versioned key URL even when Azure is to follow the latest version.
          activeKey: { keyUrl: key.id },
          ...(latest ? { rotationToLatestKeyVersionEnabled: true } : {})
        }
      })
      const created = await waitForDes(ctx, client, d, 'creation')
      snapshots.set(ctx, created)
    }
  }
}

/** The identity's grant, planned once the set (and so its identity) exists. */
function identityGrantChange(
  ctx: RunContext,
  d: DesConfig,
  client: DiskEncryptionSets,
  scope: string
): Change {
  return {
    kind: 'create',
    id: 'des.grant.identity',
    summary: `assign '${ENCRYPTION_USER}' to the new set's identity at scope ${scope}`,
    details: ['the identity exists once the set is created'],
    async apply() {
      const created = snapshots.get(ctx) ?? (await client.get(d.resourceGroup, d.name))
      const principal = created?.identity?.principalId?.toLowerCase()
      if (!principal)
        throw new ConflictError(
          `disk encryption set '${d.name}' has no system-assigned identity after creation`
        )
      const plan = await planAssignments(ctx, [{ role: ENCRYPTION_USER, principal, scope }])
      for (const c of plan.changes) {
        log.info(`des: ${c.summary}`)
        await c.apply()
      }
    }
  }
}

function compare(
  ctx: RunContext,
  d: DesConfig,
  client: DiskEncryptionSets,
  current: DiskEncryptionSet,
  key: KeyVaultKey
): Change[] {
  const p = current.properties ?? {}
  const patch: DiskEncryptionSet = { properties: {} }
  const details: string[] = []
  const ids: string[] = []
  if (p.encryptionType !== d.encryptionType) {
    patch.properties!.encryptionType = d.encryptionType
    details.push(`encryption type: ${p.encryptionType ?? '(none)'} -> ${d.encryptionType}`)
    ids.push('des.encryptionType')
  }
  const actualUrl = p.activeKey?.keyUrl ?? ''
  const latest = d.keyVersion === 'latest'
  // A key the key step has yet to create (plan, verify) has no URL: the set will need the new one.
  const keyDiffers = !key.id
    ? true
    : latest
      ? versionless(actualUrl) !== versionless(key.id)
      : actualUrl.replace(/\/+$/, '').toLowerCase() !== key.id.toLowerCase()
  if (keyDiffers) {
    patch.properties!.activeKey = { keyUrl: key.id }
    details.push(`key: ${actualUrl || '(none)'} -> ${key.id ?? `'${key.name}' as the key step creates it`}`)
    ids.push('des.activeKey')
  }
  if ((p.rotationToLatestKeyVersionEnabled === true) !== latest) {
    patch.properties!.rotationToLatestKeyVersionEnabled = latest
    details.push(
      `follow the latest key version: ${p.rotationToLatestKeyVersionEnabled === true} -> ${latest}`
    )
    ids.push('des.rotation')
  }
  if (!/SystemAssigned/i.test(current.identity?.type ?? '')) {
    patch.identity = { type: 'SystemAssigned' }
    details.push(`identity: ${current.identity?.type ?? 'None'} -> SystemAssigned`)
    ids.push('des.identity')
  }
  if (p.provisioningState === 'Failed' && details.length === 0) {
    // Send the desired state again: Azure retries what failed.
    patch.properties = { encryptionType: d.encryptionType, activeKey: { keyUrl: key.id } }
    details.push('provisioning state: Failed -> Succeeded (the desired state is sent again)')
    ids.push('des.provisioningState')
  }
  if (details.length === 0) return []
  return [
    {
      kind: 'update',
      id: ids[0],
      summary: `update disk encryption set '${d.name}'`,
      details,
      async apply() {
        await untilKeyAccess(ctx, () => client.submitPatch(d.resourceGroup, d.name, patch))
        snapshots.set(ctx, await waitForDes(ctx, client, d, 'update'))
      }
    }
  ]
}

/** A grant made in this run may not apply yet: KeyVaultAccessForbidden is retried while it propagates. */
async function untilKeyAccess(ctx: RunContext, fn: () => Promise<void>): Promise<void> {
  return untilPropagated(
    ctx,
    e => e instanceof AzureOperationError && e.details.code === 'KeyVaultAccessForbidden',
    'the set cannot reach the key yet (a new role assignment is propagating)',
    fn
  )
}

async function waitForDes(
  ctx: RunContext,
  client: DiskEncryptionSets,
  d: DesConfig,
  what: string
): Promise<DiskEncryptionSet> {
  return waitUntil(
    async (): Promise<Poll<DiskEncryptionSet>> => {
      const current = await client.get(d.resourceGroup, d.name)
      if (!current) return { value: {}, done: false, status: 'not visible yet' }
      const state = current.properties?.provisioningState
      if (state === 'Failed')
        throw new ConflictError(
          `disk encryption set '${d.name}' ${what} failed (provisioning state Failed)`,
          "check that its identity holds 'Managed HSM Crypto Service Encryption User' on the key, then rerun"
        )
      return { value: current, done: state === 'Succeeded', status: state }
    },
    {
      what: `disk encryption set ${what}`,
      service: 'Azure Resource Manager',
      deadline: ctx.deadline,
      schedule: [2000, 5000, 10000]
    }
  )
}
