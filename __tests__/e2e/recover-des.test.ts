/**
 * End to end through dist/index.js: recovery of an HSM whose key backs a Disk Encryption Set (issue 23 §3).
 * Neither the security domain nor the key backup holds a role assignment, so after the HSM is lost, recover
 * into a new HSM must grant the set's identity its role on the recovered key (and the Confidential VM
 * Orchestrator its own) as apply would, and point the set at the recovered key; the record beside the key
 * backup then finds nothing missing. Without disk-encryption-set in the inputs, the set's missing grant is
 * named as the set's, with the input that makes it. A rehearsal grants no set (the set belongs to hsm-name):
 * it says so, and does not call the set's grant missing.
 */
import { describe, expect, it } from '@jest/globals'
import { azureClient, errorsOf } from '../../scripts/local-runner.js'
import { peek, useScenario } from './harness.js'

const lost = 'rd-prod'
const fresh = 'rd-new'
const drill = 'rd-drill'
const DES = 'rd-des'
const KEY = 'KeyEncryptionKey'
const ENCRYPTION_USER = '33413926-3206-4cdd-b39a-83574fe37a17'
const RELEASE_USER = '21dbd100-6940-42c2-9190-5d6cb909625c'

const s = useScenario({
  hsm: lost,
  emulator: { provisioningSeconds: 1, activationSeconds: 1 },
  // Every HSM of the file escrows to, and recovers from, the lost HSM's stores.
  inputs: hsm => ({
    'security-domain-store': s.urls(lost).sdBlob(),
    'wrapping-key-store': s.urls(lost).keySecret,
    'key-backup-store': `${s.info.storageAccountUrl}/${s.info.storageContainer}/${lost}/kek-backup.bin`,
    'release-policy-preset': 'cvm-platform',
    'disk-encryption-set': DES,
    // A set only on an HSM that cannot be purged (the action's rule).
    'purge-protection': 'true',
    'confirm-purge-protection': hsm,
    'retention-days': '7'
  })
})

const hsmUri = (name: string) => `https://${name}.managedhsm.azure.net/`
const desPath = `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/diskEncryptionSets/${DES}?api-version=2025-01-02`
const showDes = async () =>
  JSON.parse(
    await azureClient(
      s.info,
      'arm',
      'GET',
      desPath.replace('{sub}', s.info.subscriptionId).replace('{rg}', s.info.resourceGroup)
    )
  ) as { identity: { principalId: string }; properties: { activeKey: { keyUrl: string } } }
const rolesOf = async (principal: string, hsm: string) =>
  (
    JSON.parse(await azureClient(s.info, 'role-list', hsmUri(hsm), principal)) as {
      value: Array<{ properties: { scope: string; roleDefinitionId: string } }>
    }
  ).value.map(a => [a.properties.scope, a.properties.roleDefinitionId.split('/').pop()])

let kid = ''
let identity = ''
let orchestrator = ''

describe('before the disaster', () => {
  it('apply makes the key, the set and its grants, and records them beside the key backup', async () => {
    const run = await s.run(s.inputs())
    expect(errorsOf(run)).toEqual([])
    kid = run.outputs.KEK_KID
    identity = (await showDes()).identity.principalId
    expect(identity).toMatch(/^[0-9a-f-]{36}$/)
    orchestrator = (/Confidential VM Orchestrator service principal ([0-9a-f-]{36})/.exec(run.stdout) ??
      [])[1]
    expect(orchestrator).toBeDefined()
    const url = /recorded the \d+ role assignment\(s\) .* at (\S+),/.exec(run.stdout)?.[1]
    expect(url).toBeDefined()
    const record = JSON.parse(await peek(s.info, 'blob-get', url as string)) as {
      assignments: Array<{ principalId: string; role: string; scope: string }>
    }
    expect(record.assignments).toContainEqual({
      principalId: identity,
      role: 'Managed HSM Crypto Service Encryption User',
      scope: `/keys/${KEY}`
    })
    expect(record.assignments).toContainEqual({
      principalId: orchestrator,
      role: 'Managed HSM Crypto Service Release User',
      scope: `/keys/${KEY}`
    })
  })

  it('the disaster: the HSM is deleted, its name held by purge protection', async () => {
    await azureClient(s.info, 'hsm-delete', s.info.resourceGroup, lost)
    await expect(peek(s.info, 'hsm-show', s.info.resourceGroup, lost)).rejects.toThrow()
    const state = await s.emu.control<{ deletedHsms: unknown[] }>('/state')
    expect(JSON.stringify(state.deletedHsms)).toContain(`"${lost}"`)
  })
})

