/**
 * Microsoft.Compute/diskEncryptionSets on ARM, from the REST spec (azure-rest-api-specs DiskRP 2025-01-02,
 * diskEncryptionSet.json and its examples) for paths, bodies and enums, and from recorded live traffic for the
 * long-running answers (disk-operations.ts cites the recordings): PUT (create or replace), PATCH and DELETE
 * answer 202 with `Azure-AsyncOperation` and `Location` on a DiskOperations URL; a write's 202 body is the
 * request echoed with `provisioningState: Updating` and no `principalId` yet; the set reads `Updating` until
 * the operation ends; a deleted set is gone then (DELETE answers 204 when already gone).
 *
 * The set's system-assigned identity gets a fresh object id that Microsoft Graph lists and the Managed HSM's
 * local RBAC can be granted to. A write that changes the key of an existing set checks, as Azure does, that
 * the identity may read, wrap and unwrap that key, and fails with KeyVaultAccessForbidden otherwise. Creation
 * itself is not checked: a new system-assigned identity cannot hold a grant yet (the documented order is
 * create the set, then grant its identity).
 */
import { randomUUID } from 'node:crypto'
import { isRecord, parseJsonBody } from '../../core/http.js'
import { DEFAULT_IDS } from '../../core/state.js'
import { findHsmByHost } from '../managed-hsm/records.js'
import { rgKey } from '../arm/resource-groups.js'
import type { DiskEncryptionSetRecord } from './records.js'
import { fail, normalizeLocation, reply, type ArmRequest } from '../arm/common.js'
import { permitted } from '../managed-hsm/rbac/authorize.js'
import { mhsmStore } from '../managed-hsm/store.js'
import { handleDiskOperation, startDiskOperation } from './disk-operations.js'

const TYPE = 'Microsoft.Compute/diskEncryptionSets'
export const ENCRYPTION_TYPES = [
  'EncryptionAtRestWithCustomerKey',
  'EncryptionAtRestWithPlatformAndCustomerKeys',
  'ConfidentialVmEncryptedWithCustomerKey'
]
/** How long a write or delete takes here (real ones take seconds to a minute: unverified). */
const OPERATION_MS = 1000
const KEY_ACTIONS = ['keys/read/action', 'keys/wrap/action', 'keys/unwrap/action'].map(
  a => `Microsoft.KeyVault/managedHsm/${a}`
)

const sets = (r: ArmRequest): Record<string, DiskEncryptionSetRecord> =>
  (r.ctx.state.data.diskEncryptionSets ??= {})
const setKey = (rg: string, name: string): string => rgKey(DEFAULT_IDS.subscriptionId, `${rg}/${name}`)

export function desId(d: DiskEncryptionSetRecord): string {
  return `/subscriptions/${d.subscriptionId}/resourceGroups/${d.resourceGroup}/providers/${TYPE}/${d.name}`
}

function desJson(d: DiskEncryptionSetRecord, now = Date.now()): Record<string, unknown> {
  const pending = d.pending && now < d.pending.until
  return {
    id: desId(d),
    name: d.name,
    type: TYPE,
    location: d.location,
    tags: d.tags,
    identity: { type: 'SystemAssigned', principalId: d.principalId, tenantId: DEFAULT_IDS.tenantId },
    properties: {
      activeKey: { keyUrl: d.keyUrl, ...(d.sourceVaultId ? { sourceVault: { id: d.sourceVaultId } } : {}) },
      encryptionType: d.encryptionType,
      ...(d.rotationToLatestKeyVersionEnabled ? { rotationToLatestKeyVersionEnabled: true } : {}),
      previousKeys: d.previousKeys.map(keyUrl => ({ keyUrl })),
      provisioningState: pending ? 'Updating' : 'Succeeded',
      ...(d.lastKeyRotationTimestamp ? { lastKeyRotationTimestamp: d.lastKeyRotationTimestamp } : {}),
      ...(d.autoKeyRotationError ? { autoKeyRotationError: d.autoKeyRotationError } : {})
    }
  }
}

