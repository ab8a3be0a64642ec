/**
 * Polling a 20-minute Managed HSM creation without waiting 20 minutes: the action's real waitUntil
 * (src/azure/wait.ts) driven by an injected fake clock (its `now` and `sleep` options) against a model of
 * the service, and the analysis shared with the time-scaled run against the emulator.
 */
import { POLL_SCHEDULE_MS, waitUntil } from '../../src/azure/wait.js'
import { BACKUP_POLL_MS, waitForJob } from '../../src/steps/backup/run.js'
import type { StartedJob } from '../../src/azure/full-backup.js'
import type { ManagedHsmDataPlane } from '../../src/azure/managed-hsm-data.js'

export const CREATION_MS = 20 * 60_000

export interface PollAnalysis {
  /** Poll instants, ms from the submission. */
  polls: number[]
  /** Most polls in any window [t, t + 60 s). */
  maxPerMinute: number
  /** Polls per minute over the whole wait (up to the poll that saw completion). */
  averagePerMinute: number
  /** From completion to the poll that saw it. */
  detectionDelayMs: number
  /** The interval in force when completion happened (the gap it fell into). */
  intervalAtCompletionMs: number
  gaps: number[]
}

export function analyse(polls: number[], completionMs: number): PollAnalysis {
  const sorted = [...polls].sort((a, b) => a - b)
  let maxPerMinute = 0
  for (const t of sorted)
    maxPerMinute = Math.max(maxPerMinute, sorted.filter(p => p >= t && p < t + 60_000).length)
  const seen = sorted.find(p => p >= completionMs) ?? Number.NaN
  const before = [...sorted].reverse().find(p => p < completionMs) ?? 0
  const upTo = sorted.filter(p => p <= seen)
  return {
    polls: sorted,
    maxPerMinute,
    averagePerMinute: upTo.length / (Math.max(seen, 1) / 60_000),
    detectionDelayMs: seen - completionMs,
    intervalAtCompletionMs: seen - before,
    gaps: sorted.slice(1).map((p, i) => p - sorted[i])
  }
}

/** Swallows the action's progress lines (core.info writes to stdout) while the model runs; nests safely. */
let quietDepth = 0
let realWrite: typeof process.stdout.write | undefined
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  if (quietDepth++ === 0) {
    realWrite = process.stdout.write
    process.stdout.write = (() => true) as typeof process.stdout.write
  }
  try {
    return await fn()
  } finally {
    if (--quietDepth === 0 && realWrite) process.stdout.write = realWrite
  }
}

export interface ModelOptions {
  completionMs?: number
  /** Seconds the modelled service sends as Retry-After on every not-done answer. */
  retryAfterSeconds?: number
  schedule?: number[]
}

/** Runs waitUntil against the model with a fake clock; returns the poll instants. */
export async function pollModel(opts: ModelOptions = {}): Promise<number[]> {
  const completion = opts.completionMs ?? CREATION_MS
  let clock = 0
  const polls: number[] = []
  await quietly(() =>
    waitUntil(
      async () => {
        polls.push(clock)
        const done = clock >= completion
        return {
          value: undefined,
          done,
          status:
            clock < 60_000 ? 'Allocating hardware' : 'Resource creation in progress. Starting service...',
          retryAfterSeconds: done ? undefined : opts.retryAfterSeconds
        }
      },
      {
        what: 'Managed HSM creation (model)',
        service: 'model',
        deadline: 6 * 3_600_000,
        schedule: opts.schedule,
        now: () => clock,
        sleep: async ms => {
          clock += ms
        }
      }
    )
  )
  return polls
}

export interface ModelReport {
  /** No Retry-After, 20-minute creation. */
  plain: PollAnalysis
  /** Worst detection delay over completion times swept across one steady-state interval. */
  worstDelayMs: number
  worstDelayInterval: number
  /** Retry-After sent on every answer. */
  retryAfter: PollAnalysis & { retryAfterSeconds: number; honoured: boolean }
  schedule: number[]
}