describe('recover into a new HSM', () => {
  it('grants the set’s identity its role on the recovered key, points the set at it, and ends converged', async () => {
    const run = await s.run(s.inputsFor(fresh, { mode: 'recover' }))
    expect(errorsOf(run)).toEqual([])
    // The same key (name and version) in the new HSM.
    expect(run.outputs.KEK_KID).toBe(kid.replace(`//${lost}.`, `//${fresh}.`))
    expect(await rolesOf(identity, fresh)).toEqual([[`/keys/${KEY}`, ENCRYPTION_USER]])
    expect(await rolesOf(orchestrator, fresh)).toEqual([[`/keys/${KEY}`, RELEASE_USER]])
    expect((await showDes()).properties.activeKey.keyUrl).toBe(run.outputs.KEK_KID)
    expect(run.stdout).toMatch(
      new RegExp(
        `recover: assign 'Managed HSM Crypto Service Encryption User' to ${identity} at scope /keys/${KEY}`
      )
    )
    // What the record holds is all in place: the set's grant is not "missing".
    expect(run.stdout).toMatch(/all \d+ role assignment\(s\) recorded with the key backup are in place/)
    expect(run.stdout).not.toMatch(/recover: missing:/)
    expect(run.summary).toMatch(/\*\*✅ Recovered: same KEK_KID\.\*\*/)
  })

  it('apply on the recovered HSM changes nothing in Azure; it records the new HSM’s key once', async () => {
    let since = (await s.emu.requests()).length
    const run = await s.run(s.inputsFor(fresh))
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(/des: nothing to change/)
    expect(run.stdout).toMatch(/rbac: nothing to change/)
    // The record names the key by its KEK_KID, now on the new HSM: one new record, nothing else.
    expect((await s.emu.requests(since)).filter(r => r.write).map(r => [r.method, r.host, r.path])).toEqual([
      [
        'PUT',
        new URL(s.info.storageAccountUrl).host,
        expect.stringMatching(new RegExp(`^/escrow/${lost}/kek-backup-.*-roles-[0-9a-f]{12}\\.bin$`))
      ]
    ])
    since = (await s.emu.requests()).length
    expect(errorsOf(await s.run(s.inputsFor(fresh)))).toEqual([])
    expect((await s.emu.requests(since)).filter(r => r.write)).toEqual([])
  })
})

describe('recover without disk-encryption-set in the inputs', () => {
  it('names the set’s missing grant as the set’s, with the input that makes it', async () => {
    const [assignment] = (
      JSON.parse(await azureClient(s.info, 'role-list', hsmUri(fresh), identity)) as {
        value: Array<{ name: string }>
      }
    ).value
    await azureClient(s.info, 'role-delete', hsmUri(fresh), `/keys/${KEY}`, assignment.name)
    const inputs = s.inputsFor(fresh, { mode: 'recover' })
    delete inputs['disk-encryption-set']
    const run = await s.run(inputs)
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toContain(
      `::warning::recover: missing: 'Managed HSM Crypto Service Encryption User' for ${identity} at /keys/${KEY}, the identity of disk encryption set '${DES}' (recorded with the key backup); next step: add disk-encryption-set: ${DES} to the inputs and rerun mode: recover (the des step grants it)`
    )
    expect(run.summary).toMatch(
      /\*\*⚠️ Recovered: same KEK_KID; 1 role assignment\(s\) recorded with the key backup missing\.\*\*/
    )
    expect(await rolesOf(identity, fresh)).toEqual([])

    // As advised: the set's grant is back, and the recovery converged.
    const again = await s.run(s.inputsFor(fresh, { mode: 'recover' }))
    expect(errorsOf(again)).toEqual([])
    expect(await rolesOf(identity, fresh)).toEqual([[`/keys/${KEY}`, ENCRYPTION_USER]])
    expect(again.summary).toMatch(/\*\*✅ Recovered: same KEK_KID\.\*\*/)
  })
})

describe('a rehearsal', () => {
  it('grants no set, says so, and does not call the set’s grant missing', async () => {
    const run = await s.run(s.inputsFor(fresh, { mode: 'recover', 'rehearsal-hsm-name': drill }))
    expect(errorsOf(run)).toEqual([])
    expect(run.summary).toMatch(/\*\*✅ Rehearsal passed: /)
    expect(run.stdout).not.toMatch(/missing/)
    expect(run.stdout).not.toMatch(new RegExp(`recover: assign [^\\n]* to ${identity}`))
    // Named for what they are, and where they are granted: not a gap of the escrow.
    expect(run.stdout).toContain(
      `::warning::recover: not granted in a rehearsal: 'Managed HSM Crypto Service Encryption User' for ${identity} at /keys/${KEY}, the identity of disk encryption set '${DES}', whose set uses the key of '${fresh}' (mode: recover into '${fresh}' grants it)`
    )
    expect(run.stdout).toContain(
      `::warning::recover: not granted in a rehearsal: 'Managed HSM Crypto Service Release User' for ${orchestrator} at /keys/${KEY}, the Confidential VM Orchestrator of disk encryption set '${DES}'`
    )
    expect(run.stdout).not.toMatch(/the rehearsal HSM lacks/)
    // The set still uses the recovered HSM's key; the rehearsal HSM is gone.
    expect((await showDes()).properties.activeKey.keyUrl).toContain(`//${fresh}.`)
    await expect(peek(s.info, 'hsm-show', s.info.resourceGroup, drill)).rejects.toThrow()
  })
})
