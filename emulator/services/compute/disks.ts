/**
 * Microsoft.Compute/disks on ARM, as far as teardown needs them: which disks a Disk Encryption Set encrypts.
 * From the REST spec (azure-rest-api-specs DiskRP 2025-01-02, disk.json and its examples): Disks_List
 * (`GET /subscriptions/{sub}/providers/Microsoft.Compute/disks`, `{ value, nextLink? }`), Disks_ListByResourceGroup,
 * Disks_Get, Disks_CreateOrUpdate (a disk encrypted with a set names it in properties.encryption
 * .diskEncryptionSetId, Disk_Create_WithDiskEncryptionSet.json; a confidential VM's disk in
 * properties.securityProfile.secureVMDiskEncryptionSetId, Disk_Create_ConfidentialVMSupportedDiskEncryptedWithCMK.json)
 * and Disks_Delete. A PUT is answered 200 with the disk Succeeded (the spec allows 200 or 202; the emulator
 * does not model the long-running form). Nothing about the disk's data, size or image is checked.
 */
import { isRecord, parseJsonBody } from '../../core/http.js'
import { DEFAULT_IDS } from '../../core/state.js'
import { rgKey } from '../arm/resource-groups.js'
import type { DiskRecord } from './records.js'
import { fail, normalizeLocation, reply, type ArmRequest } from '../arm/common.js'

const TYPE = 'Microsoft.Compute/disks'

const disks = (r: ArmRequest): Record<string, DiskRecord> => (r.ctx.state.data.disks ??= {})
const diskKey = (rg: string, name: string): string => rgKey(DEFAULT_IDS.subscriptionId, `${rg}/${name}`)

function diskJson(d: DiskRecord): Record<string, unknown> {
  return {
    id: `/subscriptions/${d.subscriptionId}/resourceGroups/${d.resourceGroup}/providers/${TYPE}/${d.name}`,
    name: d.name,
    type: TYPE,
    location: d.location,
    ...(Object.keys(d.tags).length ? { tags: d.tags } : {}),
    ...(d.managedBy ? { managedBy: d.managedBy } : {}),
    properties: { ...d.properties, timeCreated: d.timeCreated, provisioningState: 'Succeeded' }
  }
}

function put(r: ArmRequest, rg: string, name: string): void {
  const group = r.ctx.state.data.resourceGroups[rgKey(DEFAULT_IDS.subscriptionId, rg)]
  if (!group) return fail(r, 404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`)
  const body = parseJsonBody(r.ex.body)
  if (body instanceof Error || !isRecord(body))
    return fail(
      r,
      400,
      'InvalidRequestContent',
      'The request content was invalid and could not be deserialized.'
    )
  if (typeof body.location !== 'string' || !body.location)
    return fail(r, 400, 'LocationRequired', 'The location property is required for this definition.')
  const existing = disks(r)[diskKey(rg, name)]
  const record: DiskRecord = {
    name: existing?.name ?? name,
    subscriptionId: DEFAULT_IDS.subscriptionId,
    resourceGroup: group.name,
    location: normalizeLocation(body.location),
    tags: isRecord(body.tags) ? (body.tags as Record<string, string>) : {},
    managedBy: typeof body.managedBy === 'string' ? body.managedBy : existing?.managedBy,
    properties: isRecord(body.properties) ? { ...body.properties } : {},
    timeCreated: existing?.timeCreated ?? new Date().toISOString()
  }
  disks(r)[diskKey(rg, name)] = record
  r.ctx.state.save()
  reply(r, 200, diskJson(record))
}

/**
 * /subscriptions/{sub}/providers/Microsoft.Compute/disks and
 * /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/disks[/{name}]; false for other paths.
 */
export function handleDisks(r: ArmRequest): boolean {
  const { lower, segs, ex } = r
  const all = (filter: (d: DiskRecord) => boolean): void =>
    ex.method !== 'GET'
      ? fail(r, 405, 'MethodNotAllowed', `The HTTP method '${ex.method}' is not supported.`)
      : reply(r, 200, { value: Object.values(disks(r)).filter(filter).map(diskJson) })
  if (
    lower.length === 5 &&
    lower[2] === 'providers' &&
    lower[3] === 'microsoft.compute' &&
    lower[4] === 'disks'
  ) {
    all(() => true)
    return true
  }
  if (!(lower[2] === 'resourcegroups' && lower[5] === 'microsoft.compute' && lower[6] === 'disks'))
    return false
  const rg = segs[3]
  if (lower.length === 7) {
    all(d => d.resourceGroup.toLowerCase() === rg.toLowerCase())
    return true
  }
  if (lower.length !== 8) return false
  const name = segs[7]
  const found = disks(r)[diskKey(rg, name)]
  if (ex.method === 'PUT') put(r, rg, name)
  else if (ex.method === 'GET') {
    if (found) reply(r, 200, diskJson(found))
    else
      fail(
        r,
        404,
        'ResourceNotFound',
        `The Resource '${TYPE}/${name}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`
      )
  } else if (ex.method === 'DELETE') {
    if (!found) return (reply(r, 204), true)
    delete disks(r)[diskKey(rg, name)]
    r.ctx.state.save()
    reply(r, 200)
  } else fail(r, 405, 'MethodNotAllowed', `The HTTP method '${ex.method}' is not supported.`)
  return true
}
