/**
 * End to end through dist/index.js: teardown and the Disk Encryption Sets that use the HSM's keys, and the
 * disks that use those sets (issue 23, section 2). It refuses, naming them, before any delete; deletes a set
 * only with delete-disk-encryption-sets and only when no disk uses it; refuses when the disks cannot be read;
 * the pattern clean-up does the same per HSM. A delete that purge protection holds is a warning, with its date.
 */
import { describe, expect, it } from '@jest/globals'
import { azureClient, errorsOf } from '../../scripts/local-runner.js'
import { computeListRefused, useScenario, writesFrom } from './harness.js'

// No escrow stores: the file's runs only provision and tear down.
const s = useScenario({ emulator: { provisioningSeconds: 1 }, stores: 'none' })

const VERSION = '0123456789abcdef0123456789abcdef'
const compute = (kind: string, name: string) =>
  `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}/providers/Microsoft.Compute/${kind}/${name}`
const q = '?api-version=2025-01-02'

async function exists(name: string): Promise<boolean> {
  return azureClient(s.info, 'hsm-show', s.info.resourceGroup, name).then(
    () => true,
    () => false
  )
}
const setExists = (name: string) =>
  azureClient(s.info, 'arm', 'GET', compute('diskEncryptionSets', name) + q).then(
    () => true,
    () => false
  )

/** A set made by hand (not by the action: no tags) whose key is on `hsm`. */
async function makeSet(name: string, hsm: string): Promise<void> {
  await azureClient(
    s.info,
    'arm',
    'PUT',
    compute('diskEncryptionSets', name) + q,
    JSON.stringify({
      location: s.info.location,
      identity: { type: 'SystemAssigned' },
      properties: {
        encryptionType: 'ConfidentialVmEncryptedWithCustomerKey',
        activeKey: { keyUrl: `https://${hsm}.managedhsm.azure.net/keys/KeyEncryptionKey/${VERSION}` }
      }
    })
  )
}

async function makeDisk(name: string, properties: Record<string, unknown>, managedBy?: string) {
  await azureClient(
    s.info,
    'arm',
    'PUT',
    compute('disks', name) + q,
    JSON.stringify({ location: s.info.location, ...(managedBy ? { managedBy } : {}), properties })
  )
}

const teardown = (name: string, extra: Record<string, string> = {}) =>
  s.run(s.inputsFor(name, { mode: 'teardown', 'confirm-teardown': name, ...extra }))

