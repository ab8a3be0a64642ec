/**
 * provision: the Managed HSM itself, through ARM. Read first; create when absent (handling a soft-deleted
 * name as on-soft-deleted says); when present, change only what differs and can change, and say what
 * differs but cannot (location, SKU, retention, initial administrators).
 */
import * as log from '../shared/log.js'
import { desiredAdministrators, readHsm, type RunContext } from '../run/context.js'
import { ConflictError, DriftError, errorSummary } from '../shared/errors.js'
import { EXPIRES_AT_TAG, MANAGED_BY, MANAGED_BY_TAG, MODE_TABLE, type Config } from '../config/index.js'
import type { ManagedHsm } from '../azure/managed-hsm-arm.js'
import { waitUntil, type Poll } from '../azure/wait.js'
import { parseRetryAfter } from '../shared/retry.js'
import type { Change, Plan, Step } from '../run/step.js'
import { preflightNewHsmEscrow } from './activate/escrow.js'
import { createNetworkAcls, planNetwork, refuseCutOff } from './network.js'
import { bypassNoneNotes } from './network-bypass.js'
import { PRICING_URL } from './pricing.js'
import { planRegions } from './replica-region.js'
import { extendedRegions } from '../azure/managed-hsm-regions.js'
import { auditLogChange } from './audit-log.js'

const SERVICE = 'Azure Resource Manager'

export const provision: Step = {
  name: 'provision',

  async plan(ctx: RunContext): Promise<Plan> {
    const plan = await planHsm(ctx)
    // After the HSM's own changes: the audit setting needs the HSM to exist.
    const audit = await auditLogChange(ctx, ctx.facts.hsmSnapshot)
    return audit ? { ...plan, changes: [...plan.changes, audit] } : plan
  },

  async finish(ctx: RunContext, changed: boolean): Promise<void> {
    const { config, arm } = ctx
    const hsm = (!changed && ctx.facts.hsmSnapshot) || (await arm.get(config.resourceGroup, config.hsmName))
    if (!hsm) throw new ConflictError(`Managed HSM '${config.hsmName}' disappeared while the action ran`)
    ctx.facts.hsmResourceId = hsm.id ?? arm.resourceId(config.resourceGroup, config.hsmName)
    ctx.facts.hsmUri = hsm.properties?.hsmUri
    ctx.facts.hsmTenantId = hsm.properties?.tenantId
    ctx.facts.activationStatus = hsm.properties?.securityDomainProperties?.activationStatus
    ctx.facts.extendedRegions = extendedRegions(hsm).map(r => r.name)
  }
}

/** The extended region's changes around the HSM's own: a region still changing is waited for first. */
function withRegions(ctx: RunContext, hsm: ManagedHsm, plan: Plan): Plan {
  const regions = planRegions(ctx, hsm)
  return {
    ...plan,
    changes: [...regions.first, ...plan.changes, ...regions.then],
    notes: [...plan.notes, ...regions.notes]
  }
}

async function planHsm(ctx: RunContext): Promise<Plan> {
  const { config, arm } = ctx
  const current = await readHsm(ctx)
  ctx.facts.hsmSnapshot = current
  if (current) return withRegions(ctx, current, await planExisting(ctx, current))

  const deleted = await arm.findDeleted(config.hsmName)
  if (deleted) {
    const change = softDeletedChange(
      ctx,
      deleted.properties?.location ?? config.location,
      deleted.properties?.scheduledPurgeDate,
      deleted.properties?.purgeProtectionEnabled === true
    )
    // A purge makes way for a new HSM; a recovered one comes back with its own security domain.
    if (change.kind === 'purge') await escrowPreflight(ctx)
    // A recovered HSM comes back with its keys, which Disk Encryption Sets may use: bypass None is checked first.
    const notes = change.kind === 'recover' ? await bypassNoneNotes(ctx, {}) : []
    // A recovered HSM comes back with one region (the region list is not in the security domain).
    return { changes: [change, ...planRegions(ctx, undefined).then], notes }
  }

  const availability = await arm.nameAvailability(config.hsmName)
  if (!availability.available) {
    // A run started at the same time may have created it since our read: then it is ours to wait for.
    const created = await arm.get(config.resourceGroup, config.hsmName)
    if (created) {
      log.info(
        `provision: Managed HSM '${config.hsmName}' was just created by another run; continuing with it`
      )
      ctx.facts.hsmSnapshot = created
      return withRegions(ctx, created, await planExisting(ctx, created))
    }
    throw await nameTakenError(ctx, availability)
  }
  await escrowPreflight(ctx)
  return { changes: [createChange(ctx), ...planRegions(ctx, undefined).then], notes: [] }
}

/**
 * A new HSM is about to be created (or planned) and activate follows: its escrow objects must be free now,
 * before an HSM that bills by the hour exists. verify writes nothing and reports the missing HSM as drift.
 */