/** A deleted set disappears once its delete operation has run. */
function sweep(r: ArmRequest): void {
  const all = sets(r)
  for (const [k, d] of Object.entries(all))
    if (d.pending?.kind === 'delete' && Date.now() >= d.pending.until) delete all[k]
}

function find(r: ArmRequest, rg: string, name: string): DiskEncryptionSetRecord | undefined {
  const d = sets(r)[setKey(rg, name)]
  return d && d.pending?.kind !== 'delete' ? d : undefined
}

/** `https://{hsm}.managedhsm.azure.net/keys/{name}/{version}`: the spec requires the version. */
const KEY_URL =
  /^https:\/\/([a-z0-9-]+\.(?:managedhsm|vault)\.azure\.net)(?::443)?\/keys\/([0-9a-zA-Z-]{1,127})\/([0-9a-f]{32})\/?$/i

/** Answers the error and returns false when the set's identity may not use the key (unverified wording). */
function keyAccessible(r: ArmRequest, d: DiskEncryptionSetRecord, keyUrl: string): boolean {
  const m = KEY_URL.exec(keyUrl)
  const hsm = m ? findHsmByHost(r.ctx.state, m[1]) : undefined
  const allowed =
    !!hsm &&
    !!m &&
    KEY_ACTIONS.every(a => permitted(mhsmStore(r.ctx).hsm(hsm), d.principalId, a, `/keys/${m[2]}`))
  if (allowed) return true
  fail(
    r,
    400,
    'KeyVaultAccessForbidden',
    `Unable to access key vault resource '${keyUrl}' to enable encryption at rest. Please grant get, wrap and ` +
      `unwrap key permissions to disk encryption set '${d.name}'. Please visit https://aka.ms/keyvaultaccessssecmk for more information.`
  )
  return false
}

interface Desired {
  encryptionType?: string
  keyUrl?: string
  sourceVaultId?: string
  rotation?: boolean
  identityType?: string
  location?: string
  tags?: Record<string, string>
}

/** Reads and checks a PUT or PATCH body; answers 400 and returns undefined when it is not acceptable. */
function parse(r: ArmRequest, requireAll: boolean): Desired | undefined {
  const body = parseJsonBody(r.ex.body)
  const bad = (message: string, code = 'InvalidParameter'): undefined => {
    fail(r, 400, code, message)
    return undefined
  }
  if (body instanceof Error || !isRecord(body))
    return bad('The request content was invalid and could not be deserialized.', 'InvalidRequestContent')
  const props = isRecord(body.properties) ? body.properties : {}
  const activeKey = isRecord(props.activeKey) ? props.activeKey : undefined
  const identity = isRecord(body.identity) ? body.identity : undefined
  const out: Desired = {
    encryptionType: typeof props.encryptionType === 'string' ? props.encryptionType : undefined,
    keyUrl: typeof activeKey?.keyUrl === 'string' ? activeKey.keyUrl : undefined,
    sourceVaultId:
      isRecord(activeKey?.sourceVault) && typeof activeKey.sourceVault.id === 'string'
        ? activeKey.sourceVault.id
        : undefined,
    rotation:
      typeof props.rotationToLatestKeyVersionEnabled === 'boolean'
        ? props.rotationToLatestKeyVersionEnabled
        : undefined,
    identityType: typeof identity?.type === 'string' ? identity.type : undefined,
    location: typeof body.location === 'string' ? body.location : undefined,
    tags: isRecord(body.tags) ? (body.tags as Record<string, string>) : undefined
  }
  if (requireAll && !out.location)
    return bad('The location property is required for this definition.', 'LocationRequired')
  if (requireAll && !out.keyUrl) return bad("Required parameter 'activeKey.keyUrl' is missing (null).")
  if (requireAll && out.identityType !== 'SystemAssigned')
    return bad("Only identity type 'SystemAssigned' is supported for new disk encryption sets.")
  if (out.encryptionType !== undefined && !ENCRYPTION_TYPES.includes(out.encryptionType))
    return bad(
      `The value '${out.encryptionType}' of parameter 'encryptionType' is not valid. Allowed values: ${ENCRYPTION_TYPES.join(', ')}.`
    )
  if (out.keyUrl !== undefined && !KEY_URL.test(out.keyUrl))
    return bad(
      `The key URL '${out.keyUrl}' is not valid. A fully versioned key URL is required, e.g. https://{vault}/keys/{name}/{version}.`
    )
  return out
}

