/**
 * Waiting on Azure's long operations at a sane rate: the first look after a few seconds (Azure can finish
 * fast), then after 25 s and every 15 s (at most four reads in any minute of a 20-minute creation), a Retry-After from the
 * service wins when it sends one, progress is logged when the status changes or once a minute, and the
 * run's deadline (timeout-minutes) bounds it all.
 */
import * as core from '@actions/core'
import { AzureOperationError } from '../errors.js'

export const POLL_SCHEDULE_MS = [5_000, 25_000, 15_000]

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
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>(r => setTimeout(r, ms)))
  const now = opts.now ?? Date.now
  const started = now()
  let lastStatus: string | undefined
  let lastLog = started
  for (let attempt = 0; ; attempt++) {
    const poll = await read()
    if (poll.done) return poll.value
    const elapsed = now() - started
    if (poll.status !== lastStatus || now() - lastLog >= 60_000) {
      core.info(`  ${opts.what}: ${poll.status ?? 'in progress'} (${formatDuration(elapsed)} elapsed)`)
      lastStatus = poll.status
      lastLog = now()
    }
    const planned = schedule[Math.min(attempt, schedule.length - 1)]
    const delay = poll.retryAfterSeconds !== undefined ? poll.retryAfterSeconds * 1000 : planned
    if (now() + delay > opts.deadline) {
      throw new AzureOperationError(
        {
          service: opts.service,
          operation: `wait for ${opts.what}`,
          hint: 'raise timeout-minutes, or rerun the job later: the operation goes on in Azure and the next run picks it up'
        },
        `still not done after ${formatDuration(elapsed)} (last status: ${poll.status ?? 'unknown'})`
      )
    }
    await sleep(delay)
  }
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s}s`
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`
}
