/**
 * Shared harness of the reliability suites: runs the bundled action through scripts/local-runner.ts
 * runAction (which can also stop it at a chosen moment: SIGKILL when a line appears on its stdout), spies
 * on what it sends (a preload that records tokens and request bodies to a file the action
 * never prints), and record the figures of a suite for scripts/reliability-report.ts.
 *
 * The action runs from a private copy of dist/ taken once per test file: `npm run bundle` starts with
 * `rm -rf dist`, so a rebuild elsewhere in the working tree would otherwise break a suite half-way.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type {
  RequestLogEntry,
  RunningEmulator,
  StartOptions as EmulatorOptions
} from '../../emulator/testing.js'
import { noteUse, peek, useEmulator } from '../e2e/harness.js'
import { preloadOptions, removePreload } from '../../scripts/preload.js'
import { addPreload } from '../../scripts/preload-file.js'
import {
  baseInputs,
  DIST,
  errorsOf,
  KEYS_VAULT,
  runAction,
  type ActionRun,
  type EmulatorInfo,
  type RunOptions
} from '../../scripts/local-runner.js'

export type { ActionRun, EmulatorInfo, RequestLogEntry }
export { mark } from '../e2e/harness.js'

let distCopy: string | undefined

/** A private copy of dist/ (index.js and its chunks), made on first use. */
export function distEntry(): string {
  if (distCopy) return join(distCopy, 'index.js')
  const source = dirname(DIST)
  // A rebuild in progress removes dist/ for up to a minute: wait for it rather than fail.
  const deadline = Date.now() + 150_000
  const pause = new Int32Array(new SharedArrayBuffer(4))
  while (!existsSync(join(source, 'index.js')) || !existsSync(join(source, 'licenses.txt'))) {
    if (Date.now() > deadline)
      throw new Error('dist/index.js is missing: run `npm run bundle` before the reliability suites')
    Atomics.wait(pause, 0, 0, 1000)
  }
  distCopy = mkdtempSync(join(tmpdir(), 'reliability-dist-'))
  noteUse('temporary folder', distCopy)
  cpSync(source, distCopy, { recursive: true })
  return join(distCopy, 'index.js')
}

export function removeDistCopy(): void {
  if (distCopy) rmSync(distCopy, { recursive: true, force: true })
  distCopy = undefined
}

/**
 * A suite's emulator (the shared e2e harness, with the split-custody vault): started before its tests
 * (handed to `ready`), stopped after them, when the suite's figures are written and its copy of dist/
 * removed.
 */
export function suiteEmulator(
  figures: Figures,
  options: EmulatorOptions,
  ready: (emu: RunningEmulator) => void
): void {
  useEmulator(options, ready, () => {
    figures.write()
    removeDistCopy()
    removePreload()
  })
}

export type StartOptions = Omit<RunOptions, 'entry' | 'phase' | 'state'> & {
  /**
   * Runs the action's clock this many times faster (scripts/preload.ts, through `node --import`): retry
   * ladders and Retry-After waits pass in a tenth of the time at 10. The bundle reads no such variable:
   * the preload replaces Date.now and setTimeout before it starts.
   */
  timeScale?: number
}
/** Every run here has the kill/duration fields filled in. */
export type ActionRunEx = ActionRun

/** Runs the private copy of dist/index.js as the runner does (scripts/local-runner.ts runAction). */
export function run(
  emu: EmulatorInfo,
  inputs: Record<string, string>,
  { timeScale, ...opts }: StartOptions = {}
): Promise<ActionRun> {
  const env = { ...opts.env }
  if (timeScale && timeScale > 1) {
    addPreload(env, preloadOptions())
    env.BENCH_TIME_SCALE = String(timeScale)
  }
  return runAction(emu, inputs, { ...opts, env, entry: distEntry() })
}

/** Successful writes (2xx/3xx, not a fault) in a slice of the request log. */
export function successfulWrites(entries: RequestLogEntry[]): RequestLogEntry[] {
  return entries.filter(e => e.write && !e.fault && e.status >= 200 && e.status < 400)
}

/**
 * Writes that happened more than once for the same method + path (query string ignored). The activation
 * lease is left out: it is rewritten by design (taken, renewed, released).
 */
