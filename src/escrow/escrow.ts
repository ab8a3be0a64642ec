/**
 * Escrow of the security domain and of generated wrapping keys: write to every configured store, read
 * back and compare, and check what an earlier run stored. The security domain is never printed; its
 * SHA-256 is what logs, tags and summaries carry.
 */
import * as log from '../shared/log.js'
import type { TokenCredential } from '@azure/core-auth'
import { AzureOperationError, errorMessage, errorSummary, isTransient } from '../shared/errors.js'
import { retrying, sleep } from '../shared/retry.js'
import { openStore, type EscrowStore, type StoreTarget } from './stores/index.js'
import { sha256Hex } from '../shared/hash.js'

export const SD_CONTENT_TYPE = 'application/json'
export const KEY_CONTENT_TYPE = 'application/x-pem-file'

export interface EscrowMetadata {
  kind: 'security-domain' | 'wrapping-key' | 'key-backup' | 'key-roles'
  hsm: string
  sha256: string
  [key: string]: string
}

export { maskSecret, maskSecurityDomain } from './masks.js'

export function storesFor(targets: StoreTarget[], credential: TokenCredential): EscrowStore[] {
  return targets.map(t => openStore(t, credential))
}

export { keyTargets } from './stores/targets.js'

/** Proves every store is writable, all at once; the first failure stops activation before any change. */
export async function preflight(stores: EscrowStore[]): Promise<void> {
  await Promise.all(stores.map(s => s.probe()))
}

/**
 * Writes `content` to the store unless present, then reads it back and compares the SHA-256. Transient
 * failures are retried with backoff; a conflicting object never is.
 */
export async function escrowTo(
  store: EscrowStore,
  content: Buffer,
  metadata: EscrowMetadata,
  contentType: string,
  attempts = 3,
  wait: (ms: number) => Promise<void> = sleep
): Promise<'written' | 'present'> {
  return retrying(
    async () => {
      const result = await store.putIfAbsent(content, metadata, contentType)
      const back = await store.get()
      if (!back || sha256Hex(back.content) !== metadata.sha256)
        throw new Error(`read-back of ${store.url} did not return what was written`)
      return result
    },
    {
      retriable: isTransient,
      delayMs: n => (n >= attempts ? undefined : 2000 * n),
      onRetry: (e, _delay, n) =>
        log.info(
          `  escrow to ${store.url} failed (${errorMessage(e).split('\n')[0]}); retrying (${n}/${attempts - 1})`
        ),
      sleep: wait
    }
  )
}

export interface EscrowCheck {
  store: EscrowStore
  state: 'ok' | 'missing' | 'mismatch' | 'unreadable'
  /** What is wrong; for an unreadable store, the error without its hint (see unreadableHint). */
  detail?: string
  /** Why the store was unreadable. */
  error?: unknown
  content?: Buffer
  /** The object's version (for replaceIf) and what was recorded with it. */
  version?: string
  metadata?: Record<string, string>
}

/** Reads what an earlier run escrowed and checks it against the SHA-256 recorded with it. */
export async function checkEscrow(store: EscrowStore): Promise<EscrowCheck> {
  try {
    const obj = await store.get()
    if (!obj) return { store, state: 'missing' }
    const found = { store, content: obj.content, version: obj.version, metadata: obj.metadata }
    const actual = sha256Hex(obj.content)
    const recorded = obj.metadata.sha256
    if (!recorded) return { ...found, state: 'mismatch', detail: 'no sha256 recorded with it' }
    if (recorded !== actual)
      return {
        ...found,
        state: 'mismatch',
        detail: `content SHA-256 ${actual} differs from the recorded ${log.oneLine(recorded)}`
      }
    return { ...found, state: 'ok' }
  } catch (e) {
    return { store, state: 'unreadable', detail: errorSummary(e), error: e }
  }
}

/**
 * One "What to do" for stores that could not be read, from their errors: the store's role when access was
 * refused (401/403), a rerun when its service failed (429/5xx), a look at the URL and the network when it
 * could not be reached. Never a permission hint for an outage.
 */
export function unreadableHint(checks: EscrowCheck[]): string {
  const hints = checks.map(c =>
    c.error instanceof AzureOperationError && c.error.details.hint
      ? c.error.details.hint
      : `check ${c.store.url} and rerun the job`
  )
  return [...new Set(hints)].join('; ')
}

/** A check in one line for notes and warnings: its state, what is wrong, and what to do if unreadable. */
export function describeCheck(c: EscrowCheck): string {
  const hint = c.state === 'unreadable' ? `; what to do: ${unreadableHint([c])}` : ''
  return `${c.store.url}: ${c.state}${c.detail ? ` (${c.detail}${hint})` : ''}`
}
