/**
 * The one retry loop and the one Retry-After parser. Each caller says what is worth retrying, how long to wait before each retry and what to log;
 * the loop, the deadline check and the Retry-After arithmetic are here once. Azure SDK clients keep their
 * own pipeline retry policy where it does the job (managed-hsm-data.ts, rest.ts).
 */

export const sleep = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms))

export interface RetryLoop {
  /** Worth another try? A false answer rethrows at once. */
  retriable(e: unknown): boolean
  /** The wait before retry `n` (1 for the first), or undefined when no retry is left. */
  delayMs(n: number, e: unknown): number | undefined
  /** Epoch ms: no retry starts whose wait would end after it. */
  deadline?: number
  /** Called before each wait, e.g. to log it. */
  onRetry?(e: unknown, delayMs: number, n: number): void
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

export async function retrying<T>(fn: () => Promise<T>, loop: RetryLoop): Promise<T> {
  const now = loop.now ?? Date.now
  for (let n = 1; ; n++) {
    try {
      return await fn()
    } catch (e) {
      if (!loop.retriable(e)) throw e
      const delay = loop.delayMs(n, e)
      if (delay === undefined || (loop.deadline !== undefined && now() + delay > loop.deadline)) throw e
      loop.onRetry?.(e, delay, n)
      await (loop.sleep ?? sleep)(delay)
    }
  }
}

/** base, 2 × base, 4 × base, … for retry n, capped at maxMs. */
export function doubling(baseMs: number, maxMs: number): (n: number) => number {
  return n => Math.min(baseMs * 2 ** (n - 1), maxMs)
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | string[] | null | undefined,
  now: () => number = Date.now
): number | undefined {
  const v = Array.isArray(value) ? value[0] : value
  if (!v?.trim()) return undefined
  const seconds = Number(v)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const at = Date.parse(v)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now())
}
