/**
 * End to end (dist/index.js against the emulator): a locked-down HSM. The network posture inputs (network,
 * allowed-ips, workload-addresses) planned, applied and verified; just-in-time runner access through a firewall
 * that refuses the runner (the rule added from Azure's refusal, removed by the post phase, also after a failed or
 * killed main phase, and by the next apply once its lease expired); concurrent runs; the 10-rule limit; an HSM with
 * public access Disabled and no private path refused before any change; network-bypass None beside a Disk
 * Encryption Set made out of band (not in the inputs).
 *
 * Each run's network is its proxy user (HTTPS_PROXY=http://runner-a@…): the emulator maps it to the address Azure
 * sees (the callerAddresses setting). One shared provision and activation; every later run is steps
 * provision,activate on the active HSM.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { azureClient, errorsOf, type ActionRun } from '../../scripts/local-runner.js'
import type { DriftReport } from '../../src/report/drift.js'
import { readFileSync } from 'node:fs'
import { requiredPermission } from '../../emulator/services/arm/authorization.js'
import { computeListRefused, peek, useScenario, writesFrom } from './harness.js'

const hsm = 'net-e2e'
const ADDRESS = {
  'runner-a': '52.10.0.1',
  'runner-b': '52.20.0.2',
  // A workload inside allowed-ips: where the runs come from when the runner is not the subject.
  inside: '52.99.3.3',
  // A runner in the virtual network of the HSM's private endpoint.
  vnet: '10.1.0.4'
}
type Network = keyof typeof ADDRESS
const ALLOWED = '52.99.0.0/16, 52.98.7.7'
const FIREWALL = { network: 'firewall', 'allowed-ips': ALLOWED }

const s = useScenario({ hsm, inputs: { steps: 'provision,activate' } })
const hsmPath = () =>
  `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}/providers/Microsoft.KeyVault/managedHSMs/${hsm}`

/** A run of the main phase, then (unless `post: false`) its post phase with the state it saved, from one network. */
async function run(
  from: Network,
  extra: Record<string, string>,
  opts: { post?: boolean; killOn?: RegExp } = {}
): Promise<{ main: ActionRun; post?: ActionRun }> {
  const env = { HTTPS_PROXY: s.info.proxy.replace('http://', `http://${from}:x@`) }
  const inputs = s.inputs(extra)
  const main = await s.run(inputs, { env, killOn: opts.killOn })
  if (opts.post === false) return { main }
  const post = await s.run(inputs, { env, phase: 'post', state: main.state })
  return { main, post }
}

interface Shown {
  rules: string[]
  bypass: string
  defaultAction: string
  publicNetworkAccess: string
  tags: Record<string, string>
}
async function shown(): Promise<Shown> {
  const h = JSON.parse(await peek(s.info, 'hsm-show', s.info.resourceGroup, hsm)) as {
    tags?: Record<string, string>
    properties: {
      publicNetworkAccess: string
      networkAcls: { bypass: string; defaultAction: string; ipRules?: Array<{ value: string }> }
    }
  }
  return {
    rules: (h.properties.networkAcls.ipRules ?? []).map(r => r.value),
    bypass: h.properties.networkAcls.bypass,
    defaultAction: h.properties.networkAcls.defaultAction,
    publicNetworkAccess: h.properties.publicNetworkAccess,
    tags: h.tags ?? {}
  }
}

/** A change another client makes through ARM (az rest), outside the action. */
async function armPatch(body: unknown, path = hsmPath(), apiVersion = '2024-11-01'): Promise<void> {
  await azureClient(s.info, 'arm', 'PATCH', `${path}?api-version=${apiVersion}`, JSON.stringify(body))
}
const setRules = (defaultAction: string, rules: string[]) =>
  armPatch({
    properties: {
      networkAcls: { bypass: 'AzureServices', defaultAction, ipRules: rules.map(value => ({ value })) }
    }
  })
