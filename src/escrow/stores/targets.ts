/** Store targets are URLs: which kind of store a URL names, and its parts. Pure; no SDK loaded here. */
import type { CloudEndpoints } from '../../auth/clouds.js'
import type { StoreKind } from './store.js'

export interface StoreTarget {
  kind: StoreKind
  url: string
  /** https://{vault}.vault.azure.net or https://{account}.blob.core.windows.net */
  serviceUrl: string
  /** Secret name, or container and blob path. */
  name: string
  container?: string
}

/** A URL as it can be shown in a message: anything outside printable ASCII escaped, JSON-style. */
export function showUrl(url: string): string {
  const escaped = url.replace(/[^\x20-\x7e]/gu, c => {
    const named: Record<string, string> = { '\t': '\\t', '\r': '\\r', '\n': '\\n' }
    if (named[c]) return named[c]
    return [...c]
      .map(u => `\\u${(u.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`)
      .join('')
      .replace(/\\u([0-9a-f]{5,})/g, (_m, hex: string) => `\\u{${hex}}`)
  })
  return `'${escaped.replace(/'/g, "\\'")}'`
}

/**
 * The URL without what may be a credential: a user name and password, a query (a SAS token) and a
 * fragment are replaced by '***', so the message that refuses them does not print them.
 */
function withoutCredentials(url: string): string {
  return url
    .replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/?#]*@/, '$1***@')
    .replace(/\?.*$/s, '?***')
    .replace(/#.*$/s, '#***')
}

/** What a store URL may be, for the messages. */
function allowed(cloud: CloudEndpoints): string {
  return (
    `https://VAULT.${cloud.keyVaultSuffix}/secrets/NAME or https://ACCOUNT.blob.${cloud.storageSuffix}/CONTAINER/PATH, ` +
    'with no port, user name, query or fragment'
  )
}

/**
 * Checks the URL as typed, before `new URL` normalises it away: the WHATWG parser drops TAB, CR and LF
 * inside a URL, drops a default port, turns backslashes into slashes and resolves dot segments, so two
 * spellings the user sees as different could name one store (or a port could quietly be ignored).
 */
function rawProblem(url: string, cloud: CloudEndpoints): string | undefined {
  const shown = showUrl(withoutCredentials(url))
  const forms = allowed(cloud)
  // Control and format characters (TAB, CR, LF, NUL, DEL, C1, bidi overrides) and every kind of space.
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(url)) return `${shown} contains a control character; give ${forms}`
  if (/[\s\p{Zs}]/u.test(url)) return `${shown} contains whitespace; give ${forms}`
  if (url.includes('\\')) return `${shown} contains a backslash; give ${forms}`
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)(.*)$/.exec(url)
  if (!m) {
    // 'https:host/path' is read by the parser as https://host/path; say what is meant instead.
    if (/^https:/i.test(url)) return `${shown} must start with https://; give ${forms}`
    return undefined // not URL-shaped at all: the parser below says so
  }
  const [, , authority, rest] = m
  if (authority.includes('@'))
    return `${shown} has a user name or password before the host; the action signs in with OIDC, give ${forms}`
  if (authority.includes(':') || authority.includes('['))
    return `${shown} names a port; the action always uses the service's own (443), give ${forms}`
  if (!/^[A-Za-z0-9.-]+$/.test(authority))
    return `${shown}: the host may hold only letters, digits, hyphens and dots; give ${forms}`
  if (rest.includes('?'))
    return `${shown} must not carry a query (a SAS token would leak into logs; the action signs in with OIDC); give ${forms}`
  if (rest.includes('#')) return `${shown} must not carry a fragment; give ${forms}`
  if (rest.split('/').some((s, i) => i > 0 && (s === '' || s === '.' || s === '..')))
    return `${shown} has an empty, '.' or '..' path segment; give ${forms}`
  return undefined
}

/**
 * Two addresses people copy instead of a store's: the vault itself (its "Vault URI") and a page of the Azure
 * portal. Both are said as such, with the form to give, before the generic rules would call them malformed.
 */
