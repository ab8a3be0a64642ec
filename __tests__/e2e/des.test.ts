/**
 * End to end through dist/index.js: the des step binds the key to a confidential-VM Disk Encryption Set,
 * grants its identity and the Confidential VM Orchestrator, converges with no write, reports and repairs
 * drift, refuses an unsuitable key before any change, and teardown leaves a set that does not use the HSM's
 * keys and removes the ones that do only when told to.
 */
import { describe, expect, it } from '@jest/globals'
import { azureClient, baseInputs, errorsOf } from '../../scripts/local-runner.js'
import { useScenario, writesFrom } from './harness.js'

const hsm = 'des-e2e'
const DES = 'des-cvm'
const ORCHESTRATOR_APP = 'bf7b6499-ff71-4aa2-97a4-f372087be7f0'
const ENCRYPTION_USER = '33413926-3206-4cdd-b39a-83574fe37a17'
const RELEASE_USER = '21dbd100-6940-42c2-9190-5d6cb909625c'

const s = useScenario({
  hsm,
  keys: 'escrow vault',
  inputs: () => ({
    'release-policy-preset': 'cvm-platform',
    'disk-encryption-set': DES,
    // A new set only on an HSM that cannot be purged (the action's rule; des-story.test.ts).
    'purge-protection': 'true',
    'confirm-purge-protection': hsm
  })
})

const hsmUri = `https://${hsm}.managedhsm.azure.net/`
const desPath = (name = DES) =>
  `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}/providers/Microsoft.Compute/diskEncryptionSets/${name}?api-version=2025-01-02`
const showDes = async (name = DES) => JSON.parse(await azureClient(s.info, 'arm', 'GET', desPath(name)))
/** Polls the set until its provisioning state is final (an update made outside the action has landed). */
async function settled(name = DES): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const state = (await showDes(name)).properties?.provisioningState
    if (state !== 'Updating' && state !== 'Creating') return
    await new Promise(r => setTimeout(r, 500))
  }
  throw new Error(`disk encryption set '${name}' is still updating`)
}
const rolesOf = async (principal: string) =>
  (
    JSON.parse(await azureClient(s.info, 'role-list', hsmUri, principal)) as {
      value: Array<{ name: string; properties: { scope: string; roleDefinitionId: string } }>
    }
  ).value
const writes = (since: number) => writesFrom(s.emu, since)
const driftIds = (drift: string) =>
  (JSON.parse(drift) as { checks: Array<{ id: string; status: string }> }).checks
    .filter(c => c.status === 'drift')
    .map(c => c.id)

describe('a key that cannot serve a confidential-VM set', () => {
  it('is refused at input time when the key step would write a guest-only policy', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run(s.inputs({ 'release-policy-preset': 'sev-snp-cvm' }))
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(
      /Input 'release-policy-preset': 'sev-snp-cvm' releases to a confidential VM's guest/
    )
    expect(await s.emu.requests(since)).toEqual([])
  })

  it('is refused before any change when the key already exists with such a policy', async () => {
    const guestOnly = s.inputs({ 'key-name': 'GuestOnlyKek', 'release-policy-preset': 'sev-snp-cvm' })
    delete guestOnly['disk-encryption-set']
    expect(errorsOf(await s.run(guestOnly))).toEqual([])
    const since = (await s.emu.requests()).length
    const run = await s.run(s.inputs({ steps: 'des', 'key-name': 'GuestOnlyKek' }))
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(
      /key 'GuestOnlyKek' cannot back a ConfidentialVmEncryptedWithCustomerKey disk encryption set: .*does not release to a compliant confidential-VM platform token/
    )
    expect(await writes(since)).toEqual([])
  })
})

