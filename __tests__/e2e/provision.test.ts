/**
 * End to end: dist/index.js as the runner runs it, against a real emulator process, through its HTTPS proxy.
 */
import { describe, expect, it } from '@jest/globals'
import {
  azureClient,
  baseInputs as allInputs,
  errorsOf,
  type EmulatorInfo
} from '../../scripts/local-runner.js'
import { peek, useScenario } from './harness.js'

const baseInputs = (emu: EmulatorInfo, name: string) => ({ ...allInputs(emu, name), steps: 'provision' })

const s = useScenario({})

/** Requests the emulator saw from index `since` on, without the sign-in traffic. */
async function azureRequestsSince(since: number) {
  return (await s.emu.requests(since)).filter(
    r => !/login\.microsoftonline|actions\.githubusercontent/.test(r.host)
  )
}

describe('provision', () => {
  const name = 'e2e-prov-1'

  it('creates the HSM (waiting for the creation) and sets HSM_NAME, HSM_RESOURCE_ID and HSM_URI', async () => {
    // The one creation of this file that takes time in the emulator: the action waits for it.
    await s.emu.setSettings({ provisioningSeconds: 1 })
    const run = await s
      .run({ ...baseInputs(s.info, name), tags: 'env=test' })
      .finally(() => s.emu.setSettings({ provisioningSeconds: 0 }))
    expect(run.stdout).toMatch(/Managed HSM creation: \S.* \(\d+s elapsed\)/)
    expect(errorsOf(run)).toEqual([])
    expect(run.code).toBe(0)
    expect(run.outputs.HSM_NAME).toBe(name)
    expect(run.outputs.HSM_URI).toBe(`https://${name}.managedhsm.azure.net/`)
    expect(run.outputs.HSM_RESOURCE_ID).toBe(
      `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}/providers/Microsoft.KeyVault/managedHSMs/${name}`
    )
    expect(run.summary).toMatch(/\| provision \| .*created/)
    expect(run.stdout).toMatch(/::group::provision/)
    const shown = JSON.parse(await peek(s.info, 'hsm-show', s.info.resourceGroup, name))
    expect(shown.properties.provisioningState).toBe('Succeeded')
    expect(shown.tags).toEqual({ env: 'test' })
    expect(shown.properties.softDeleteRetentionInDays).toBe(7)
    expect(shown.properties.enablePurgeProtection).toBe(false)
  })

  it('sends no write on an identical rerun', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run({ ...baseInputs(s.info, name), tags: 'env=test' })
    expect(run.code).toBe(0)
    expect(run.outputs.HSM_URI).toBe(`https://${name}.managedhsm.azure.net/`)
    expect(run.summary).toMatch(/\| provision \| .*unchanged/)
    const seen = await azureRequestsSince(since)
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.filter(r => r.write)).toEqual([])
  })

  it('changes only what differs, and says what it cannot change', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run({
      ...baseInputs(s.info, name),
      tags: 'env=prod',
      'public-network-access': 'Disabled',
      'retention-days': '30'
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/public network access: Enabled -> Disabled/)
    expect(run.stdout).toMatch(/tag env: 'test' -> 'prod'/)
    expect(run.stdout).toMatch(/::warning::.*retention cannot change after creation/)
    const writes = (await azureRequestsSince(since)).filter(r => r.write)
    expect(writes.map(w => w.method)).toEqual(['PATCH'])
    const shown = JSON.parse(await peek(s.info, 'hsm-show', s.info.resourceGroup, name))
    expect(shown.properties.publicNetworkAccess).toBe('Disabled')
    expect(shown.properties.softDeleteRetentionInDays).toBe(7)
  })

  it('refuses to move an HSM to another location', async () => {
    const run = await s.run({ ...baseInputs(s.info, name), location: 'northeurope' })
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(/exists in westeurope, not in northeurope; an HSM cannot move/)
  })
})

describe('bad input', () => {
  it('fails before any request, naming the input', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run({
      ...baseInputs(s.info, 'ok-name'),
      'hsm-name': 'bad--name',
      'retention-days': '100'
    })
    expect(run.code).toBe(1)
    const msg = errorsOf(run).join('\n')
    expect(msg).toMatch(/Input 'hsm-name': 'bad--name' must not contain two hyphens/)
    expect(msg).toMatch(/Input 'retention-days': must be a whole number from 7 to 90/)
    expect(await s.emu.requests(since)).toEqual([])
  })
})