const mergeTags = (tags: Record<string, string>) =>
  armPatch(
    { operation: 'Merge', properties: { tags } },
    `${hsmPath()}/providers/Microsoft.Resources/tags/default`,
    '2021-04-01'
  )

const mark = async () => (await s.emu.requests()).length
const jitTags = (t: Record<string, string>) => Object.keys(t).filter(k => k.startsWith('skr-jit-'))

beforeAll(async () => {
  await s.emu.setSettings({ callerAddresses: { ...ADDRESS, '*': '20.42.0.10' } })
  const first = await s.run(s.inputs())
  expect(errorsOf(first)).toEqual([])
}, 120_000)

const REFUSED_BY_FIREWALL = /the firewall of Managed HSM 'net-e2e' refuses the runner's address 52\.10\.0\.1/

describe('a firewall plan names the workloads it would cut off', () => {
  it('plan says so; apply refuses before any change', async () => {
    const inputs = { ...FIREWALL, 'workload-addresses': '52.99.3.3, 52.55.5.5' }
    const plan = await s.run(s.inputs({ ...inputs, mode: 'plan' }))
    expect(errorsOf(plan)).toEqual([])
    expect(plan.stdout).toContain(
      "the workload at 52.55.5.5/32 (workload-addresses) would lose access to the HSM's data plane"
    )
    expect(plan.stdout).not.toContain('the workload at 52.99.3.3/32')
    expect(plan.stdout).toContain('network: default action Allow -> Deny')
    const since = await mark()
    const apply = await run('inside', inputs, { post: false })
    expect(errorsOf(apply.main).join('\n')).toMatch(/would cut off 1 listed workload\(s\)[\s\S]*52\.55\.5\.5/)
    expect(await writesFrom(s.emu, since)).toEqual([])
    expect((await shown()).defaultAction).toBe('Allow')
  })
})

