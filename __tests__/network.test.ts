/**
 * The network posture in process: the inputs' checks (config/network.ts), IPv4 ranges (shared/ipv4.ts), lease
 * tags and the read-modify-write of the IP rules under concurrent writers (run/network-rules.ts), and the
 * firewall each posture asks for (steps/network.ts).
 */
import { describe, expect, it } from '@jest/globals'
import { AzureOperationError } from '../src/shared/errors.js'
import { ensureRunnerAccess, probeDataPlane } from '../src/run/runner-access.js'
import { HSM_INPUTS, inputParser } from './support/parse-inputs.js'
import { covers, isNonPublic, normalCidr, parseCidr } from '../src/shared/ipv4.js'
import {
  allLeases,
  leasesOf,
  leaseValue,
  networkOf,
  writeRules,
  type RulesDeps
} from '../src/run/network-rules.js'
import { desiredNetwork } from '../src/steps/network.js'
import { bypassNoneNotes } from '../src/steps/network-bypass.js'
import type { ManagedHsm } from '../src/azure/managed-hsm-arm.js'
import type { RunContext } from '../src/run/context.js'

// The location as a user may write it (the config normalises it).
const GOOD: Record<string, string> = { ...HSM_INPUTS, location: 'West Europe', steps: 'provision' }

const { parse, problems } = inputParser(GOOD)

describe('network inputs', () => {
  it('default to keep: public-network-access as given, firewall untouched, no just-in-time access', () => {
    const c = parse({ 'public-network-access': 'Disabled' })
    expect(c.network).toEqual({
      posture: 'keep',
      allowedIps: [],
      bypass: 'AzureServices',
      allowBypassNone: false,
      workloadAddresses: [],
      jit: false
    })
    expect(c.publicNetworkAccess).toBe('Disabled')
  })

  it('derive public access from the posture and canonicalise the ranges', () => {
    const c = parse({ network: 'firewall', 'allowed-ips': '52.1.2.3, 52.9.0.7/16\n52.1.2.3/32' })
    expect(c.network.allowedIps).toEqual(['52.1.2.3/32', '52.9.0.0/16'])
    expect(c.publicNetworkAccess).toBe('Enabled')
    expect(parse({ network: 'private' }).publicNetworkAccess).toBe('Disabled')
  })

  it.each([
    [
      { network: 'firewall', 'public-network-access': 'Disabled' },
      "Input 'public-network-access': is Disabled"
    ],
    [{ network: 'private', 'public-network-access': 'Enabled' }, "Input 'public-network-access': is Enabled"],
    [
      { network: 'public', 'allowed-ips': '52.1.2.3' },
      "Input 'allowed-ips': applies only with network: firewall"
    ],
    [{ network: 'firewall', 'allowed-ips': '10.1.2.3' }, "'10.1.2.3' is not a public address"],
    [{ network: 'firewall', 'allowed-ips': '2001:db8::1' }, "'2001:db8::1' is not an IPv4 address"],
    [{ network: 'firewall', 'allowed-ips': '52.1.2.300' }, 'is not an IPv4 address'],
    [
      { network: 'private', 'jit-runner-access': 'true' },
      'cannot help while public network access is Disabled'
    ],
    [
      { 'public-network-access': 'Disabled', 'jit-runner-access': 'true' },
      'cannot help while public network'
    ],
    [{ network: 'public', 'jit-runner-access': 'true' }, 'has nothing to open'],
    [{ 'network-bypass': 'None' }, 'applies only with network: public, firewall or private'],
    [{ network: 'sideways' }, "Input 'network': must be one of keep, public, firewall, private"]
  ])('refuse %j before any request, naming the input', (o, said) => {
    expect(problems(o).join('\n')).toContain(said)
  })

  it('count the runner among the 10 rules when jit-runner-access is on', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `52.0.0.${i + 1}`).join(',')
    expect(() => parse({ network: 'firewall', 'allowed-ips': ten })).not.toThrow()
    expect(
      problems({ network: 'firewall', 'allowed-ips': ten, 'jit-runner-access': 'true' }).join()
    ).toContain('jit-runner-access needs one free for the runner')
  })

  it('refuse network-bypass: None while a Disk Encryption Set uses the key, unless allow-bypass-none', () => {
    const des = { network: 'firewall', 'disk-encryption-set': 'des-skr', steps: 'provision,des' }
    expect(problems({ ...des, 'network-bypass': 'None' }).join()).toContain("Input 'network-bypass': None")
    expect(parse({ ...des, 'network-bypass': 'None', 'allow-bypass-none': 'true' }).network.bypass).toBe(
      'None'
    )
  })
})

