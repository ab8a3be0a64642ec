/**
 * Runs dist/index.js through scripts/local-runner.ts (exactly as the runner does) and measures it: wall time
 * from spawn to exit, peak memory (max RSS) through a tiny --import preload, and what the emulator's request
 * log saw during the run.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RequestLogEntry, RunningEmulator } from '../../emulator/testing.js'
import { preloadOptions, removePreload } from '../preload.js'
import { cleanup, DIST, errorsOf, runAction, type ActionRun, type EmulatorInfo } from '../local-runner.js'

export { removePreload }

export interface MeasuredRun {
  code: number | null
  wallMs: number
  /** Max RSS in MiB, when measured. */
  rssMiB?: number
  errors: string[]
  stdout: string
  stderr: string
  requests: RequestLogEntry[]
  /** Epoch ms around the run, to set the request log against it (same machine clock). */
  spawnedAt: number
  exitedAt: number
}

/** Where a run's wall time went: before its first request, between first and last, after its last. */
export function phases(
  run: MeasuredRun
): { startupMs: number; networkMs: number; tailMs: number } | undefined {
  const iv = intervals(run.requests)
  if (iv.length === 0) return undefined
  const first = iv[0].start
  const last = Math.max(...iv.map(i => i.end))
  return { startupMs: first - run.spawnedAt, networkMs: last - first, tailMs: run.exitedAt - last }
}

/**
 * Waits (up to `timeoutMs`) until dist/index.js exists and has not changed for 2 s: someone running
 * `npm run bundle` (rm -rf dist && ncc build) leaves no dist/ for half a minute.
 */
export async function distSettled(timeoutMs = 90_000): Promise<boolean> {
  const until = Date.now() + timeoutMs
  for (;;) {
    if (existsSync(DIST) && Date.now() - statSync(DIST).mtimeMs > 2000) return true
    if (Date.now() > until) return false
    await new Promise(r => setTimeout(r, 1000))
  }
}

/** dist/index.js's mtime, to notice a rebuild by someone else during the benchmark. */
export function distStamp(): number | undefined {
  return existsSync(DIST) ? statSync(DIST).mtimeMs : undefined
}

let distRetries = 0
/** How many runs were repeated because dist/ vanished under them. */
export function distRetryCount(): number {
  return distRetries
}

export async function measureRun(
  emu: RunningEmulator | undefined,
  info: EmulatorInfo | undefined,
  inputs: Record<string, string>,
  opts: { memory?: boolean; timeScale?: number } = {}
): Promise<MeasuredRun> {
  const env: Record<string, string> = {}
  const rssFile = join(tmpdir(), `bench-rss-${process.pid}-${Date.now()}`)
  if (opts.memory || opts.timeScale) env.NODE_OPTIONS = preloadOptions()
  if (opts.memory) env.BENCH_RSS_FILE = rssFile
  if (opts.timeScale) env.BENCH_TIME_SCALE = String(opts.timeScale)
  for (let attempt = 1; ; attempt++) {
    await distSettled()
    const run = await measureOnce(emu, info, inputs, env, rssFile, opts)
    // Only a run that never reached the network is repeated: anything else is no longer "from nothing".
    const distGone =
      run.code !== 0 &&
      run.requests.length === 0 &&
      (!existsSync(DIST) || /Cannot find module .*dist/.test(run.stderr))
    if (!distGone || attempt >= 3) return run
    distRetries++
  }
}

async function measureOnce(
  emu: RunningEmulator | undefined,
  info: EmulatorInfo | undefined,
  inputs: Record<string, string>,
  env: Record<string, string>,
  rssFile: string,
  opts: { memory?: boolean; timeScale?: number }
): Promise<MeasuredRun> {
  const since = emu ? (await emu.requests()).length : 0
  const spawnedAt = Date.now()
  const started = performance.now()
  const run: ActionRun = await runAction(info, inputs, { env, keygenPool: false })
  const wallMs = performance.now() - started
  const exitedAt = Date.now()
  let rssMiB: number | undefined
  if (opts.memory) {
    try {
      rssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024
      rmSync(rssFile, { force: true })
    } catch {
      rssMiB = undefined
    }
  }
  const requests = emu ? await emu.requests(since) : []
  const result = {
    code: run.code,
    wallMs,
    rssMiB,
    errors: errorsOf(run),
    stdout: run.stdout,
    stderr: run.stderr,
    requests,
    spawnedAt,
    exitedAt
  }
  cleanup(run)
  return result
}

/** The first error of a failed run, on one line, for an n/a reason. */
export function failureReason(run: MeasuredRun): string {
  const error = run.errors[0]?.split('\n')[0]
  if (error) return `exit ${run.code}: ${error}`
  // No ::error:: line: the process itself failed (e.g. dist/ missing while someone rebuilds it).
  const stderr = run.stderr
    .split('\n')
    .map(l => l.trim())
    .filter(l => /error/i.test(l))
  const missing = existsSync(DIST) ? '' : ' (dist/index.js is missing: is someone running npm run bundle?)'
  return `exit ${run.code}: ${stderr[0] ?? 'no error message'}${missing}`
}

export const isSignIn = (r: RequestLogEntry): boolean =>
  /^(login\.microsoftonline\.com|pipelines\.actions\.githubusercontent\.com|token\.actions\.githubusercontent\.com)$/.test(
    r.host
  )