describe('just-in-time runner access', () => {
  it('without jit-runner-access, a refused runner gets the options, with the address Azure named', async () => {
    const closed = await run('inside', FIREWALL)
    expect(errorsOf(closed.main)).toEqual([])
    expect(await shown()).toMatchObject({ defaultAction: 'Deny', rules: ['52.99.0.0/16', '52.98.7.7/32'] })
    const refused = await run('runner-a', FIREWALL, { post: false })
    const text = errorsOf(refused.main).join('\n')
    expect(text).toMatch(REFUSED_BY_FIREWALL)
    expect(text).toContain('jit-runner-access')
  })

  it('opens the firewall for the runner, does the work, and the post phase closes it again', async () => {
    const { main, post } = await run('runner-a', { ...FIREWALL, 'jit-runner-access': 'true' })
    expect(errorsOf(main)).toEqual([])
    expect(main.stdout).toContain('adding the temporary IP rule 52.10.0.1/32 (jit-runner-access)')
    expect(main.stdout).toMatch(/activate: already active/)
    expect(JSON.parse(main.state['runner-ip-rule'])).toMatchObject({
      rule: '52.10.0.1/32',
      tag: 'skr-jit-52.10.0.1-4242-1'
    })
    expect(post?.stdout).toContain("post: removed the runner's temporary IP rule 52.10.0.1/32")
    const after = await shown()
    expect(after.rules).toEqual(['52.99.0.0/16', '52.98.7.7/32'])
    expect(jitTags(after.tags)).toEqual([])
  })

  it('the post phase removes the rule when the main phase failed after opening it', async () => {
    // The escrowed security domain cannot be read: activate fails after the rule is in place.
    await s.emu.setFaults([
      { host: 'skrescrow\\.blob', path: '/escrow/net-e2e/', status: 403, code: 'AuthorizationFailure' }
    ])
    try {
      const { main, post } = await run('runner-a', { ...FIREWALL, 'jit-runner-access': 'true' })
      expect(main.stdout).toContain('adding the temporary IP rule 52.10.0.1/32')
      expect(errorsOf(main).length).toBeGreaterThan(0)
      expect(post?.stdout).toContain("post: removed the runner's temporary IP rule 52.10.0.1/32")
    } finally {
      await s.emu.clearFaults()
    }
    expect((await shown()).rules).toEqual(['52.99.0.0/16', '52.98.7.7/32'])
  })

  it('a runner that dies before its post phase leaves a rule: verify reports it, the next apply removes it once its lease expired', async () => {
    const { main } = await run(
      'runner-a',
      { ...FIREWALL, 'jit-runner-access': 'true' },
      { post: false, killOn: /temporary IP rule 52\.10\.0\.1\/32 is in place/ }
    )
    expect(main.signal).toBe('SIGKILL')
    const left = await shown()
    expect(left.rules).toContain('52.10.0.1/32')
    expect(left.tags['skr-jit-52.10.0.1-4242-1']).toMatch(/^run=4242-1;until=/)

    // While its lease runs, the rule is another run's: apply keeps it, verify says whose it is.
    const live = await run('inside', FIREWALL, { post: false })
    expect(errorsOf(live.main)).toEqual([])
    expect((await shown()).rules).toContain('52.10.0.1/32')

    await mergeTags({ 'skr-jit-52.10.0.1-4242-1': 'run=4242-1;until=2020-01-01T00:00:00.000Z' })
    const since = await mark()
    const verify = await run('inside', { ...FIREWALL, mode: 'verify' }, { post: false })
    expect(await writesFrom(s.emu, since)).toEqual([])
    const report = JSON.parse(verify.main.outputs.drift) as DriftReport
    const check = report.checks.find(c => c.id === 'provision.network')
    expect(JSON.stringify(check?.actual)).toContain(
      'IP rule 52.10.0.1/32 removed (a just-in-time rule of run 4242-1 whose lease expired 2020-01-01T00:00:00.000Z)'
    )
    expect((await shown()).rules).toContain('52.10.0.1/32')

    const cleaned = await run('inside', FIREWALL, { post: false })
    expect(errorsOf(cleaned.main)).toEqual([])
    expect((await shown()).rules).toEqual(['52.99.0.0/16', '52.98.7.7/32'])
  })

  it('a forged, expired lease on an address in allowed-ips does not remove its rule', async () => {
    await mergeTags({ 'skr-jit-52.98.7.7': 'run=1-1;until=2020-01-01T00:00:00.000Z' })
    for (const network of ['keep', 'firewall']) {
      const r = await run('inside', { network, 'allowed-ips': ALLOWED }, { post: false })
      expect(errorsOf(r.main)).toEqual([])
      expect((await shown()).rules).toEqual(['52.99.0.0/16', '52.98.7.7/32'])
    }
  })

  it('two runs from different addresses at once: both get in, and both rules are gone after', async () => {
    // Each run's reads and writes of the HSM are slowed, so that they interleave.
    await s.emu.setFaults([
      { host: 'management\\.azure\\.com', path: '/managedHSMs/net-e2e\\?', latencyMs: 150, times: 40 }
    ])
    try {
      const inputs = { ...FIREWALL, 'jit-runner-access': 'true' }
      const [a, b] = await Promise.all([
        run('runner-a', inputs, { post: false }),
        run('runner-b', inputs, { post: false })
      ])
      expect(errorsOf(a.main)).toEqual([])
      expect(errorsOf(b.main)).toEqual([])
      expect([...(await shown()).rules].sort()).toEqual([
        '52.10.0.1/32',
        '52.20.0.2/32',
        '52.98.7.7/32',
        '52.99.0.0/16'
      ])
      const env = (from: Network) => ({ HTTPS_PROXY: s.info.proxy.replace('http://', `http://${from}:x@`) })
      await Promise.all([
        s.run(s.inputs(inputs), { env: env('runner-a'), phase: 'post', state: a.main.state }),
        s.run(s.inputs(inputs), { env: env('runner-b'), phase: 'post', state: b.main.state })
      ])
    } finally {
      await s.emu.clearFaults()
    }
    const after = await shown()
    expect(after.rules).toEqual(['52.99.0.0/16', '52.98.7.7/32'])
    // The forged lease of the test before stays: a tag is no reason to change anything.
    expect(jitTags(after.tags)).toEqual(['skr-jit-52.98.7.7'])
  })

  it('the 10-rule limit is a clear error', async () => {
    const ten = Array.from({ length: 8 }, (_, i) => `52.77.0.${i + 1}/32`)
    await setRules('Deny', ['52.99.0.0/16', '52.98.7.7/32', ...ten])
    const { main, post } = await run('runner-a', { 'allowed-ips': ALLOWED, 'jit-runner-access': 'true' })
    const text = errorsOf(main).join('\n')
    expect(text).toContain('a Managed HSM holds at most 10')
    expect(text).toContain("add the runner's IP rule 52.10.0.1/32")
    expect(post?.code).toBe(0)
    expect((await shown()).rules).toHaveLength(10)
    await setRules('Deny', ['52.99.0.0/16', '52.98.7.7/32'])
  })

  it('a runner Azure sees at a private address gets no rule: refused before any write, with the private paths', async () => {
    const since = await mark()
    const { main } = await run('vnet', { ...FIREWALL, 'jit-runner-access': 'true' }, { post: false })
    const text = errorsOf(main).join('\n')
    expect(text).toContain('jit-runner-access: Azure sees the runner at 10.1.0.4, a private address')
    expect(text).toContain('self-hosted runner')
    expect(await writesFrom(s.emu, since)).toEqual([])
  })

  it('waits, bounded, until a slow rule takes effect; the lease tag comes and goes without touching other tags', async () => {
    // A tag someone else set: the Tags API's Merge and Delete keep it (a PATCH of the HSM would replace the map).
    await mergeTags({ team: 'payments' })
    const before = (await shown()).tags
    // Waiting is the subject here: a new rule reaches the data plane 2 s after its write.
    await s.emu.setSettings({ networkRuleSeconds: 2 })
    const since = await mark()
    try {
      const { main, post } = await run('runner-a', { ...FIREWALL, 'jit-runner-access': 'true' })
      expect(errorsOf(main)).toEqual([])
      expect(main.stdout).toContain('network: the data plane does not admit 52.10.0.1/32 yet; checking again')
      expect(main.stdout).toMatch(/activate: already active/)
      expect(post?.stdout).toContain("post: removed the runner's temporary IP rule 52.10.0.1/32")
    } finally {
      await s.emu.setSettings({ networkRuleSeconds: 0 })
    }
    const after = await shown()
    expect(after.tags).toEqual(before)
    expect(after.tags.team).toBe('payments')
    expect(after.rules).toEqual(['52.99.0.0/16', '52.98.7.7/32'])

    // Every ARM write of the run and its post phase needs an action docs/setup.md names for jit-runner-access.
    const writes = (await s.emu.requests())
      .slice(since)
      .filter(r => r.write && r.host === 'management.azure.com')
      .map(r =>
        requiredPermission(r.method, r.path.split('?')[0].split('/').filter(Boolean).map(decodeURIComponent))
      )
    const actions = [...new Set(writes.map(p => p?.action))].sort()
    expect(actions).toEqual(['Microsoft.KeyVault/managedHSMs/write', 'Microsoft.Resources/tags/write'])
    const setup = readFileSync('docs/setup.md', 'utf8')
    const row = setup.split('\n').find(l => l.startsWith("| `jit-runner-access: 'true'` |")) ?? ''
    for (const action of actions) expect([action, row.includes(`\`${action}\``)]).toEqual([action, true])
  })
})

