/** Opens the store for a target URL by its host. */
import type { TokenCredential } from '@azure/core-auth'
import { BlobStore } from './blob.js'
import { KeyVaultSecretStore } from './key-vault-secret.js'
import type { EscrowStore } from './store.js'
import type { StoreTarget } from './targets.js'

export type { EscrowStore } from './store.js'
export { parseStoreTarget, withSuffix, type StoreTarget } from './targets.js'

export function openStore(t: StoreTarget, credential: TokenCredential): EscrowStore {
  return t.kind === 'blob'
    ? new BlobStore(t.url, t.serviceUrl, t.container ?? '', t.name, credential)
    : new KeyVaultSecretStore(t.url, t.serviceUrl, t.name, credential)
}
