/**
 * What the posture checks read, as the emulator serves it: the Managed HSM's settings on its data plane, the
 * escrow stores' protections on ARM (Key Vault purge protection, storage account shared-key and public blob
 * access, blob service versioning and soft delete, container immutability) and the HSM's diagnostic
 * settings; each changed the way a person would, with Azure's refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { requiredPermission } from '../../emulator/services/arm/authorization.js'
import { rawRequest, runClient, type RawResponse } from './helpers.js'
import {
  activateByHook,
  addPrincipal,
  API,
  assignmentBody,
  createHsm,
  dataPlane,
  ROLES
} from './mhsm-helpers.js'

let emu: RunningEmulator
let armToken: string
let group: string
const HSM = 'posture-emu'
const SETTING = 'AllowKeyManagementOperationsThroughARM'

beforeAll(async () => {
  emu = await startEmulator({ provisioningSeconds: 0 })
  armToken = (
    await runClient<{ token: string }>(emu.info, 'raw-token', {
      scope: 'https://management.azure.com/.default'
    })
  ).token
  group = `/subscriptions/${emu.info.subscriptionId}/resourceGroups/${emu.info.resourceGroup}`
  await createHsm(emu, HSM)
  await activateByHook(emu, HSM)
})
afterAll(async () => {
  await emu?.stop()
})

const arm = (method: string, path: string, apiVersion: string, body?: unknown): Promise<RawResponse> =>
  rawRequest(emu.info, `https://management.azure.com${path}?api-version=${apiVersion}`, {
    method,
    headers: { authorization: `Bearer ${armToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
const json = (r: RawResponse) => JSON.parse(r.body)

describe('Managed HSM settings (data plane)', () => {
  it('lists, gets and updates by name, string values of type boolean, off on a new HSM', async () => {
    const [list, one, bad, set, again, unknown] = await dataPlane(emu, HSM, [
      { path: `/settings?${API}` },
      { path: `/settings/${SETTING}?${API}` },
      { method: 'PATCH', path: `/settings/${SETTING}?${API}`, body: { value: 'True' } },
      { method: 'PATCH', path: `/settings/${SETTING}?${API}`, body: { value: 'true' } },
      { path: `/settings?${API}` },
      { path: `/settings/NoSuchSetting?${API}` }
    ])
    expect([list.status, list.body]).toEqual([
      200,
      { settings: [{ name: SETTING, value: 'false', type: 'boolean' }] }
    ])
    expect(one.body).toEqual({ name: SETTING, value: 'false', type: 'boolean' })
    expect([bad.status, bad.body.error.code]).toEqual([400, 'BadParameter'])
    expect([set.status, set.body]).toEqual([200, { name: SETTING, value: 'true', type: 'boolean' }])
    expect(again.body.settings[0].value).toBe('true')
    expect(unknown.status).toBe(404)
  })

  it('needs settings/read to read and settings/write to change: an auditor may do neither', async () => {
    const auditor = await addPrincipal(
      emu,
      '3d1c2b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      '4e2d3c5b-6f7a-4b8c-9d0e-1f2a3b4c5d6e'
    )
    const [grant] = await dataPlane(emu, HSM, [
      {
        method: 'PUT',
        path: `/providers/Microsoft.Authorization/roleAssignments/5f3e4d6c-7a8b-4c9d-8e0f-2a3b4c5d6e7f?${API}`,
        body: assignmentBody(auditor.principalId, ROLES.auditor)
      }
    ])
    expect(grant.status).toBe(201)
    const [read, write] = await dataPlane(
      emu,
      HSM,
      [
        { path: `/settings?${API}` },
        { method: 'PATCH', path: `/settings/${SETTING}?${API}`, body: { value: 'false' } }
      ],
      auditor
    )
    expect([read.status, read.body.error.code]).toEqual([403, 'AccessDenied'])
    expect(read.body.error.message).toMatch(/settings\/read\/action on \//)
    expect(write.status).toBe(403)
  })
})

describe('escrow stores on ARM', () => {
  it("a vault's purge protection: absent until turned on, never turned off (Azure's text)", async () => {
    const vault = `${group}/providers/Microsoft.KeyVault/vaults/kv-skr-escrow`
    const before = json(await arm('GET', vault, '2024-11-01'))
    expect(before.properties).toMatchObject({ enableSoftDelete: true, softDeleteRetentionInDays: 90 })
    expect(before.properties.enablePurgeProtection).toBeUndefined()
    const on = await arm('PATCH', vault, '2024-11-01', { properties: { enablePurgeProtection: true } })
    expect([on.status, json(on).properties.enablePurgeProtection]).toEqual([200, true])
    const off = await arm('PATCH', vault, '2024-11-01', { properties: { enablePurgeProtection: false } })
    expect(off.status).toBe(400)
    expect(json(off).error).toEqual({
      code: 'BadRequest',
      message:
        'The property "enablePurgeProtection" cannot be set to false. Enabling the purge protection for a vault is an irreversible action.'
    })
    // The subscription's list carries the same properties.
    const list = json(
      await arm(
        'GET',
        `/subscriptions/${emu.info.subscriptionId}/providers/Microsoft.KeyVault/vaults`,
        '2024-11-01'
      )
    )
    expect(
      list.value.find((v: { name: string }) => v.name === 'kv-skr-escrow').properties.enablePurgeProtection
    ).toBe(true)
  })

  it('a storage account: shared-key access (absent = allowed), blob service versioning and soft delete, container immutability', async () => {
    const account = `${group}/providers/Microsoft.Storage/storageAccounts/skrescrow`
    const before = json(await arm('GET', account, '2023-05-01'))
    expect(before.properties.allowBlobPublicAccess).toBe(false)
    expect(before.properties.allowSharedKeyAccess).toBeUndefined()
    const patched = json(
      await arm('PATCH', account, '2023-05-01', { properties: { allowSharedKeyAccess: false } })
    )
    expect(patched.properties.allowSharedKeyAccess).toBe(false)

    const service = `${account}/blobServices/default`
    const fresh = json(await arm('GET', service, '2023-05-01'))
    expect(fresh.properties.deleteRetentionPolicy).toEqual({ allowPermanentDelete: false, enabled: false })
    expect(fresh.properties.isVersioningEnabled).toBeUndefined()
    const badDays = await arm('PUT', service, '2023-05-01', {
      properties: { deleteRetentionPolicy: { enabled: true, days: 0 } }
    })
    expect(badDays.status).toBe(400)
    const set = json(
      await arm('PUT', service, '2023-05-01', {
        properties: { isVersioningEnabled: true, deleteRetentionPolicy: { enabled: true, days: 14 } }
      })
    )
    expect(set.properties).toMatchObject({
      isVersioningEnabled: true,
      deleteRetentionPolicy: { enabled: true, days: 14 }
    })
    // A later PUT changes only what it names.
    const versioningOff = json(
      await arm('PUT', service, '2023-05-01', { properties: { isVersioningEnabled: false } })
    )
    expect(versioningOff.properties).toMatchObject({
      isVersioningEnabled: false,
      deleteRetentionPolicy: { days: 14 }
    })

    const container = `${service}/containers/escrow`
    expect(json(await arm('GET', container, '2023-05-01')).properties.hasImmutabilityPolicy).toBe(false)
    const policy = await arm('PUT', `${container}/immutabilityPolicies/default`, '2023-05-01', {
      properties: { immutabilityPeriodSinceCreationInDays: 7 }
    })
    expect(json(policy).properties).toEqual({
      immutabilityPeriodSinceCreationInDays: 7,
      allowProtectedAppendWrites: false,
      state: 'Unlocked'
    })
    expect(json(await arm('GET', container, '2023-05-01')).properties.hasImmutabilityPolicy).toBe(true)
  })
})

describe('diagnostic settings of a Managed HSM', () => {
  it('PUT, GET, list and DELETE; an unknown category or no destination refused', async () => {
    const base = `${group}/providers/Microsoft.KeyVault/managedHSMs/${HSM}/providers/Microsoft.Insights/diagnosticSettings`
    expect(json(await arm('GET', base, '2021-05-01-preview'))).toEqual({ value: [] })
    const workspaceId = `${group}/providers/Microsoft.OperationalInsights/workspaces/ws`
    const bad = await arm('PUT', `${base}/audit`, '2021-05-01-preview', {
      properties: { workspaceId, logs: [{ category: 'NotACategory', enabled: true }] }
    })
    expect(bad.status).toBe(400)
    const nowhere = await arm('PUT', `${base}/audit`, '2021-05-01-preview', {
      properties: { workspaceId: '', logs: [{ category: 'AuditEvent', enabled: true }] }
    })
    expect(nowhere.status).toBe(400)
    const put = await arm('PUT', `${base}/audit`, '2021-05-01-preview', {
      properties: { workspaceId, logs: [{ categoryGroup: 'audit', enabled: true }] }
    })
    expect(put.status).toBe(200)
    expect(json(put)).toMatchObject({ name: 'audit', type: 'Microsoft.Insights/diagnosticSettings' })
    const list = json(await arm('GET', base, '2021-05-01-preview'))
    expect(list.value.map((s: { name: string; properties: unknown }) => [s.name, s.properties])).toEqual([
      ['audit', { workspaceId, logs: [{ categoryGroup: 'audit', enabled: true }] }]
    ])
    expect((await arm('DELETE', `${base}/audit`, '2021-05-01-preview')).status).toBe(200)
    expect(json(await arm('GET', base, '2021-05-01-preview'))).toEqual({ value: [] })
    const other = await arm(
      'GET',
      `${group}/providers/Microsoft.KeyVault/managedHSMs/no-such-hsm/providers/Microsoft.Insights/diagnosticSettings`,
      '2021-05-01-preview'
    )
    expect(other.status).toBe(404)
  })

  it('is checked as Microsoft.Insights/diagnosticSettings/read over the HSM (Reader grants it)', () => {
    const hsm = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/managedHSMs/h'
    const segs = `${hsm}/providers/microsoft.insights/diagnosticsettings`.split('/').filter(Boolean)
    expect(requiredPermission('GET', segs)).toEqual({
      action: 'Microsoft.Insights/diagnosticSettings/read',
      scope: `${hsm}/providers/microsoft.insights`
    })
  })
})
