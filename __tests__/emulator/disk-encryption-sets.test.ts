/**
 * ARM Microsoft.Compute/diskEncryptionSets (with the Disk RP's long-running operations as Azure's recordings
 * show them) and Microsoft Graph service principals, over raw HTTPS.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  createHttpPoller,
  type OperationResponse,
  type OperationState,
  type RunningOperation
} from '@azure/core-lro'
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
const arm = (url: string): Promise<RawResponse> =>
  rawRequest(emu.info, url, { headers: { authorization: `Bearer ${armToken}` } })
const json = (r: RawResponse) => JSON.parse(r.body)
const OPERATION_URL =
  /^https:\/\/management\.azure\.com\/subscriptions\/[0-9a-f-]{36}\/providers\/Microsoft\.Compute\/locations\/westeurope\/DiskOperations\/[0-9a-f-]{36}\?p=[0-9a-f-]{36}&api-version=2025-01-02$/
const operationUrls = (r: RawResponse) => ({
  async: String(r.headers['azure-asyncoperation']),
  location: String(r.headers.location)
})
interface SetJson {
  identity: { principalId: string }
  properties: Record<string, unknown>
}
/** Every URL the poller below asked for after its first request. */
const polled: string[] = []
/** A long-running operation as @azure/core-lro's HTTP poller drives it, over the raw HTTPS helper. */
function lro(url: string, method: string, body?: unknown): RunningOperation {
  const send = async (u: string, m: string, b?: unknown): Promise<OperationResponse> => {
    const r = await rawRequest(emu.info, u, {
      method: m,
      headers: { authorization: `Bearer ${armToken}` },
      body: b === undefined ? undefined : JSON.stringify(b)
    })
    const parsed: unknown = r.body ? JSON.parse(r.body) : undefined
    const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)]))
    return {
      flatResponse: parsed,
      rawResponse: { statusCode: r.status, headers, body: parsed, request: { method: m, url: u } }
    }
  }
  return {
    sendInitialRequest: () => send(url, method, body),
    sendPollRequest: async (path: string) => {
      polled.push(path)
      return send(path, 'GET')
    }
  }
}
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

  it('creates as recorded: 202 with Azure-AsyncOperation and Location on a DiskOperations URL, no principalId yet', async () => {
    // Recorded: Azure/azure-cli vm tests, recordings/test_disk_encryption_set.yaml (2022).
    const put = await des('des1', 'PUT', createBody())
    expect(put.status).toBe(202)
    const op = operationUrls(put)
    expect(op.async).toMatch(OPERATION_URL)
    expect(op.location).toBe(op.async.replace('&api-version=', '&monitor=true&api-version='))
    const body = json(put)
    expect(body.identity).toEqual({ type: 'SystemAssigned' })
    expect(body.id).toBeUndefined()
    expect(body.properties).toMatchObject({ provisioningState: 'Updating', activeKey: { keyUrl: V1 } })
    const running = json(await arm(op.async))
    expect(running).toMatchObject({ status: 'InProgress', name: op.async.split('/').pop()?.split('?')[0] })
    expect((await arm(op.location)).status).toBe(202)
    await sleep(1100)
    const done = json(await arm(op.async))
    expect(done).toMatchObject({ status: 'Succeeded', endTime: expect.any(String) })
    principal = done.properties.output.identity.principalId
    expect(principal).toMatch(/^[0-9a-f-]{36}$/)
    expect(done.properties.output).toMatchObject({
      id: `${base.replace('https://management.azure.com', '')}/des1`,
      identity: { type: 'SystemAssigned', principalId: principal, tenantId: emu.info.tenantId },
      properties: { provisioningState: 'Succeeded' }
    })
    const got = json(await des('des1'))
    expect(got.properties).toMatchObject({
      provisioningState: 'Succeeded',
      encryptionType: 'ConfidentialVmEncryptedWithCustomerKey',
      activeKey: { keyUrl: V1 },
      previousKeys: []
    })
    expect(got.type).toBe('Microsoft.Compute/diskEncryptionSets')
    expect(json(await arm(op.location)).identity.principalId).toBe(principal)
  })

  it("is polled to the end by @azure/core-lro's HTTP poller, as the SDKs' ARM clients poll it", async () => {
    const name = 'des-lro'
    const poller = createHttpPoller<SetJson, OperationState<SetJson>>(
      lro(`${base}/${name}?api-version=2025-01-02`, 'PUT', createBody()),
      { intervalInMs: 200 }
    )
    const result = await poller.pollUntilDone()
    // The poller follows Azure-AsyncOperation, then reads the set at the original URL (its PUT rule).
    expect(result.properties).toMatchObject({ provisioningState: 'Succeeded', activeKey: { keyUrl: V1 } })
    expect(result.identity.principalId).toMatch(/^[0-9a-f-]{36}$/)
    const paths = polled.map(u => new URL(u).pathname)
    expect(paths.some(p => /\/DiskOperations\//.test(p))).toBe(true)
    polled.length = 0
    const gone = createHttpPoller<unknown, OperationState<unknown>>(
      lro(`${base}/${name}?api-version=2025-01-02`, 'DELETE'),
      { intervalInMs: 200 }
    )
    await gone.pollUntilDone()
    expect(gone.operationState?.status).toBe('succeeded')
    expect(polled.every(u => /\/DiskOperations\//.test(u))).toBe(true)
    expect((await des(name)).status).toBe(404)
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
    expect(operationUrls(patched).async).toMatch(OPERATION_URL)
    await sleep(1200)
    const got = json(await des('des1'))
    expect(got.properties.activeKey.keyUrl).toBe(V2)
    expect(got.properties.lastKeyRotationTimestamp).toBeDefined()
  })

  it('replaces with a PUT and deletes as recorded (202 and a DiskOperations URL), 204 for a set already gone', async () => {
    // Recorded: Azure/azure-cli vm tests, recordings/test_disk_encryption_set_update.yaml (2022).
    const again = await des('des1', 'PUT', createBody({ activeKey: { keyUrl: V2 } }))
    expect(again.status).toBe(202)
    expect(operationUrls(again).async).toMatch(OPERATION_URL)
    expect(json(again).identity).toEqual({ type: 'SystemAssigned' })
    await sleep(1100)
    const del = await des('des1', 'DELETE')
    expect([del.status, del.body]).toEqual([202, ''])
    const op = operationUrls(del)
    expect(op.async).toMatch(OPERATION_URL)
    await sleep(1100)
    const done = json(await arm(op.async))
    expect(done.status).toBe('Succeeded')
    expect(done.properties).toBeUndefined()
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
    expect((await des('des3', 'PUT', createBody())).status).toBe(202)
    const set = json(await des('des3'))
    const sp = json(await graph(`/v1.0/servicePrincipals/${set.identity.principalId}`))
    expect(sp).toMatchObject({ id: set.identity.principalId, servicePrincipalType: 'ManagedIdentity' })
  })

  it("answers servicePrincipalNames/any(c:c eq '…') with 200, as recorded for the Azure CLI's assignee lookup", async () => {
    // Recorded: Azure/azure-cli vm tests, recordings/test_disk_encryption_set_update.yaml (2022): 200 and
    // `value: []` for a set's object id (not one of its names); the set's names are its appId and an
    // identity.azure.net URL.
    const byName = async (name: string) =>
      graph(
        `/v1.0/servicePrincipals?$filter=${encodeURIComponent(`servicePrincipalNames/any(c:c eq '${name}')`)}`
      )
    const orchestrator = await byName(ORCHESTRATOR_APP)
    expect(orchestrator.status).toBe(200)
    expect(json(orchestrator)).toMatchObject({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#servicePrincipals',
      value: [{ appId: ORCHESTRATOR_APP, servicePrincipalNames: [ORCHESTRATOR_APP] }]
    })
    expect((await des('des4', 'PUT', createBody())).status).toBe(202)
    const set = json(await des('des4'))
    const byObjectId = await byName(set.identity.principalId)
    expect([byObjectId.status, json(byObjectId).value]).toEqual([200, []])
    const sp = json(await graph(`/v1.0/servicePrincipals/${set.identity.principalId}`))
    expect(sp.servicePrincipalNames).toEqual([
      sp.appId,
      expect.stringMatching(/^https:\/\/identity\.azure\.net\//)
    ])
    const found = json(await byName(sp.servicePrincipalNames[1]))
    expect(found.value.map((v: { id: string }) => v.id)).toEqual([set.identity.principalId])
    expect(json(await byName(sp.appId.toUpperCase())).value).toHaveLength(1)
    expect(
      json(
        await graph(
          `/v1.0/servicePrincipals?$filter=${encodeURIComponent("servicePrincipalNames/any(c:d eq 'x')")}`
        )
      ).error.code
    ).toBe('Request_UnsupportedQuery')
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
