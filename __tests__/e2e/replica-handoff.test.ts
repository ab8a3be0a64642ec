/**
 * End to end through dist/index.js: the hand-off of a multi-region HSM (issue 28). After this run's key write
 * on an HSM extended to a second region, the outputs are set only once Microsoft's 6-minute replication window
 * since that write has passed, and the summary says so; a rerun that writes nothing does not wait. The window
 * passes on a fake clock: the runs that wait get the preload of scripts/preload.ts at 120 times real speed
 * (6 minutes in 3 s); dist/index.js itself reads no such switch. A just-in-time runner rule waits for a
 * region still being added, and the post phase leaves its rule, saying why, while a region is being removed.
 * Served by a lagging extended region (the emulator's dataPlaneRegion), the read-back of a new key waits until
 * that region lists it. One activation for the file.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { azureClient, errorsOf } from '../../scripts/local-runner.js'
import { preloadOptions, removePreload } from '../../scripts/preload.js'
import { peek, useScenario } from './harness.js'

const s = useScenario({
  hsm: 'rr-handoff',
  inputs: { 'release-policy-preset': 'sev-snp-cvm', 'replica-region': 'northeurope' }
})
const SCALE = 120
const fast = { env: { NODE_OPTIONS: preloadOptions(), BENCH_TIME_SCALE: String(SCALE) } }

afterAll(() => removePreload())

describe('the hand-off of a multi-region HSM', () => {
  it('sets the outputs only once 6 minutes have passed since the run’s last key write, and says so', async () => {
    const first = await s.run(s.inputs({ steps: 'provision,activate' }))
    expect(errorsOf(first)).toEqual([])
    // Provision and activation write no key or role: no hold.
    expect(first.stdout).not.toContain('hand-off: waiting')

    const started = Date.now()
    const run = await s.run(s.inputs({ steps: 'key' }), fast)
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(
      /hand-off: waiting \d+ s: outputs held until \S+Z: keys and roles written on a multi-region HSM reach northeurope within up to 6 minutes/
    )
    // 6 minutes on the run's clock are 3 s of real time at 120 times speed: the run lasted at least that.
    expect(Date.now() - started).toBeGreaterThanOrEqual((6 * 60 * 1000) / SCALE - 100)
    expect(run.outputs.KEK_KID).toMatch(
      /^https:\/\/rr-handoff\.managedhsm\.azure\.net\/keys\/KeyEncryptionKey\//
    )
    expect(run.summary).toContain('outputs held until')
  })

  it('a rerun that writes no key or role sets its outputs at once', async () => {
    const run = await s.run(s.inputs({ steps: 'key' }), fast)
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).not.toContain('hand-off: waiting')
    expect(run.summary).not.toContain('outputs held')
    expect(run.outputs.KEK_KID).toBeTruthy()
  })
})

describe('network changes while a region changes', () => {
  const hsmPath = () =>
    `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}/providers/Microsoft.KeyVault/managedHSMs/${s.hsm}`
  const patch = (properties: unknown) =>
    azureClient(s.info, 'arm', 'PATCH', `${hsmPath()}?api-version=2024-11-01`, JSON.stringify({ properties }))
  const regions = (names: string[]) => patch({ regions: names.map(name => ({ name })) })
  const shown = async () =>
    JSON.parse(await peek(s.info, 'hsm-show', s.info.resourceGroup, s.hsm)) as {
      properties: {
        networkAcls: { ipRules?: Array<{ value: string }> }
        regions?: Array<{ name: string; provisioningState: string }>
      }
    }
  const runner = () => ({ env: { HTTPS_PROXY: s.info.proxy.replace('http://', 'http://runner-a:x@') } })

  afterAll(async () => {
    await s.emu.setSettings({ regionSeconds: 0 })
  })

  it('a just-in-time rule waits for a region still being added; the post phase leaves it while one is removed, saying why', async () => {
    // The firewall admits the harness's other runs; runner-a (52.10.0.1) needs the just-in-time rule.
    await s.emu.setSettings({ callerAddresses: { 'runner-a': '52.10.0.1', '*': '20.42.0.10' } })
    await patch({
      networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [{ value: '20.42.0.10' }] }
    })
    // The extended region removed and added again out of band: Provisioning for 5 s (the action's first look at a
    // wait is after 5 s, so this costs nothing, and leaves a loaded machine time to reach its rule write meanwhile).
    await regions([])
    await s.emu.setSettings({ regionSeconds: 5 })
    await regions(['northeurope'])
    expect((await shown()).properties.regions?.[1]?.provisioningState).toMatch(/^(Pre)?[Pp]rovisioning$/)
    const inputs = s.inputs({ steps: 'key', 'jit-runner-access': 'true' })
    const main = await s.run(inputs, runner())
    expect(errorsOf(main)).toEqual([])
    expect(main.stdout).toMatch(
      /network: waiting to add the runner's IP rule 52\.10\.0\.1\/32: the region northeurope is (Pre)?[Pp]rovisioning, and no other change to the HSM may be made until its regions are settled/
    )
    expect(main.stdout).toContain("the runner's temporary IP rule 52.10.0.1/32 is in place")

    // The region is being removed when the post phase runs: it cannot wait, so the rule stays, said with why.
    await s.emu.setSettings({ regionSeconds: 6 })
    await regions([])
    const post = await s.run(inputs, { ...runner(), phase: 'post', state: main.state })
    expect(post.stdout).toMatch(
      /post: the runner's temporary IP rule 52\.10\.0\.1\/32 could not be removed: cannot remove the runner's IP rule 52\.10\.0\.1\/32 now: the region northeurope is Deleting/
    )
    expect(post.stdout).toContain('The next apply removes it once its lease tag has expired')
    expect((await shown()).properties.networkAcls.ipRules?.map(r => r.value)).toContain('52.10.0.1/32')

    // Once the region is gone, the same post phase removes the rule.
    while ((await shown()).properties.regions?.length) await new Promise(r => setTimeout(r, 500))
    const again = await s.run(inputs, { ...runner(), phase: 'post', state: main.state })
    expect(again.stdout).toContain("post: removed the runner's temporary IP rule 52.10.0.1/32")
    // Back to the file's open firewall and its extended region.
    await s.emu.setSettings({ regionSeconds: 0 })
    await patch({ networkAcls: { bypass: 'AzureServices', defaultAction: 'Allow', ipRules: [] } })
    await regions(['northeurope'])
  })
})

describe('a data plane served by the lagging region', () => {
  afterAll(async () => {
    await s.emu.setSettings({ dataPlaneRegion: '', replicationLagSeconds: 0 })
  })

  it('the read-back of a new key waits until the answering region lists it, bounded, and the summary says so', async () => {
    // The extended region answers, and shows a write a second or two after the primary (emulator/README.md).
    await s.emu.setSettings({ dataPlaneRegion: 'northeurope', replicationLagSeconds: 1 })
    const run = await s.run(s.inputs({ steps: 'key', 'key-name': 'kek-lag' }), fast)
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(
      /key: the HSM does not list the new version [0-9a-f]{32} of 'kek-lag' yet \(the region answering may not have it/
    )
    expect(run.summary).toMatch(
      /the HSM listed the new version ([0-9a-f]{32}) of 'kek-lag' only after \d+ s: the region that answered had not received it yet/
    )
    const version = /listed the new version ([0-9a-f]{32})/.exec(run.summary)?.[1]
    expect(run.outputs.KEK_KID).toBe(`https://${s.hsm}.managedhsm.azure.net/keys/kek-lag/${version}`)
    expect(run.summary).toContain('outputs held until')
  })
})