function write(r: ArmRequest, rg: string, name: string, patchOnly: boolean): void {
  const existing = find(r, rg, name)
  if (patchOnly && !existing) return notFound(r, rg, name)
  if (!r.ctx.state.data.resourceGroups[rgKey(DEFAULT_IDS.subscriptionId, rg)])
    return fail(r, 404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`)
  if (!/^[a-zA-Z0-9_-]{1,80}$/.test(name))
    return fail(r, 400, 'InvalidParameter', `The disk encryption set name '${name}' is not valid.`)
  const want = parse(r, !existing)
  if (!want) return
  const type = want.encryptionType ?? existing?.encryptionType ?? 'EncryptionAtRestWithCustomerKey'
  const rotation = want.rotation ?? (patchOnly ? existing?.rotationToLatestKeyVersionEnabled : false) ?? false
  if (rotation && type === 'ConfidentialVmEncryptedWithCustomerKey')
    return fail(
      r,
      400,
      'InvalidParameter',
      'Automatic key rotation (rotationToLatestKeyVersionEnabled) is not supported for disk encryption sets of type ConfidentialVmEncryptedWithCustomerKey.'
    )
  if (existing && want.location && normalizeLocation(want.location) !== existing.location)
    return fail(
      r,
      400,
      'InvalidParameter',
      'The location of an existing disk encryption set cannot be changed.'
    )
  const record: DiskEncryptionSetRecord = existing ?? {
    name,
    subscriptionId: DEFAULT_IDS.subscriptionId,
    resourceGroup: r.ctx.state.data.resourceGroups[rgKey(DEFAULT_IDS.subscriptionId, rg)].name,
    location: normalizeLocation(want.location ?? ''),
    tags: {},
    principalId: randomUUID(),
    encryptionType: type,
    keyUrl: want.keyUrl ?? '',
    rotationToLatestKeyVersionEnabled: false,
    previousKeys: []
  }
  const keyUrl = want.keyUrl ?? record.keyUrl
  if (
    existing &&
    keyUrl.toLowerCase() !== existing.keyUrl.toLowerCase() &&
    !keyAccessible(r, existing, keyUrl)
  )
    return
  if (existing && keyUrl.toLowerCase() !== existing.keyUrl.toLowerCase())
    record.lastKeyRotationTimestamp = new Date().toISOString()
  record.keyUrl = keyUrl
  record.encryptionType = type
  record.rotationToLatestKeyVersionEnabled = rotation
  if (want.sourceVaultId !== undefined) record.sourceVaultId = want.sourceVaultId
  // PUT replaces the tags; PATCH changes them only when it names them.
  if (!patchOnly || want.tags !== undefined) record.tags = want.tags ?? {}
  record.pending = { until: Date.now() + OPERATION_MS, kind: 'write' }
  sets(r)[setKey(rg, name)] = record
  const headers = startDiskOperation(r, 'write', record.location, setKey(rg, name), OPERATION_MS)
  r.ctx.state.save()
  reply(r, 202, accepted(r), headers)
}

/**
 * A write's 202 body as recorded: the request's location, tags, identity type and properties echoed with
 * `provisioningState: Updating`; no id, name, type, nor the identity's principalId (it appears in the
 * operation's output and on the set).
 */
function accepted(r: ArmRequest): Record<string, unknown> {
  const body = parseJsonBody(r.ex.body)
  const sent = isRecord(body) ? body : {}
  const identity = isRecord(sent.identity) ? { type: sent.identity.type } : undefined
  const props = isRecord(sent.properties) ? sent.properties : {}
  return {
    ...(sent.location !== undefined ? { location: sent.location } : {}),
    ...(sent.tags !== undefined ? { tags: sent.tags } : {}),
    ...(identity ? { identity } : {}),
    properties: { ...props, provisioningState: 'Updating' }
  }
}

function notFound(r: ArmRequest, rg: string, name: string): void {
  if (!r.ctx.state.data.resourceGroups[rgKey(DEFAULT_IDS.subscriptionId, rg)])
    return fail(r, 404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`)
  fail(
    r,
    404,
    'ResourceNotFound',
    `The Resource '${TYPE}/${name}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`
  )
}