/** A stable, readable path: GUIDs of the emulator's fixed ids and the OIDC request path abbreviated. */
export function displayPath(r: RequestLogEntry, info: EmulatorInfo): string {
  let p = r.path
  if (r.host === 'pipelines.actions.githubusercontent.com')
    p = p.replace(/^.*\/idtoken/, '/{oidc-request-path}/idtoken')
  const [path, query = ''] = p.split('?')
  const params = [...new URLSearchParams(query)].filter(([k]) => k !== 'api-version')
  const shown = params.map(([k, v]) => `${k}=${v}`).join('&')
  return `${path}${shown ? `?${shown}` : ''}`
    .split(info.subscriptionId)
    .join('{sub}')
    .split(info.tenantId)
    .join('{tenant}')
}

export interface Interval {
  r: RequestLogEntry
  start: number
  end: number
}

/** Request intervals from the log: `time` is when the answer was logged, `durationMs` how long it took. */
export function intervals(requests: RequestLogEntry[]): Interval[] {
  return requests
    .map(r => {
      const end = Date.parse(r.time)
      return { r, start: end - r.durationMs, end }
    })
    .sort((a, b) => a.start - b.start || a.end - b.end)
}

export interface Concurrency {
  /** Most requests in flight at once. */
  maxInFlight: number
  /** Time with at least one request in flight. */
  busyMs: number
  /** Sum of request durations / busy time: 1 means strictly one after another. */
  parallelism: number
}

export function concurrency(requests: RequestLogEntry[]): Concurrency {
  const iv = intervals(requests)
  const events = iv.flatMap(i => [
    { t: i.start, d: 1 },
    { t: i.end, d: -1 }
  ])
  events.sort((a, b) => a.t - b.t || a.d - b.d)
  let inFlight = 0
  let maxInFlight = 0
  let busyMs = 0
  let last = 0
  for (const e of events) {
    if (inFlight > 0) busyMs += e.t - last
    inFlight += e.d
    maxInFlight = Math.max(maxInFlight, inFlight)
    last = e.t
  }
  const total = iv.reduce((n, i) => n + (i.end - i.start), 0)
  return { maxInFlight, busyMs, parallelism: busyMs > 0 ? total / busyMs : 1 }
}

/**
 * Per host: the new connections a run opened (the emulator's CONNECT counts, after minus before) beside the most
 * requests it had in flight to that host at once. A client that reuses idle kept-alive connections never opens
 * more connections to a host than it has requests there at the same time.
 */
export function connectionsPerHost(
  requests: RequestLogEntry[],
  before: Record<string, number>,
  after: Record<string, number>
): Array<{ host: string; connections: number; peak: number }> {
  const hosts = [...new Set([...requests.map(r => r.host), ...Object.keys(after)])]
  return hosts
    .map(host => ({
      host,
      connections: (after[host] ?? 0) - (before[host] ?? 0),
      // A request is in flight from the client's side while its new connection is set up too.
      peak: concurrency(
        requests
          .filter(r => r.host === host)
          .map(r => ({ ...r, durationMs: r.durationMs + (r.setupMs ?? 0) }))
      ).maxInFlight
    }))
    .filter(h => h.connections > 0 || h.peak > 0)
    .sort((a, b) => a.host.localeCompare(b.host))
}

/** GETs sent more than once with the same URL and the same answer (not a challenge followed by the real call). */
export function repeatedReads(requests: RequestLogEntry[], info: EmulatorInfo): string[] {
  const counts = new Map<string, number>()
  for (const r of requests) {
    if (r.method !== 'GET' || r.status === 401 || isSignIn(r)) continue
    const key = `${r.method} ${r.host} ${displayPath(r, info)} ${r.status}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts].filter(([, n]) => n > 1).map(([k, n]) => `${n}× ${k}`)
}

export function requestLines(requests: RequestLogEntry[], info: EmulatorInfo, waterfall = false): string[] {
  const iv = intervals(requests)
  const t0 = iv[0]?.start ?? 0
  return iv.map(({ r, start, end }, i) => {
    const head = `${String(i + 1).padStart(3)}. `
    const timing = waterfall
      ? `+${String(start - t0).padStart(5)} ms ${String(end - start).padStart(4)} ms  `
      : ''
    const flags = [r.write ? 'WRITE' : '', r.fault && !r.fault.startsWith('latency') ? r.fault : '']
      .filter(Boolean)
      .join(' ')
    // A connection's first request: how long it waited for that connection (0: it was opened ahead).
    const setup = waterfall && r.setupMs !== undefined ? `  (new connection, waited ${r.setupMs} ms)` : ''
    return `${head}${timing}${r.method.padEnd(6)} ${r.host} ${displayPath(r, info)} ${r.status}${flags ? `  ${flags}` : ''}${setup}`
  })
}

/** Counts by kind, for a one-line breakdown. */
export function breakdown(requests: RequestLogEntry[]): string {
  const by = (f: (r: RequestLogEntry) => boolean): number => requests.filter(f).length
  const oidc = by(r => r.host.endsWith('actions.githubusercontent.com'))
  const entra = by(r => r.host === 'login.microsoftonline.com')
  const challenges = by(r => r.status === 401)
  const azure = requests.length - oidc - entra
  return (
    `${requests.length} requests: ${oidc} GitHub OIDC, ${entra} Entra ID, ${azure} Azure service ` +
    `(${challenges} of them 401 bearer challenges); ${by(r => r.write)} writes`
  )
}
