/**
 * The HSM's exposure as ARM holds it, said even when the inputs say nothing: purge protection, soft-delete
 * retention, who can reach the data plane over the network, the initial administrators. From the ARM read
 * the run made anyway (no request of its own). Where the inputs name a value the provision step compares it
 * and reports the difference as drift; here it is information, so nothing is reported twice.
 */
import type { ManagedHsm } from '../azure/managed-hsm-arm.js'
import { desiredAdministrators, readHsm, type RunContext } from '../run/context.js'
import type { Assessor, PostureItem } from './types.js'

export const hsmExposure: Assessor = {
  name: 'exposure',
  applies: () => true,
  async assess(ctx) {
    const hsm = await readHsm(ctx)
    if (!hsm) return { items: [] }
    return {
      items: [
        purgeProtection(ctx, hsm),
        retention(hsm),
        network(ctx, hsm),
        await administrators(ctx, hsm)
      ].filter((i): i is PostureItem => i !== undefined)
    }
  }
}

function purgeProtection(ctx: RunContext, hsm: ManagedHsm): PostureItem {
  const base = { id: 'hsm.purgeProtection', setting: 'HSM purge protection' }
  if (hsm.properties?.enablePurgeProtection === true)
    return { ...base, state: 'on (permanent)', severity: 'ok' }
  return {
    ...base,
    state: 'off',
    severity: 'info',
    finding:
      'HSM purge protection is off: whoever may delete the HSM may also purge it, with every key, before its retention ends',
    todo: ctx.config.purgeProtection
      ? 'run mode: apply (the provision step turns it on)'
      : 'set purge-protection: true (with confirm-purge-protection) when the HSM holds keys that matter; it is permanent'
  }
}

function retention(hsm: ManagedHsm): PostureItem | undefined {
  const days = hsm.properties?.softDeleteRetentionInDays
  if (days === undefined) return undefined
  return {
    id: 'hsm.softDeleteRetention',
    setting: 'HSM soft-delete retention',
    state: `${days} days (a deleted HSM can be recovered, and keeps its name, this long)`,
    severity: 'ok'
  }
}

function network(ctx: RunContext, hsm: ManagedHsm): PostureItem {
  const p = hsm.properties ?? {}
  const base = { id: 'hsm.network', setting: 'HSM data plane network access' }
  if (p.publicNetworkAccess === 'Disabled')
    return { ...base, state: 'public network access Disabled (private endpoints only)', severity: 'ok' }
  const acls = p.networkAcls
  const todo =
    ctx.config.publicNetworkAccess === 'Disabled'
      ? 'run mode: apply (the provision step disables public network access)'
      : 'set public-network-access: Disabled and reach the HSM through a private endpoint, or limit its network rules (networkAcls) to your addresses'
  if (acls?.defaultAction === 'Deny') {
    const ips = acls.ipRules?.length ?? 0
    const vnets = acls.virtualNetworkRules?.length ?? 0
    const trusted = acls.bypass === 'AzureServices' ? ', and trusted Azure services' : ''
    return {
      ...base,
      state: `reachable from ${ips} IP range(s) and ${vnets} virtual network subnet(s)${trusted}`,
      severity: 'info',
      finding: `the HSM's data plane is reachable from the public network, limited to ${ips} IP range(s) and ${vnets} subnet(s)${trusted}`,
      todo
    }
  }
  return {
    ...base,
    state: 'reachable from any address (public network access Enabled, network rules allow all)',
    severity: 'info',
    finding:
      "the HSM's data plane is reachable from any address (public network access Enabled, no network rule)",
    todo
  }
}

async function administrators(ctx: RunContext, hsm: ManagedHsm): Promise<PostureItem> {
  const actual = [...(hsm.properties?.initialAdminObjectIds ?? [])].map(a => a.toLowerCase()).sort()
  const state = `${actual.join(', ') || 'none'} (Managed HSM Administrator at / since creation)`
  const base = { id: 'hsm.initialAdministrators', setting: 'HSM initial administrators', state }
  const desired = await desiredAdministrators(ctx).catch(() => undefined)
  if (desired && desired.join() === actual.join()) return { ...base, severity: 'ok' }
  return {
    ...base,
    severity: 'info',
    finding: `the HSM's initial administrators are ${actual.join(', ') || 'none'}, set at creation; they hold Managed HSM Administrator at / unless it was removed`,
    todo: 'initial administrators cannot change; remove their Administrator role assignment if they should no longer hold it'
  }
}
