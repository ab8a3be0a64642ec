/**
 * The Managed HSM's network rules on its data plane (emulator/services/managed-hsm/network.ts): the caller's
 * address per network (the `callerAddresses` setting, by proxy user), `x-ms-keyvault-network-info` on every
 * answer, the firewall's and the disabled public access's refusals, ARM's checks of a rule set, and the delay
 * before a changed rule set takes effect.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { rawRequest, runClient, sleep, type RawResponse } from './helpers.js'
import { activateByHook, createHsm } from './mhsm-helpers.js'

const HSM = 'net-emu'
let emu: RunningEmulator
let armToken = ''
let hsmToken = ''

beforeAll(async () => {
  emu = await startEmulator({ provisioningSeconds: 0, activationSeconds: 0 })
  await createHsm(emu, HSM)
  await activateByHook(emu, HSM)
  const token = async (scope: string) =>
    (await runClient<{ token: string }>(emu.info, 'raw-token', { scope })).token
  ;[armToken, hsmToken] = await Promise.all([
    token('https://management.azure.com/.default'),
    token('https://managedhsm.azure.net/.default')
  ])
  await emu.setSettings({
    callerAddresses: { '*': '20.42.0.10', 'runner-a': '52.1.2.3', 'runner-b': '52.9.9.9' }
  })
}, 60_000)
afterAll(async () => {
  await emu?.stop()
})

const armUrl = () =>
  `https://management.azure.com/subscriptions/${emu.info.subscriptionId}/resourceGroups/${emu.info.resourceGroup}/providers/Microsoft.KeyVault/managedHSMs/${HSM}?api-version=2024-11-01`

function patch(properties: Record<string, unknown>): Promise<RawResponse> {
  return rawRequest(emu.info, armUrl(), {
    method: 'PATCH',
    headers: { authorization: `Bearer ${armToken}` },
    body: JSON.stringify({ properties })
  })
}

function data(proxyUser?: string, token: string | undefined = hsmToken): Promise<RawResponse> {
  return rawRequest(emu.info, `https://${HSM}.managedhsm.azure.net/keys?api-version=7.5`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    proxyUser
  })
}

const acls = (defaultAction: string, ips: string[] = []) => ({
  networkAcls: { bypass: 'AzureServices', defaultAction, ipRules: ips.map(value => ({ value })) }
})
const innerCode = (r: RawResponse) =>
  r.body.startsWith('{')
    ? (JSON.parse(r.body) as { error?: { innererror?: { code?: string } } }).error?.innererror?.code
    : undefined
/** Through the network rules: whatever the data plane then says (a role check, the answer). */
const NETWORK = ['ForbiddenByFirewall', 'ForbiddenByConnection']
const passed = (r: RawResponse) => !(r.status === 403 && NETWORK.includes(innerCode(r) ?? ''))
const through = async (proxyUser?: string) => passed(await data(proxyUser))

describe('the Managed HSM data plane behind its network rules', () => {
  it('names the caller address of its network in every answer, the challenge included', async () => {
    const challenge = await data('runner-a', '')
    expect(challenge.status).toBe(401)
    expect(challenge.headers['x-ms-keyvault-network-info']).toBe(
      'conn_type=Ipv4;addr=52.1.2.3;act_addr_fam=InterNetwork;'
    )
    const open = await data()
    expect(passed(open)).toBe(true)
    expect(open.headers['x-ms-keyvault-network-info']).toContain('addr=20.42.0.10;')
  })

  it('refuses a caller outside the rules with 403 ForbiddenByFirewall naming its address; ARM still answers', async () => {
    expect((await patch(acls('Deny', ['52.1.2.3/32']))).status).toBe(202)
    expect(await through('runner-a')).toBe(true)
    const refused = await data('runner-b')
    expect(refused.status).toBe(403)
    expect(innerCode(refused)).toBe('ForbiddenByFirewall')
    expect(refused.body).toContain('Client address is not authorized and caller is not a trusted service.')
    expect(refused.body).toContain('Client address: 52.9.9.9')
    expect(refused.headers['x-ms-keyvault-network-info']).toContain('addr=52.9.9.9;')
    const arm = await rawRequest(emu.info, armUrl(), { headers: { authorization: `Bearer ${armToken}` } })
    expect(arm.status).toBe(200)
    expect(JSON.parse(arm.body).properties.networkAcls.ipRules).toEqual([{ value: '52.1.2.3/32' }])
  })

  it('refuses more than 10 IP rules, IP rules with Allow, and values that are not IPv4', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `52.0.0.${i + 1}/32`)
    const tooMany = await patch(acls('Deny', eleven))
    expect(tooMany.status).toBe(400)
    expect(tooMany.body).toContain('limit of 10')
    expect((await patch(acls('Deny', eleven.slice(0, 10)))).status).toBe(202)
    expect((await patch(acls('Allow', ['52.1.2.3/32']))).status).toBe(400)
    expect((await patch(acls('Deny', ['2001:db8::1']))).status).toBe(400)
  })

  it('refuses every caller with ForbiddenByConnection while public network access is Disabled', async () => {
    expect((await patch({ publicNetworkAccess: 'Disabled', ...acls('Allow') })).status).toBe(202)
    const refused = await data('runner-a')
    expect(refused.status).toBe(403)
    expect(innerCode(refused)).toBe('ForbiddenByConnection')
    expect((await patch({ publicNetworkAccess: 'Enabled' })).status).toBe(202)
    expect(await through('runner-a')).toBe(true)
  })

  it('keeps the old rules for networkRuleSeconds after a change', async () => {
    await emu.setSettings({ networkRuleSeconds: 1.5 })
    try {
      expect((await patch(acls('Deny'))).status).toBe(202)
      expect(await through('runner-a')).toBe(true)
      await sleep(1600)
      expect(await through('runner-a')).toBe(false)
      expect((await patch(acls('Deny', ['52.1.2.0/24']))).status).toBe(202)
      expect(await through('runner-a')).toBe(false)
      await sleep(1600)
      expect(await through('runner-a')).toBe(true)
    } finally {
      await emu.setSettings({ networkRuleSeconds: 0 })
    }
  })

  it('admits a private address through an Approved private endpoint connection only', async () => {
    await emu.setSettings({ callerAddresses: { vnet: '10.1.0.4' } })
    expect((await patch({ publicNetworkAccess: 'Disabled' })).status).toBe(202)
    await emu.control(`/hsms/${HSM}/private-endpoint-connections/pe-1`, { method: 'PUT', body: '{}' })
    expect(await through('vnet')).toBe(false)
    const url = armUrl().replace('?', '/privateEndpointConnections/pe-1?')
    const approved = await rawRequest(emu.info, url, {
      method: 'PUT',
      headers: { authorization: `Bearer ${armToken}` },
      body: JSON.stringify({ properties: { privateLinkServiceConnectionState: { status: 'Approved' } } })
    })
    expect(approved.status).toBe(200)
    expect(await through('vnet')).toBe(true)
    expect(await through()).toBe(false)
    const hsm = await rawRequest(emu.info, armUrl(), { headers: { authorization: `Bearer ${armToken}` } })
    expect(JSON.parse(hsm.body).properties.privateEndpointConnections).toEqual([
      expect.objectContaining({
        properties: expect.objectContaining({
          privateLinkServiceConnectionState: expect.objectContaining({ status: 'Approved' })
        })
      })
    ])
  })
})
