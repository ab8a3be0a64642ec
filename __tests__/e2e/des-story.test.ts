/**
 * End to end through dist/index.js, the Disk Encryption Set as the user lives with it (issue 23, section 1):
 * a new set only on an HSM with purge protection (the action's own rule, refused before any write), a warning
 * on every run for a set that exists on an HSM without it; a key that backs a set says so in plan, apply and
 * verify, and a change to it the set could not use is refused even without des in steps; plan judges the key
 * as the key step will leave it; results say created, updated, would create, would update, unchanged.
 */
import { describe, expect, it } from '@jest/globals'
import { azureClient, errorsOf } from '../../scripts/local-runner.js'
import { computeListRefused, useScenario, writesFrom } from './harness.js'

// The wrapping keys in the pre-created vault, apart from the security domain's blob.
const s = useScenario({
  emulator: { provisioningSeconds: 1, activationSeconds: 1 },
  keys: 'escrow vault',
  inputs: hsm => ({
    'key-backup-store': `${s.info.storageAccountUrl}/${s.info.storageContainer}/${hsm}/kek-backup.bin`,
    'release-policy-preset': 'cvm-platform'
  })
})

const protectedHsm = (hsm: string): Record<string, string> => ({
  'purge-protection': 'true',
  'confirm-purge-protection': hsm
})

const desPath = (name: string) =>
  `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}/providers/Microsoft.Compute/diskEncryptionSets/${name}?api-version=2025-01-02`
const showDes = async (name: string) => JSON.parse(await azureClient(s.info, 'arm', 'GET', desPath(name)))
const warningsOf = (stdout: string): string[] =>
  stdout
    .split('\n')
    .filter(l => l.startsWith('::warning'))
    .map(l => l.replace(/^::warning[^:]*::/, '').replace(/%0A/g, '\n'))
/** The job summary's row of one step: its result and details cells. */
function row(summary: string, step: string): { result: string; details: string } {
  const line = summary.split('\n').find(l => l.startsWith(`| ${step} | `))
  if (!line) throw new Error(`no row for step ${step} in:\n${summary}`)
  const [, result, details] = line.split(' | ')
  return { result, details }
}
const headline = (summary: string): string => /^\*\*(.+)\*\*$/m.exec(summary)?.[1] ?? ''
const driftChecks = (drift: string) =>
  (JSON.parse(drift) as { checks: Array<{ id: string; status: string; finding?: string; hint?: string }> })
    .checks

/** A set made outside the action (no tags), on the key at `keyUrl`; waits until Azure has it. */
async function handMadeSet(name: string, keyUrl: string): Promise<void> {
  await azureClient(
    s.info,
    'arm',
    'PUT',
    desPath(name),
    JSON.stringify({
      location: s.info.location,
      identity: { type: 'SystemAssigned' },
      properties: { encryptionType: 'ConfidentialVmEncryptedWithCustomerKey', activeKey: { keyUrl } }
    })
  )
  for (let i = 0; i < 30; i++) {
    if ((await showDes(name)).properties?.provisioningState === 'Succeeded') return
    await new Promise(r => setTimeout(r, 500))
  }
  throw new Error(`disk encryption set '${name}' did not settle`)
}

