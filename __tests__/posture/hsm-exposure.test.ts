/** The HSM's exposure as ARM holds it: purge protection, retention, network reach, initial administrators. */
import { describe, expect, it } from '@jest/globals'
import type { ManagedHsm } from '../../src/azure/managed-hsm-arm.js'
import { hsmExposure } from '../../src/posture/hsm-exposure.js'
import type { PostureItem } from '../../src/posture/types.js'
import { fakeContext } from './fake-context.js'

const ADMIN = '00000000-0000-0000-0000-0000000000aa'

async function items(properties: ManagedHsm['properties'] | undefined, config: Record<string, unknown> = {}) {
  const { items } = await hsmExposure.assess(fakeContext({ properties } as ManagedHsm, config), 'verify')
  return Object.fromEntries(items.map(i => [i.id, i])) as Record<string, PostureItem>
}

describe('hsmExposure', () => {
  it('applies to every run, and says nothing when there is no HSM', async () => {
    expect(hsmExposure.applies(fakeContext(undefined), {} as ManagedHsm)).toBe(true)
    expect(await hsmExposure.assess(fakeContext(undefined), 'verify')).toEqual({ items: [] })
  })

  it('reports a well-closed HSM as ok throughout', async () => {
    const i = await items(
      {
        enablePurgeProtection: true,
        softDeleteRetentionInDays: 90,
        publicNetworkAccess: 'Disabled',
        initialAdminObjectIds: [ADMIN.toUpperCase()]
      },
      { administrators: [ADMIN] }
    )
    expect(i['hsm.purgeProtection']).toMatchObject({ state: 'on (permanent)', severity: 'ok' })
    expect(i['hsm.softDeleteRetention']).toMatchObject({ severity: 'ok' })
    expect(i['hsm.softDeleteRetention'].state).toMatch(/^90 days/)
    expect(i['hsm.network']).toMatchObject({
      state: 'public network access Disabled (private endpoints only)',
      severity: 'ok'
    })
    expect(i['hsm.initialAdministrators']).toMatchObject({ severity: 'ok' })
    expect(i['hsm.initialAdministrators'].state).toMatch(new RegExp(`^${ADMIN} `))
  })

  it('says purge protection is off, advising apply when the inputs ask for it and the input otherwise', async () => {
    const asked = await items({}, { purgeProtection: true })
    expect(asked['hsm.purgeProtection']).toMatchObject({ state: 'off', severity: 'info' })
    expect(asked['hsm.purgeProtection'].todo).toMatch(/^run mode: apply/)
    const notAsked = await items({ enablePurgeProtection: false })
    expect(notAsked['hsm.purgeProtection'].todo).toMatch(/^set purge-protection: true/)
  })

  it('leaves out retention when ARM does not say it, and copes with no properties at all', async () => {
    const i = await items(undefined)
    expect(i['hsm.softDeleteRetention']).toBeUndefined()
    expect(Object.keys(i)).toEqual(['hsm.purgeProtection', 'hsm.network', 'hsm.initialAdministrators'])
  })

  it('says the data plane is reachable from any address without network rules, advising per the inputs', async () => {
    const open = await items({ publicNetworkAccess: 'Enabled' })
    expect(open['hsm.network'].state).toMatch(/^reachable from any address/)
    expect(open['hsm.network'].todo).toMatch(/^set public-network-access: Disabled/)
    const asked = await items(
      { networkAcls: { defaultAction: 'Allow' } },
      { publicNetworkAccess: 'Disabled' }
    )
    expect(asked['hsm.network'].todo).toBe(
      'run mode: apply (the provision step disables public network access)'
    )
  })

  it('counts the IP ranges and subnets a deny-by-default rule set admits, and trusted services', async () => {
    const limited = await items({
      networkAcls: {
        defaultAction: 'Deny',
        bypass: 'AzureServices',
        ipRules: [{ value: '1.2.3.4/32' }, { value: '5.6.7.0/24' }],
        virtualNetworkRules: [{ id: '/subnets/a' }]
      }
    } as ManagedHsm['properties'])
    expect(limited['hsm.network']).toMatchObject({
      state: 'reachable from 2 IP range(s) and 1 virtual network subnet(s), and trusted Azure services',
      severity: 'info'
    })
    expect(limited['hsm.network'].finding).toMatch(
      /limited to 2 IP range\(s\) and 1 subnet\(s\), and trusted/
    )
    const none = await items({ networkAcls: { defaultAction: 'Deny', bypass: 'None' } })
    expect(none['hsm.network'].state).toBe('reachable from 0 IP range(s) and 0 virtual network subnet(s)')
  })

  it('reports initial administrators other than the inputs, or none, as information', async () => {
    const other = await items({ initialAdminObjectIds: ['B', 'a'] }, { administrators: [ADMIN] })
    expect(other['hsm.initialAdministrators']).toMatchObject({
      state: 'a, b (Managed HSM Administrator at / since creation)',
      severity: 'info'
    })
    expect(other['hsm.initialAdministrators'].finding).toMatch(/^the HSM's initial administrators are a, b,/)
    const none = await items({}, { administrators: [ADMIN] })
    expect(none['hsm.initialAdministrators'].state).toMatch(/^none /)
    expect(none['hsm.initialAdministrators'].finding).toMatch(/are none, set at creation/)
  })

  it("resolves 'self' to self-object-id, and treats a 'self' it cannot resolve as unknown, never as matching", async () => {
    const named = await items(
      { initialAdminObjectIds: [ADMIN] },
      { administrators: ['self'], selfObjectId: ADMIN }
    )
    expect(named['hsm.initialAdministrators'].severity).toBe('ok')
    const unknown = await items({ initialAdminObjectIds: [ADMIN] }, { administrators: ['self'] })
    expect(unknown['hsm.initialAdministrators']).toMatchObject({ severity: 'info' })
    expect(unknown['hsm.initialAdministrators'].todo).toMatch(/^initial administrators cannot change/)
  })
})