describe('verify reports network drift', () => {
  it('an unknown rule, the default action and public access, each named', async () => {
    await armPatch({
      properties: {
        publicNetworkAccess: 'Enabled',
        networkAcls: {
          bypass: 'AzureServices',
          defaultAction: 'Deny',
          ipRules: [{ value: '52.99.0.0/16' }, { value: '52.98.7.7/32' }, { value: '52.66.6.6/32' }]
        }
      }
    })
    const since = await mark()
    const verify = await run('inside', { ...FIREWALL, mode: 'verify' }, { post: false })
    expect(await writesFrom(s.emu, since)).toEqual([])
    expect(verify.main.code).not.toBe(0)
    const report = JSON.parse(verify.main.outputs.drift) as DriftReport
    expect(report.status).not.toBe('converged')
    const check = report.checks.find(c => c.id === 'provision.network')
    expect(JSON.stringify(check?.actual)).toContain('IP rule 52.66.6.6/32 removed (not in allowed-ips)')

    await setRules('Allow', [])
    const open = await run('inside', { ...FIREWALL, mode: 'verify' }, { post: false })
    const opened = JSON.parse(open.main.outputs.drift) as DriftReport
    expect(JSON.stringify(opened.checks.find(c => c.id === 'provision.network')?.actual)).toContain(
      'network: default action Allow -> Deny'
    )
    const fixed = await run('inside', FIREWALL, { post: false })
    expect(errorsOf(fixed.main)).toEqual([])
    expect(await shown()).toMatchObject({ defaultAction: 'Deny', rules: ['52.99.0.0/16', '52.98.7.7/32'] })
  })
})

