/**
 * Waiting on Azure's long operations at a sane rate: the first look after a few seconds (Azure can finish
 * fast), then after 25 s and every 15 s (at most four reads in any minute of a 20-minute creation), a Retry-After from the
 * service wins when it sends one, progress is logged when the status changes or once a minute, and the
 * run's deadline (operation-timeout-minutes) bounds it all. A read that fails past the client's own retries does not
 * end the wait: the operation goes on in Azure, so transient failures are polled through until they last
 * too long (TRANSIENT_LIMIT); any other failure ends the wait at once.
 */
import * as log from '../shared/log.js'
import { AzureOperationError, errorMessage, isTransient } from '../shared/errors.js'
import { sleep } from '../shared/retry.js'

export const POLL_SCHEDULE_MS = [5_000, 25_000, 15_000]

/** Transient read failures in a row that end a wait: this many, or failing for longer than this. */
export const TRANSIENT_LIMIT = { failures: 6, ms: 120_000 }

export interface Poll<T> {
  value: T
  done: boolean
  /** Azure's own words for the current state, e.g. "Allocating hardware". */
  status?: string
  /** Seconds the service asked us to wait before the next read. */
  retryAfterSeconds?: number
}

export interface WaitOptions {
  what: string
  service: string
  deadline: number
  schedule?: number[]
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

export async function waitUntil<T>(read: () => Promise<Poll<T>>, opts: WaitOptions): Promise<T> {
  const schedule = opts.schedule ?? POLL_SCHEDULE_MS
  const pause = opts.sleep ?? sleep
  const now = opts.now ?? Date.now
  const started = now()
  let lastStatus: string | undefined
  let lastLog = started
  let failing: Failing | undefined
  for (let attempt = 0; ; attempt++) {
    const planned = schedule[Math.min(attempt, schedule.length - 1)]
    let poll: Poll<T>
    try {
      poll = await read()
      failing = undefined
    } catch (e) {
      failing = tolerate(e, failing, now(), now() + planned > opts.deadline)
      log.info(
        `  ${opts.what}: a status read failed (${failureStatus(e)}); reading again in ${formatDuration(planned)} ` +
          `(${failing.count} of ${TRANSIENT_LIMIT.failures - 1} tolerated in a row)`
      )
      await pause(planned)
      continue
    }
    if (poll.done) return poll.value
    const elapsed = now() - started
    if (poll.status !== lastStatus || now() - lastLog >= 60_000) {
      log.info(`  ${opts.what}: ${poll.status ?? 'in progress'} (${formatDuration(elapsed)} elapsed)`)
      lastStatus = poll.status
      lastLog = now()
    }
    const delay = poll.retryAfterSeconds !== undefined ? poll.retryAfterSeconds * 1000 : planned
    if (now() + delay > opts.deadline) {
      throw new AzureOperationError(
        {
          service: opts.service,
          operation: `wait for ${opts.what}`,
          hint: 'raise operation-timeout-minutes, or rerun the job later: the operation goes on in Azure and the next run picks it up'
        },
        `still not done after ${formatDuration(elapsed)} (last status: ${poll.status ?? 'unknown'})`
      )
    }
    await pause(delay)
  }
}

interface Failing {
  since: number
  count: number
}

/** Counts a failed read, or rethrows it: not transient, failing too long, or no time left for another read. */
function tolerate(e: unknown, before: Failing | undefined, now: number, pastDeadline: boolean): Failing {
  const failing = { since: before?.since ?? now, count: (before?.count ?? 0) + 1 }
  const tooLong = failing.count >= TRANSIENT_LIMIT.failures || now - failing.since > TRANSIENT_LIMIT.ms
  if (!isTransient(e) || tooLong || pastDeadline) throw e
  return failing
}

/** "503 ServiceUnavailable", or the first line of a failure without a status ("getaddrinfo ENOTFOUND …"). */
function failureStatus(e: unknown): string {
  if (!(e instanceof AzureOperationError)) return errorMessage(e).split('\n')[0]
  const { status, code } = e.details
  if (status !== undefined) return [status, code].filter(Boolean).join(' ')
  return [code, e.serviceMessage.split('\n')[0]].filter(Boolean).join(': ')
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s}s`
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`
}