async function escrowPreflight(ctx: RunContext): Promise<void> {
  const { mode, steps } = ctx.config
  if (steps.includes('activate') && MODE_TABLE[mode].createsMissing) await preflightNewHsmEscrow(ctx)
}

/**
 * The name is taken. In another resource group of this subscription it is most likely the HSM the user
 * means: say so, since "choose another name" would create a second HSM, billed separately. Only a name
 * held outside the subscription (or a name Azure refuses) gets the advice to choose another.
 */
async function nameTakenError(
  ctx: RunContext,
  availability: { reason?: string; message?: string }
): Promise<ConflictError> {
  const { config, arm } = ctx
  const taken = `The name '${config.hsmName}' is not available: ${log.oneLine(availability.message ?? availability.reason ?? 'already in use')}`
  if (availability.reason === 'AccountNameInvalid') return new ConflictError(taken, 'choose another hsm-name')
  let found: ManagedHsm | undefined
  try {
    found = await arm.findInSubscription(config.hsmName)
  } catch (e) {
    return new ConflictError(
      `${taken}\nWhether it is in another resource group of this subscription could not be checked: ${errorSummary(e)}`,
      "look for it with 'az keyvault list --resource-type hsm': if it is in this subscription, fix resource-group; " +
        'only if it is not, choose another hsm-name (a second HSM is billed separately)'
    )
  }
  const foundGroup = found?.id && /\/resourceGroups\/([^/]+)\//i.exec(found.id)?.[1]
  const group = foundGroup && log.oneLine(foundGroup)
  if (group && group.toLowerCase() !== config.resourceGroup.toLowerCase()) {
    return new ConflictError(
      `Managed HSM '${config.hsmName}' exists in resource group '${group}' of this subscription, not in resource-group '${config.resourceGroup}'`,
      `fix resource-group (set it to '${group}') to use that HSM; another hsm-name would create a second HSM, billed separately`
    )
  }
  return new ConflictError(
    taken,
    'Managed HSM names are global across Azure and no HSM of this subscription has it: it belongs to another subscription or tenant. Choose another hsm-name.'
  )
}

function skuFamily(sku: Config['sku']): string {
  return sku.startsWith('Custom_C') ? 'C' : 'B'
}

async function createBody(
  ctx: RunContext,
  createMode: 'default' | 'recover',
  location: string,
  expiresAt = expiresAtFrom(ctx.config)
): Promise<ManagedHsm> {
  const { config } = ctx
  // An ephemeral HSM says what it is and when it should go; the clean-up trusts ARM's systemData, not this.
  const expires: Record<string, string> = expiresAt
    ? { [MANAGED_BY_TAG]: MANAGED_BY, [EXPIRES_AT_TAG]: expiresAt }
    : {}
  return {
    location,
    sku: { family: skuFamily(config.sku), name: config.sku },
    tags: { ...config.tags, ...expires },
    properties: {
      tenantId: config.tenantId,
      initialAdminObjectIds: await desiredAdministrators(ctx),
      enableSoftDelete: true,
      softDeleteRetentionInDays: config.retentionDays,
      // Always explicit: the spec's default (true) and what the service did when omitted (false) disagree.
      enablePurgeProtection: config.purgeProtection,
      publicNetworkAccess: config.publicNetworkAccess,
      networkAcls: createNetworkAcls(config),
      createMode
    }
  }
}

function createChange(ctx: RunContext): Change {
  const { config } = ctx
  const expiresAt = expiresAtFrom(config)
  return {
    kind: 'create',
    id: 'provision.hsm.exists',
    summary: `create Managed HSM '${config.hsmName}' (${config.sku}) in ${config.location}`,
    details: [
      `administrators: ${config.administrators.join(', ')}`,
      `retention: ${config.retentionDays} days`,
      `purge protection: ${config.purgeProtection ? 'on (permanent)' : 'off'}`,
      `public network access: ${config.publicNetworkAccess}`,
      `network: ${config.network.posture}${config.network.allowedIps.length ? ` (allowed-ips: ${config.network.allowedIps.join(', ')})` : ''}`,
      // What it costs belongs where it is about to be created (apply) or would be (plan), not in verify's drift.
      ...(MODE_TABLE[config.mode].proves ? [] : costLines(config, expiresAt))
    ],
    async apply() {
      await ctx.arm.submitCreate(
        config.resourceGroup,
        config.hsmName,
        await createBody(ctx, 'default', config.location, expiresAt)
      )
      await waitForProvisioned(ctx, 'creation')
      log.notice(
        `provision: Managed HSM '${config.hsmName}' exists: billing for it has started and runs until it is deleted and purged (rates: ${PRICING_URL})`
      )
    }
  }
}

export { PRICING_URL }

