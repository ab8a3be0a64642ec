/**
 * Full HSM backup and restore on the emulated Managed HSM: the recorded shapes (202, azure-asyncoperation
 * without api-version, null fields, InProgress then Succeeded with the folder URI), the folder written into
 * the emulated Blob container, the user-assigned identity's Blob role, one job at a time, the data plane
 * refused during a restore, a restore into an HSM with another security domain failing, the Failed variant
 * through the control API, and the 7.6 pre-checks.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { runClient } from './helpers.js'
import {
  activateByHook,
  activeHsmForKeys,
  createHsm,
  dataPlane,
  keyOps,
  type DataResult
} from './mhsm-helpers.js'

let emu: RunningEmulator
const HSM = 'bk-hsm'
const OTHER = 'bk-other'
const V = 'api-version=7.5'
const UAI = (sub: string): string =>
  `/subscriptions/${sub}/resourceGroups/rg-skr-demo/providers/Microsoft.ManagedIdentity/userAssignedIdentities/hsm-backup`
let container = ''
let principalId = ''

const backupBody = (): Record<string, unknown> => ({
  storageResourceUri: container,
  useManagedIdentity: true
})
const restoreBody = (folder: string): Record<string, unknown> => ({
  sasTokenParameters: { storageResourceUri: container, useManagedIdentity: true },
  folderToRestore: folder
})

async function attachIdentity(name: string): Promise<string> {
  const out = await runClient<{
    hsm?: { identity?: { userAssignedIdentities?: Record<string, { principalId: string }> } }
  }>(emu.info, 'hsm-update', {
    name,
    patch: {
      identity: { type: 'UserAssigned', userAssignedIdentities: { [UAI(emu.info.subscriptionId)]: {} } }
    }
  })
  const ids = Object.values(out.hsm?.identity?.userAssignedIdentities ?? {})
  expect(ids).toHaveLength(1)
  return ids[0].principalId
}

/** Lets the HSMs' identity write to the demo container (the account's writers list), or takes it away. */
async function grantStorage(write: boolean): Promise<void> {
  await emu.control(`/storage/accounts/${emu.info.storageAccountUrl.split('//')[1].split('.')[0]}`, {
    method: 'PUT',
    body: JSON.stringify({ writers: [emu.info.principalId, ...(write ? [principalId] : [])] })
  })
}

/** Polls a job's pending URL (as the first 202 named it) until it ends. */
async function until(name: string, pendingPath: string): Promise<DataResult> {
  for (let i = 0; i < 50; i++) {
    const [res] = await dataPlane(emu, name, [{ path: pendingPath, waitMs: i ? 200 : 0 }])
    if (res.body?.status !== 'InProgress') return res
  }
  throw new Error('job did not end')
}

const pathOf = (url: string | undefined): string => new URL(String(url)).pathname

beforeAll(async () => {
  emu = await startEmulator({ provisioningSeconds: 0, backupSeconds: 0 })
  container = `${emu.info.storageAccountUrl}/${emu.info.storageContainer}`
  await activeHsmForKeys(emu, HSM, '1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7081')
  principalId = await attachIdentity(HSM)
  const [k] = await keyOps(emu, HSM, [{ op: 'createRsaKey', key: 'bk-key', size: 2048, exportable: false }])
  expect(k.ok).toBe(true)
})
afterAll(async () => {
  await emu?.stop()
})

