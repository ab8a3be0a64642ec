/**
 * The HSM's IP rules as a shared, read-modify-write resource. ARM has no conditional write for them here: two
 * jobs that read the same list and each write their own version lose one another's rule. So every write is
 * computed from a fresh read, and is followed by reads until this run's outcome holds (its rule there, or gone)
 * and every rule the write meant to keep is still there; a lost write is made again, a bounded number of times.
 *
 * Lease tags (`skr-jit-{address}` = `run={id};until={ISO time}`, written with the Tags API's Merge) say which
 * rules a run's just-in-time access added and until when it needs them: a hint for clean-up and for other
 * writers, never proof (anyone who may write tags can forge one).
 *
 * No rule is written while a region of a multi-region HSM is being added or removed (Microsoft Learn, "Enable
 * multi-region replication on Azure Managed HSM": no other operation on the HSM until the extended region is
 * Succeeded): the write waits for it when the caller can (`waitRegion`), and fails saying why otherwise.
 */
import * as log from '../shared/log.js'
import { ConflictError } from '../shared/errors.js'
import { normalCidr } from '../shared/ipv4.js'
import type { ManagedHsm } from '../azure/managed-hsm-arm.js'
import { extendedRegions, regionBusy, waitForRegion } from '../azure/managed-hsm-regions.js'
import { waitUntil } from '../azure/wait.js'
import { MAX_IP_RULES } from '../config/network.js'

export const LEASE_TAG_PREFIX = 'skr-jit-'

export interface Lease {
  /** The rule, canonical `a.b.c.d/32`. */
  rule: string
  run: string
  until: number
  tag: string
}

export interface NetworkState {
  publicNetworkAccess?: string
  bypass?: string
  defaultAction?: string
  /** Canonical `a.b.c.d/n`, in ARM's order. */
  rules: string[]
}

/** The network properties of the HSM as ARM reports them. */
export function networkOf(hsm: ManagedHsm): NetworkState {
  const p = hsm.properties ?? {}
  const acls = p.networkAcls ?? {}
  const rules = (acls.ipRules ?? []).map(r => normalCidr(String(r.value ?? '')) ?? String(r.value ?? ''))
  return {
    publicNetworkAccess: p.publicNetworkAccess,
    bypass: acls.bypass,
    defaultAction: acls.defaultAction,
    rules: [...new Set(rules)]
  }
}

/** One tag per run and address: jobs behind one address (a shared NAT) each hold their own lease. */
export function leaseTag(address: string, run: string): string {
  return `${LEASE_TAG_PREFIX}${address}-${run}`
}

export function leaseValue(run: string, until: number): string {
  return `run=${run};until=${new Date(until).toISOString()}`
}

const LEASE_NAME = /^(\d{1,3}(?:\.\d{1,3}){3})(?:-[A-Za-z0-9._-]{1,64})?$/
const LEASE_VALUE = /^run=([A-Za-z0-9._-]{1,64});until=([0-9T:.Z-]{10,30})$/

/** Every well-formed lease the tags claim; unreadable ones are left out (never a reason to remove a rule). */
export function allLeases(tags: Record<string, string> | undefined): Lease[] {
  const out: Lease[] = []
  for (const [tag, value] of Object.entries(tags ?? {})) {
    if (!tag.toLowerCase().startsWith(LEASE_TAG_PREFIX)) continue
    const address = LEASE_NAME.exec(tag.slice(LEASE_TAG_PREFIX.length))?.[1]
    const rule = address && normalCidr(address)
    const m = LEASE_VALUE.exec(value)
    const until = m ? Date.parse(m[2]) : NaN
    if (!rule || !m || Number.isNaN(until)) continue
    out.push({ rule, run: m[1], until, tag })
  }
  return out
}

/** By rule, the lease that runs longest (a rule is needed while any of its leases runs). */
export function leasesOf(tags: Record<string, string> | undefined): Map<string, Lease> {
  const out = new Map<string, Lease>()
  for (const l of allLeases(tags)) if ((out.get(l.rule)?.until ?? -Infinity) < l.until) out.set(l.rule, l)
  return out
}

export interface RulesWrite {
  /** What the write is for, in the log and errors ("add the runner's rule"). */
  what: string
  /** The network properties to write, from a fresh read; undefined when nothing needs writing. */
  desired(hsm: ManagedHsm): NetworkState | undefined
  /** Whether a fresh read shows the write's outcome (this run's rule present, others intact). */
  holds(hsm: ManagedHsm): boolean
}