function wrongPlaceProblem(url: string, cloud: CloudEndpoints): string | undefined {
  const m = /^https:\/\/([A-Za-z0-9.-]+)(\/?)$|^https:\/\/([A-Za-z0-9.-]+)[/?#]/i.exec(url)
  const host = (m?.[1] ?? m?.[3] ?? '').toLowerCase()
  if (!host) return undefined
  const secret = `https://VAULT.${cloud.keyVaultSuffix}/secrets/NAME`
  const blob = `https://ACCOUNT.blob.${cloud.storageSuffix}/CONTAINER/PATH`
  const shown = showUrl(withoutCredentials(url))
  if (host === new URL(cloud.portal).hostname || /^portal\.azure\.(com|us|cn)$/.test(host))
    return `${shown} is an Azure portal page, not a store: give the secret's URL, ${secret} (its Secret Identifier without the version), or a blob's, ${blob}`
  if (m?.[1] && host.endsWith(`.${cloud.keyVaultSuffix}`))
    return `${shown} names the Key Vault, not a secret in it: give ${secret}, for example ${url.replace(/\/?$/, '')}/secrets/NAME`
  return undefined
}

/** Parses a target URL; returns a reason when it is not one. */
export function parseStoreTarget(url: string, cloud: CloudEndpoints): StoreTarget | string {
  const wrongPlace = wrongPlaceProblem(url, cloud)
  if (wrongPlace) return wrongPlace
  const raw = rawProblem(url, cloud)
  if (raw) return raw
  const shown = showUrl(withoutCredentials(url))
  const forms = allowed(cloud)
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return `${shown} is not a URL; give ${forms}`
  }
  if (u.protocol !== 'https:') return `${shown} must use https`
  // rawProblem has refused these already; kept so that no spelling the parser accepts slips through.
  if (u.search || u.hash || u.username || u.password || u.port)
    return `${shown} must not carry a port, query, fragment or credentials; give ${forms}`
  const host = u.hostname.toLowerCase()
  let parts: string[]
  try {
    parts = u.pathname.split('/').filter(Boolean).map(decodeURIComponent)
  } catch {
    return `${shown} has a malformed %-escape in its path`
  }
  if (host.endsWith(`.${cloud.keyVaultSuffix}`)) {
    if (parts.length !== 2 || parts[0] !== 'secrets')
      return `${shown} must look like https://VAULT.${cloud.keyVaultSuffix}/secrets/NAME`
    if (!/^[0-9a-zA-Z-]{1,127}$/.test(parts[1]))
      return `secret name ${showUrl(parts[1])} may hold only letters, digits and hyphens`
    return { kind: 'key-vault-secret', url, serviceUrl: `https://${host}`, name: parts[1] }
  }
  if (host.endsWith(`.blob.${cloud.storageSuffix}`)) {
    if (parts.length < 2)
      return `${shown} must look like https://ACCOUNT.blob.${cloud.storageSuffix}/CONTAINER/PATH`
    if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(parts[0]))
      return `container ${showUrl(parts[0])} must be 3-63 lowercase letters, digits and single hyphens`
    return {
      kind: 'blob',
      url,
      serviceUrl: `https://${host}`,
      container: parts[0],
      name: parts.slice(1).join('/')
    }
  }
  return `${shown} is neither a Key Vault secret (*.${cloud.keyVaultSuffix}/secrets/NAME) nor a blob (*.blob.${cloud.storageSuffix}/CONTAINER/PATH)`
}

/** One object however its URL is spelled: hosts and Key Vault secret names ignore case, blob names do not. */
export function objectKey(t: StoreTarget): string {
  return t.kind === 'blob'
    ? `${t.serviceUrl}/${t.container}/${t.name}`
    : `${t.serviceUrl}/secrets/${t.name.toLowerCase()}`
}

/** The same target with a suffix on its name, for one object per wrapping key. */
export function withSuffix(t: StoreTarget, suffix: string): StoreTarget {
  const name = t.name.replace(/(\.[A-Za-z0-9]+)?$/, m => `${suffix}${m}`)
  const url = t.kind === 'blob' ? `${t.serviceUrl}/${t.container}/${name}` : `${t.serviceUrl}/secrets/${name}`
  return { ...t, name, url }
}

/** The targets for N wrapping keys: one target with -1..-N suffixes, or one target per key. */
export function keyTargets(targets: StoreTarget[], count: number): StoreTarget[] {
  if (targets.length === 1 && count > 1)
    return Array.from({ length: count }, (_, i) => withSuffix(targets[0], `-${i + 1}`))
  return targets
}
