/**
 * The Managed HSM resource: create or update (PUT, including recovery of a soft-deleted HSM), PATCH and
 * the lookup within a resource group, each answered as ARM does.
 */
import { DEFAULT_IDS } from '../../../core/state.js'
import { rgKey } from '../../arm/resource-groups.js'
import type { ArmFailure, HsmRecord } from '../records.js'
import { fail, normalizeLocation, recordedIdentity, type ArmRequest } from '../../arm/common.js'
import { nameRules, validName } from './names.js'
import { accepted } from './operations.js'
import {
  applyMutable,
  GUID,
  normalizeAcls,
  parseBody,
  propertyErrors,
  REGIONS,
  validSku
} from './properties.js'
import { TYPE } from './wire.js'
import { applyRegions, busyRegion, regionState } from './regions.js'

/** A provisioning that starts `now` and takes the provisioningSeconds setting (or fails as set). */
function newProvisioning(r: ArmRequest, now: number): HsmRecord['provisioning'] {
  return { startedAt: now, durationMs: r.ctx.settings.provisioningSeconds * 1000, failure: nextFailure(r) }
}

function nextFailure(r: ArmRequest): ArmFailure | undefined {
  const s = r.ctx.settings.failNextCreate
  if (!s) return undefined
  r.ctx.settings.failNextCreate = false
  const spec = s === true ? {} : s
  return {
    status: spec.status ?? 500,
    code: spec.code ?? 'InternalServerError',
    message:
      spec.message ??
      'Managed HSM provisioning failed because of an internal error. Delete the resource and retry the operation.'
  }
}

