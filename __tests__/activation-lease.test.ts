/**
 * The activation lease over an in-memory store with the stores' replaceIf contract (compare the version,
 * write, new version): who gets it, who waits, and when a lapsed or released lease is taken over.
 */
import { describe, expect, it } from '@jest/globals'
import {
  isLive,
  LEASE_TTL_MS,
  readLease,
  tryTakeLease,
  type LeaseRecord
} from '../src/escrow/activation-lease.js'
import type { EscrowObject, EscrowStore } from '../src/escrow/stores/store.js'

class MemoryStore implements EscrowStore {
  readonly kind = 'blob' as const
  readonly url = 'https://acct.blob.core.windows.net/escrow/hsm/sd-activation-lease.json'
  object: EscrowObject | undefined
  writes = 0
  async probe(): Promise<void> {}
  async get(): Promise<EscrowObject | undefined> {
    return this.object
  }
  async putIfAbsent(): Promise<'written' | 'present'> {
    throw new Error('the lease never uses putIfAbsent')
  }
  async replaceIf(version: string, content: Buffer, metadata: Record<string, string>): Promise<boolean> {
    if ((this.object?.version ?? 'absent') !== version) return false
    this.writes++
    this.object = { content, metadata, version: `v${this.writes}` }
    return true
  }
  set(record: LeaseRecord): void {
    this.writes++
    this.object = { content: Buffer.from(JSON.stringify(record)), metadata: {}, version: `v${this.writes}` }
  }
}

const ago = (ms: number) => new Date(Date.now() - ms).toISOString()

describe('activation lease', () => {
  it('is taken when there is none, and a second run then sees the holder', async () => {
    const store = new MemoryStore()
    const first = await tryTakeLease(store, 'hsm1')
    expect(first.held).toBe(true)
    const second = await tryTakeLease(store, 'hsm1')
    expect(second.held).toBe(false)
    const holder = (await readLease(store)) as LeaseRecord
    if (!second.held) expect(second.holder.holder).toBe(holder.holder)
    if (first.held) {
      expect(await first.lease.stillHeld()).toBe(true)
      await first.lease.release()
    }
    expect(isLive(await readLease(store))).toBe(false)
  })

  it('a released lease is taken at once', async () => {
    const store = new MemoryStore()
    store.set({ holder: 'other', hsm: 'hsm1', renewedAt: ago(1000), released: true })
    const r = await tryTakeLease(store, 'hsm1')
    expect(r.held).toBe(true)
    if (r.held) await r.lease.release()
  })

  it('a live lease of another run is respected; a lapsed one is taken over, and its holder learns it', async () => {
    const store = new MemoryStore()
    store.set({ holder: 'other', hsm: 'hsm1', renewedAt: ago(LEASE_TTL_MS / 2) })
    expect((await tryTakeLease(store, 'hsm1')).held).toBe(false)

    const mine = await tryTakeLease(store, 'hsm1')
    expect(mine.held).toBe(false)
    store.set({ holder: 'other', hsm: 'hsm1', renewedAt: ago(LEASE_TTL_MS + 1) })
    const taken = await tryTakeLease(store, 'hsm1')
    expect(taken.held).toBe(true)
    if (!taken.held) return
    // Someone else takes it over in turn (this run paused too long): stillHeld says so before a download.
    store.set({ holder: 'third', hsm: 'hsm1', renewedAt: ago(0) })
    expect(await taken.lease.stillHeld()).toBe(false)
    await taken.lease.release()
    expect((await readLease(store))?.holder).toBe('third')
  })

  it('two runs racing for a free lease: exactly one gets it', async () => {
    const store = new MemoryStore()
    const [a, b] = await Promise.all([tryTakeLease(store, 'hsm1'), tryTakeLease(store, 'hsm1')])
    expect([a.held, b.held].filter(Boolean)).toHaveLength(1)
    for (const r of [a, b]) if (r.held) await r.lease.release()
  })
})