function remove(r: ArmRequest, rg: string, name: string): void {
  const d = find(r, rg, name)
  if (!d) return reply(r, 204)
  d.pending = { until: Date.now() + OPERATION_MS, kind: 'delete' }
  const headers = startDiskOperation(r, 'delete', d.location, setKey(rg, name), OPERATION_MS)
  r.ctx.state.save()
  reply(r, 202, undefined, headers)
}

/** Every set's identity, for Microsoft Graph's service principal list. */
export function desIdentities(
  all: Record<string, DiskEncryptionSetRecord> | undefined
): DiskEncryptionSetRecord[] {
  return Object.values(all ?? {}).filter(d => d.pending?.kind !== 'delete' || Date.now() < d.pending.until)
}

/**
 * /subscriptions/{sub}/providers/Microsoft.Compute/diskEncryptionSets: every set of the subscription
 * (DiskEncryptionSets_List in diskEncryptionSet.json, 2025-01-02: `{ value, nextLink? }`).
 */
function listSubscription(r: ArmRequest): boolean {
  const { lower, ex } = r
  if (!(
    lower.length === 5 &&
    lower[2] === 'providers' &&
    lower[3] === 'microsoft.compute' &&
    lower[4] === 'diskencryptionsets'
  ))
    return false
  sweep(r)
  if (ex.method !== 'GET')
    fail(r, 405, 'MethodNotAllowed', `The HTTP method '${ex.method}' is not supported.`)
  else
    reply(r, 200, {
      value: Object.values(sets(r))
        .filter(d => d.pending?.kind !== 'delete')
        .map(d => desJson(d))
    })
  return true
}

/**
 * /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/diskEncryptionSets[/{name}] and the
 * subscription's list; returns false when the path is not one of these.
 */
export function handleDiskEncryptionSets(r: ArmRequest): boolean {
  const { lower, segs, ex } = r
  if (listSubscription(r)) return true
  if (
    handleDiskOperation(r, key => {
      const d = sets(r)[key]
      return d ? desJson(d) : undefined
    })
  )
    return true
  if (!(
    lower[2] === 'resourcegroups' &&
    lower[5] === 'microsoft.compute' &&
    lower[6] === 'diskencryptionsets'
  ))
    return false
  sweep(r)
  const rg = segs[3]
  if (lower.length === 7) {
    if (ex.method !== 'GET')
      fail(r, 405, 'MethodNotAllowed', `The HTTP method '${ex.method}' is not supported.`)
    else
      reply(r, 200, {
        value: Object.values(sets(r))
          .filter(d => d.resourceGroup.toLowerCase() === rg.toLowerCase() && d.pending?.kind !== 'delete')
          .map(d => desJson(d))
      })
    return true
  }
  if (lower.length !== 8) return false
  const name = segs[7]
  if (ex.method === 'PUT') write(r, rg, name, false)
  else if (ex.method === 'PATCH') write(r, rg, name, true)
  else if (ex.method === 'DELETE') remove(r, rg, name)
  else if (ex.method === 'GET') {
    const d = find(r, rg, name)
    if (d) reply(r, 200, desJson(d))
    else notFound(r, rg, name)
  } else fail(r, 405, 'MethodNotAllowed', `The HTTP method '${ex.method}' is not supported.`)
  return true
}