describe('the HSM resource', () => {
  it('keeps a user-assigned identity and reports its principal id', async () => {
    const out = await runClient<{ hsm: { identity?: { type: string } } }>(emu.info, 'hsm-get', { name: HSM })
    expect(out.hsm.identity?.type).toBe('UserAssigned')
    expect(principalId).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('full backup', () => {
  it('fails at once, naming the missing Blob role, when the identity may not write to the container', async () => {
    await grantStorage(false)
    const [res] = await dataPlane(emu, HSM, [{ method: 'POST', path: `/backup?${V}`, body: backupBody() }])
    expect(res.status).toBe(202)
    expect(res.body).toMatchObject({ status: 'Failed', error: { code: 'AuthorizationPermissionMismatch' } })
    expect(res.body.error.message).toContain('Storage Blob Data Contributor')
  })

  it('answers 202 InProgress with nulls, then Succeeded with the folder, one job at a time', async () => {
    await grantStorage(true)
    await emu.setSettings({ backupSeconds: 1.5 })
    try {
      const [first, second] = await dataPlane(emu, HSM, [
        { method: 'POST', path: `/backup?${V}`, body: backupBody() },
        { method: 'POST', path: `/backup?${V}`, body: backupBody() }
      ])
      expect(first.status).toBe(202)
      expect(first.body).toEqual({
        status: 'InProgress',
        statusDetails: null,
        error: null,
        startTime: expect.any(Number),
        endTime: null,
        jobId: expect.stringMatching(/^[0-9a-f]{32}$/),
        azureStorageBlobContainerUri: null
      })
      const op = String(first.headers['azure-asyncoperation'])
      expect(op).toBe(`https://${HSM}.managedhsm.azure.net/backup/${first.body.jobId}/pending`)
      expect(Number(first.headers['retry-after'])).toBeGreaterThan(0)
      expect(second.status).toBe(409)
      const [polled] = await dataPlane(emu, HSM, [{ path: `${pathOf(op)}?${V}` }])
      expect(polled.body.status).toBe('InProgress')
      const done = await until(HSM, `${pathOf(op)}?${V}`)
      expect(done.body).toMatchObject({ status: 'Succeeded', error: null, jobId: first.body.jobId })
      expect(done.body.endTime).toBeGreaterThanOrEqual(done.body.startTime)
      const folder = String(done.body.azureStorageBlobContainerUri)
      expect(folder).toMatch(new RegExp(`^${container}/mhsm-${HSM}-\\d{16}$`))
      const blob = await fetch(
        `${emu.info.controlUrl}/peek/blobs/${folder.replace(/^https:\/\/([^.]+)\.[^/]+\//, '$1/')}/backup.blob`
      )
      expect(blob.status).toBe(200)
      // Sealed: the key's name is not readable in the folder.
      expect(await blob.text()).not.toContain('bk-key')
    } finally {
      await emu.setSettings({ backupSeconds: 0 })
    }
  })

  it('ends the next job in Failed when the control API asks for it', async () => {
    await emu.setSettings({ failNextBackupJob: { code: 'InternalError', message: 'injected' } })
    const [res] = await dataPlane(emu, HSM, [{ method: 'POST', path: `/backup?${V}`, body: backupBody() }])
    const done = await until(HSM, `${pathOf(res.headers['azure-asyncoperation'])}?${V}`)
    expect(done.body).toMatchObject({
      status: 'Failed',
      statusDetails: 'injected',
      error: { code: 'InternalError' }
    })
    expect(done.body.azureStorageBlobContainerUri).toBeNull()
  })

  it('serves prebackup from api-version 7.6 only, writing nothing', async () => {
    const [old, pre] = await dataPlane(emu, HSM, [
      { method: 'POST', path: `/prebackup?${V}`, body: backupBody() },
      { method: 'POST', path: '/prebackup?api-version=7.6', body: backupBody() }
    ])
    expect(old.status).toBe(400)
    expect(pre.status).toBe(202)
    const done = await until(HSM, `${pathOf(pre.headers['azure-asyncoperation'])}?api-version=7.6`)
    expect(done.body).toMatchObject({ status: 'Succeeded', azureStorageBlobContainerUri: null })
  })
})

describe('full restore', () => {
  let folder = ''
  beforeAll(async () => {
    const [res] = await dataPlane(emu, HSM, [{ method: 'POST', path: `/backup?${V}`, body: backupBody() }])
    const done = await until(HSM, `${pathOf(res.headers['azure-asyncoperation'])}?${V}`)
    folder = String(done.body.azureStorageBlobContainerUri).split('/').pop() ?? ''
  })

  it('brings a deleted key back, refusing the data plane while it runs', async () => {
    const [del] = await keyOps(emu, HSM, [{ op: 'deleteKey', key: 'bk-key' }])
    expect(del.ok).toBe(true)
    await emu.setSettings({ backupSeconds: 1 })
    try {
      const [start, during] = await dataPlane(emu, HSM, [
        { method: 'PUT', path: `/restore?${V}`, body: restoreBody(folder) },
        { path: `/keys?${V}` }
      ])
      expect(start.status).toBe(202)
      expect(start.body).toMatchObject({
        status: 'InProgress',
        statusDetails: null,
        error: null,
        endTime: null
      })
      expect(start.body).not.toHaveProperty('azureStorageBlobContainerUri')
      expect(String(start.headers['azure-asyncoperation'])).toBe(
        `https://${HSM}.managedhsm.azure.net/restore/${start.body.jobId}/pending`
      )
      expect(during.status).toBe(409)
      const done = await until(HSM, `/restore/${start.body.jobId}/pending?${V}`)
      expect(done.body.status).toBe('Succeeded')
    } finally {
      await emu.setSettings({ backupSeconds: 0 })
    }
    const [got] = await keyOps(emu, HSM, [{ op: 'getKey', key: 'bk-key' }])
    expect(got.ok).toBe(true)
  })

  it('restores one key selectively only once it is purged, and only a key the folder holds', async () => {
    const body = {
      sasTokenParameters: { storageResourceUri: container, useManagedIdentity: true },
      folder
    }
    const [present, absent] = await dataPlane(emu, HSM, [
      { method: 'PUT', path: `/keys/bk-key/restore?${V}`, body },
      { method: 'PUT', path: `/keys/no-such-key/restore?${V}`, body }
    ])
    expect(present.status).toBe(409)
    expect(absent.status).toBe(202)
    expect(String(absent.headers['azure-asyncoperation'])).toMatch(/\/restore\/[0-9a-f]{32}\/pending$/)
    expect(absent.body).toMatchObject({ status: 'Failed', error: { code: 'KeyNotFound' } })
  })

  it('fails into an HSM that holds another security domain', async () => {
    await createHsm(emu, OTHER)
    await activateByHook(emu, OTHER)
    await attachIdentity(OTHER)
    const [backup] = await dataPlane(emu, OTHER, [
      { method: 'POST', path: `/backup?${V}`, body: backupBody() }
    ])
    expect((await until(OTHER, `${pathOf(backup.headers['azure-asyncoperation'])}?${V}`)).body.status).toBe(
      'Succeeded'
    )
    const [start] = await dataPlane(emu, OTHER, [
      { method: 'PUT', path: `/restore?${V}`, body: restoreBody(folder) }
    ])
    expect(start.status).toBe(202)
    const done = await until(OTHER, `/restore/${start.body.jobId}/pending?${V}`)
    expect(done.body).toMatchObject({ status: 'Failed', error: { code: 'SecurityDomainMismatch' } })
    expect(done.body.error.message).toContain('same security domain')
  })

  it('refuses a restore into an HSM that has no full backup of its own', async () => {
    const fresh = 'bk-fresh'
    await createHsm(emu, fresh)
    await activateByHook(emu, fresh)
    await attachIdentity(fresh)
    const [start] = await dataPlane(emu, fresh, [
      { method: 'PUT', path: `/restore?${V}`, body: restoreBody(folder) }
    ])
    expect(start.body).toMatchObject({ status: 'Failed', error: { code: 'BackupRequired' } })
  })
})
