/**
 * The DNS evidence beside the preflight's refusal of an HSM with public access Disabled (run/private-dns.ts), with
 * an injected resolver, and the SDK's proxy rule it asks first (shared/proxy-env.ts): through a proxy the runner
 * resolves nothing itself, so only the request counts.
 */
import { describe, expect, it } from '@jest/globals'
import { privateDnsEvidence, type DnsResolver } from '../src/run/private-dns.js'
import { sdkProxyFor } from '../src/shared/proxy-env.js'

const URI = 'https://contoso-skr.managedhsm.azure.net/'
const SUFFIX = 'managedhsm.azure.net'

/** A resolver answering from a table of aliases and addresses; a name without an entry has none (ENODATA). */
function resolver(
  cnames: Record<string, string>,
  a: Record<string, string[]>
): DnsResolver & { asked: string[] } {
  const asked: string[] = []
  const none = (host: string) => Object.assign(new Error(`queryCname ENODATA ${host}`), { code: 'ENODATA' })
  return {
    asked,
    resolveCname: async host => {
      asked.push(host)
      if (!cnames[host]) throw none(host)
      return [cnames[host]]
    },
    resolve4: async host => {
      if (!a[host]) throw none(host)
      return a[host]
    }
  }
}
const direct = {}
const PUBLIC_CHAIN = {
  'contoso-skr.managedhsm.azure.net': 'contoso-skr.privatelink.managedhsm.azure.net',
  'contoso-skr.privatelink.managedhsm.azure.net': 'mhsm-weu.frontend.example.net'
}

describe('the DNS evidence of a private path', () => {
  it('a runner whose DNS uses the privatelink zone: the alias and the private address', async () => {
    const r = resolver(
      { 'contoso-skr.managedhsm.azure.net': 'contoso-skr.privatelink.managedhsm.azure.net' },
      { 'contoso-skr.privatelink.managedhsm.azure.net': ['10.1.0.5'] }
    )
    const said = await privateDnsEvidence(URI, SUFFIX, { env: direct, resolver: r })
    expect(said).toBe(
      'DNS: contoso-skr.managedhsm.azure.net -> contoso-skr.privatelink.managedhsm.azure.net resolves through the ' +
        "privatelink.managedhsm.azure.net alias to the private address 10.1.0.5, so the runner's DNS points at a " +
        'private endpoint: check the route to it (peering, network security groups) and that its connection is Approved'
    )
  })

  it('an HSM with a private endpoint, seen through public DNS: the alias, but a public address', async () => {
    const r = resolver(PUBLIC_CHAIN, { 'mhsm-weu.frontend.example.net': ['20.61.4.4'] })
    const said = await privateDnsEvidence(URI, SUFFIX, { env: direct, resolver: r })
    expect(said).toContain(
      'goes through the privatelink.managedhsm.azure.net alias but not to a private address (20.61.4.4)'
    )
    expect(said).toContain('link the zone to the runner')
    expect(said).toContain('-> mhsm-weu.frontend.example.net')
  })

  it('no privatelink alias: no private endpoint this runner can find', async () => {
    const r = resolver(
      { 'contoso-skr.managedhsm.azure.net': 'mhsm-weu.frontend.example.net' },
      {
        'mhsm-weu.frontend.example.net': ['20.61.4.4']
      }
    )
    const said = await privateDnsEvidence(URI, SUFFIX, { env: direct, resolver: r })
    expect(said).toMatch(
      /does not resolve through a privatelink\.managedhsm\.azure\.net alias from this runner/
    )
    // Another cloud's zone is its own suffix's.
    const gov = await privateDnsEvidence(
      'https://x.managedhsm.usgovcloudapi.net/',
      'managedhsm.usgovcloudapi.net',
      {
        env: direct,
        resolver: resolver(
          { 'x.managedhsm.usgovcloudapi.net': 'x.privatelink.managedhsm.usgovcloudapi.net' },
          {
            'x.privatelink.managedhsm.usgovcloudapi.net': ['10.0.0.9']
          }
        )
      }
    )
    expect(gov).toContain('privatelink.managedhsm.usgovcloudapi.net alias to the private address 10.0.0.9')
  })

  it('through a proxy the runner resolves nothing: it says so and asks DNS nothing', async () => {
    const r = resolver(PUBLIC_CHAIN, {})
    const said = await privateDnsEvidence(URI, SUFFIX, {
      env: { HTTPS_PROXY: 'http://proxy:3128' },
      resolver: r
    })
    expect(said).toContain('through its HTTPS proxy, so the name is resolved by the proxy, not the runner')
    expect(r.asked).toEqual([])
    // NO_PROXY naming the HSM's domain: the runner resolves it itself again.
    const bypassed = await privateDnsEvidence(URI, SUFFIX, {
      env: { https_proxy: 'http://proxy:3128', no_proxy: 'localhost, .managedhsm.azure.net' },
      resolver: r
    })
    expect(bypassed).toContain('alias but not to a private address')
    expect(r.asked[0]).toBe('contoso-skr.managedhsm.azure.net')
  })

  it('an alias loop or a hostile name stays bounded and on one line', async () => {
    const r = resolver(
      {
        'contoso-skr.managedhsm.azure.net': 'evil\nname.example',
        'evil\nname.example': 'contoso-skr.managedhsm.azure.net'
      },
      {}
    )
    const said = await privateDnsEvidence(URI, SUFFIX, { env: direct, resolver: r })
    expect(said.split('\n')).toHaveLength(1)
    expect(r.asked.length).toBeLessThanOrEqual(8)
  })
})

describe('a resolver that never answers', () => {
  it('holds the refusal no longer than the budget, and says what it has', async () => {
    const hangs: DnsResolver = {
      resolveCname: () => new Promise<string[]>(() => undefined),
      resolve4: () => new Promise<string[]>(() => undefined)
    }
    const said = await privateDnsEvidence(URI, SUFFIX, { env: direct, resolver: hangs, budgetMs: 20 })
    expect(said).toBe(
      "DNS: contoso-skr.managedhsm.azure.net got no full answer from the runner's DNS within 0.02 s, so whether it " +
        'resolves through a privatelink.managedhsm.azure.net alias is not known'
    )
  })
})

describe("the SDK's proxy rule", () => {
  it('HTTPS_PROXY, ALL_PROXY, then HTTP_PROXY, either case; NO_PROXY by exact host or dotted domain', () => {
    const url = 'https://contoso-skr.managedhsm.azure.net/'
    expect(sdkProxyFor(url, {})).toBeUndefined()
    expect(sdkProxyFor(url, { HTTP_PROXY: 'http://h:1', ALL_PROXY: 'http://a:1' })).toBe('http://a:1')
    expect(sdkProxyFor(url, { https_proxy: 'http://s:1', HTTP_PROXY: 'http://h:1' })).toBe('http://s:1')
    expect(
      sdkProxyFor(url, { HTTPS_PROXY: 'http://s:1', NO_PROXY: 'contoso-skr.managedhsm.azure.net' })
    ).toBeUndefined()
    expect(sdkProxyFor(url, { HTTPS_PROXY: 'http://s:1', NO_PROXY: '.azure.net' })).toBeUndefined()
    expect(sdkProxyFor(url, { HTTPS_PROXY: 'http://s:1', NO_PROXY: 'managedhsm.azure.net' })).toBe(
      'http://s:1'
    )
    expect(
      sdkProxyFor('https://azure.net/', { HTTPS_PROXY: 'http://s:1', NO_PROXY: '.azure.net' })
    ).toBeUndefined()
  })
})
