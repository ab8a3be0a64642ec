/**
 * End to end through dist/index.js: multi-region replication (issue 28). One HSM, provision only (no
 * activation: the extended region is ARM's), on one emulator: apply extends it and waits for Succeeded, a
 * converged rerun writes nothing; an excluded region or the HSM's own is refused before any write; verify
 * reports a region removed out of band, a failed extension is reported and removed only when confirmed by
 * name; teardown removes the extended region before it deletes the primary, which Azure refuses otherwise.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { azureClient, baseInputs, errorsOf } from '../../scripts/local-runner.js'
import { peek, useScenario } from './harness.js'

const s = useScenario({ stores: 'none', hsm: 'rr-main' })
const REPLICA = 'northeurope'
const apply = (extra: Record<string, string> = {}) => s.run(s.inputs({ steps: 'provision', ...extra }))

interface Region {
  name: string
  provisioningState: string
  isPrimary: boolean
}
const regions = async (hsm = s.hsm): Promise<Region[]> =>
  (
    JSON.parse(
      await azureClient(
        s.info,
        'arm',
        'GET',
        `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}/providers/Microsoft.KeyVault/managedHSMs/${hsm}/regions?api-version=2024-11-01`
      )
    ) as { value: Region[] }
  ).value
const writesSince = async (since: number) =>
  (await s.emu.requests(since)).filter(r => r.write).map(r => `${r.method} ${r.path.split('?')[0]}`)

describe('multi-region replication', () => {
  // A failed test must not leave a slow or failing next extension behind for the tests after it.
  afterEach(() => s.emu.setSettings({ regionSeconds: 0, failNextRegion: false }))

  it('refuses an excluded region and the HSM’s own, naming replica-region, before any write', async () => {
    const since = (await s.emu.requests()).length
    const excluded = await apply({ 'replica-region': 'East US' })
    expect(excluded.code).not.toBe(0)
    expect(errorsOf(excluded).join('\n')).toMatch(
      /replica-region.*eastus cannot be an extended region \(Microsoft Learn 'Enable multi-region replication on Azure Managed HSM' \(2025-06-19\) lists/
    )
    const own = await apply({ 'replica-region': s.info.location })
    expect(errorsOf(own).join('\n')).toMatch(/replica-region.*is the HSM's own location \(westeurope\)/)
    expect(await writesSince(since)).toEqual([])
  })

  it('apply extends the HSM, says the cost doubles, waits for Succeeded; a converged rerun sends no write', async () => {
    // The HSM first, alone: then plan says what the extension would do and cost, and writes nothing.
    expect(errorsOf(await apply())).toEqual([])
    const before = (await s.emu.requests()).length
    const plan = await apply({ mode: 'plan', 'replica-region': REPLICA })
    expect(errorsOf(plan)).toEqual([])
    expect(plan.stdout).toContain(`would extend Managed HSM '${s.hsm}' to the region ${REPLICA}`)
    expect(plan.summary).toContain('the cost doubles')
    expect(await writesSince(before)).toEqual([])
    // The extension takes a second: the run must wait for it rather than end with the region Provisioning.
    await s.emu.setSettings({ regionSeconds: 1 })
    const run = await apply({ 'replica-region': REPLICA })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toContain(`extend Managed HSM '${s.hsm}' to the region ${REPLICA}`)
    expect(run.stdout).toContain('the cost doubles')
    expect(await regions()).toEqual([
      { name: s.info.location, provisioningState: 'Succeeded', isPrimary: true },
      { name: REPLICA, provisioningState: 'Succeeded', isPrimary: false }
    ])
    await s.emu.setSettings({ regionSeconds: 0 })
    const since = (await s.emu.requests()).length
    const again = await apply({ 'replica-region': REPLICA })
    expect(errorsOf(again)).toEqual([])
    expect(await writesSince(since)).toEqual([])
  })

  it('verify reports the region removed out of band as drift', async () => {
    await azureClient(s.info, 'hsm-update', s.info.resourceGroup, s.hsm, '{"properties":{"regions":[]}}')
    expect(await regions()).toEqual([])
    const run = await apply({ mode: 'verify', 'replica-region': REPLICA })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toContain(`drift: extend Managed HSM '${s.hsm}' to the region ${REPLICA}`)
    expect(run.summary).toContain(
      `provision differs: the inputs ask to extend Managed HSM '${s.hsm}' to the region ${REPLICA}`
    )
    // What it costs belongs to apply and plan, not to verify's drift.
    expect(run.summary).not.toContain('the cost doubles')
  })

  it('waits for a region still being added before any other change to the HSM', async () => {
    // An extension started out of band takes 5 s (the action's first look at a wait is after 5 s, so this costs
    // nothing, and leaves a loaded machine time to start the run while the region is still Provisioning); the
    // emulator refuses other changes meanwhile, as Learn advises.
    await s.emu.setSettings({ regionSeconds: 5 })
    await azureClient(
      s.info,
      'hsm-update',
      s.info.resourceGroup,
      s.hsm,
      `{"properties":{"regions":[{"name":"${REPLICA}"}]}}`
    )
    const shown = JSON.parse(await peek(s.info, 'hsm-show', s.info.resourceGroup, s.hsm)) as {
      properties: { regions?: Region[] }
    }
    expect(shown.properties.regions?.find(r => r.name === REPLICA)?.provisioningState).toMatch(
      /^(Pre)?[Pp]rovisioning$/
    )
    const run = await apply({ 'replica-region': REPLICA, 'public-network-access': 'Disabled' })
    expect(errorsOf(run)).toEqual([])
    const wait = run.stdout.indexOf(`wait for the region ${REPLICA} of Managed HSM '${s.hsm}'`)
    const update = run.stdout.indexOf('public network access: Enabled -> Disabled')
    expect(wait).toBeGreaterThanOrEqual(0)
    expect(update).toBeGreaterThan(wait)
    await s.emu.setSettings({ regionSeconds: 0 })
    // Back to the file's network access, and the region removed out of band again for the next test.
    expect(errorsOf(await apply({ 'replica-region': REPLICA }))).toEqual([])
    await azureClient(s.info, 'hsm-update', s.info.resourceGroup, s.hsm, '{"properties":{"regions":[]}}')
  })

  it('a failed extension is reported; an extra region is left alone until remove-replica-region names it', async () => {
    await s.emu.setSettings({ failNextRegion: true })
    const run = await apply({ 'replica-region': REPLICA })
    expect(run.code).not.toBe(0)
    expect(errorsOf(run).join('\n')).toContain(
      `the extension of Managed HSM '${s.hsm}' into ${REPLICA} failed (region provisioningState Failed)`
    )
    const verify = await apply({ mode: 'verify', 'replica-region': REPLICA })
    expect(verify.code).not.toBe(0)
    expect(verify.stdout).toContain(`into ${REPLICA} failed`)
    // Without the confirmation naming it, nothing removes the failed region.
    const since = (await s.emu.requests()).length
    const unconfirmed = await apply({ 'replica-region': '' })
    expect(unconfirmed.code).not.toBe(0)
    expect(await writesSince(since)).toEqual([])
    expect((await regions()).map(r => r.name)).toContain(REPLICA)
    const removed = await apply({ 'remove-replica-region': REPLICA })
    expect(errorsOf(removed)).toEqual([])
    expect(removed.stdout).toContain(`remove the extended region ${REPLICA}`)
    expect(await regions()).toEqual([])
  })

  it('teardown removes the extended region, waits until it is gone, then deletes and purges the primary', async () => {
    expect(errorsOf(await apply({ 'replica-region': REPLICA }))).toEqual([])
    // An extended region the inputs do not name is drift, said with the way to keep or remove it.
    const extra = await apply({ mode: 'verify' })
    expect(extra.code).not.toBe(0)
    expect(extra.stdout).toContain(
      `Managed HSM '${s.hsm}' is extended to ${REPLICA} (Succeeded), which replica-region does not name`
    )
    // Azure's recorded answer to a name it does not know (an out-of-band call, as az keyvault region add).
    await expect(
      azureClient(
        s.info,
        'hsm-update',
        s.info.resourceGroup,
        s.hsm,
        '{"properties":{"regions":[{"name":"testregion"}]}}'
      )
    ).rejects.toThrow(
      /Invalid region name: testregion passed\. The valid list of region names: usgovarizona, /
    )
    // Azure refuses to delete a primary while it has an extended region.
    await expect(azureClient(s.info, 'hsm-delete', s.info.resourceGroup, s.hsm)).rejects.toThrow(
      /extended region/
    )
    const since = (await s.emu.requests()).length
    // The apply's full inputs (one input set for apply, verify and teardown), the audit log's destination included.
    const run = await s.run(
      s.inputs({
        steps: 'provision',
        'replica-region': REPLICA,
        'audit-log-workspace-id': `/subscriptions/${s.info.subscriptionId}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/ws-audit`,
        mode: 'teardown',
        'confirm-teardown': s.hsm
      })
    )
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).not.toContain('is read only by the provision step')
    const writes = await writesSince(since)
    const patch = writes.findIndex(w => w.startsWith('PATCH ') && w.endsWith(`/managedHSMs/${s.hsm}`))
    const del = writes.findIndex(w => w.startsWith('DELETE ') && w.endsWith(`/managedHSMs/${s.hsm}`))
    expect(patch).toBeGreaterThanOrEqual(0)
    expect(del).toBeGreaterThan(patch)
    expect(writes.some(w => w.startsWith('POST ') && w.endsWith('/purge'))).toBe(true)
    expect(run.stdout).toContain(`removing the extended region ${REPLICA} of Managed HSM '${s.hsm}'`)
  })

  it('an undeleted HSM comes back with one region; replica-region extends it again, and says so', async () => {
    const name = 'rr-undelete'
    const run = (extra: Record<string, string>) => s.run(s.inputsFor(name, { steps: 'provision', ...extra }))
    expect(errorsOf(await run({}))).toEqual([])
    await azureClient(s.info, 'hsm-delete', s.info.resourceGroup, name)
    const back = await run({ 'on-soft-deleted': 'undelete', 'replica-region': REPLICA })
    expect(errorsOf(back)).toEqual([])
    expect(back.stdout).toContain(
      `it comes back with one region: replica-region ${REPLICA} is added again after`
    )
    expect((await regions(name)).map(r => [r.name, r.provisioningState])).toEqual([
      [s.info.location, 'Succeeded'],
      [REPLICA, 'Succeeded']
    ])
  })

  it('the TTL clean-up removes the extended region of an expired HSM before deleting it', async () => {
    const name = 'rr-ttl-old'
    const created = await s.run(s.inputsFor(name, { steps: 'provision', 'replica-region': REPLICA }))
    expect(errorsOf(created)).toEqual([])
    // Eight days old, as far as ARM's systemData knows.
    const createdAt = new Date(Date.now() - 8 * 86_400_000).toISOString()
    await s.emu.control(`/hsms/${name}/created`, { method: 'PUT', body: JSON.stringify({ createdAt }) })
    const since = (await s.emu.requests()).length
    const sweep = await s.run({
      ...baseInputs(s.info, 'rr-ttl-*'),
      mode: 'teardown',
      'confirm-teardown': 'rr-ttl-*',
      'only-if-expired': 'true',
      'teardown-lifetime': '7d'
    })
    expect(errorsOf(sweep)).toEqual([])
    const writes = await writesSince(since)
    const patch = writes.findIndex(w => w.startsWith('PATCH ') && w.endsWith(`/managedHSMs/${name}`))
    const del = writes.findIndex(w => w.startsWith('DELETE ') && w.endsWith(`/managedHSMs/${name}`))
    expect(patch).toBeGreaterThanOrEqual(0)
    expect(del).toBeGreaterThan(patch)
    expect(sweep.summary).toContain(
      `removed the extended region ${REPLICA} of Managed HSM '${name}' (purged)`
    )
  })
})
