/**
 * Escrow stores: where the encrypted security domain and any generated wrapping keys are kept. A target is
 * a URL, so its kind is plain from its host. Every store can prove it is writable before anything changes
 * in Azure, never overwrites an existing escrow with different content, and reads back what it wrote.
 */
import { EscrowConflictError } from '../../shared/errors.js'

/** Key Vault's limit on a secret value. */
export const SECRET_MAX_BYTES = 25 * 1024

export type StoreKind = 'key-vault-secret' | 'blob'

export interface EscrowObject {
  content: Buffer
  /** Metadata recorded with the object (tags or blob metadata); never secret. */
  metadata: Record<string, string>
  /** What replaceIf compares: the blob's ETag, the secret's version. */
  version?: string
}

export interface EscrowStore {
  readonly kind: StoreKind
  /** The target URL, safe to print. */
  readonly url: string
  /** Proves the identity can write here, without touching the escrow object itself. */
  probe(): Promise<void>
  get(): Promise<EscrowObject | undefined>
  /**
   * Writes the object unless it exists. Existing identical content counts as written; existing different
   * content is an error, because an escrow is never overwritten.
   */
  putIfAbsent(
    content: Buffer,
    metadata: Record<string, string>,
    contentType: string
  ): Promise<'written' | 'present'>
  /**
   * Overwrites the object only while it is still at `version` (or still absent). Returns false when another
   * writer got there first. Blob storage checks atomically (If-Match); Key Vault has no conditional write, so
   * it writes and then reads again after a pause: the latest version decides who won.
   */
  replaceIf(
    version: string | 'absent',
    content: Buffer,
    metadata: Record<string, string>,
    contentType: string
  ): Promise<boolean>
}

/** The object at `url` is not the one this run would write there (or another writer changed it meanwhile). */
export function differentObject(url: string): EscrowConflictError {
  return new EscrowConflictError(
    `${url} already holds a different object; an escrow is never overwritten`,
    'point the store input that names it (security-domain-store, wrapping-key-store or key-backup-store) at a ' +
      'new name, or remove the old object if you are certain it is no longer needed'
  )
}
