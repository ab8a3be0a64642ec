/** ARM Microsoft.Compute/diskEncryptionSets and Microsoft Graph service principals, over raw HTTPS. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { rawRequest, runClient, sleep, type RawResponse } from './helpers.js'
import { activateByHook, API, assignmentBody, createHsm, dataPlane } from './mhsm-helpers.js'

let emu: RunningEmulator
let armToken: string
let graphToken: string
let base: string
const HSM = 'des-conf'
const KEY = `https://${HSM}.managedhsm.azure.net/keys/k1`
const V1 = `${KEY}/${'a'.repeat(32)}`
const V2 = `${KEY}/${'b'.repeat(32)}`
const ENCRYPTION_USER = '33413926-3206-4cdd-b39a-83574fe37a17'
const ORCHESTRATOR_APP = 'bf7b6499-ff71-4aa2-97a4-f372087be7f0'

beforeAll(async () => {
  emu = await startEmulator({ provisioningSeconds: 1 })
  const token = async (scope: string) =>
    (await runClient<{ token: string }>(emu.info, 'raw-token', { scope })).token
  armToken = await token('https://management.azure.com/.default')
  graphToken = await token('https://graph.microsoft.com/.default')
  base = `https://management.azure.com/subscriptions/${emu.info.subscriptionId}/resourceGroups/${emu.info.resourceGroup}/providers/Microsoft.Compute/diskEncryptionSets`
  await createHsm(emu, HSM)
  await activateByHook(emu, HSM)
})
afterAll(async () => {
  await emu?.stop()
})

const des = (name: string, method = 'GET', body?: unknown): Promise<RawResponse> =>
  rawRequest(emu.info, `${base}/${name}?api-version=2025-01-02`, {
    method,
    headers: { authorization: `Bearer ${armToken}` },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
const graph = (path: string, token: string | null = graphToken): Promise<RawResponse> =>
  rawRequest(emu.info, `https://graph.microsoft.com${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {}
  })
const json = (r: RawResponse) => JSON.parse(r.body)
const createBody = (extra: Record<string, unknown> = {}) => ({
  location: 'westeurope',
  identity: { type: 'SystemAssigned' },
  properties: {
    encryptionType: 'ConfidentialVmEncryptedWithCustomerKey',
    activeKey: { keyUrl: V1 },
    ...extra
  }
})

describe('disk encryption sets', () => {
  let principal = ''

  it('creates as a long-running operation: 202 with the set and a Location on itself, Updating then Succeeded', async () => {
    const put = await des('des1', 'PUT', createBody())
    expect(put.status).toBe(202)
    expect(String(put.headers.location)).toBe(`${base}/des1?api-version=2025-01-02`)
    const body = json(put)
    principal = body.identity.principalId
    expect(body.identity).toMatchObject({ type: 'SystemAssigned', tenantId: emu.info.tenantId })
    expect(principal).toMatch(/^[0-9a-f-]{36}$/)
    expect(body.properties.provisioningState).toBe('Updating')
    await sleep(1200)
    const got = json(await des('des1'))
    expect(got.properties).toMatchObject({
      provisioningState: 'Succeeded',
      encryptionType: 'ConfidentialVmEncryptedWithCustomerKey',
      activeKey: { keyUrl: V1 },
      previousKeys: []
    })
    expect(got.type).toBe('Microsoft.Compute/diskEncryptionSets')
  })

  it('refuses a key URL without a version, and automatic rotation for the confidential-VM type', async () => {
    const unversioned = await des('des2', 'PUT', createBody({ activeKey: { keyUrl: KEY } }))
    expect([unversioned.status, json(unversioned).error.code]).toEqual([400, 'InvalidParameter'])
    const rotating = await des('des2', 'PUT', createBody({ rotationToLatestKeyVersionEnabled: true }))
    expect(rotating.status).toBe(400)
    expect(json(rotating).error.message).toMatch(/not supported .*ConfidentialVmEncryptedWithCustomerKey/)
    expect((await des('des2')).status).toBe(404)
  })

  it('checks that its identity may use a new key: KeyVaultAccessForbidden until the role is granted', async () => {
    const denied = await des('des1', 'PATCH', { properties: { activeKey: { keyUrl: V2 } } })
    expect([denied.status, json(denied).error.code]).toEqual([400, 'KeyVaultAccessForbidden'])
    expect(json(denied).error.message).toContain(`Unable to access key vault resource '${V2}'`)
    const [grant] = await dataPlane(emu, HSM, [
      {
        method: 'PUT',
        path: `/keys/k1/providers/Microsoft.Authorization/roleAssignments/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d?${API}`,
        body: assignmentBody(principal, ENCRYPTION_USER)
      }
    ])
    expect(grant.status).toBe(201)
    const patched = await des('des1', 'PATCH', { properties: { activeKey: { keyUrl: V2 } } })
    expect(patched.status).toBe(202)
    await sleep(1200)
    const got = json(await des('des1'))
    expect(got.properties.activeKey.keyUrl).toBe(V2)
    expect(got.properties.lastKeyRotationTimestamp).toBeDefined()
  })

  it('deletes as a long-running operation, and answers 204 for a set already gone', async () => {
    expect((await des('des1', 'DELETE')).status).toBe(202)
    await sleep(1200)
    expect(json(await des('des1')).error.code).toBe('ResourceNotFound')
    expect((await des('des1', 'DELETE')).status).toBe(204)
  })
})

describe('Microsoft Graph service principals', () => {
  it("finds the Confidential VM Orchestrator by its application id, and a set's identity by object id", async () => {
    const found = json(
      await graph(
        `/v1.0/servicePrincipals?$filter=${encodeURIComponent(`appId eq '${ORCHESTRATOR_APP}'`)}&$select=id,appId`
      )
    )
    expect(found.value).toHaveLength(1)
    expect(Object.keys(found.value[0]).sort()).toEqual(['appId', 'id'])
    const put = json(await des('des3', 'PUT', createBody()))
    const sp = json(await graph(`/v1.0/servicePrincipals/${put.identity.principalId}`))
    expect(sp).toMatchObject({ id: put.identity.principalId, servicePrincipalType: 'ManagedIdentity' })
  })

  it('refuses unsupported filters and missing tokens, and forgets a principal removed through the control API', async () => {
    expect(json(await graph(`/v1.0/servicePrincipals?$filter=startswith(displayName,'C')`)).error.code).toBe(
      'Request_UnsupportedQuery'
    )
    expect((await graph('/v1.0/servicePrincipals', null)).status).toBe(401)
    await emu.control(`/graph/service-principals/${ORCHESTRATOR_APP}`, { method: 'DELETE' })
    const gone = json(
      await graph(`/v1.0/servicePrincipals?$filter=${encodeURIComponent(`appId eq '${ORCHESTRATOR_APP}'`)}`)
    )
    expect(gone.value).toEqual([])
  })
})
