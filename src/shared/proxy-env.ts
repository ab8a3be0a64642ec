/**
 * Whether the Azure SDK sends a request to `url` through a proxy, by the rule of its proxy policy
 * (@typespec/ts-http-runtime, policies/proxyPolicy.js): HTTPS_PROXY, else ALL_PROXY, else HTTP_PROXY (upper case
 * first, then lower case), unless NO_PROXY names the host exactly or, for an entry with a leading dot, a domain it
 * is in (or the domain itself). The SDK decides each request; this answers only "who resolves the host's name".
 */
export function sdkProxyFor(url: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const read = (name: string) => env[name] || env[name.toLowerCase()] || undefined
  const proxy = read('HTTPS_PROXY') ?? read('ALL_PROXY') ?? read('HTTP_PROXY')
  if (!proxy) return undefined
  const host = new URL(url).hostname
  const bypassed = (read('NO_PROXY') ?? '')
    .split(',')
    .map(p => p.trim())
    .filter(Boolean)
    .some(p => (p.startsWith('.') ? host.endsWith(p) || host === p.slice(1) : host === p))
  return bypassed ? undefined : proxy
}