describe('network-bypass: None beside a Disk Encryption Set the inputs do not name', () => {
  it('is refused before any write, also when the sets cannot be listed; allow-bypass-none applies it with a warning, and verify reports it', async () => {
    const set = `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}/providers/Microsoft.Compute/diskEncryptionSets/net-des?api-version=2025-01-02`
    // Made by hand, out of band: the action learns of it only from the subscription's list.
    await azureClient(
      s.info,
      'arm',
      'PUT',
      set,
      JSON.stringify({
        location: s.info.location,
        identity: { type: 'SystemAssigned' },
        properties: {
          encryptionType: 'ConfidentialVmEncryptedWithCustomerKey',
          activeKey: {
            keyUrl: `https://${hsm}.managedhsm.azure.net/keys/OtherKey/0123456789abcdef0123456789abcdef`
          }
        }
      })
    )
    const inputs = { ...FIREWALL, 'network-bypass': 'None' }
    try {
      const plan = await run('inside', { ...inputs, mode: 'plan' }, { post: false })
      expect(plan.main.stdout).toContain(
        "network-bypass None: disk encryption set(s) 'net-des' would lose the trusted-services bypass to the keys of Managed HSM 'net-e2e'"
      )

      const since = await mark()
      const refused = await run('inside', inputs, { post: false })
      const text = errorsOf(refused.main).join('\n')
      expect(text).toMatch(
        /Input 'network-bypass': None takes trusted Azure services off the firewall, and disk encryption set\(s\) 'net-des' use keys of Managed HSM 'net-e2e'/
      )
      expect(text).toContain("allow-bypass-none: 'true'")

      await s.emu.setFaults([computeListRefused('diskEncryptionSets')])
      try {
        const unlisted = await run('inside', inputs, { post: false })
        const said = errorsOf(unlisted.main).join('\n')
        expect(said).toContain('the disk encryption sets of the subscription cannot be listed')
        expect(said).toContain('Microsoft.Compute/diskEncryptionSets/read')
      } finally {
        await s.emu.clearFaults()
      }
      expect(await writesFrom(s.emu, since)).toEqual([])
      expect((await shown()).bypass).toBe('AzureServices')

      const allowed = { ...inputs, 'allow-bypass-none': 'true' }
      const applied = await run('inside', allowed, { post: false })
      expect(errorsOf(applied.main)).toEqual([])
      expect(applied.main.stdout).toMatch(
        /::warning::provision: network-bypass None: disk encryption set\(s\) 'net-des' would lose .*\(accepted: allow-bypass-none\)/
      )
      expect((await shown()).bypass).toBe('None')

      const verify = await run('inside', { ...allowed, mode: 'verify' }, { post: false })
      const report = JSON.parse(verify.main.outputs.drift) as DriftReport
      expect(JSON.stringify(report.checks)).toContain(
        "bypass is None while disk encryption set(s) 'net-des' use keys of Managed HSM 'net-e2e'"
      )
    } finally {
      await azureClient(s.info, 'arm', 'DELETE', set)
      expect(errorsOf((await run('inside', FIREWALL, { post: false })).main)).toEqual([])
    }
    expect((await shown()).bypass).toBe('AzureServices')
  })
})

