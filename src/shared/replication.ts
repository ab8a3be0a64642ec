/**
 * The time of this run's last write that a multi-region HSM replicates to its other region: keys (create,
 * import, rotate, update, delete) and role definitions and assignments. Microsoft Learn ("Enable multi-region
 * replication on Azure Managed HSM", "Replication latency") says such writes may take up to 6 minutes to reach
 * both regions and advises waiting that long before using them. Noted by the data-plane pipelines' one auth
 * policy (auth/data-plane-auth.ts); read by the hand-off before the outputs (run/replication-hold.ts).
 */

/** Microsoft's replication window for keys, role definitions and role assignments. */
export const REPLICATION_WINDOW_MS = 6 * 60 * 1000

let last: number | undefined

const REPLICATED = /\/(keys|providers\/Microsoft\.Authorization)(\/|$)/i
/** Key operations that write nothing (release, crypto, backup of a key). */
const NOT_WRITES = /\/(release|encrypt|decrypt|wrapkey|unwrapkey|sign|verify|backup)$/i

export function noteDataPlaneRequest(method: string, url: string, status: number): void {
  if (method === 'GET' || method === 'HEAD' || status < 200 || status >= 300) return
  const path = new URL(url).pathname
  if (REPLICATED.test(path) && !NOT_WRITES.test(path)) last = Date.now()
}

export function lastReplicatedWrite(): number | undefined {
  return last
}