describe('teardown and the disk encryption sets that use the HSM', () => {
  const hsm = 'tdd-one'

  it('refuses, naming the set, before any delete', async () => {
    expect((await s.run(s.inputsFor(hsm, { steps: 'provision' }))).code).toBe(0)
    await makeSet('tdd-set', hsm)
    await makeSet('tdd-elsewhere', 'another-hsm')
    const since = (await s.emu.requests()).length
    const run = await teardown(hsm)
    expect(run.code).toBe(1)
    const errors = errorsOf(run).join('\n')
    expect(errors).toMatch(
      /disk encryption set\(s\) 'tdd-set' use keys of Managed HSM 'tdd-one' \(no disk uses them\); deleting the HSM would leave them pointing at a deleted key\. Nothing was deleted\./
    )
    expect(errors).toMatch(/set delete-disk-encryption-sets: 'true'/)
    expect(errors).not.toMatch(/tdd-elsewhere/)
    expect(run.summary).toMatch(/❌ teardown failed/)
    expect(await writesFrom(s.emu, since)).toEqual([])
    expect(await exists(hsm)).toBe(true)
  })

  it('refuses, naming the disks and their VM, while a disk uses the set, even with delete-disk-encryption-sets', async () => {
    const setId = compute('diskEncryptionSets', 'tdd-set')
    await makeDisk(
      'cvm-os',
      {
        securityProfile: {
          securityType: 'ConfidentialVM_DiskEncryptedWithCustomerKey',
          secureVMDiskEncryptionSetId: setId
        }
      },
      compute('virtualMachines', 'cvm-1')
    )
    await makeDisk('data-1', {
      encryption: { type: 'EncryptionAtRestWithCustomerKey', diskEncryptionSetId: setId.toUpperCase() }
    })
    await makeDisk('plain', { encryption: { type: 'EncryptionAtRestWithPlatformKey' } })
    const since = (await s.emu.requests()).length
    const run = await teardown(hsm, { 'delete-disk-encryption-sets': 'true' })
    expect(run.code).toBe(1)
    const errors = errorsOf(run).join('\n')
    expect(errors).toMatch(/holds the keys of disk encryption sets that disks use/)
    expect(errors).toMatch(/- 'tdd-set': disk 'cvm-os' \(attached to cvm-1\), disk 'data-1'/)
    expect(errors).not.toMatch(/'plain'/)
    expect(errors).toMatch(/delete these disks, or move them/)
    expect(await writesFrom(s.emu, since)).toEqual([])
    expect(await setExists('tdd-set')).toBe(true)
    expect(await exists(hsm)).toBe(true)
  })

  it('refuses when the disks cannot be read', async () => {
    await s.emu.setFaults([computeListRefused('disks')])
    try {
      const since = (await s.emu.requests()).length
      const run = await teardown(hsm, { 'delete-disk-encryption-sets': 'true' })
      expect(run.code).toBe(1)
      expect(errorsOf(run).join('\n')).toMatch(
        /teardown cannot read the managed disks of the subscription, so it cannot tell which disks the disk encryption set\(s\) 'tdd-set' encrypt.*Nothing was deleted\./s
      )
      expect(errorsOf(run).join('\n')).toMatch(/Microsoft\.Compute\/disks\/read/)
      expect(await writesFrom(s.emu, since)).toEqual([])
    } finally {
      await s.emu.setFaults([])
    }
  })

  it('refuses when the disk encryption sets cannot be listed', async () => {
    await s.emu.setFaults([computeListRefused('diskEncryptionSets')])
    try {
      const since = (await s.emu.requests()).length
      const run = await teardown(hsm, { 'delete-disk-encryption-sets': 'true' })
      expect(run.code).toBe(1)
      const errors = errorsOf(run).join('\n')
      expect(errors).toMatch(
        /teardown cannot tell whether disk encryption sets use the keys of Managed HSM 'tdd-one': .*Nothing was deleted\./s
      )
      expect(errors).toMatch(/Microsoft\.Compute\/diskEncryptionSets\/read/)
      expect(await writesFrom(s.emu, since)).toEqual([])
      expect(await exists(hsm)).toBe(true)
    } finally {
      await s.emu.setFaults([])
    }
  })

  it('with delete-disk-encryption-sets and no disk on the set: deletes the set, then the HSM', async () => {
    for (const d of ['cvm-os', 'data-1']) await azureClient(s.info, 'arm', 'DELETE', compute('disks', d) + q)
    const run = await teardown(hsm, { 'delete-disk-encryption-sets': 'true' })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout.indexOf("deleting disk encryption set 'tdd-set'")).toBeGreaterThan(-1)
    expect(run.stdout.indexOf("deleting disk encryption set 'tdd-set'")).toBeLessThan(
      run.stdout.indexOf(`deleting Managed HSM '${hsm}'`)
    )
    expect(run.summary).toMatch(
      /deleted disk encryption set 'tdd-set' \(it used a key of this HSM; no disk used it\)/
    )
    expect(run.summary).toMatch(/disk encryption sets in other subscriptions are not checked/)
    expect(run.summary).toMatch(/\*\*✅ Teardown: deleted and purged\.\*\*/)
    expect(await setExists('tdd-set')).toBe(false)
    expect(await setExists('tdd-elsewhere')).toBe(true)
    expect(await exists(hsm)).toBe(false)
  })

  it('a delete that purge protection holds is a warning with the date the name frees', async () => {
    const name = 'tdd-held'
    expect(
      (
        await s.run(
          s.inputsFor(name, {
            steps: 'provision',
            'purge-protection': 'true',
            'confirm-purge-protection': name
          })
        )
      ).code
    ).toBe(0)
    const run = await teardown(name)
    expect(errorsOf(run)).toEqual([])
    expect(run.summary).toMatch(
      /\*\*⚠️ Teardown: deleted, held by purge protection until \d{4}-\d\d-\d\dT[\d:.]+Z: the name frees and billing may stop only then\.\*\*/
    )
    expect(run.summary).not.toMatch(/✅ Teardown/)
  })
})

describe('the pattern clean-up and disk encryption sets', () => {
  it('leaves an expired HSM whose key a set uses, naming the set, and removes the other', async () => {
    for (const name of ['tdp-used', 'tdp-free'])
      expect((await s.run(s.inputsFor(name, { steps: 'provision' }))).code).toBe(0)
    for (const name of ['tdp-used', 'tdp-free']) {
      const createdAt = new Date(Date.now() - 3 * 86_400_000).toISOString()
      await s.emu.control(`/hsms/${name}/created`, { method: 'PUT', body: JSON.stringify({ createdAt }) })
    }
    await makeSet('tdp-set', 'tdp-used')
    const run = await s.run(
      s.inputsFor('tdp-*', {
        mode: 'teardown',
        'confirm-teardown': 'tdp-*',
        'only-if-expired': 'true',
        'teardown-lifetime': '1d'
      })
    )
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(
      /teardown could not remove 1 expired HSM\(s\):\nManaged HSM 'tdp-used': disk encryption set\(s\) 'tdp-set' use keys of Managed HSM 'tdp-used'/
    )
    expect(await exists('tdp-used')).toBe(true)
    expect(await exists('tdp-free')).toBe(false)
    expect(await setExists('tdp-set')).toBe(true)
  })
})