describe('sign-in', () => {
  it('explains a federated-credential mismatch with the presented issuer and subject', async () => {
    const { token } = (await s.emu.control('/oidc/request-tokens', {
      method: 'POST',
      body: JSON.stringify({ claims: { sub: 'repo:contoso/hsm-bootstrap:ref:refs/heads/feature' } })
    })) as { token: string }
    const run = await s.run(baseInputs(s.info, 'e2e-fic'), {
      env: { ACTIONS_ID_TOKEN_REQUEST_TOKEN: token }
    })
    expect(run.code).toBe(1)
    const msg = errorsOf(run).join('\n')
    expect(msg).toMatch(/Entra ID: sign in as .* failed \(401 AADSTS7002\d+\)/)
    expect(msg).toMatch(/subject 'repo:contoso\/hsm-bootstrap:ref:refs\/heads\/feature'/)
    expect(msg).toMatch(/issuer 'https:\/\/token\.actions\.githubusercontent\.com'/)
    expect(run.everything).not.toContain(token)
  })

  it('says to grant id-token: write when the runner offers no OIDC token', async () => {
    const run = await s.run(baseInputs(s.info, 'e2e-noperm'), {
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' }
    })
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(/GitHub OIDC: get an ID token failed.*\n.*id-token: write/)
  })
})

describe('on-soft-deleted', () => {
  async function createAndDelete(name: string): Promise<void> {
    expect((await s.run(baseInputs(s.info, name))).code).toBe(0)
    await azureClient(s.info, 'hsm-delete', s.info.resourceGroup, name)
  }

  it('fail: stops and says how to go on', async () => {
    await createAndDelete('e2e-sd-fail')
    const run = await s.run(baseInputs(s.info, 'e2e-sd-fail'))
    expect(run.code).toBe(1)
    const msg = errorsOf(run).join('\n')
    expect(msg).toMatch(/held by a soft-deleted Managed HSM/)
    expect(msg).toMatch(/on-soft-deleted: undelete/)
  })

  it('undelete: brings the deleted HSM back under its name', async () => {
    await createAndDelete('e2e-sd-undelete')
    // Its keys come back with it: network-bypass None is refused, before the recovery, while a Disk Encryption
    // Set (made out of band, not in the inputs) uses one of them.
    const set = `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}/providers/Microsoft.Compute/diskEncryptionSets/sd-des?api-version=2025-01-02`
    const key = 'https://e2e-sd-undelete.managedhsm.azure.net/keys/k/0123456789abcdef0123456789abcdef'
    await azureClient(
      s.info,
      'arm',
      'PUT',
      set,
      JSON.stringify({
        location: s.info.location,
        identity: { type: 'SystemAssigned' },
        properties: { activeKey: { keyUrl: key } }
      })
    )
    const since = (await s.emu.requests()).length
    const refused = await s.run({
      ...baseInputs(s.info, 'e2e-sd-undelete'),
      'on-soft-deleted': 'undelete',
      network: 'firewall',
      'allowed-ips': '52.1.2.3',
      'network-bypass': 'None'
    })
    expect(errorsOf(refused).join('\n')).toContain(
      "disk encryption set(s) 'sd-des' use keys of Managed HSM 'e2e-sd-undelete'"
    )
    expect((await azureRequestsSince(since)).filter(r => r.write)).toEqual([])
    await azureClient(s.info, 'arm', 'DELETE', set)
    const run = await s.run({
      ...baseInputs(s.info, 'e2e-sd-undelete'),
      'on-soft-deleted': 'undelete'
    })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(/undelete soft-deleted Managed HSM 'e2e-sd-undelete'/)
    expect(run.outputs.HSM_URI).toBe('https://e2e-sd-undelete.managedhsm.azure.net/')
  })

  it('purge: destroys the deleted HSM and creates a new one', async () => {
    await createAndDelete('e2e-sd-purge')
    const since = (await s.emu.requests()).length
    const run = await s.run({ ...baseInputs(s.info, 'e2e-sd-purge'), 'on-soft-deleted': 'purge' })
    expect(errorsOf(run)).toEqual([])
    const writes = (await azureRequestsSince(since)).filter(r => r.write)
    expect(writes.map(w => `${w.method} ${w.path.includes('/purge') ? 'purge' : 'hsm'}`)).toEqual([
      'POST purge',
      'PUT hsm'
    ])
    expect(run.outputs.HSM_URI).toBe('https://e2e-sd-purge.managedhsm.azure.net/')
  })
})