export function duplicatedWrites(entries: RequestLogEntry[]): string[] {
  const counts = new Map<string, number>()
  for (const e of successfulWrites(entries)) {
    if (/-activation-lease/.test(e.path)) continue
    const key = `${e.method} ${e.host}${e.path.split('?')[0]}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts].filter(([, n]) => n > 1).map(([k, n]) => `${k} x${n}`)
}

// ---------------------------------------------------------------------------------------------------
// Figures: each suite writes what it did to <tmpdir>/managed-hsm-skr-reliability/<suite>.json.

export const FIGURES_DIR = join(tmpdir(), 'managed-hsm-skr-reliability')

export interface SuiteFigures {
  suite: string
  finishedAt?: string
  durationMs?: number
  /** Free-form counters, e.g. faultsInjected, faultsSurvived, crashPoints, concurrentRuns, leaksFound. */
  counts: Record<string, number>
  /** One line per case with its outcome, for the report's detail. */
  cases: Array<{ name: string; ok: boolean; detail?: string }>
}

export class Figures {
  private readonly started = Date.now()
  readonly data: SuiteFigures

  constructor(suite: string) {
    this.data = { suite, counts: {}, cases: [] }
  }

  add(counter: string, n = 1): void {
    this.data.counts[counter] = (this.data.counts[counter] ?? 0) + n
  }

  set(counter: string, n: number): void {
    this.data.counts[counter] = n
  }

  record(name: string, ok: boolean, detail?: string): void {
    this.data.cases.push({ name, ok, ...(detail ? { detail } : {}) })
  }

  write(): void {
    mkdirSync(FIGURES_DIR, { recursive: true })
    this.data.finishedAt = new Date().toISOString()
    this.data.durationMs = Date.now() - this.started
    writeFileSync(join(FIGURES_DIR, `${this.data.suite}.json`), JSON.stringify(this.data, null, 2) + '\n')
  }
}

/**
 * Runs `body`, recording its outcome under `name` whatever happens (an assertion failure still counts as a
 * case that did not pass), and rethrows.
 */
export async function recorded<T>(figures: Figures, name: string, body: () => Promise<T>): Promise<T> {
  try {
    const value = await body()
    figures.record(name, true)
    return value
  } catch (e) {
    figures.record(name, false, (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 300))
    throw e
  }
}

// ---------------------------------------------------------------------------------------------------
// Spy: a preload (NODE_OPTIONS=--require) that records, for every HTTP(S) request the action sends, the
// host, method, path, Authorization header and body, to a file. The action itself is unchanged; the spy
// writes nowhere it could print. It gives the leak scan the real access tokens and client assertions,
// and the scope check the real token requests.

const SPY_SOURCE = `
'use strict'
const http = require('node:http')
const fs = require('node:fs')
const file = process.env.RELIABILITY_SPY_FILE
const bodies = new WeakMap()
const chunk = (req, c, enc) => {
  if (c === undefined || c === null || typeof c === 'function') return
  const list = bodies.get(req) || []
  list.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c), typeof enc === 'string' ? enc : 'utf8'))
  bodies.set(req, list)
}
const write = http.ClientRequest.prototype.write
const end = http.ClientRequest.prototype.end
http.ClientRequest.prototype.write = function (c, enc, cb) {
  try { chunk(this, c, enc) } catch {}
  return write.call(this, c, enc, cb)
}
http.ClientRequest.prototype.end = function (c, enc, cb) {
  try {
    chunk(this, c, enc)
    if (file && this.method !== 'CONNECT') {
      const auth = this.getHeader('authorization')
      const body = Buffer.concat(bodies.get(this) || []).toString('utf8')
      fs.appendFileSync(file, JSON.stringify({
        host: String(this.getHeader('host') || this.host || ''),
        method: this.method,
        path: this.path,
        authorization: auth === undefined ? undefined : String(auth),
        body: body.length > 200000 ? body.slice(0, 200000) : body
      }) + '\\n')
    }
  } catch {}
  return end.call(this, c, enc, cb)
}
`

export interface SpiedRequest {
  host: string
  method: string
  path: string
  authorization?: string
  body: string
}

/** Environment that installs the spy, and a reader for what it saw. */
export function spy(): { env: Record<string, string>; read(): SpiedRequest[]; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'reliability-spy-'))
  const preload = join(dir, 'spy.cjs')
  const file = join(dir, 'requests.jsonl')
  writeFileSync(preload, SPY_SOURCE)
  writeFileSync(file, '')
  return {
    env: { NODE_OPTIONS: `--require ${preload}`, RELIABILITY_SPY_FILE: file },
    read: () =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map(l => JSON.parse(l) as SpiedRequest),
    dispose: () => rmSync(dir, { recursive: true, force: true })
  }
}

// ---------------------------------------------------------------------------------------------------
// The configuration every suite applies, and what a person would read back afterwards.

/** A workload's principal that gets the release role on the key. */
export const VM_PRINCIPAL = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b'

export const sdBlobUrl = (emu: EmulatorInfo, hsm: string): string =>
  `${emu.storageAccountUrl}/${emu.storageContainer}/${hsm}/sd.json`
export const sdSecretUrl = (emu: EmulatorInfo, hsm: string): string => `${emu.keyVaultUrl}/secrets/${hsm}-sd`
/** The wrapping keys' own vault (made by suiteEmulator): split custody, apart from the security domain. */
export const keysVault = `https://${KEYS_VAULT}.vault.azure.net`
export const keySecretUrl = (_emu: EmulatorInfo, hsm: string, i: number): string =>
  `${keysVault}/secrets/${hsm}-wrap-${i}`