function expiresAtFrom(config: Config): string | undefined {
  return config.expiresAfterMs ? new Date(Date.now() + config.expiresAfterMs).toISOString() : undefined
}

/**
 * What creating the HSM costs and how that ends, said in the plan, the log and the summary. No amount: a
 * figure without its region and date would mislead, and the price list gives both.
 */
function costLines(config: Config, expiresAt: string | undefined): string[] {
  return [
    `billing starts when it is created and runs for every hour it exists, until it is deleted and purged (rates by region: ${PRICING_URL})`,
    expiresAt
      ? `expires-at tag ${expiresAt} (expires-after): information only; nothing deletes it then unless a scheduled clean-up job (mode: teardown with only-if-expired) runs: make sure one exists`
      : 'no expires-after: it lives (and bills) until someone runs mode: teardown',
    ...(config.purgeProtection
      ? [
          `purge protection on: a later teardown deletes it but cannot purge it; the name stays taken and it may keep billing for retention-days (${config.retentionDays} days) after the delete`
        ]
      : [])
  ]
}

function softDeletedChange(
  ctx: RunContext,
  location: string,
  purgeDate: Date | undefined,
  purgeProtected: boolean
): Change {
  const { config } = ctx
  const held = `The name '${config.hsmName}' is held by a soft-deleted Managed HSM (location ${location}, scheduled purge ${purgeDate?.toISOString() ?? 'unknown'})`
  switch (config.onSoftDeleted) {
    case 'fail':
      // Purge protection refuses a purge until the scheduled date: offering on-soft-deleted: purge would fail.
      throw new ConflictError(
        purgeProtected ? `${held}, and purge protection keeps it until then` : held,
        purgeProtected
          ? 'set on-soft-deleted: undelete to bring it back with its keys and security domain, or choose another hsm-name (it cannot be purged before the scheduled purge date)'
          : 'set on-soft-deleted: undelete to bring it back with its keys and security domain, or on-soft-deleted: purge to destroy it for good and create a new one, or choose another hsm-name'
      )
    case 'undelete':
      return {
        kind: 'recover',
        summary: `undelete soft-deleted Managed HSM '${config.hsmName}' in ${location}`,
        details: [
          'its keys, role assignments and security domain come back with it',
          // The region list is not in the security domain: Azure recovers the primary alone.
          `it comes back with one region${config.replicaRegion ? `: replica-region ${config.replicaRegion} is added again after` : ': an extended region it had is not; set replica-region to extend it again'}`
        ],
        async apply() {
          await ctx.arm.submitCreate(
            config.resourceGroup,
            config.hsmName,
            await createBody(ctx, 'recover', location)
          )
          const hsm = await waitForProvisioned(ctx, 'recovery')
          // The recovered HSM has its old settings; bring the ones that can change in line now.
          for (const change of (await planExisting(ctx, hsm)).changes) await change.apply()
        }
      }
    case 'purge':
      if (purgeProtected) {
        throw new ConflictError(
          `${held}, and purge protection keeps it until then`,
          'use on-soft-deleted: undelete, or choose another hsm-name'
        )
      }
      return {
        kind: 'purge',
        summary: `purge soft-deleted Managed HSM '${config.hsmName}', then create it anew in ${config.location}`,
        details: ['the deleted HSM, its keys and its security domain are destroyed for good'],
        async apply() {
          log.info(`Purging the soft-deleted Managed HSM '${config.hsmName}' (on-soft-deleted: purge)`)
          await ctx.arm.purgeDeleted(config.hsmName, location)
          await createChange(ctx).apply()
        }
      }
  }
}

