/**
 * End to end through dist/index.js: the record of the key's role assignments beside its backup when
 * key-backup-store is a Key Vault secret (issue 23 §3; recover-converged.test.ts has the Blob store). apply
 * writes the record as a secret of its own beside the backup's; after the HSM is lost, recover reads it from
 * the vault and names the assignment the inputs do not list, with the next step.
 */
import { describe, expect, it } from '@jest/globals'
import { azureClient, errorsOf } from '../../scripts/local-runner.js'
import { peek, useScenario } from './harness.js'

const hsm = 'rk-prod'
const BACKUP = `${hsm}-kek-backup`
/** A workload the inputs grant release to. */
const WORKLOAD = '4b5c6d7e-8f90-4a1b-9c2d-3e4f5a6b7c8d'
/** A backup job granted by hand, outside the inputs. */
const BACKUP_JOB = '8e9f0a1b-2c3d-4e5f-8a6b-7c8d9e0f1a2b'
const BACKUP_ROLE = 'Managed HSM Crypto Auditor'
const BACKUP_ROLE_ID = '2c18b078-7c48-4d3a-af88-5a3a1b3f82b3'

const s = useScenario({
  hsm,
  // The security domain in Blob storage, the wrapping keys in their own vault; the key backup and its record
  // in the pre-created vault.
  stores: 'split',
  inputs: () => ({
    'retention-days': '7',
    'release-policy-preset': 'sev-snp-cvm',
    'key-backup-store': `${s.info.keyVaultUrl}/secrets/${BACKUP}`,
    'role-assignments': `Managed HSM Crypto Service Release User | ${WORKLOAD} | /keys/KeyEncryptionKey`,
    'known-principals': BACKUP_JOB
  })
})
const hsmUri = `https://${hsm}.managedhsm.azure.net/`

let recordName = ''

describe('apply with a Key Vault secret as key-backup-store', () => {
  it('records the key’s role assignments as a secret beside the backup', async () => {
    await s.run(s.inputs({ steps: 'provision,activate' })).then(r => expect(errorsOf(r)).toEqual([]))
    await azureClient(
      s.info,
      'role-put',
      hsmUri,
      '/keys',
      '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
      BACKUP_ROLE_ID,
      BACKUP_JOB
    )
    const run = await s.run(s.inputs())
    expect(errorsOf(run)).toEqual([])
    const url = /recorded the \d+ role assignment\(s\) that reach 'KeyEncryptionKey' .* at (\S+),/.exec(
      run.stdout
    )?.[1]
    expect(url).toBeDefined()
    const u = new URL(url as string)
    expect(u.origin).toBe(new URL(s.info.keyVaultUrl).origin)
    recordName = u.pathname.replace(/^\/secrets\//, '')
    expect(recordName).toMatch(new RegExp(`^${BACKUP}-[0-9a-f]{32}-\\d{10}-roles-[0-9a-f]{12}$`))
    const record = JSON.parse(await peek(s.info, 'secret-get', s.info.keyVaultUrl, recordName)) as {
      assignments: Array<{ principalId: string; role: string; scope: string }>
    }
    expect(record.assignments).toContainEqual({ principalId: BACKUP_JOB, role: BACKUP_ROLE, scope: '/keys' })
    expect(record.assignments).toContainEqual({
      principalId: WORKLOAD,
      role: 'Managed HSM Crypto Service Release User',
      scope: '/keys/KeyEncryptionKey'
    })
  })

  it('the disaster: teardown deletes and purges the HSM', async () => {
    const run = await s.run({ ...s.inputs(), mode: 'teardown', 'confirm-teardown': hsm })
    expect(errorsOf(run)).toEqual([])
  })
})

describe('recover from the Key Vault record', () => {
  it('grants what the inputs list, and names the recorded assignment they do not, with the next step', async () => {
    const run = await s.run(s.inputs({ mode: 'recover' }))
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(
      new RegExp(
        `recover: \\d+ role assignment\\(s\\) of 'KeyEncryptionKey' recorded at ${s.info.keyVaultUrl}/secrets/${recordName}\n`
      )
    )
    expect(run.stdout).toContain(
      `::warning::recover: missing: '${BACKUP_ROLE}' for ${BACKUP_JOB} at /keys (recorded with the key backup); next step: add '${BACKUP_ROLE} | ${BACKUP_JOB} | /keys' to role-assignments and run mode: apply`
    )
    expect(run.summary).toMatch(
      /\*\*⚠️ Recovered: same KEK_KID; 1 role assignment\(s\) recorded with the key backup missing\.\*\*/
    )
    // The inputs' grant is back; the hand-made one is not granted by recover, only named.
    const roles = (principal: string) =>
      azureClient(s.info, 'role-list', hsmUri, principal).then(t =>
        (JSON.parse(t) as { value: Array<{ properties: { scope: string } }> }).value.map(
          a => a.properties.scope
        )
      )
    expect(await roles(WORKLOAD)).toEqual(['/keys/KeyEncryptionKey'])
    expect(await roles(BACKUP_JOB)).toEqual([])
  })
})