/**
 * Steps all, 3 generated 2048-bit wrapping keys escrowed to their own Key Vault, the security domain
 * escrowed to both Blob storage and another Key Vault (split custody), one role assignment for a workload,
 * a key with the SEV-SNP preset policy.
 */
export function fullInputs(
  emu: EmulatorInfo,
  hsm: string,
  extra: Record<string, string> = {}
): Record<string, string> {
  return {
    ...baseInputs(emu, hsm),
    'security-domain-store': `${sdBlobUrl(emu, hsm)}\n${sdSecretUrl(emu, hsm)}`,
    'wrapping-key-store': `${keysVault}/secrets/${hsm}-wrap`,
    'wrapping-key-size': '2048',
    'role-assignments': `Managed HSM Crypto Service Release User | ${VM_PRINCIPAL} | /keys/KeyEncryptionKey`,
    'release-policy-preset': 'sev-snp-cvm',
    ...extra
  }
}

export interface EscrowRead {
  url: string
  value?: string
  missing?: boolean
  error?: string
}

/** Reads escrow objects (secrets and blobs) through the emulator's peeks (harness.ts peek). */
export async function readEscrow(
  emu: EmulatorInfo,
  reads: Array<{ kind: 'secret' | 'blob'; url: string }>
): Promise<EscrowRead[]> {
  return Promise.all(
    reads.map(async ({ kind, url }) => {
      try {
        const u = new URL(url)
        const value =
          kind === 'blob'
            ? await peek(emu, 'blob-get', url)
            : await peek(emu, 'secret-get', u.origin, u.pathname.split('/')[2])
        return { url, value }
      } catch (e) {
        const message = (e as Error).message
        return / 404 /.test(message) ? { url, missing: true } : { url, error: message }
      }
    })
  )
}

/** The escrowed security domain (both stores) and the three escrowed wrapping key bundles. */
export async function readFullEscrow(emu: EmulatorInfo, hsm: string) {
  const r = await readEscrow(emu, [
    { kind: 'blob', url: sdBlobUrl(emu, hsm) },
    { kind: 'secret', url: sdSecretUrl(emu, hsm) },
    ...[1, 2, 3].map(i => ({ kind: 'secret' as const, url: keySecretUrl(emu, hsm, i) }))
  ])
  return { blob: r[0], secret: r[1], keys: r.slice(2) }
}

export interface DataPlaneState {
  name: string
  activationStatus: string
  sdId: string | null
  securityDomainOperations: unknown[]
  roleAssignments: Array<{
    name: string
    scope: string
    principalId: string
    roleDefinitionId: string
    effective: boolean
  }>
  keys: Array<{
    name: string
    versions: Array<{ version: string; kty: string; exportable: boolean; enabled: boolean; created: number }>
  }>
}

export async function dataPlaneState(emu: RunningEmulator, hsm: string): Promise<DataPlaneState> {
  return emu.control<DataPlaneState>(`/hsms/${hsm}/data-plane`)
}

/** (role, principal, scope) triples that are assigned more than once. */
export function duplicateAssignments(state: DataPlaneState): string[] {
  const seen = new Map<string, number>()
  for (const a of state.roleAssignments) {
    const key = `${a.roleDefinitionId.split('/').pop()}|${a.principalId.toLowerCase()}|${a.scope}`
    seen.set(key, (seen.get(key) ?? 0) + 1)
  }
  return [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${k} x${n}`)
}

/** Successful requests in a log slice matching method and a path pattern, on hosts matching `host`. */
export function countOk(entries: RequestLogEntry[], method: string, path: RegExp, host?: RegExp): number {
  return entries.filter(
    e =>
      e.method === method &&
      path.test(e.path) &&
      (!host || host.test(e.host)) &&
      !e.fault &&
      e.status >= 200 &&
      e.status < 300
  ).length
}

/** The stdout without the masker's commands and the SDK's debug chatter, for error reports. */
export function visible(r: ActionRun): string {
  return r.stdout
    .split('\n')
    .filter(l => !l.startsWith('::add-mask::') && !l.startsWith('::debug::'))
    .join('\n')
}

/** Fails with what the action said (its errors, or the end of its log) unless it succeeded. */
export function expectSuccess(r: ActionRunEx): void {
  const errors = errorsOf(r)
  if (r.code === 0 && errors.length === 0) return
  throw new Error(
    `the action did not succeed (exit ${r.code}${r.signal ? `, ${r.signal}` : ''}):\n` +
      (errors.join('\n') || visible(r).slice(-4000))
  )
}