export interface RulesDeps {
  read(): Promise<ManagedHsm | undefined>
  write(patch: ManagedHsm): Promise<void>
  deadline: number
  /** Pause between a lost write and the next attempt (ms); shorter in tests. */
  sleep?: (ms: number) => Promise<void>
  /** Waits for a region being added (`ready`) or removed (`gone`); absent, a busy region fails the write. */
  waitRegion?: (region: string, until: 'ready' | 'gone') => Promise<void>
}

/** The wait for a busy region of this run's HSM, bounded by the run's deadline. */
export function regionWaiter(
  arm: Parameters<typeof waitForRegion>[0],
  resourceGroup: string,
  name: string,
  deadline: number
): NonNullable<RulesDeps['waitRegion']> {
  return async (region, until) => {
    await waitForRegion(arm, resourceGroup, name, region, until, deadline)
  }
}

/**
 * Before a write: a region still being added or removed is waited for (true: the HSM must be read again), or,
 * when the caller cannot wait, the write fails with that reason.
 */
async function waitedForRegions(deps: RulesDeps, hsm: ManagedHsm, what: string): Promise<boolean> {
  const busy = extendedRegions(hsm).filter(r => regionBusy(r.state))
  if (busy.length === 0) return false
  const said = busy.map(r => `${r.name} is ${r.state}`).join(', ')
  const why = `no other change to the HSM may be made until its regions are settled (Microsoft's multi-region replication guidance)`
  if (!deps.waitRegion)
    throw new ConflictError(
      `cannot ${what} now: the region ${said}, and ${why}`,
      'wait until the region is Succeeded (or gone), then rerun'
    )
  for (const r of busy) {
    const gone = r.state === 'Deleting' || r.state === 'Cleanup'
    log.info(
      `network: waiting to ${what}: the region ${r.name} is ${r.state}, and ${why}; waiting until it is ${gone ? 'removed' : 'Succeeded'}`
    )
    await deps.waitRegion(r.name, gone ? 'gone' : 'ready')
  }
  return true
}

const ATTEMPTS = 6

/** Read, write if needed, read back until the outcome holds twice in a row; a lost write is retried. */
export async function writeRules(deps: RulesDeps, w: RulesWrite): Promise<ManagedHsm> {
  const pause = deps.sleep ?? ((ms: number) => new Promise<void>(r => setTimeout(r, ms)))
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let hsm = await present(deps)
    let desired = w.desired(hsm)
    if (desired && (await waitedForRegions(deps, hsm, w.what))) {
      hsm = await present(deps)
      desired = w.desired(hsm)
    }
    if (desired) {
      if (desired.rules.length > MAX_IP_RULES)
        throw new ConflictError(
          `cannot ${w.what}: the HSM would hold ${desired.rules.length} IP rules, and a Managed HSM holds at most ${MAX_IP_RULES} (${networkOf(hsm).rules.length} now)`,
          'remove IP rules no longer needed, merge addresses into wider ranges in allowed-ips, or reach the HSM through a private endpoint'
        )
      await deps.write(patchOf(desired))
    }
    // Twice, apart: a concurrent writer that read before our write may land its stale list just after it.
    const first = await settled(deps)
    if (w.holds(first)) {
      await pause(500 + Math.floor(Math.random() * 500))
      const second = await present(deps)
      if (w.holds(second)) return second
    }
    log.info(
      `  network: another writer changed the IP rules at the same time; ${w.what} again (attempt ${attempt + 1})`
    )
    await pause(1000 + Math.floor(Math.random() * 2000))
  }
  throw new ConflictError(
    `could not ${w.what}: the HSM's IP rules kept changing under concurrent writes (${ATTEMPTS} attempts)`,
    'rerun; if other jobs change the rules all the time, serialise them (a concurrency group)'
  )
}

function patchOf(s: NetworkState): ManagedHsm {
  return {
    properties: {
      ...(s.publicNetworkAccess ? { publicNetworkAccess: s.publicNetworkAccess } : {}),
      networkAcls: {
        bypass: s.bypass,
        defaultAction: s.defaultAction,
        ipRules: s.rules.map(value => ({ value }))
      }
    }
  }
}

async function present(deps: RulesDeps): Promise<ManagedHsm> {
  const hsm = await deps.read()
  if (!hsm) throw new ConflictError('the Managed HSM disappeared while its network rules were written')
  return hsm
}

/** The HSM once ARM has finished the update (the PATCH answers 202 and runs on). */
async function settled(deps: RulesDeps): Promise<ManagedHsm> {
  return waitUntil(
    async () => {
      const hsm = await present(deps)
      const state = hsm.properties?.provisioningState
      return { value: hsm, done: state === undefined || state === 'Succeeded', status: state }
    },
    {
      what: 'network rule update',
      service: 'Azure Resource Manager',
      deadline: deps.deadline,
      schedule: [2_000, 5_000]
    }
  )
}