describe('a new Disk Encryption Set on an HSM without purge protection', () => {
  it('is refused before any request that writes: the action’s rule, why, and how', async () => {
    const hsm = 'des-no-pp'
    const since = (await s.emu.requests()).length
    const run = await s.run(s.inputsFor(hsm, { 'disk-encryption-set': 'des-new' }))
    expect(run.code).toBe(1)
    const error = errorsOf(run).join('\n')
    expect(error).toMatch(
      /Input 'purge-protection': this action creates disk encryption set 'des-new' only on an HSM with purge protection/
    )
    expect(error).toMatch(
      /the action's own rule, not Azure's: once the HSM is purged, every disk encrypted through the set is unreadable for good/
    )
    expect(error).toMatch(/set purge-protection: 'true' and confirm-purge-protection: des-no-pp/)
    expect(error).toMatch(
      /can never be turned off, and a deleted HSM then keeps its name and keeps billing until retention-days \(7\) have passed/
    )
    expect(await writesFrom(s.emu, since)).toEqual([])
    expect(headline(run.summary)).toBe('❌ Refused before any step ran: nothing was changed in Azure.')
  })

  it('plan and verify report that refusal in the des row, as plan reads on', async () => {
    for (const mode of ['plan', 'verify']) {
      const run = await s.run(s.inputsFor('des-no-pp', { mode, 'disk-encryption-set': 'des-new' }))
      const des = row(run.summary, 'des')
      expect([mode, des.result]).toEqual([mode, '⚠️ drift'])
      expect(des.details).toMatch(
        /this action creates disk encryption set 'des-new' only on an HSM with purge protection/
      )
      const check = driftChecks(run.outputs.drift).find(c => c.id === 'des.purgeProtection')
      expect(check?.hint).toMatch(/set purge-protection: 'true' and confirm-purge-protection: des-no-pp/)
    }
  })
})

describe('a key that backs a Disk Encryption Set (HSM without purge protection, set made by hand)', () => {
  const hsm = 'des-backed'
  const SET = 'des-by-hand'

  it('an existing set gets a warning on every run, and every run names the set the key backs', async () => {
    const first = await s.run(s.inputsFor(hsm))
    expect(errorsOf(first)).toEqual([])
    await handMadeSet(SET, first.outputs.KEK_KID)
    // The des step takes the existing set in (its grants), warning that the HSM can be purged.
    const withDes = await s.run(s.inputsFor(hsm, { 'disk-encryption-set': SET }))
    expect(errorsOf(withDes)).toEqual([])
    expect(warningsOf(withDes.stdout).join('\n')).toMatch(
      /des: Managed HSM 'des-backed' has no purge protection, and disk encryption set\(s\) 'des-by-hand' .* use its key: if the HSM is deleted and purged, every disk encrypted through them is unreadable for good/
    )
    // Without des in the steps: the key step finds the set by its key URL, says so, and warns again.
    for (const mode of ['apply', 'plan', 'verify']) {
      const run = await s.run(s.inputsFor(hsm, { mode }))
      expect([mode, errorsOf(run)]).toEqual([mode, []])
      expect(run.stdout).toMatch(
        /key: key 'KeyEncryptionKey' backs disk encryption set\(s\) 'des-by-hand' \(ConfidentialVmEncryptedWithCustomerKey/
      )
      expect(warningsOf(run.stdout).join('\n')).toMatch(
        /key: Managed HSM 'des-backed' has no purge protection/
      )
      const key = row(run.summary, 'key').details
      expect(key).toMatch(/ℹ️ key 'KeyEncryptionKey' backs disk encryption set\(s\) 'des-by-hand'/)
      expect(key).toMatch(/sets in other subscriptions are not checked/)
      expect(key).toMatch(/⚠️ Managed HSM 'des-backed' has no purge protection/)
    }
  })

  it('apply without des refuses a policy the set cannot use, before writing the key', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run(s.inputsFor(hsm, { 'release-policy-preset': 'confidential-vm' }))
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(
      /the inputs would change key 'KeyEncryptionKey' so that a disk encryption set using it stops working \(refused; nothing is changed\):.*disk encryption set 'des-by-hand' .*does not release to a compliant confidential-VM platform token/s
    )
    expect(errorsOf(run).join('\n')).toMatch(/use release-policy-preset: cvm-platform/)
    expect(await writesFrom(s.emu, since)).toEqual([])
  })

  it('verify and plan report that refusal with its own advice, not "apply to repair"', async () => {
    const verify = await s.run(
      s.inputsFor(hsm, { mode: 'verify', 'release-policy-preset': 'confidential-vm' })
    )
    expect(verify.code).toBe(1)
    const check = driftChecks(verify.outputs.drift).find(c => c.id === 'key.des')
    expect(check?.status).toBe('drift')
    expect(check?.hint).toMatch(/use release-policy-preset: cvm-platform/)
    expect(driftChecks(verify.outputs.drift).map(c => c.id)).not.toContain('key.properties')
    const plan = await s.run(s.inputsFor(hsm, { mode: 'plan', 'release-policy-preset': 'confidential-vm' }))
    expect(row(plan.summary, 'key')).toMatchObject({
      result: '⚠️ drift',
      details: expect.stringMatching(
        /the inputs would change key 'KeyEncryptionKey' so that a disk encryption set using it stops working/
      )
    })
  })
})