export function createOrUpdate(r: ArmRequest, rg: string, name: string): void {
  const { ctx } = r
  const data = ctx.state.data
  if (!validName(name)) return fail(r, 400, 'BadRequest', nameRules(name))
  const body = parseBody(r)
  if (!body) return
  if (!body.location)
    return fail(r, 400, 'LocationRequired', 'The location property is required for this definition.')
  const location = normalizeLocation(body.location)
  if (!REGIONS.includes(location)) {
    return fail(
      r,
      400,
      'LocationNotAvailableForResourceType',
      `The provided location '${body.location}' is not available for resource type '${TYPE}'. List of available regions for the resource type is '${REGIONS.join(',')}'.`
    )
  }
  const group = data.resourceGroups[rgKey(DEFAULT_IDS.subscriptionId, rg)]
  if (!group) return fail(r, 404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`)
  const sku = validSku(r, body.sku)
  if (!sku) return
  const key = name.toLowerCase()
  const existing = data.hsms[key]
  const p = body.properties
  const by = recordedIdentity(r)

  if (existing) {
    if (
      existing.subscriptionId !== DEFAULT_IDS.subscriptionId ||
      existing.resourceGroup.toLowerCase() !== rg.toLowerCase()
    ) {
      return fail(
        r,
        409,
        'ConflictError',
        `A managed HSM named '${name}' already exists. Managed HSM names are globally unique; choose a different name.`
      )
    }
    if (existing.location !== location) {
      return fail(
        r,
        400,
        'InvalidResourceLocation',
        `The resource '${existing.name}' already exists in location '${existing.location}' in resource group '${existing.resourceGroup}'. ` +
          `A resource with the same name cannot be created in location '${location}'. Please select a new resource name.`
      )
    }
    if (existing.sku.name !== sku.name)
      return fail(r, 400, 'BadRequest', 'The sku of an existing managed HSM cannot be changed.')
    const error = propertyErrors(p, existing)
    if (error) return fail(r, 400, 'BadRequest', error)
    if (!applyRegions(r, existing, p.regions)) return
    // PUT replaces: absent tags mean no tags.
    applyMutable(existing, p, body.tags ?? {}, by, body.identity, ctx.settings.networkRuleSeconds)
    ctx.state.save()
    const done = existing.provisioning.startedAt + existing.provisioning.durationMs
    return accepted(r, 'update', existing, Math.max(Date.now(), done))
  }

  const deleted = data.deletedHsms[key]
  if (p.createMode !== undefined && p.createMode !== 'default' && p.createMode !== 'recover') {
    return fail(
      r,
      400,
      'BadRequest',
      `The value '${String(p.createMode)}' is not valid for property "createMode". Allowed values: default, recover.`
    )
  }
  if (p.createMode === 'recover') {
    if (!deleted || deleted.hsm.subscriptionId !== DEFAULT_IDS.subscriptionId) {
      return fail(
        r,
        404,
        'NotFound',
        `No deleted managed HSM named '${name}' was found in subscription '${DEFAULT_IDS.subscriptionId}' to recover.`
      )
    }
    if (deleted.hsm.location !== location) {
      return fail(
        r,
        400,
        'BadRequest',
        `The deleted managed HSM '${name}' is in location '${deleted.hsm.location}'; it can only be recovered there.`
      )
    }
    const now = Date.now()
    const hsm: HsmRecord = {
      ...deleted.hsm,
      resourceGroup: group.name,
      tags: body.tags ?? deleted.hsm.tags,
      ...(body.identity ? { identity: body.identity } : {}),
      lastModifiedBy: by.by,
      lastModifiedByType: by.type,
      lastModifiedAt: now,
      provisioning: newProvisioning(r, now)
    }
    delete data.deletedHsms[key]
    data.hsms[key] = hsm
    ctx.state.save()
    return accepted(r, 'create', hsm, now + hsm.provisioning.durationMs)
  }
  if (deleted) {
    return fail(
      r,
      409,
      'ConflictError',
      'A KV MHSM with the same name already exists in deleted state. You need to either recover or purge existing KV MHSM.'
    )
  }
  if (p.tenantId === undefined) return fail(r, 400, 'BadRequest', 'The property "tenantId" is required.')
  const error = propertyErrors(p)
  if (error) return fail(r, 400, 'BadRequest', error)
  const admins = p.initialAdminObjectIds
  if (
    !Array.isArray(admins) ||
    admins.length === 0 ||
    !admins.every(a => typeof a === 'string' && GUID.test(a))
  ) {
    return fail(
      r,
      400,
      'BadRequest',
      'The property "initialAdminObjectIds" must list at least one object id (GUID).'
    )
  }
  const now = Date.now()
  const hsm: HsmRecord = {
    name,
    subscriptionId: DEFAULT_IDS.subscriptionId,
    resourceGroup: group.name,
    location,
    sku,
    tags: body.tags ?? {},
    properties: {
      tenantId: String(p.tenantId).toLowerCase(),
      initialAdminObjectIds: admins as string[],
      enableSoftDelete: true,
      softDeleteRetentionInDays:
        typeof p.softDeleteRetentionInDays === 'number' ? p.softDeleteRetentionInDays : 90,
      // The spec's default is true, but real HSMs created without the field report false (notes §1.5).
      enablePurgeProtection: p.enablePurgeProtection === true,
      publicNetworkAccess: typeof p.publicNetworkAccess === 'string' ? p.publicNetworkAccess : 'Enabled',
      networkAcls: normalizeAcls(p.networkAcls)
    },
    createdBy: by.by,
    createdByType: by.type,
    createdAt: now,
    lastModifiedBy: by.by,
    lastModifiedByType: by.type,
    lastModifiedAt: now,
    provisioning: newProvisioning(r, now),
    activation: { status: 'NotActivated' },
    ...(body.identity ? { identity: body.identity } : {})
  }
  data.hsms[key] = hsm
  ctx.state.save()
  accepted(r, 'create', hsm, now + hsm.provisioning.durationMs)
}

export function findInGroup(r: ArmRequest, rg: string, name: string): HsmRecord | undefined {
  const hsm = r.ctx.state.data.hsms[name.toLowerCase()]
  if (
    hsm &&
    hsm.subscriptionId === DEFAULT_IDS.subscriptionId &&
    hsm.resourceGroup.toLowerCase() === rg.toLowerCase()
  )
    return hsm
  return undefined
}

export function notFound(r: ArmRequest, rg: string, name: string): void {
  if (!r.ctx.state.data.resourceGroups[rgKey(DEFAULT_IDS.subscriptionId, rg)]) {
    return fail(r, 404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`)
  }
  fail(
    r,
    404,
    'ResourceNotFound',
    `The Resource '${TYPE}/${name}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`
  )
}

export function patch(r: ArmRequest, rg: string, name: string): void {
  const hsm = findInGroup(r, rg, name)
  if (!hsm) return notFound(r, rg, name)
  const body = parseBody(r)
  if (!body) return
  if (body.location !== undefined && normalizeLocation(body.location) !== hsm.location) {
    return fail(r, 400, 'BadRequest', 'The location of an existing managed HSM cannot be changed.')
  }
  if (body.sku !== undefined) {
    const sku = validSku(r, body.sku)
    if (!sku) return
    if (sku.name !== hsm.sku.name)
      return fail(r, 400, 'BadRequest', 'The sku of an existing managed HSM cannot be changed.')
  }
  const error = propertyErrors(body.properties, hsm)
  if (error) return fail(r, 400, 'BadRequest', error)
  const busy = busyRegion(hsm)
  if (busy && Object.keys(body.properties).some(k => k !== 'regions')) {
    return fail(
      r,
      409,
      'Conflict',
      `The region '${busy.name}' of managed HSM '${hsm.name}' is ${regionState(busy)}; wait until it is Succeeded before changing the managed HSM.`
    )
  }
  if (!applyRegions(r, hsm, body.properties.regions)) return
  applyMutable(
    hsm,
    body.properties,
    body.tags,
    recordedIdentity(r),
    body.identity,
    r.ctx.settings.networkRuleSeconds
  )
  r.ctx.state.save()
  accepted(r, 'update', hsm, Date.now())
}
