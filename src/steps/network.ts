/**
 * provision's network part: the firewall (`networkAcls`) the `network` input asks for, compared with the HSM's,
 * and who would lose access to the data plane by the change. Public access itself (`publicNetworkAccess`) is
 * provision's property update, as before; the IP rules are written apart, read-modify-write (run/network-rules.ts),
 * because concurrent runs' just-in-time rules live in the same list.
 *
 * The action cannot see who uses the key: a confidential VM releases it from its own egress address, which only
 * the user knows (`workload-addresses`). Without them the plan says that closing the firewall may cut them off.
 */
import { MODE_TABLE, type Config } from '../config/index.js'
import type { RunContext } from '../run/context.js'
import type { Change } from '../run/step.js'
import type { ManagedHsm } from '../azure/managed-hsm-arm.js'
import { ConflictError } from '../shared/errors.js'
import * as log from '../shared/log.js'
import { covers, isNonPublic, parseCidr, type Cidr } from '../shared/ipv4.js'
import { leasesOf, networkOf, regionWaiter, writeRules, type NetworkState } from '../run/network-rules.js'

export interface NetworkPlan {
  change?: Change
  /** Workloads the change would cut off, and rules left behind: drift in verify, warnings in plan. */
  notes: string[]
  info: string[]
}

/** The firewall the inputs ask for, given the HSM as read now (live leases kept, expired leftovers dropped). */
export function desiredNetwork(ctx: RunContext, hsm: ManagedHsm, now = Date.now()): NetworkState {
  const { network } = ctx.config
  const current = networkOf(hsm)
  const leases = leasesOf(hsm.tags)
  const allowed = new Set(network.allowedIps)
  const live = (r: string) => (leases.get(r)?.until ?? 0) > now
  // A rule whose lease expired is a leftover of a run that never cleaned up, unless allowed-ips names it.
  const leftover = (r: string) => leases.has(r) && !live(r) && !allowed.has(r)
  const bypass = network.posture === 'keep' ? current.bypass : network.bypass
  switch (network.posture) {
    case 'keep':
      // Public access is provision's own update; the firewall stays as it is but for the leftovers.
      return {
        ...current,
        publicNetworkAccess: undefined,
        bypass,
        rules: current.rules.filter(r => !leftover(r))
      }
    case 'public':
      return { bypass, defaultAction: 'Allow', rules: [] }
    case 'private':
      return { bypass, defaultAction: 'Deny', rules: [] }
    case 'firewall':
      return {
        bypass,
        defaultAction: 'Deny',
        rules: [...network.allowedIps, ...current.rules.filter(r => !allowed.has(r) && live(r))]
      }
  }
}

/** The firewall of a new HSM: keep and public leave it open (as before), firewall and private close it. */
export function createNetworkAcls(config: Config): NonNullable<ManagedHsm['properties']>['networkAcls'] {
  const { posture, bypass, allowedIps } = config.network
  if (posture === 'keep') return { bypass: 'AzureServices', defaultAction: 'Allow' }
  return {
    bypass,
    defaultAction: posture === 'public' ? 'Allow' : 'Deny',
    ipRules: posture === 'firewall' ? allowedIps.map(value => ({ value })) : []
  }
}

/** What differs, as plan lines, and the change that writes it. */
export function planNetwork(ctx: RunContext, hsm: ManagedHsm, now = Date.now()): NetworkPlan {
  const { config } = ctx
  const current = networkOf(hsm)
  const desired = desiredNetwork(ctx, hsm, now)
  const leases = leasesOf(hsm.tags)
  const details: string[] = []
  if ((current.defaultAction ?? 'Allow') !== (desired.defaultAction ?? 'Allow'))
    details.push(`network: default action ${current.defaultAction ?? '(none)'} -> ${desired.defaultAction}`)
  if ((current.bypass ?? 'AzureServices') !== (desired.bypass ?? 'AzureServices'))
    details.push(`network: bypass ${current.bypass ?? '(none)'} -> ${desired.bypass}`)
  for (const r of desired.rules.filter(r => !current.rules.includes(r)))
    details.push(`network: IP rule ${r} added`)
  for (const r of current.rules.filter(r => !desired.rules.includes(r))) {
    const lease = leases.get(r)
    details.push(
      lease
        ? `network: IP rule ${r} removed (a just-in-time rule of run ${lease.run} whose lease expired ${new Date(lease.until).toISOString()})`
        : `network: IP rule ${r} removed (not in allowed-ips)`
    )
  }
  const info: string[] = []
  for (const r of current.rules.filter(r => desired.rules.includes(r))) {
    const lease = leases.get(r)
    if (lease && lease.until > now)
      info.push(
        `IP rule ${r} is a just-in-time rule of run ${lease.run} (lease until ${new Date(lease.until).toISOString()})`
      )
  }
  const notes = lostAccess(ctx, current, desired)
  if (config.network.posture === 'private') privatePath(hsm, notes, info)
  if (details.length === 0) return { notes, info }
  const change: Change = {
    kind: 'update',
    id: 'provision.network',
    summary: `set the network rules of Managed HSM '${config.hsmName}' (network: ${config.network.posture})`,
    details,
    async apply() {
      await writeRules(
        {
          read: () => ctx.arm.get(config.resourceGroup, config.hsmName),
          write: patch => ctx.arm.submitUpdate(config.resourceGroup, config.hsmName, patch),
          deadline: ctx.deadline,
          waitRegion: regionWaiter(ctx.arm, config.resourceGroup, config.hsmName, ctx.deadline)
        },
        {
          what: 'set the network rules',
          // From each fresh read: a concurrent run's new, leased rule is kept.
          desired: h => {
            const want = desiredNetwork(ctx, h)
            return sameNetwork(networkOf(h), want) ? undefined : want
          },
          holds: h => sameNetwork(networkOf(h), desiredNetwork(ctx, h))
        }
      )
    }
  }
  return { change, notes, info }
}

