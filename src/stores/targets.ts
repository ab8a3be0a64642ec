/** Store targets are URLs: which kind of store a URL names, and its parts. Pure; no SDK loaded here. */
import type { CloudEndpoints } from '../auth/clouds.js'
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

/** Parses a target URL; returns a reason when it is not one. */
export function parseStoreTarget(url: string, cloud: CloudEndpoints): StoreTarget | string {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return `'${url}' is not a URL`
  }
  if (u.protocol !== 'https:') return `'${url}' must use https`
  if (u.search || u.hash || u.username || u.password)
    return `'${url}' must not carry a query, fragment or credentials (a SAS token would leak into logs); the action signs in with OIDC`
  const host = u.hostname.toLowerCase()
  const parts = u.pathname.split('/').filter(Boolean).map(decodeURIComponent)
  if (host.endsWith(`.${cloud.keyVaultSuffix}`)) {
    if (parts.length !== 2 || parts[0] !== 'secrets')
      return `'${url}' must look like https://VAULT.${cloud.keyVaultSuffix}/secrets/NAME`
    if (!/^[0-9a-zA-Z-]{1,127}$/.test(parts[1]))
      return `secret name '${parts[1]}' may hold only letters, digits and hyphens`
    return { kind: 'key-vault-secret', url, serviceUrl: `https://${host}`, name: parts[1] }
  }
  if (host.endsWith(`.blob.${cloud.storageSuffix}`)) {
    if (parts.length < 2)
      return `'${url}' must look like https://ACCOUNT.blob.${cloud.storageSuffix}/CONTAINER/PATH`
    if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(parts[0]))
      return `container '${parts[0]}' must be 3-63 lowercase letters, digits and single hyphens`
    return {
      kind: 'blob',
      url,
      serviceUrl: `https://${host}`,
      container: parts[0],
      name: parts.slice(1).join('/')
    }
  }
  return `'${url}' is neither a Key Vault secret (*.${cloud.keyVaultSuffix}/secrets/NAME) nor a blob (*.blob.${cloud.storageSuffix}/CONTAINER/PATH)`
}

/** The same target with a suffix on its name, for one object per wrapping key. */
export function withSuffix(t: StoreTarget, suffix: string): StoreTarget {
  const name = t.name.replace(/(\.[A-Za-z0-9]+)?$/, m => `${suffix}${m}`)
  const url = t.kind === 'blob' ? `${t.serviceUrl}/${t.container}/${name}` : `${t.serviceUrl}/secrets/${name}`
  return { ...t, name, url }
}
