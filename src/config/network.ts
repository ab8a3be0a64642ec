/**
 * The HSM's network posture: `network` (keep, public, firewall, private), `allowed-ips`, `network-bypass`,
 * `workload-addresses` and `jit-runner-access`, and how they relate to `public-network-access`:
 *
 * - keep (default): the action sets public access from `public-network-access`, as before, and leaves the firewall
 *   (`networkAcls`) alone, but for rules that a run's just-in-time access left behind once their lease expired;
 *   `allowed-ips` there only names rules it must never remove (it adds none).
 * - public: public access Enabled, firewall open (Allow, no IP rules). `public-network-access: Disabled` conflicts.
 * - firewall: public access Enabled, firewall closed (Deny) but for exactly `allowed-ips` (and live just-in-time
 *   rules). `public-network-access: Disabled` conflicts.
 * - private: public access Disabled and the firewall closed with no IP rule: only a private endpoint reaches the
 *   data plane. An explicit `public-network-access: Enabled` conflicts.
 */
import { cidrText, isNonPublic, parseCidr } from '../shared/ipv4.js'
import { splitList, type Reader } from './reader.js'
import { BYPASS, NETWORK_POSTURES, type NetworkConfig } from './types.js'

export { BYPASS, NETWORK_POSTURES }

/** A Managed HSM holds at most 10 IP rules (Microsoft Learn, Managed HSM network security). */
export const MAX_IP_RULES = 10

/** Reads the network inputs; `des` tells whether a Disk Encryption Set is named (network-bypass None). */
export function parseNetworkConfig(
  r: Reader,
  o: { given: readonly string[]; des: boolean; publicNetworkAccess: 'Enabled' | 'Disabled' }
): NetworkConfig {
  const { oneOf, bool, fail } = r
  const posture = oneOf('network', NETWORK_POSTURES)
  const bypass = oneOf('network-bypass', BYPASS)
  const jit = bool('jit-runner-access')
  const allowBypassNone = bool('allow-bypass-none')
  const allowedIps = ranges(r, 'allowed-ips', true)
  const workloadAddresses = ranges(r, 'workload-addresses', false)
  const explicitAccess = o.given.includes('public-network-access')

  if ((posture === 'public' || posture === 'firewall') && o.publicNetworkAccess === 'Disabled')
    fail(
      'public-network-access',
      `is Disabled, which conflicts with network: ${posture} (public access stays Enabled there); remove ` +
        'public-network-access, or use network: private for an HSM reached only through a private endpoint'
    )
  if (posture === 'private' && explicitAccess && o.publicNetworkAccess === 'Enabled')
    fail(
      'public-network-access',
      'is Enabled, which conflicts with network: private (public access Disabled)'
    )
  if (allowedIps.length > 0 && (posture === 'public' || posture === 'private'))
    fail(
      'allowed-ips',
      `applies only with network: firewall or keep (network is ${posture}): with public every address reaches ` +
        'the data plane, with private none; set network: firewall, or remove allowed-ips'
    )
  if (allowedIps.length > MAX_IP_RULES - (jit ? 1 : 0))
    fail(
      'allowed-ips',
      `lists ${allowedIps.length} ranges: a Managed HSM holds at most ${MAX_IP_RULES} IP rules` +
        (jit ? ', and jit-runner-access needs one free for the runner' : '') +
        '; merge addresses into wider ranges'
    )
  if (jit && (posture === 'private' || (posture === 'keep' && o.publicNetworkAccess === 'Disabled')))
    fail(
      'jit-runner-access',
      'cannot help while public network access is Disabled: no IP rule opens it. Run from a network with a ' +
        'private path to the HSM (Azure private networking for GitHub-hosted runners, or a self-hosted runner ' +
        'in the virtual network of its private endpoint); see docs/network.md'
    )
  if (jit && posture === 'public')
    fail(
      'jit-runner-access',
      'has nothing to open with network: public (every address reaches the data plane)'
    )
  // The set the inputs name may not exist yet; the sets Azure holds are checked by provision (steps/network-bypass.ts).
  if (bypass === 'None' && o.des && !allowBypassNone)
    fail(
      'network-bypass',
      'None takes trusted Azure services off the firewall while a Disk Encryption Set uses the key (whether its ' +
        "disk access needs the bypass is unverified); keep AzureServices, or set allow-bypass-none: 'true' to accept it"
    )
  if (o.given.includes('network-bypass') && posture === 'keep')
    fail('network-bypass', 'applies only with network: public, firewall or private (network is keep)')
  return { posture, allowedIps, bypass, allowBypassNone, workloadAddresses, jit }
}

function ranges(r: Reader, input: string, publicOnly: boolean): string[] {
  const out: string[] = []
  for (const entry of splitList(r.get(input))) {
    const c = parseCidr(entry)
    if (!c) {
      r.fail(input, `'${entry}' is not an IPv4 address or range such as 203.0.113.7 or 203.0.113.0/24`)
      continue
    }
    if (publicOnly && isNonPublic(c)) {
      r.fail(
        input,
        `'${entry}' is not a public address: a Managed HSM's IP rules see only public addresses; reach it from a ` +
          'private network through a private endpoint (network: private)'
      )
      continue
    }
    const text = cidrText(c)
    if (!out.includes(text)) out.push(text)
  }
  return out
}