describe('the des step', () => {
  let principal = ''
  let orchestrator = ''

  it('creates the set and both grants on the first run', async () => {
    const run = await s.run(s.inputs({ 'export-variables': 'true' }))
    expect(errorsOf(run)).toEqual([])
    const o = run.outputs
    expect(o.DES_ID).toBe(desPath().split('?')[0])
    expect(o.DES_PRINCIPAL_ID).toMatch(/^[0-9a-f-]{36}$/)
    principal = o.DES_PRINCIPAL_ID
    const des = await showDes()
    expect(des.properties).toMatchObject({
      encryptionType: 'ConfidentialVmEncryptedWithCustomerKey',
      activeKey: { keyUrl: o.KEK_KID },
      provisioningState: 'Succeeded'
    })
    expect(des.identity).toMatchObject({ type: 'SystemAssigned', principalId: principal })
    expect(des.tags).toMatchObject({ 'managed-by': 'managed-hsm-skr-action', 'managed-hsm': hsm })
    expect(
      (await rolesOf(principal)).map(a => [
        a.properties.scope,
        a.properties.roleDefinitionId.split('/').pop()
      ])
    ).toEqual([['/keys/KeyEncryptionKey', ENCRYPTION_USER]])
    orchestrator = (/Confidential VM Orchestrator service principal ([0-9a-f-]{36})/.exec(run.stdout) ??
      [])[1]
    expect(orchestrator).toBeDefined()
    expect(
      (await rolesOf(orchestrator)).map(a => [
        a.properties.scope,
        a.properties.roleDefinitionId.split('/').pop()
      ])
    ).toEqual([['/keys/KeyEncryptionKey', RELEASE_USER]])
    expect(run.summary).toMatch(/\| des \| .*created/)
    expect(run.summary).toContain(`| <code>DES\\_ID</code> | <code>${o.DES_ID}</code> |`)
    const env = (await import('node:fs')).readFileSync(`${run.dir}/env`, 'utf8')
    expect(env).toContain('DES_PRINCIPAL_ID<<')
  })

  it('changes nothing on a rerun: no write', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run(s.inputs())
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(/des: nothing to change/)
    expect(await writes(since)).toEqual([])
  })

  it('looks the Orchestrator up as soon as a confidential set is seen using the key, beside the escrow checks', async () => {
    // No des step: the set is found by the key holders' check. The escrow's blob answers slowly: a look-up made in
    // that check's turn, after the steps, would leave after it.
    await s.emu.setFaults([{ host: 'blob', latencyMs: 1500 }])
    let requests: Awaited<ReturnType<typeof s.emu.requests>>
    try {
      const since = (await s.emu.requests()).length
      const run = await s.run(
        s.inputs({ mode: 'verify', steps: 'provision,activate,rbac,key', 'disk-encryption-set': '' })
      )
      expect(run.code).toBe(0)
      requests = await s.emu.requests(since)
    } finally {
      await s.emu.clearFaults()
    }
    const end = (r: (typeof requests)[number]) => Date.parse(r.time)
    const graph = requests.filter(r => r.host === 'graph.microsoft.com' && /servicePrincipals/.test(r.path))
    const escrow = requests.filter(r => r.host.includes('.blob.') && r.method === 'GET')
    expect([graph.length, escrow.length > 0]).toEqual([1, true])
    expect(end(graph[0]) - graph[0].durationMs).toBeLessThan(Math.min(...escrow.map(end)))
  })

  it('reports a drifted key URL in verify and puts it back in apply', async () => {
    const kid = (await showDes()).properties.activeKey.keyUrl as string
    const other = kid.replace(/[0-9a-f]{32}$/, '0123456789abcdef0123456789abcdef')
    await azureClient(
      s.info,
      'arm',
      'PATCH',
      desPath(),
      JSON.stringify({ properties: { activeKey: { keyUrl: other } } })
    )
    // The out-of-band change is itself a long-running update: verify it once it has landed, not while
    // the set still says Updating (which verify rightly reports as an update under way).
    await settled()
    const verify = await s.run(s.inputs({ mode: 'verify' }))
    expect(verify.code).toBe(1)
    expect(driftIds(verify.outputs.drift)).toContain('des.activeKey')
    const run = await s.run(s.inputs())
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toContain(`key: ${other} -> ${kid}`)
    expect((await showDes()).properties.activeKey.keyUrl).toBe(kid)
  })

  it('reports a removed grant in verify and grants it again in apply', async () => {
    const [assignment] = await rolesOf(principal)
    await azureClient(s.info, 'role-delete', hsmUri, '/keys/KeyEncryptionKey', assignment.name)
    const verify = await s.run(s.inputs({ mode: 'verify' }))
    expect(verify.code).toBe(1)
    expect(driftIds(verify.outputs.drift)).toContain('des.grant.identity')
    expect(errorsOf(await s.run(s.inputs()))).toEqual([])
    expect((await rolesOf(principal)).length).toBe(1)
  })

  it('reports an extra grant of the set identity as drift, and leaves it', async () => {
    await azureClient(
      s.info,
      'role-put',
      hsmUri,
      '/keys',
      '9d0e8f7a-1b2c-4d3e-8f4a-5b6c7d8e9f0a',
      ENCRYPTION_USER,
      principal
    )
    const verify = await s.run(s.inputs({ mode: 'verify' }))
    expect(verify.code).toBe(1)
    // Who can take the key: the set's identity is intended on the key itself, not on every key.
    const report = JSON.parse(verify.outputs.drift) as {
      checks: Array<{ id: string; severity?: string; finding?: string }>
    }
    expect(
      report.checks.find(c => c.id === 'posture.access.9d0e8f7a-1b2c-4d3e-8f4a-5b6c7d8e9f0a')
    ).toMatchObject({
      severity: 'drift',
      finding: expect.stringMatching(
        /'Managed HSM Crypto Service Encryption User' for .* at \/keys is not intended/
      )
    })
    await azureClient(s.info, 'role-delete', hsmUri, '/keys', '9d0e8f7a-1b2c-4d3e-8f4a-5b6c7d8e9f0a')
  })

  it('explains how to create the Orchestrator service principal when the tenant has none', async () => {
    await s.emu.control(`/graph/service-principals/${ORCHESTRATOR_APP}`, { method: 'DELETE' })
    const since = (await s.emu.requests()).length
    const run = await s.run(s.inputs({ steps: 'des' }))
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(
      /Input 'cvm-orchestrator-object-id': the tenant has no service principal for the Confidential VM Orchestrator .*az ad sp create --id bf7b6499-ff71-4aa2-97a4-f372087be7f0/
    )
    expect(await writes(since)).toEqual([])
    const given = await s.run(s.inputs({ steps: 'des', 'cvm-orchestrator-object-id': orchestrator }))
    expect(errorsOf(given)).toEqual([])
    expect(given.stdout).toMatch(/des: nothing to change/)
  })
})