describe('IPv4 ranges', () => {
  it('read addresses and ranges, refuse the rest', () => {
    expect(normalCidr('52.1.2.3')).toBe('52.1.2.3/32')
    expect(normalCidr('52.1.2.3/24')).toBe('52.1.2.0/24')
    for (const bad of ['52.1.2', '52.1.2.3/33', '052.1.2.3', '52.1.2.3/', 'a.b.c.d', '1.2.3.4/8/8'])
      expect([bad, normalCidr(bad)]).toEqual([bad, undefined])
  })

  it('tell ranges apart: cover, public or not', () => {
    const r = (t: string) => parseCidr(t)!
    expect(covers(r('52.99.0.0/16'), r('52.99.3.3'))).toBe(true)
    expect(covers(r('52.99.0.0/16'), r('52.98.3.3'))).toBe(false)
    expect(covers(r('52.99.3.3'), r('52.99.0.0/16'))).toBe(false)
    for (const p of [
      '10.0.0.1',
      '172.20.1.1',
      '192.168.1.1',
      '127.0.0.1',
      '169.254.1.1',
      '100.64.1.1',
      '8.0.0.0/4'
    ])
      expect([p, isNonPublic(r(p))]).toEqual([p, p !== '52.0.0.0/8'])
  })
})

/** An HSM as ARM keeps it, and a fake ARM whose writes other runs may interleave with. */
function hsmWith(rules: string[], tags: Record<string, string> = {}): ManagedHsm {
  return {
    tags,
    properties: {
      provisioningState: 'Succeeded',
      publicNetworkAccess: 'Enabled',
      networkAcls: {
        bypass: 'AzureServices',
        defaultAction: 'Deny',
        ipRules: rules.map(value => ({ value }))
      }
    }
  }
}

function fakeArm(start: ManagedHsm): {
  deps: RulesDeps
  state: () => ManagedHsm
  onWrite: Array<() => void>
} {
  let hsm = structuredClone(start)
  const onWrite: Array<() => void> = []
  return {
    onWrite,
    state: () => hsm,
    deps: {
      read: async () => structuredClone(hsm),
      write: async patch => {
        hsm = { ...hsm, properties: { ...hsm.properties, ...patch.properties } }
        onWrite.shift()?.()
      },
      deadline: Date.now() + 60_000,
      sleep: async () => undefined
    }
  }
}

const add = (rule: string) => ({
  what: `add ${rule}`,
  desired: (h: ManagedHsm) => {
    const s = networkOf(h)
    return s.rules.includes(rule)
      ? undefined
      : { ...s, publicNetworkAccess: undefined, rules: [...s.rules, rule] }
  },
  holds: (h: ManagedHsm) => networkOf(h).rules.includes(rule)
})

describe('the IP rules, read-modify-write', () => {
  it('write again when a concurrent writer overwrote this run’s rule with its stale list', async () => {
    const arm = fakeArm(hsmWith(['52.99.0.0/16']))
    // Another run read before our write and lands its own list just after it: ours is lost once.
    arm.onWrite.push(() => {
      const h = arm.state()
      h.properties!.networkAcls!.ipRules = [{ value: '52.99.0.0/16' }, { value: '52.20.0.2/32' }]
    })
    await writeRules(arm.deps, add('52.10.0.1/32'))
    expect(networkOf(arm.state()).rules).toEqual(['52.99.0.0/16', '52.20.0.2/32', '52.10.0.1/32'])
  })

  it('refuse an 11th rule with the limit, writing nothing', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => `52.0.0.${i + 1}/32`)
    const arm = fakeArm(hsmWith(ten))
    await expect(writeRules(arm.deps, add('52.10.0.1/32'))).rejects.toThrow(/at most 10/)
    expect(networkOf(arm.state()).rules).toEqual(ten)
  })

  it('give up after bounded attempts when the rules never settle', async () => {
    const arm = fakeArm(hsmWith([]))
    for (let i = 0; i < 20; i++)
      arm.onWrite.push(() => {
        arm.state().properties!.networkAcls!.ipRules = []
      })
    await expect(writeRules(arm.deps, add('52.10.0.1/32'))).rejects.toThrow(
      /kept changing under concurrent writes/
    )
  })
})

