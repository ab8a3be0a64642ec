/**
 * The DNS evidence beside the preflight's refusal of an HSM with public access Disabled: the data-plane request
 * decides (it also works through a proxy); DNS says why. A runner that resolves the HSM itself follows the host's
 * CNAME chain: an HSM with a private endpoint is aliased to `<name>.privatelink.<managed HSM suffix>`, and a
 * runner whose DNS uses the privatelink zone gets the endpoint's private address at its end. Through a proxy the
 * runner resolves nothing itself, so DNS is the proxy's and only the request counts.
 */
import { promises as dns } from 'node:dns'
import { isNonPublic, parseCidr } from '../shared/ipv4.js'
import * as log from '../shared/log.js'
import { sdkProxyFor } from '../shared/proxy-env.js'

/** The two lookups used (node:dns promises by default; a test passes its own). */
export interface DnsResolver {
  resolveCname(host: string): Promise<string[]>
  resolve4(host: string): Promise<string[]>
}

const HOPS = 8
/** The lookups' budget, in all: a resolver that hangs must not hold the refusal. */
const DNS_MS = 5000

/** One sentence on what DNS says about the runner's private path to `hsmUri`'s host. */
export async function privateDnsEvidence(
  hsmUri: string,
  managedHsmSuffix: string,
  o: { env?: NodeJS.ProcessEnv; resolver?: DnsResolver; budgetMs?: number } = {}
): Promise<string> {
  const host = new URL(hsmUri).hostname.toLowerCase()
  const zone = `privatelink.${managedHsmSuffix.toLowerCase()}`
  if (sdkProxyFor(hsmUri, o.env))
    return `DNS: the runner reaches ${host} through its HTTPS proxy, so the name is resolved by the proxy, not the runner; the refused request through the proxy decided`
  const resolver = o.resolver ?? dns
  // Names from DNS are outside text: kept short, one line.
  const show = (n: string) => log.oneLine(n.slice(0, 120))
  const chain = [host]
  const deadline = Date.now() + (o.budgetMs ?? DNS_MS)
  let late = false
  const bounded = <T>(p: Promise<T>, fallback: T) =>
    within(p, fallback, deadline - Date.now(), () => (late = true))
  try {
    for (let i = 0; i < HOPS; i++) {
      const next = (await bounded(resolver.resolveCname(chain[chain.length - 1]), []))[0]
        ?.toLowerCase()
        .replace(/\.$/, '')
      if (!next || chain.includes(next)) break
      chain.push(next)
    }
  } catch {
    // ENODATA (no alias) or ENOTFOUND at some hop: the chain so far is the answer.
  }
  const addresses = await bounded(resolver.resolve4(chain[chain.length - 1]), []).catch(() => [] as string[])
  const path = chain.map(show).join(' -> ')
  const alias = chain.find(n => n.endsWith(`.${zone}`))
  const privateIp = addresses.find(a => {
    const c = parseCidr(a)
    return c !== undefined && isNonPublic(c)
  })
  if (late && !alias && !privateIp)
    return `DNS: ${path} got no full answer from the runner's DNS within ${(o.budgetMs ?? DNS_MS) / 1000} s, so whether it resolves through a ${zone} alias is not known`
  if (!alias)
    return `DNS: ${path} does not resolve through a ${zone} alias from this runner, so Azure DNS knows no private endpoint of this HSM, or the runner's DNS does not ask it`
  if (privateIp)
    return `DNS: ${path} resolves through the ${zone} alias to the private address ${show(privateIp)}, so the runner's DNS points at a private endpoint: check the route to it (peering, network security groups) and that its connection is Approved`
  return `DNS: ${path} goes through the ${zone} alias but not to a private address (${addresses.map(show).join(', ') || 'no address'}): the HSM has a private endpoint, and the runner's DNS does not use the ${zone} zone (link the zone to the runner's virtual network)`
}

/** `p`, or `fallback` (and `onLate`) once `ms` have passed. */
function within<T>(p: Promise<T>, fallback: T, ms: number, onLate: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<T>(resolve => {
    timer = setTimeout(
      () => {
        onLate()
        resolve(fallback)
      },
      Math.max(0, ms)
    )
  })
  return Promise.race([p, late]).finally(() => clearTimeout(timer))
}