describe('teardown', () => {
  it('leaves a set it did not create', async () => {
    const kid = (await showDes()).properties.activeKey.keyUrl as string
    await azureClient(
      s.info,
      'arm',
      'PUT',
      desPath('des-hand-made'),
      JSON.stringify({
        location: s.info.location,
        identity: { type: 'SystemAssigned' },
        properties: { encryptionType: 'ConfidentialVmEncryptedWithCustomerKey', activeKey: { keyUrl: kid } }
      })
    )
    const run = await s.run({
      ...baseInputs(s.info, 'no-such-hsm'),
      mode: 'teardown',
      'confirm-teardown': 'no-such-hsm',
      'disk-encryption-set': 'des-hand-made'
    })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(/disk encryption set 'des-hand-made' was not created by this action/)
    expect((await showDes('des-hand-made')).name).toBe('des-hand-made')
  })

  it('refuses while sets use the key, then with delete-disk-encryption-sets deletes them before the HSM', async () => {
    const td = {
      ...baseInputs(s.info, hsm),
      mode: 'teardown',
      'confirm-teardown': hsm,
      'disk-encryption-set': DES
    }
    const refused = await s.run(td)
    expect(refused.code).toBe(1)
    expect(errorsOf(refused).join('\n')).toMatch(
      /disk encryption set\(s\) '(des-cvm|des-hand-made)', '(des-cvm|des-hand-made)' use keys of Managed HSM 'des-e2e'/
    )
    const run = await s.run({ ...td, 'delete-disk-encryption-sets': 'true' })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout.indexOf(`deleting disk encryption set '${DES}'`)).toBeLessThan(
      run.stdout.indexOf(`deleting Managed HSM '${hsm}'`)
    )
    await expect(showDes()).rejects.toThrow(/404/)
    await expect(showDes('des-hand-made')).rejects.toThrow(/404/)
  })
})