export async function pollingModelReport(retryAfterSeconds = 30): Promise<ModelReport> {
  const plain = analyse(await pollModel(), CREATION_MS)
  let worstDelayMs = 0
  let worstDelayInterval = 0
  for (let c = CREATION_MS; c < CREATION_MS + 30_000; c += 500) {
    const a = analyse(await pollModel({ completionMs: c }), c)
    if (a.detectionDelayMs > worstDelayMs) {
      worstDelayMs = a.detectionDelayMs
      worstDelayInterval = a.intervalAtCompletionMs
    }
  }
  const ra = analyse(await pollModel({ retryAfterSeconds }), CREATION_MS)
  // Every gap after an answer that carried Retry-After (all but the last) must equal it.
  const honoured = ra.gaps.every(g => g === retryAfterSeconds * 1000)
  return {
    plain,
    worstDelayMs,
    worstDelayInterval,
    retryAfter: { ...ra, retryAfterSeconds, honoured },
    schedule: POLL_SCHEDULE_MS
  }
}

/** The same model for another schedule (what-if for the fix suggestions). */
export async function maxPerMinuteWith(schedule: number[]): Promise<number> {
  return analyse(await pollModel({ schedule }), CREATION_MS).maxPerMinute
}

export function describePolls(a: PollAnalysis): string {
  const firstMinute = a.polls.filter(p => p < 60_000).map(p => `${p / 1000}s`)
  return `first minute polls at ${firstMinute.join(', ')}; ${a.polls.length} polls in all`
}

/**
 * A full backup's wait: the backup step's own waitForJob (src/steps/backup/run.ts: the 202's Retry-After, then
 * BACKUP_POLL_MS, a status answer's Retry-After winning) on a fake clock, reading a modelled HSM through a
 * fake data plane whose status answers carry the recorded body and, in a variant, a Retry-After header. The
 * 202 asks for 10 s, as in azure-sdk-for-js's recording of beginBackup (2022-10-24); a 6-minute backup.
 */
export const BACKUP_MS = 6 * 60_000
/** The 202's Retry-After in the recording (keyvault-admin, recording_returns_the_correct_backup_result_when_successful). */
export const BACKUP_START_RETRY_AFTER_S = 10

export interface BackupPollingReport {
  schedule: number[]
  worstDelayMs: number
  /** The first status read comes this long after the 202 (its Retry-After). */
  firstReadMs: number
  /** The model sends Retry-After on every not-done answer: every gap must equal it. */
  retryAfter: PollAnalysis & { retryAfterSeconds: number; honoured: boolean }
}

/** Runs waitForJob against the model; returns the status reads' instants (ms after the 202). */
export async function backupPollModel(completionMs: number, retryAfterSeconds?: number): Promise<number[]> {
  let clock = 0
  const polls: number[] = []
  const jobId = '029616fdc0e24bdda8ddb5e188b92b59'
  const plane = {
    origin: 'https://model.managedhsm.azure.net',
    async send() {
      polls.push(clock)
      const done = clock >= completionMs
      return {
        status: 200,
        body: {
          status: done ? 'Succeeded' : 'InProgress',
          statusDetails: null,
          error: null,
          startTime: 0,
          endTime: done ? Math.floor(clock / 1000) : null,
          jobId,
          azureStorageBlobContainerUri: done ? 'https://acct.blob.core.windows.net/c/mhsm-model-0' : null
        },
        headers: {
          get: (name: string) =>
            name.toLowerCase() === 'retry-after' && !done && retryAfterSeconds !== undefined
              ? String(retryAfterSeconds)
              : undefined
        }
      }
    }
  } as unknown as ManagedHsmDataPlane
  const started: StartedJob = {
    job: { status: 'InProgress', jobId },
    pendingPath: `/backup/${jobId}/pending`,
    retryAfterMs: BACKUP_START_RETRY_AFTER_S * 1000
  }
  await quietly(() =>
    waitForJob(plane, started, 6 * 3_600_000, 'the full backup (model)', {
      now: () => clock,
      sleep: async ms => {
        clock += ms
      }
    })
  )
  return polls
}

export async function backupPollingReport(retryAfterSeconds = 20): Promise<BackupPollingReport> {
  let worstDelayMs = 0
  const steady = BACKUP_POLL_MS[BACKUP_POLL_MS.length - 1]
  for (let c = BACKUP_MS; c < BACKUP_MS + steady; c += 500) {
    const a = analyse(await backupPollModel(c), c)
    worstDelayMs = Math.max(worstDelayMs, a.detectionDelayMs)
  }
  const plain = await backupPollModel(BACKUP_MS)
  const ra = analyse(await backupPollModel(BACKUP_MS, retryAfterSeconds), BACKUP_MS)
  return {
    schedule: BACKUP_POLL_MS,
    worstDelayMs,
    firstReadMs: plain[0],
    retryAfter: { ...ra, retryAfterSeconds, honoured: ra.gaps.every(g => g === retryAfterSeconds * 1000) }
  }
}
