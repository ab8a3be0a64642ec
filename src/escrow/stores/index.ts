// escrow/stores/: the escrow stores (Key Vault secrets, Blob storage) behind one interface.
/** Opens the store for a target URL by its host. */
import type { TokenCredential } from '@azure/core-auth'
import { maskEscrowContent } from '../masks.js'
import { BlobStore } from './blob.js'
import { KeyVaultSecretStore } from './key-vault-secret.js'
import type { EscrowStore } from './store.js'
import type { StoreTarget } from './targets.js'

export type { EscrowStore } from './store.js'
export { parseStoreTarget, withSuffix, type StoreTarget } from './targets.js'

export function openStore(t: StoreTarget, credential: TokenCredential): EscrowStore {
  const store =
    t.kind === 'blob'
      ? new BlobStore(t.url, t.serviceUrl, t.container ?? '', t.name, credential)
      : new KeyVaultSecretStore(t.url, t.serviceUrl, t.name, credential)
  return maskingReads(store)
}

/** Every object read is masked before its reader sees it (see masks.ts), whatever the reader then logs. */
function maskingReads(store: EscrowStore): EscrowStore {
  const get = store.get.bind(store)
  store.get = async () => {
    const obj = await get()
    if (obj) maskEscrowContent(obj.content, obj.metadata)
    return obj
  }
  return store
}