async function planExisting(ctx: RunContext, hsm: ManagedHsm): Promise<Plan> {
  const { config } = ctx
  const p = hsm.properties ?? {}
  const state = p.provisioningState
  if (state === 'Failed') {
    throw new DriftError(
      'provision.provisioningState',
      `Managed HSM '${config.hsmName}' is in provisioning state Failed: ${log.oneLine(p.statusMessage ?? 'no status message')}`,
      'delete it (and purge it), then rerun; if it keeps failing, the region may lack capacity: try another location'
    )
  }
  if (
    state === 'Provisioning' ||
    state === 'Updating' ||
    state === 'Restoring' ||
    state === 'SecurityDomainRestore'
  ) {
    // Another run (or a run that was cancelled) started this; wait for it rather than send a second PUT.
    return {
      changes: [
        {
          kind: 'wait',
          summary: `wait for Managed HSM '${config.hsmName}' (${state}) to finish`,
          details: [p.statusMessage ?? ''].filter(Boolean),
          async apply() {
            const done = await waitForProvisioned(ctx, state.toLowerCase())
            for (const change of (await planExisting(ctx, done)).changes) await change.apply()
          }
        }
      ],
      notes: []
    }
  }
  if (state === 'Deleting') {
    throw new ConflictError(
      `Managed HSM '${config.hsmName}' is being deleted`,
      'wait for the deletion to finish, then rerun'
    )
  }

  const notes: string[] = []
  if (hsm.location && normalise(hsm.location) !== config.location) {
    throw new DriftError(
      'provision.location',
      `Managed HSM '${config.hsmName}' exists in ${log.oneLine(hsm.location)}, not in ${config.location}; an HSM cannot move`,
      `set location: ${log.oneLine(normalise(hsm.location))}, or use another hsm-name`
    )
  }
  if (hsm.sku?.name && hsm.sku.name !== config.sku)
    notes.push(`sku is ${hsm.sku.name}, not ${config.sku}: the SKU cannot change after creation`)
  if (p.softDeleteRetentionInDays !== undefined && p.softDeleteRetentionInDays !== config.retentionDays)
    notes.push(
      `retention-days is ${p.softDeleteRetentionInDays}, not ${config.retentionDays}: retention cannot change after creation`
    )
  const admins = await desiredAdministrators(ctx)
  const actualAdmins = [...(p.initialAdminObjectIds ?? [])].map(a => a.toLowerCase()).sort()
  if (admins.join() !== actualAdmins.join())
    notes.push(
      `administrators were set at creation to ${actualAdmins.join(', ') || 'none'}: initial administrators cannot change; grant roles with role-assignments instead`
    )

  const patch: ManagedHsm = {}
  const details: string[] = []
  const properties: NonNullable<ManagedHsm['properties']> = {}
  if (config.purgeProtection && p.enablePurgeProtection !== true) {
    properties.enablePurgeProtection = true
    details.push('purge protection: off -> on (permanent)')
  } else if (!config.purgeProtection && p.enablePurgeProtection === true) {
    notes.push('purge protection is on and can never be turned off; purge-protection: false has no effect')
  }
  if (p.publicNetworkAccess && p.publicNetworkAccess !== config.publicNetworkAccess) {
    properties.publicNetworkAccess = config.publicNetworkAccess
    details.push(`public network access: ${p.publicNetworkAccess} -> ${config.publicNetworkAccess}`)
  }
  const tags = { ...(hsm.tags ?? {}) }
  for (const [k, v] of Object.entries(config.tags)) {
    if (tags[k] !== v) {
      details.push(`tag ${k}: ${tags[k] === undefined ? '(none)' : `'${tags[k]}'`} -> '${v}'`)
      tags[k] = v
    }
  }
  if (Object.keys(properties).length > 0) patch.properties = properties
  if (
    Object.keys(tags).length !== Object.keys(hsm.tags ?? {}).length ||
    details.some(d => d.startsWith('tag '))
  )
    patch.tags = tags
  const network = planNetwork(ctx, hsm)
  refuseCutOff(ctx, network)
  notes.push(...network.notes, ...(await bypassNoneNotes(ctx, hsm)))
  const networkChanges = network.change ? [network.change] : []
  if (details.length === 0) return { changes: networkChanges, notes, info: network.info }
  return {
    info: network.info,
    changes: [
      ...networkChanges,
      {
        kind: 'update',
        id: 'provision.hsm.properties',
        summary: `update Managed HSM '${config.hsmName}'`,
        details,
        async apply() {
          await ctx.arm.submitUpdate(config.resourceGroup, config.hsmName, patch)
          await waitForProvisioned(ctx, 'update')
        }
      }
    ],
    notes
  }
}

async function waitForProvisioned(ctx: RunContext, what: string): Promise<ManagedHsm> {
  const { config, arm } = ctx
  return waitUntil(
    async (): Promise<Poll<ManagedHsm>> => {
      let retryAfterSeconds: number | undefined
      const hsm = await arm.get(config.resourceGroup, config.hsmName, {
        onHeaders: get => {
          const ms = parseRetryAfter(get('retry-after'))
          if (ms) retryAfterSeconds = ms / 1000
        }
      })
      if (!hsm) return { value: {}, done: false, status: 'not visible yet', retryAfterSeconds }
      const state = hsm.properties?.provisioningState
      if (state === 'Failed') {
        throw new ConflictError(
          `Managed HSM '${config.hsmName}' ${what} failed: ${log.oneLine(hsm.properties?.statusMessage ?? 'no status message')}`,
          'delete and purge the failed HSM, then rerun; repeated failures usually mean the region lacks capacity'
        )
      }
      return {
        value: hsm,
        done: state === 'Succeeded',
        status: hsm.properties?.statusMessage ?? state,
        retryAfterSeconds
      }
    },
    { what: `Managed HSM ${what}`, service: SERVICE, deadline: ctx.deadline }
  )
}

function normalise(location: string): string {
  return location.toLowerCase().replace(/\s+/g, '')
}
