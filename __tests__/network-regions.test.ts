/**
 * No IP rule is written while a region of a multi-region HSM is being added or removed (issue 28): the write
 * waits for it when the caller can (apply, just-in-time access), and fails with that reason otherwise (the post
 * phase), writing nothing.
 */
import { describe, expect, it } from '@jest/globals'
import { networkOf, writeRules, type RulesDeps } from '../src/run/network-rules.js'
import type { ManagedHsm } from '../src/azure/managed-hsm-arm.js'

function hsmIn(state: string): ManagedHsm {
  return {
    location: 'westeurope',
    properties: {
      provisioningState: 'Succeeded',
      networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [] },
      regions: [
        { name: 'westeurope', isPrimary: true, provisioningState: 'Succeeded' },
        { name: 'northeurope', isPrimary: false, provisioningState: state }
      ]
    }
  }
}

function fakeArm(start: ManagedHsm) {
  let hsm = structuredClone(start)
  const events: string[] = []
  const deps: RulesDeps = {
    read: async () => structuredClone(hsm),
    write: async patch => {
      const state = hsm.properties?.regions?.[1]?.provisioningState
      events.push(`write while ${state}`)
      hsm = { ...hsm, properties: { ...hsm.properties, ...patch.properties } }
    },
    deadline: Date.now() + 60_000,
    sleep: async () => undefined
  }
  return { deps, events, state: () => hsm, set: (h: ManagedHsm) => (hsm = h) }
}

const add = {
  what: "add the runner's IP rule 52.10.0.1/32",
  desired: (h: ManagedHsm) => ({ ...networkOf(h), rules: [...networkOf(h).rules, '52.10.0.1/32'] }),
  holds: (h: ManagedHsm) => networkOf(h).rules.includes('52.10.0.1/32')
}

describe('IP rules and a region being added or removed', () => {
  it('waits for a region still Provisioning before the write, then writes', async () => {
    const arm = fakeArm(hsmIn('Provisioning'))
    const waited: string[] = []
    arm.deps.waitRegion = async (region, until) => {
      waited.push(`${region} ${until}`)
      arm.set(hsmIn('Succeeded'))
    }
    await writeRules(arm.deps, add)
    expect(waited).toEqual(['northeurope ready'])
    expect(arm.events).toEqual(['write while Succeeded'])
    expect(networkOf(arm.state()).rules).toEqual(['52.10.0.1/32'])
  })

  it('waits for a region being removed until it is gone', async () => {
    const arm = fakeArm(hsmIn('Deleting'))
    const waited: string[] = []
    arm.deps.waitRegion = async (region, until) => {
      waited.push(`${region} ${until}`)
      arm.set({ ...hsmIn('gone'), properties: { ...hsmIn('gone').properties, regions: [] } })
    }
    await writeRules(arm.deps, add)
    expect(waited).toEqual(['northeurope gone'])
    expect(arm.events).toEqual(['write while undefined'])
  })

  it('without a way to wait (the post phase), fails with the reason and writes nothing', async () => {
    const arm = fakeArm(hsmIn('Preprovisioning'))
    await expect(writeRules(arm.deps, add)).rejects.toThrow(
      /cannot add the runner's IP rule 52\.10\.0\.1\/32 now: the region northeurope is Preprovisioning, and no other change to the HSM may be made until its regions are settled/
    )
    expect(arm.events).toEqual([])
  })

  it('a settled or failed region does not stop the write', async () => {
    for (const state of ['Succeeded', 'Failed']) {
      const arm = fakeArm(hsmIn(state))
      await writeRules(arm.deps, add)
      expect(arm.events).toEqual([`write while ${state}`])
    }
  })
})
