/**
 * Authority handling. The docs say a block's `authority` "functions in the same fashion as the iss claim in a
 * JSON Web Token", i.e. it is matched against the attestation token's issuer.
 *
 * ASSUMPTION (not documented): the match ignores letter case in scheme and host and a trailing slash. Evidence
 * for the slash: Microsoft's CVM deployment policy (Azure/confidential-computing-cvm, cvm_deployment/key/
 * skr-policy.json) writes `https://sharedeus.eus.attest.azure.net/` while MAA tokens carry `iss` without the
 * slash, and Managed HSM stores the authority exactly as sent (azure-cli recording
 * test_keyvault_hsm_key_release_policy.yaml). Case-insensitivity follows RFC 3986 for scheme and host.
 */

/** Comparable form of an authority or issuer URL: lower-case scheme and host, no trailing slash. */
export function canonicalAuthority(authority: string): string {
  const trimmed = authority.trim()
  try {
    const u = new URL(trimmed)
    const path = u.pathname.replace(/\/+$/, '')
    return `${u.protocol}//${u.host.toLowerCase()}${path}${u.search}`
  } catch {
    return trimmed.replace(/\/+$/, '').toLowerCase()
  }
}

export function authoritiesMatch(a: string, b: string): boolean {
  return canonicalAuthority(a) === canonicalAuthority(b)
}

/**
 * The Azure Attestation domain of one cloud: providers live at `https://NAME.REGION.{suffix}`, the shared ones at
 * `https://shared{abbr}.{abbr}.{suffix}`. Key Vault and Managed HSM release keys only against tokens of these
 * providers, so an authority anywhere else can only be a mistake or an attack.
 */
export interface AttestationDomain {
  /** The cloud's name, for messages (AzureCloud, AzureUSGovernment, ...). */
  cloud: string
  /** DNS suffix without a leading dot, e.g. `attest.azure.net`. */
  suffix: string
}

export const PUBLIC_ATTESTATION_DOMAIN: AttestationDomain = {
  cloud: 'AzureCloud',
  suffix: 'attest.azure.net'
}

/** What an authority that passed attestationAuthorityProblem is: a region's shared provider or someone's own. */
export interface AuthorityKind {
  kind: 'shared' | 'custom'
  /** Lower-case host, e.g. `sharedweu.weu.attest.azure.net`. */
  host: string
}

export interface AuthorityProblem {
  rule: 'authority-url' | 'authority-host'
  message: string
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
/** scheme://authority[path][?query][#fragment], split on the raw text: URL parsing would hide `:443`, `?` and `#`. */
const URL_PARTS = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/

/**
 * The authority rule, for `attestation-authority` and for every `authority` of a policy: https only; the host is
 * `NAME.REGION.{suffix}` of the chosen cloud (two DNS labels, ASCII, no trailing dot); no user or password, no
 * port (not even :443), no query, no fragment, no path beyond `/`. Returns the problem, or undefined.
 */
export function attestationAuthorityProblem(
  authority: string,
  domain: AttestationDomain
): AuthorityProblem | undefined {
  const example = `https://sharedweu.weu.${domain.suffix}`
  const url = (message: string): AuthorityProblem => ({ rule: 'authority-url', message })
  const control = [...authority].some(c => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  if (control || /\s/.test(authority)) return url('must not contain whitespace or control characters')
  const m = URL_PARTS.exec(authority)
  if (!m) return url(`must be an https URL such as ${example}`)
  const [, scheme, hostPart, path, query, fragment] = m
  if (scheme.toLowerCase() !== 'https') return url(`must use https, not ${scheme.toLowerCase()}`)
  if (hostPart.includes('@')) return url('must not carry a user name or password (user:password@)')
  if (hostPart.includes(':') || hostPart.includes('[')) return url('must not name a port (not even :443)')
  if (query !== undefined) return url('must not have a query (?...)')
  if (fragment !== undefined) return url('must not have a fragment (#...)')
  if (path !== '' && path !== '/')
    return url(
      "must not have a path: tokens are issued by the provider's base URL, so a path never matches their issuer"
    )
  const host = hostPart.toLowerCase()
  const tail = `.${domain.suffix}`
  const name = host.endsWith(tail) ? host.slice(0, -tail.length) : undefined
  const labels = name?.split('.') ?? []
  if (labels.length !== 2 || !labels.every(l => LABEL.test(l)))
    return {
      rule: 'authority-host',
      message:
        `must be an Azure Attestation provider of ${domain.cloud} (https://NAME.REGION.${domain.suffix}, ` +
        `for example ${example}): Managed HSM releases keys only against tokens of those providers`
    }
  return undefined
}

/** Shared regional provider (`shared{abbr}.{abbr}.…`) or a custom one; for an authority that passed the rule. */
export function authorityKind(authority: string, domain: AttestationDomain): AuthorityKind {
  const host = (URL_PARTS.exec(authority.trim())?.[2] ?? '').toLowerCase()
  const [name = '', region = ''] = host.slice(0, -(domain.suffix.length + 1)).split('.')
  return { kind: region !== '' && name === `shared${region}` ? 'shared' : 'custom', host }
}
