// escrow/: the secrets kept outside the HSM: escrow writes and checks, stores, activation lease, rescue file, masks.
/**
 * Taking turns before a security-domain download. Azure activates an HSM with the first download, so two
 * runs that start together (a deploy and a nightly job) must not both download: the second would escrow a
 * security domain the HSM does not hold. The run about to download holds a lease, a small JSON object next
 * to the first security-domain store (a blob when there is one, since Blob storage writes atomically), and
 * renews it while it works; another run waits for that download to show in Azure, and takes over a lease
 * nobody renewed (a cancelled run). The object holds no secret.
 */
import * as log from '../shared/log.js'
import { randomUUID } from 'node:crypto'
import type { TokenCredential } from '@azure/core-auth'
import { errorMessage } from '../shared/errors.js'
import { openStore, withSuffix, type EscrowStore, type StoreTarget } from './stores/index.js'
import { runUrl } from '../shared/run-url.js'

/** A lease not renewed for this long belongs to a run that stopped. */
export const LEASE_TTL_MS = 30_000
const RENEW_EVERY_MS = 10_000

export interface LeaseRecord {
  holder: string
  hsm: string
  run?: string
  renewedAt: string
  released?: boolean
}

export type LeaseAnswer = { held: true; lease: Lease } | { held: false; holder: LeaseRecord }

export interface Lease {
  /** True while no other run has taken the lease over (checked right before the download). */
  stillHeld(): Promise<boolean>
  /** Stops renewing and, best effort, marks the lease free so nobody waits for it to expire. */
  release(): Promise<void>
}

/** Where the lease lives: beside the first blob target, else beside the first target. */
export function leaseStore(targets: StoreTarget[], credential: TokenCredential): EscrowStore {
  const home = targets.find(t => t.kind === 'blob') ?? targets[0]
  return openStore(withSuffix(home, '-activation-lease'), credential)
}

/** True when the record was renewed recently enough and not released. */
export function isLive(record: LeaseRecord | undefined, now = Date.now()): record is LeaseRecord {
  return !!record && !record.released && now - Date.parse(record.renewedAt) < LEASE_TTL_MS
}

export async function readLease(store: EscrowStore): Promise<LeaseRecord | undefined> {
  return parse((await store.get())?.content)
}

/** Takes the lease unless another run holds a live one. */
export async function tryTakeLease(store: EscrowStore, hsm: string): Promise<LeaseAnswer> {
  const current = await store.get()
  const record = parse(current?.content)
  if (isLive(record)) return { held: false, holder: record }
  const mine: LeaseRecord = { holder: randomUUID(), hsm, run: runUrl(), renewedAt: new Date().toISOString() }
  if (!(await write(store, current?.version ?? 'absent', mine))) {
    const winner = await readLease(store)
    return { held: false, holder: winner ?? mine }
  }
  return { held: true, lease: renewing(store, mine) }
}

function renewing(store: EscrowStore, mine: LeaseRecord): Lease {
  let lost = false
  const ours = async (): Promise<{ version?: string } | undefined> => {
    const current = await store.get()
    const record = parse(current?.content)
    if (record?.holder !== mine.holder) lost = true
    return lost ? undefined : { version: current?.version }
  }
  const renew = async (): Promise<void> => {
    try {
      const at = await ours()
      if (at?.version) await write(store, at.version, { ...mine, renewedAt: new Date().toISOString() })
    } catch (e) {
      // A missed renewal only risks another run taking over, which stillHeld() then reports.
      log.debug(`activation lease renewal failed: ${errorMessage(e)}`)
    }
  }
  const timer = setInterval(() => void renew(), RENEW_EVERY_MS)
  timer.unref()
  return {
    async stillHeld() {
      return !lost && (await ours()) !== undefined
    },
    async release() {
      clearInterval(timer)
      try {
        const at = await ours()
        if (at?.version) await write(store, at.version, { ...mine, released: true })
      } catch (e) {
        log.debug(`activation lease release failed: ${errorMessage(e)}`)
      }
    }
  }
}

function write(store: EscrowStore, version: string, record: LeaseRecord): Promise<boolean> {
  return store.replaceIf(
    version,
    Buffer.from(JSON.stringify(record), 'utf8'),
    { kind: 'activation-lease', hsm: record.hsm },
    'application/json'
  )
}

function parse(content: Buffer | undefined): LeaseRecord | undefined {
  if (!content) return undefined
  try {
    const r = JSON.parse(content.toString('utf8')) as Partial<LeaseRecord>
    return typeof r.holder === 'string' && typeof r.renewedAt === 'string' ? (r as LeaseRecord) : undefined
  } catch {
    return undefined
  }
}