function sameNetwork(a: NetworkState, b: NetworkState): boolean {
  return (
    (a.defaultAction ?? 'Allow') === (b.defaultAction ?? 'Allow') &&
    (a.bypass ?? 'AzureServices') === (b.bypass ?? 'AzureServices') &&
    a.rules.length === b.rules.length &&
    a.rules.every(r => b.rules.includes(r))
  )
}

/** Whether an address range reaches the data plane under these rules (through the public endpoint). */
function reaches(s: NetworkState, access: string | undefined, w: Cidr): boolean {
  if (access === 'Disabled') return false
  if ((s.defaultAction ?? 'Allow') === 'Allow') return true
  return s.rules.some(r => {
    const c = parseCidr(r)
    return c !== undefined && covers(c, w)
  })
}

/**
 * Who the change would cut off: each listed workload that reaches the data plane now and would not after. Without
 * a list, a change that closes anything says that the action cannot know.
 */
function lostAccess(ctx: RunContext, current: NetworkState, desired: NetworkState): string[] {
  const { config } = ctx
  const accessNow = current.publicNetworkAccess
  const accessAfter = config.publicNetworkAccess
  const notes: string[] = []
  const workloads = config.network.workloadAddresses
  for (const w of workloads) {
    const c = parseCidr(w)
    if (!c) continue
    if (isNonPublic(c)) continue
    if (reaches(current, accessNow, c) && !reaches(desired, accessAfter, c))
      notes.push(
        `the workload at ${w} (workload-addresses) would lose access to the HSM's data plane: it could no longer release the key` +
          (accessAfter === 'Disabled'
            ? ' unless it reaches the HSM through a private endpoint'
            : '; add it to allowed-ips')
      )
  }
  const closes =
    config.network.posture !== 'keep' &&
    ((accessNow !== 'Disabled' && accessAfter === 'Disabled') ||
      ((current.defaultAction ?? 'Allow') === 'Allow' && desired.defaultAction === 'Deny') ||
      current.rules.some(r => !desired.rules.includes(r)))
  if (closes && workloads.length === 0)
    notes.push(
      'this closes the data plane to addresses that reach it now, and the action cannot know who uses the key ' +
        '(a confidential VM releases it from its own address): list them in workload-addresses to have the plan check them'
    )
  return notes
}

/**
 * network: private expects a private endpoint whose connection on the HSM is Approved; the action neither creates
 * nor approves one (docs/network.md), so it reports what it finds: none approved, or one not approved, is drift.
 */
function privatePath(hsm: ManagedHsm, notes: string[], info: string[]): void {
  const connections = hsm.properties?.privateEndpointConnections ?? []
  // Names and states from ARM: hostile text, kept to one short line.
  const name = (id: string | undefined) =>
    log.oneLine(((id ?? '').split('/').pop() || '(unnamed)').slice(0, 80))
  let approved = 0
  for (const c of connections) {
    const status = log.oneLine(String(c.privateLinkServiceConnectionState?.status ?? 'unknown').slice(0, 40))
    const endpoint = name(c.privateEndpoint?.id)
    if (status === 'Approved') {
      approved++
      info.push(`private endpoint connection ${name(c.id)} (endpoint ${endpoint}) is Approved`)
    } else
      notes.push(
        `private endpoint connection ${name(c.id)} (endpoint ${endpoint}) is ${status}, not Approved: approve it ` +
          '(az keyvault private-endpoint-connection approve) or remove it'
      )
  }
  if (approved === 0)
    notes.push(
      'network: private, but the HSM has no Approved private endpoint connection: nothing reaches its data plane. ' +
        'Create a private endpoint (groupIds managedhsm) and its privatelink.managedhsm.azure.net DNS (docs/network.md)'
    )
}

/** apply refuses a change that cuts off a listed workload, before any write (plan and verify only say so). */
export function refuseCutOff(ctx: RunContext, plan: NetworkPlan): void {
  const cut = plan.notes.filter(n => n.startsWith('the workload at '))
  if (cut.length === 0 || !MODE_TABLE[ctx.config.mode].writes) return
  throw new ConflictError(
    `network: ${ctx.config.network.posture} would cut off ${cut.length} listed workload(s):\n${cut.map(c => `- ${c}`).join('\n')}`,
    'add their public addresses to allowed-ips, or give them a private endpoint, then rerun; nothing was changed'
  )
}
