/**
 * The replication lag of a multi-region Managed HSM (emulator/services/managed-hsm/replication.ts): with the
 * data plane served by the extended region (the `dataPlaneRegion` setting), a read does not show the key
 * versions and role assignments written less than `replicationLagSeconds` ago; the primary shows them at once,
 * and so does the extended region once the lag has passed. Answers name the serving region.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { rawRequest, runClient, sleep } from './helpers.js'
import { activeHsmForKeys, assignmentBody, ROLES } from './mhsm-helpers.js'

const HSM = 'repl-emu'
const REPLICA = 'northeurope'
const ASSIGNMENT = '6f3c5e1a-8b2d-4c7e-9a1f-0d2e3c4b5a69'
let emu: RunningEmulator
let armToken = ''
let hsmToken = ''

beforeAll(async () => {
  emu = await startEmulator({ provisioningSeconds: 0, activationSeconds: 0, regionSeconds: 0 })
  await activeHsmForKeys(emu, HSM, '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f')
  const token = async (scope: string) =>
    (await runClient<{ token: string }>(emu.info, 'raw-token', { scope })).token
  ;[armToken, hsmToken] = await Promise.all([
    token('https://management.azure.com/.default'),
    token('https://managedhsm.azure.net/.default')
  ])
}, 60_000)
afterAll(async () => {
  await emu?.stop()
})

const hsm = (path: string, method = 'GET', body?: unknown) =>
  rawRequest(
    emu.info,
    `https://${HSM}.managedhsm.azure.net${path}${path.includes('?') ? '&' : '?'}api-version=7.5`,
    {
      method,
      headers: { authorization: `Bearer ${hsmToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    }
  )
const versions = async (name: string) =>
  (JSON.parse((await hsm(`/keys/${name}/versions`)).body) as { value: Array<{ kid: string }> }).value.map(v =>
    v.kid.split('/').pop()
  )
const assignments = async () =>
  (
    JSON.parse((await hsm('/providers/Microsoft.Authorization/roleAssignments')).body) as {
      value: Array<{ name: string }>
    }
  ).value.map(a => a.name)

describe('the replication lag of a multi-region HSM', () => {
  it('the extended region does not show writes younger than the lag; the primary does', async () => {
    const extend = await rawRequest(
      emu.info,
      `https://management.azure.com/subscriptions/${emu.info.subscriptionId}/resourceGroups/${emu.info.resourceGroup}/providers/Microsoft.KeyVault/managedHSMs/${HSM}?api-version=2024-11-01`,
      {
        method: 'PATCH',
        headers: { authorization: `Bearer ${armToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ properties: { regions: [{ name: REPLICA }] } })
      }
    )
    expect(extend.status).toBe(202)
    // An old version first, then the lag starts to count.
    const first = JSON.parse(
      (await hsm('/keys/kek/create', 'POST', { kty: 'RSA-HSM', key_size: 2048 })).body
    ) as {
      key: { kid: string }
    }
    await emu.setSettings({ dataPlaneRegion: REPLICA, replicationLagSeconds: 3 })
    await sleep(4100)
    const rotated = JSON.parse((await hsm('/keys/kek/rotate', 'POST', {})).body) as { key: { kid: string } }
    const put = await hsm(
      `/providers/Microsoft.Authorization/roleAssignments/${ASSIGNMENT}`,
      'PUT',
      assignmentBody('9a8b7c6d-1e2f-4a3b-8c9d-0e1f2a3b4c5d', ROLES.auditor)
    )
    expect(put.status).toBe(201)
    const [oldV, newV] = [first.key.kid, rotated.key.kid].map(k => k.split('/').pop())

    // Served by the extended region: the rotation and the assignment are not there yet.
    const latest = await hsm('/keys/kek')
    expect(latest.headers['x-ms-keyvault-region']).toBe(REPLICA)
    expect((JSON.parse(latest.body) as { key: { kid: string } }).key.kid).toMatch(new RegExp(`/${oldV}$`))
    expect(await versions('kek')).toEqual([oldV])
    expect((await hsm(`/keys/kek/${newV}`)).status).toBe(404)
    expect(await assignments()).not.toContain(ASSIGNMENT)
    expect((await hsm(`/providers/Microsoft.Authorization/roleAssignments/${ASSIGNMENT}`)).status).toBe(404)

    // The primary shows them at once.
    await emu.setSettings({ dataPlaneRegion: '' })
    const primary = await hsm('/keys/kek')
    expect(primary.headers['x-ms-keyvault-region']).toBe(emu.info.location)
    expect(await versions('kek')).toEqual([oldV, newV])
    expect(await assignments()).toContain(ASSIGNMENT)

    // Once the lag has passed, the extended region shows them too.
    await emu.setSettings({ dataPlaneRegion: REPLICA })
    await sleep(4100)
    expect(await versions('kek')).toEqual([oldV, newV])
    expect(await assignments()).toContain(ASSIGNMENT)
  })

  it('a region the HSM does not have (or no lag) serves everything at once; the setting is checked', async () => {
    await emu.setSettings({ dataPlaneRegion: 'uksouth', replicationLagSeconds: 600 })
    const rotated = JSON.parse((await hsm('/keys/kek/rotate', 'POST', {})).body) as { key: { kid: string } }
    const answer = await hsm('/keys/kek')
    expect(answer.headers['x-ms-keyvault-region']).toBe(emu.info.location)
    expect((JSON.parse(answer.body) as { key: { kid: string } }).key.kid).toBe(rotated.key.kid)
    await expect(emu.setSettings({ dataPlaneRegion: 'North Europe' })).rejects.toThrow(
      /dataPlaneRegion must be a region name/
    )
    await emu.setSettings({ dataPlaneRegion: '', replicationLagSeconds: 0 })
  })
})