describe('public network access Disabled', () => {
  it('without a private path the run fails before any change, with the options', async () => {
    await armPatch({ properties: { publicNetworkAccess: 'Disabled' } })
    const since = await mark()
    const r = await run(
      'inside',
      { 'public-network-access': 'Disabled', tags: 'owner=network-test' },
      { post: false }
    )
    expect(await writesFrom(s.emu, since)).toEqual([])
    const text = errorsOf(r.main).join('\n')
    expect(text).toContain("Managed HSM 'net-e2e' has public network access Disabled")
    // The runner reaches Azure through the emulator's proxy: DNS is the proxy's, and the refused request decided.
    expect(text).toContain(
      'DNS: the runner reaches net-e2e.managedhsm.azure.net through its HTTPS proxy, so the name is resolved by the proxy'
    )
    expect(text).toContain('private networking for GitHub-hosted runners')
    expect(text).toContain('self-hosted runner')
  })

  it('network: private: a pending connection is no path; approved, the runner in the virtual network gets in, and verify names a pending one and an approved one gone', async () => {
    const connection = (name: string) =>
      `${hsmPath()}/privateEndpointConnections/${name}?api-version=2024-11-01`
    await s.emu.control(`/hsms/${hsm}/private-endpoint-connections/pe-ci`, { method: 'PUT', body: '{}' })
    const since = await mark()
    const refused = await run('vnet', { network: 'private' }, { post: false })
    expect(await writesFrom(s.emu, since)).toEqual([])
    expect(errorsOf(refused.main).join('\n')).toContain(
      "Managed HSM 'net-e2e' has public network access Disabled"
    )

    // The HSM's owner approves it (az keyvault private-endpoint-connection approve: a PUT of the connection).
    const approve = {
      properties: { privateLinkServiceConnectionState: { status: 'Approved', description: 'ci' } }
    }
    await azureClient(s.info, 'arm', 'PUT', connection('pe-ci'), JSON.stringify(approve))
    const applied = await run('vnet', { network: 'private' }, { post: false })
    expect(errorsOf(applied.main)).toEqual([])
    expect(await shown()).toMatchObject({ publicNetworkAccess: 'Disabled', defaultAction: 'Deny', rules: [] })
    expect(applied.main.summary).toContain('private endpoint connection pe-ci (endpoint pe-ci) is Approved')

    await s.emu.control(`/hsms/${hsm}/private-endpoint-connections/pe-other`, { method: 'PUT', body: '{}' })
    const verify = await run('vnet', { network: 'private', mode: 'verify' }, { post: false })
    const report = JSON.parse(verify.main.outputs.drift) as DriftReport
    expect(report.status).not.toBe('converged')
    expect(JSON.stringify(report.checks)).toContain(
      'private endpoint connection pe-other (endpoint pe-other) is Pending, not Approved'
    )

    // The approved connection gone (its endpoint deleted): verify says nothing reaches the data plane.
    await azureClient(s.info, 'arm', 'DELETE', connection('pe-ci'))
    const gone = await run('vnet', { network: 'private', mode: 'verify' }, { post: false })
    const goneReport = JSON.parse(gone.main.outputs.drift) as DriftReport
    expect(goneReport.status).not.toBe('converged')
    expect(JSON.stringify(goneReport.checks)).toContain(
      'network: private, but the HSM has no Approved private endpoint connection: nothing reaches its data plane'
    )
  })
})