describe('lease tags and the firewall each posture asks for', () => {
  const now = Date.parse('2026-12-07T12:00:00Z')
  const ctx = (o: Record<string, string>) => ({ config: parse(o) }) as unknown as RunContext
  const tags = {
    'skr-jit-52.10.0.1': leaseValue('7-1', now + 60_000),
    'skr-jit-52.20.0.2': leaseValue('8-1', now - 60_000),
    'skr-jit-52.98.7.7': leaseValue('9-1', now - 60_000),
    'skr-jit-52.30.0.3': 'run=x;until=not-a-date',
    // A second job behind 52.10.0.1 (one NAT): the rule is needed while the longer lease runs.
    'skr-jit-52.10.0.1-9-1': leaseValue('9-1', now + 30_000),
    'skr-jit-52.40.0.4-bad/name': leaseValue('1-1', now),
    other: 'kept'
  }
  const hsm = hsmWith(
    ['52.99.0.0/16', '52.98.7.7/32', '52.10.0.1/32', '52.20.0.2/32', '52.30.0.3/32', '52.66.6.6/32'],
    tags
  )

  it('read only well-formed leases', () => {
    expect([...leasesOf(tags).keys()]).toEqual(['52.10.0.1/32', '52.20.0.2/32', '52.98.7.7/32'])
    expect(leasesOf(tags).get('52.10.0.1/32')?.run).toBe('7-1')
    expect(
      allLeases(tags)
        .filter(l => l.rule === '52.10.0.1/32')
        .map(l => l.run)
    ).toEqual(['7-1', '9-1'])
  })

  it('firewall: allowed-ips and live leases; keep: all but expired leftovers outside allowed-ips', () => {
    const allowed = { 'allowed-ips': '52.99.0.0/16, 52.98.7.7' }
    expect(desiredNetwork(ctx({ network: 'firewall', ...allowed }), hsm, now).rules).toEqual([
      '52.99.0.0/16',
      '52.98.7.7/32',
      '52.10.0.1/32'
    ])
    expect(desiredNetwork(ctx(allowed), hsm, now).rules).toEqual([
      '52.99.0.0/16',
      '52.98.7.7/32',
      '52.10.0.1/32',
      '52.30.0.3/32',
      '52.66.6.6/32'
    ])
    expect(desiredNetwork(ctx({ network: 'public' }), hsm, now)).toMatchObject({
      defaultAction: 'Allow',
      rules: []
    })
    expect(desiredNetwork(ctx({ network: 'private' }), hsm, now)).toMatchObject({
      defaultAction: 'Deny',
      rules: []
    })
  })
})

