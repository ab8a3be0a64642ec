/**
 * Retries for a client whose SDK retries too little. The storage SDK retries only 500 and 503, at fixed
 * steps, and never reads Retry-After, so one 429 (Storage's ServerBusy) failed the run. withRetries
 * retries an SDK call on throttling, server errors and lost connections, waits at least as long as the
 * service asks, and gives up within a bounded time so a lasting fault still fails the run promptly.
 */
import { isRestError } from '@azure/core-rest-pipeline'
import { isTransientStatus } from '../shared/errors.js'
import { doubling, parseRetryAfter, retrying, sleep } from '../shared/retry.js'

export interface RetryOptions {
  /** Tries in all, the first included. */
  maxTries: number
  /** The first delay; each next one doubles, up to maxDelayMs. */
  baseDelayMs: number
  maxDelayMs: number
  /** No retry starts after this long since the first try. */
  budgetMs: number
  sleep: (ms: number) => Promise<void>
  now: () => number
}

/** 1, 2, 4, 8, 16 s: about 31 s of patience, a minute at most when the service asks for longer waits. */
export const DEFAULT_RETRY: RetryOptions = {
  maxTries: 6,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  budgetMs: 60_000,
  sleep,
  now: Date.now
}

export async function withRetries<T>(fn: () => Promise<T>, options: Partial<RetryOptions> = {}): Promise<T> {
  const o = { ...DEFAULT_RETRY, ...options }
  const backoff = doubling(o.baseDelayMs, o.maxDelayMs)
  return retrying(fn, {
    retriable,
    delayMs: (n, e) =>
      n >= o.maxTries ? undefined : Math.min(Math.max(backoff(n), retryAfterMs(e) ?? 0), o.maxDelayMs),
    deadline: o.now() + o.budgetMs,
    sleep: o.sleep,
    now: o.now
  })
}

/** A transient status, or no answer at all: a lost connection, before or while the body streamed. */
export function retriable(e: unknown): boolean {
  if (isRestError(e)) return e.statusCode === undefined || isTransientStatus(e.statusCode)
  const code = (e as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && /^E[A-Z]+$/.test(code)
}

/** Retry-After in seconds or as an HTTP date, or Azure's retry-after-ms headers. */
export function retryAfterMs(e: unknown): number | undefined {
  const headers = isRestError(e) ? e.response?.headers : undefined
  if (!headers) return undefined
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = Number(headers.get(name))
    if (headers.get(name) && Number.isFinite(ms) && ms >= 0) return ms
  }
  return parseRetryAfter(headers.get('retry-after'))
}