describe('a key step that cannot list the subscription’s sets', () => {
  it('warns, naming the permission, and goes on: it does not claim that no set uses the key', async () => {
    // An HSM of its own: the grants of the set above would be judged without the list (posture/access.ts).
    // Its key exists (a key this run creates backs no set yet).
    expect(errorsOf(await s.run(s.inputsFor('des-unlisted')))).toEqual([])
    await s.emu.setFaults([computeListRefused('diskEncryptionSets')])
    try {
      const run = await s.run(s.inputsFor('des-unlisted'))
      expect(errorsOf(run)).toEqual([])
      const warning =
        /key: the subscription's Disk Encryption Sets could not be listed \(.*\): whether a set uses key 'KeyEncryptionKey' was not checked; the identity needs Microsoft\.Compute\/diskEncryptionSets\/read on the subscription \(docs\/setup\.md\)/
      expect(warningsOf(run.stdout).join('\n')).toMatch(warning)
      expect(row(run.summary, 'key').details).toMatch(/Disk Encryption Sets could not be listed/)
      expect(run.stdout).not.toMatch(/backs disk encryption set/)
    } finally {
      await s.emu.setFaults([])
    }
  })
})

describe('plan with des, for a key the same plan changes', () => {
  const hsm = 'des-plan'

  it('judges the key as the key step leaves it, and labels what each step would do', async () => {
    // The key exists with a guest policy, which a confidential-VM set cannot use; the inputs change it.
    const first = await s.run(
      s.inputsFor(hsm, { ...protectedHsm(hsm), 'release-policy-preset': 'confidential-vm' })
    )
    expect(errorsOf(first)).toEqual([])
    const planInputs = s.inputsFor(hsm, {
      ...protectedHsm(hsm),
      mode: 'plan',
      'disk-encryption-set': 'des-planned'
    })
    const plan = await s.run(planInputs)
    expect(errorsOf(plan)).toEqual([])
    expect(driftChecks(plan.outputs.drift).map(c => c.id)).not.toContain('des.key.suitable')
    expect(row(plan.summary, 'key').result).toBe('📝 would update')
    expect(row(plan.summary, 'des')).toMatchObject({
      result: '🆕 would create',
      details: expect.stringMatching(/create disk encryption set 'des-planned'/)
    })
    for (const step of ['provision', 'activate', 'rbac'])
      expect(row(plan.summary, step).details).toBe('nothing to change')
    expect(headline(plan.summary)).toBe(
      '📝 Plan: 1 would create, 1 would update, 3 unchanged (of 5 step(s)); nothing was changed. Run mode: apply to make these changes.'
    )
  })

  it('apply: the key whose policy is updated is "updated", the new set "created"', async () => {
    const run = await s.run(s.inputsFor(hsm, { ...protectedHsm(hsm), 'disk-encryption-set': 'des-planned' }))
    expect(errorsOf(run)).toEqual([])
    expect(row(run.summary, 'key').result).toBe('✏️ updated')
    expect(row(run.summary, 'des').result).toBe('🆕 created')
    expect(headline(run.summary)).toBe('✅ Applied: 1 created, 1 updated, 3 unchanged (of 5 step(s)).')
    expect((await showDes('des-planned')).properties.activeKey.keyUrl).toBe(run.outputs.KEK_KID)
    const again = await s.run(
      s.inputsFor(hsm, { ...protectedHsm(hsm), 'disk-encryption-set': 'des-planned' })
    )
    expect(row(again.summary, 'des').result).toBe('✅ unchanged')
    expect(warningsOf(again.stdout).join('\n')).not.toMatch(/purge protection/)
  })
})