describe('the probe of the data plane and what a refusal leads to', () => {
  type Answer = { status: number; body?: unknown; header?: string } | Error
  function probeCtx(answer: Answer, o: Record<string, string> = {}): RunContext {
    const base = hsmWith([])
    const hsm = {
      ...base,
      properties: { ...base.properties, hsmUri: 'https://contoso-skr-01.managedhsm.azure.net/' }
    }
    return {
      config: parse(o),
      arm: { get: async () => hsm },
      reads: { once: (_k: string, f: () => unknown) => f(), forget: () => undefined },
      facts: {
        hsmUri: hsm.properties!.hsmUri,
        hsmResourceId:
          '/subscriptions/x/resourceGroups/rg-skr/providers/Microsoft.KeyVault/managedHSMs/contoso-skr-01',
        dataPlane: {
          send: async () => {
            if (answer instanceof Error) throw answer
            return { status: answer.status, body: answer.body, headers: { get: () => answer.header } }
          }
        }
      }
    } as unknown as RunContext
  }
  const firewall = (message: string) => ({
    status: 403,
    body: { error: { code: 'Forbidden', message, innererror: { code: 'ForbiddenByFirewall' } } },
    header: 'conn_type=Ipv4;addr=52.7.7.7;act_addr_fam=InterNetwork;'
  })

  it('reads the address from the refusal, else from x-ms-keyvault-network-info', async () => {
    expect(
      await probeDataPlane(
        probeCtx(firewall('Client address is not authorized …\r\nClient address: 52.1.2.3'))
      )
    ).toEqual({ kind: 'firewall', address: '52.1.2.3' })
    expect(await probeDataPlane(probeCtx(firewall('Client address is not authorized')))).toEqual({
      kind: 'firewall',
      address: '52.7.7.7'
    })
    expect(
      (await probeDataPlane(probeCtx({ status: 403, body: { error: { code: 'Forbidden' } } }))).kind
    ).toBe('open')
    const unreachable = new AzureOperationError(
      { service: 'Managed HSM', operation: 'x', unreachable: true },
      'no answer'
    )
    expect((await probeDataPlane(probeCtx(unreachable))).kind).toBe('unreachable')
  })

  it('without jit-runner-access, or for a private or IPv6 runner address, fails with what to do', async () => {
    const refused = (address: string, o: Record<string, string> = {}) =>
      ensureRunnerAccess(probeCtx(firewall(`Client address: ${address}`), o))
    await expect(refused('52.1.2.3')).rejects.toThrow(/refuses the runner's address 52\.1\.2\.3/)
    await expect(refused('10.1.2.3', { 'jit-runner-access': 'true' })).rejects.toThrow(
      /10\.1\.2\.3, a private address/
    )
    await expect(refused('2001:db8::7', { 'jit-runner-access': 'true' })).rejects.toThrow(
      /not an IPv4 address/
    )
  })
})

describe('network-bypass None and the Disk Encryption Sets Azure holds', () => {
  const set = (name: string, host: string, previous = false) => {
    const keyUrl = `https://${host}/keys/k/0123456789abcdef0123456789abcdef`
    return {
      id: `/subscriptions/s/resourceGroups/other/providers/Microsoft.Compute/diskEncryptionSets/${name}`,
      name,
      properties: previous
        ? {
            activeKey: { keyUrl: keyUrl.replace(host, 'elsewhere.managedhsm.azure.net') },
            previousKeys: [{ keyUrl }]
          }
        : { activeKey: { keyUrl } }
    }
  }
  const HOST = 'contoso-skr-01.managedhsm.azure.net'
  /** The run as the check sees it: its inputs, the cloud, and one list of the subscription's sets (or its failure). */
  const ctx = (o: Record<string, string>, list: () => Promise<unknown[]>) =>
    ({
      config: parse({ network: 'firewall', ...o }),
      cloud: { managedHsmSuffix: 'managedhsm.azure.net' },
      reads: { once: () => list() }
    }) as unknown as RunContext
  const hsm = (bypass: string): ManagedHsm => ({
    properties: { networkAcls: { bypass, defaultAction: 'Deny', ipRules: [] } }
  })
  const forbidden = async () => {
    throw new Error('403 AuthorizationFailed')
  }

  it('refuse None in apply when a set of the subscription uses any key of the HSM, naming it and the opt-in', async () => {
    const sets = async () => [set('des-a', HOST, true), set('des-b', 'elsewhere.managedhsm.azure.net')]
    const refused = bypassNoneNotes(ctx({ 'network-bypass': 'None' }, sets), hsm('AzureServices'))
    await expect(refused).rejects.toThrow(
      /Input 'network-bypass': None .* disk encryption set\(s\) 'des-a' use keys of Managed HSM 'contoso-skr-01'/
    )
    await expect(refused).rejects.toThrow(/allow-bypass-none: 'true'/)
    const plan = await bypassNoneNotes(
      ctx({ 'network-bypass': 'None', mode: 'plan' }, sets),
      hsm('AzureServices')
    )
    expect(plan).toEqual([
      expect.stringContaining("disk encryption set(s) 'des-a' would lose the trusted-services bypass")
    ])
    expect(plan.join()).not.toContain('des-b')
    const allowed = ctx({ 'network-bypass': 'None', 'allow-bypass-none': 'true' }, sets)
    expect((await bypassNoneNotes(allowed, hsm('AzureServices'))).join()).toContain(
      '(accepted: allow-bypass-none)'
    )
    // Already None: verify (and a keep run) says so, as a finding.
    const verify = await bypassNoneNotes(ctx({ network: 'keep', mode: 'verify' }, sets), hsm('None'))
    expect(verify).toEqual([
      expect.stringContaining("bypass is None while disk encryption set(s) 'des-a' use keys")
    ])
  })

  it('a list the identity cannot read is no answer: refused unless allow-bypass-none', async () => {
    await expect(
      bypassNoneNotes(ctx({ 'network-bypass': 'None' }, forbidden), hsm('AzureServices'))
    ).rejects.toThrow(
      /cannot be listed \(403 AuthorizationFailed\)[\s\S]*Microsoft\.Compute\/diskEncryptionSets\/read/
    )
    const allowed = ctx({ 'network-bypass': 'None', 'allow-bypass-none': 'true' }, forbidden)
    expect((await bypassNoneNotes(allowed, hsm('AzureServices'))).join()).toContain('cannot be listed')
  })

  it('say nothing, and read nothing, when the firewall keeps the bypass', async () => {
    let reads = 0
    const counted = async () => {
      reads++
      return [set('des-a', HOST)]
    }
    expect(await bypassNoneNotes(ctx({}, counted), hsm('AzureServices'))).toEqual([])
    expect(
      await bypassNoneNotes(
        ctx({ 'network-bypass': 'None' }, async () => []),
        hsm('AzureServices')
      )
    ).toEqual([])
    expect(reads).toBe(0)
  })
})
