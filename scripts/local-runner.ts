/**
 * Runs the bundled action (dist/index.js) as a child process exactly as the runner does: inputs as
 * INPUT_<NAME> (upper-cased, hyphens kept), GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files,
 * RUNNER_TEMP, the OIDC request variables, and the emulator reached as an HTTPS proxy with its CA trusted.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { EmulatorInfo } from '../emulator/core/context.js'
import { attestationPreloadOptions } from './attestation-preload.js'
import { FAST_WAITS_ENV, fastWaitsPreloadOptions } from './fast-waits-preload.js'
import { KEYGEN_POOL_FILE, keygenPreloadOptions } from './keygen-preload.js'
import { addPreload } from './preload-file.js'
import { callServer } from './client-pool.js'

export type { EmulatorInfo }

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  state: Record<string, string>
  summary: string
  /**
   * Everything the action printed or wrote, as a person could see it, for leak scans: stdout (without the
   * `::add-mask::` commands, which the runner consumes to learn what to hide and never shows), stderr,
   * the output, state and summary files.
   */
  everything: string
  /**
   * The workflow commands the runner would have processed, from stdout and stderr replayed through its
   * rules (see replayRunnerCommands). runAction fails when one is not what the action legitimately emits.
   */
  commands: RunnerCommand[]
  /** The values registered through `::add-mask::`, in order. */
  masks: string[]
  /** The stdout lines as the job log would show them: commands consumed, registered masks applied. */
  log: string[]
  dir: string
  /** The signal that ended the process (SIGKILL, or killSignal, when killOn matched). */
  signal: NodeJS.Signals | null
  /** The stdout line that triggered the kill, when killOn matched. */
  killedAt?: string
  /** When the signal was sent (epoch ms), to place it among the emulator's logged requests. */
  killSentAt?: number
  durationMs: number
}

export interface RunOptions {
  env?: Record<string, string>
  phase?: 'main' | 'post'
  state?: Record<string, string>
  /** Another copy of dist/index.js (a suite that must not see a rebuild half-way). */
  entry?: string
  /** SIGKILL the action the first time a stdout line matches (the runner cancelled, or its VM died). */
  killOn?: RegExp
  /** The signal killOn sends: SIGKILL (the VM died) unless given, SIGINT/SIGTERM as a cancelling runner does. */
  killSignal?: NodeJS.Signals
  /** Milliseconds between the match and the SIGKILL (to land in the middle of a wait). */
  killDelayMs?: number
  /** Called with every stdout line as it arrives (e.g. to inject a fault at a moment of the run). */
  onLine?: (line: string) => void
  /**
   * false: run without the key attestation preload, as dist/index.js runs on a runner (it then trusts only the
   * pinned Marvell roots, so the emulator's attestations fail the root check).
   */
  attestationPreload?: false
  /**
   * false: the run generates its RSA-2048 keys with Node's generator, as on a runner, instead of taking published
   * test keys from the pool (scripts/keygen-preload.ts): for tests whose subject is key generation.
   */
  keygenPool?: false
  /**
   * true: the action's pauses at their real length (scripts/fast-waits-preload.ts shortens them in the suite):
   * for tests whose subject is the waiting itself.
   */
  realWaits?: true
}

/**
 * The bundle the runs execute: dist/index.js, or another build of it named by ACTION_ENTRY (scripts/coverage.ts
 * points the suite at a source-mapped build in a temporary folder). Read by the harness, never by the bundle.
 */
export const DIST = resolve(process.cwd(), process.env.ACTION_ENTRY || 'dist/index.js')

/** The inputs every run needs, pointed at the emulator's tenant, app and subscription. */
export function baseInputs(emu: EmulatorInfo, hsmName: string): Record<string, string> {
  return {
    'tenant-id': emu.tenantId,
    'client-id': emu.clientId,
    'subscription-id': emu.subscriptionId,
    'resource-group': emu.resourceGroup,
    location: emu.location,
    'hsm-name': hsmName,
    'retention-days': '7'
  }
}

/** Called with each run's folder as it is made (the test harness notes it: __tests__/support/isolation.ts). */
export const runDirListeners: Array<(dir: string) => void> = []

export async function runAction(
  emu: EmulatorInfo | undefined,
  inputs: Record<string, string>,
  opts: RunOptions = {}
): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'action-run-'))
  for (const listener of runDirListeners) listener(dir)
  const files = {
    output: join(dir, 'output'),
    state: join(dir, 'state'),
    summary: join(dir, 'summary'),
    event: join(dir, 'event.json'),
    env: join(dir, 'env')
  }
  for (const f of [files.output, files.state, files.summary, files.env]) writeFileSync(f, '')
  writeFileSync(files.event, '{}')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'contoso/hsm-bootstrap',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKFLOW: 'bootstrap',
    RUNNER_TEMP: dir
  }
  if (emu) {
    Object.assign(env, {
      HTTPS_PROXY: emu.proxy,
      NODE_EXTRA_CA_CERTS: emu.caCert,
      ACTIONS_ID_TOKEN_REQUEST_URL: emu.oidcRequestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: emu.oidcRequestToken
    })
  }
  // scripts/coverage.ts: each run writes its V8 coverage there, to be mapped back to src/.
  if (process.env.ACTION_V8_COVERAGE) env.NODE_V8_COVERAGE = process.env.ACTION_V8_COVERAGE
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  if (opts.phase === 'post') env.STATE_isPost = 'true'
  for (const [k, v] of Object.entries(opts.state ?? {})) env[`STATE_${k}`] = v
  Object.assign(env, opts.env ?? {})
  // The emulator's key attestations chain to its own test root: the runs trust it only through this preload
  // (scripts/attestation-preload.ts), added to whatever NODE_OPTIONS the caller gives.
  if (emu?.attestationRootCert && opts.attestationPreload !== false) {
    env.ATTESTATION_TEST_ROOT_FILE = emu.attestationRootCert
    addPreload(env, attestationPreloadOptions())
  }
  // The wrapping keys a run generates come from test keys, distinct within the emulator's state dir.
  if (emu && opts.keygenPool !== false) {
    env.KEYGEN_POOL_FILE = KEYGEN_POOL_FILE
    env.KEYGEN_POOL_CLAIMS = join(emu.stateDir, 'keygen-pool-claims')
    addPreload(env, keygenPreloadOptions())
  }

  // In the suite the action's own pauses are short (a caller with its own clock keeps it).
  if (process.env[FAST_WAITS_ENV] === '1' && !opts.realWaits && !env.BENCH_TIME_SCALE)
    addPreload(env, fastWaitsPreloadOptions())

  const started = Date.now()
  const child = spawn(process.execPath, [opts.entry ?? DIST], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  let killedAt: string | undefined
  let killSentAt: number | undefined
  let partial = ''
  child.stdout.on('data', d => {
    stdout += d
    if (!opts.killOn && !opts.onLine) return
    const lines = (partial + String(d)).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) {
      opts.onLine?.(line)
      if (!opts.killOn || killedAt !== undefined || !opts.killOn.test(line)) continue
      killedAt = line
      setTimeout(() => {
        killSentAt = Date.now()
        child.kill(opts.killSignal ?? 'SIGKILL')
      }, opts.killDelayMs ?? 0)
    }
  })
  child.stderr.on('data', d => (stderr += d))
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(r =>
    child.on('close', (c, sig) => r([c, sig]))
  )
  const outputRaw = readFileSync(files.output, 'utf8')
  const stateRaw = readFileSync(files.state, 'utf8')
  const summary = readFileSync(files.summary, 'utf8')
  const out = replayRunnerCommands(stdout, 'stdout')
  const err = replayRunnerCommands(stderr, 'stderr')
  const injected = injectionsIn(out, err)
  if (injected.length > 0)
    throw new Error(
      `the runner would have processed commands the action never emits (run directory ${dir}):\n${injected.join('\n')}`
    )
  // What a person could see: the lines the runner does not consume as commands (before masking).
  const everything = [out.shown.join('\n'), stderr, outputRaw, stateRaw, summary].join('\n')
  const leaked = secretShapesIn(everything)
  if (leaked.length > 0)
    throw new Error(
      `the action printed or wrote something shaped like ${leaked.join(', ')} (run directory ${dir})`
    )
  if (summary && process.env[SUMMARY_CORPUS_ENV])
    collectSummary(process.env[SUMMARY_CORPUS_ENV], inputs, summary)
  return {
    commands: [...out.commands, ...err.commands],
    masks: out.masks,
    log: out.log,
    code,
    stdout,
    stderr,
    outputs: parseFileCommand(outputRaw),
    state: parseFileCommand(stateRaw),
    summary,
    everything,
    dir,
    signal,
    killedAt,
    killSentAt,
    durationMs: Date.now() - started
  }
}

/**
 * Set to a directory, every run's job summary is kept there (one JSON file per run: the mode, steps and
 * hsm-name inputs and the summary); `npm test` sets it for the whole suite and renders and checks them all
 * after the last test (__tests__/support/summary-corpus-teardown.ts).
 */
export const SUMMARY_CORPUS_ENV = 'SUMMARY_CORPUS_DIR'

export interface CollectedSummary {
  inputs: { mode?: string; steps?: string; 'hsm-name'?: string; 'disk-encryption-set'?: string }
  summary: string
}

function collectSummary(dir: string, inputs: Record<string, string>, summary: string): void {
  mkdirSync(dir, { recursive: true })
  const kept: CollectedSummary = {
    inputs: {
      mode: inputs.mode,
      steps: inputs.steps,
      'hsm-name': inputs['hsm-name'],
      'disk-encryption-set': inputs['disk-encryption-set']
    },
    summary
  }
  writeFileSync(join(dir, `${Date.now()}-${randomUUID()}.json`), JSON.stringify(kept))
}

/** A workflow command as the runner parsed it from one line of the action's output. */
export interface RunnerCommand {
  command: string
  properties: Record<string, string>
  data: string
  /** The whole line (after the runner's TrimStart). */
  line: string
  stream: 'stdout' | 'stderr'
  /** Parsed by the legacy `##[command]data` rule (matched anywhere in a line), not `::command::data`. */
  legacy: boolean
}

export interface RunnerReplay {
  commands: RunnerCommand[]
  /** Values `::add-mask::` registered; an add-mask with an empty value registers nothing. */
  masks: string[]
  /** Lines shown in the log (not consumed as a command), before masking. */
  shown: string[]
  /** The same lines with the registered masks applied, as the job log shows them. */
  log: string[]
}

/** The commands the runner registers (actions/runner ActionCommandManager); the name is case-insensitive. */
const REGISTERED = [
  'stop-commands',
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo'
]

/** What the action itself emits on stdout: @actions/core's annotations, groups, debug and masks. */
const LEGITIMATE = new Set(['add-mask', 'debug', 'warning', 'error', 'notice', 'group', 'endgroup'])

function unescape(value: string, pairs: Array<[string, string]>): string {
  return pairs.reduce((v, [escaped, raw]) => v.split(escaped).join(raw), value)
}
const DATA_ESCAPES: Array<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%']
]
const PROPERTY_ESCAPES: Array<[string, string]> = [
  ...DATA_ESCAPES.slice(0, 2),
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%']
]
const LEGACY_ESCAPES: Array<[string, string]> = [
  ['%3B', ';'],
  ...DATA_ESCAPES.slice(0, 2),
  ['%5D', ']'],
  ['%25', '%']
]

/** .NET's TrimStart: JS whitespace without U+FEFF, plus U+0085. */
function trimStartDotNet(line: string): string {
  return line.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/, '')
}

/** ActionCommand.TryParseV2, then TryParse, of one line against the registered command names. */
function parseCommand(
  raw: string,
  registered: Set<string>,
  stream: 'stdout' | 'stderr'
): RunnerCommand | undefined {
  const line = trimStartDotNet(raw)
  if (line.startsWith('::')) {
    const end = line.indexOf('::', 2)
    if (end >= 0) {
      const info = line.slice(2, end)
      const space = info.indexOf(' ')
      const command = space < 0 ? info : info.slice(0, space)
      if (registered.has(command.toLowerCase())) {
        const properties: Record<string, string> = {}
        if (space > 0)
          for (const p of info
            .slice(space + 1)
            .trim()
            .split(',')
            .filter(Boolean)) {
            const eq = p.indexOf('=')
            if (eq > 0 && eq < p.length - 1)
              properties[p.slice(0, eq)] = unescape(p.slice(eq + 1), PROPERTY_ESCAPES)
          }
        return {
          command,
          properties,
          data: unescape(line.slice(end + 2), DATA_ESCAPES),
          line,
          stream,
          legacy: false
        }
      }
    }
  }
  const prefix = raw.indexOf('##[')
  if (prefix < 0) return undefined
  const rb = raw.indexOf(']', prefix)
  if (rb < 0) return undefined
  const info = raw.slice(prefix + 3, rb)
  const space = info.indexOf(' ')
  const command = space < 0 ? info : info.slice(0, space)
  if (!registered.has(command.toLowerCase())) return undefined
  const properties: Record<string, string> = {}
  if (space > 0)
    for (const p of info
      .slice(space + 1)
      .split(';')
      .filter(Boolean)) {
      const eq = p.indexOf('=')
      if (eq > 0 && eq < p.length - 1) properties[p.slice(0, eq)] = unescape(p.slice(eq + 1), LEGACY_ESCAPES)
    }
  return {
    command,
    properties,
    data: unescape(raw.slice(rb + 1), LEGACY_ESCAPES),
    line: raw,
    stream,
    legacy: true
  }
}

/**
 * Replays an output stream as the GitHub runner reads it (ProcessInvoker, OutputManager and
 * ActionCommandManager in actions/runner): lines end at `\r\n`, `\n` and a lone `\r`; a line is a command
 * when, after TrimStart, it is `::name key=value,…::data` with a registered name, or when it holds
 * `##[name key=value;…]data` anywhere; `::stop-commands::TOKEN` turns processing off until a `::TOKEN::`
 * line; `::add-mask::` hides its value in every later line.
 */
export function replayRunnerCommands(text: string, stream: 'stdout' | 'stderr' = 'stdout'): RunnerReplay {
  const replay: RunnerReplay = { commands: [], masks: [], shown: [], log: [] }
  const registered = new Set(REGISTERED)
  let stopToken: string | undefined
  const lines = text.split(/\r\n|\n|\r/)
  if (lines[lines.length - 1] === '') lines.pop()
  for (const raw of lines) {
    const show = () => {
      replay.shown.push(raw)
      replay.log.push(replay.masks.reduce((l, m) => l.split(m).join('***'), raw))
    }
    const c = raw.includes('::') || raw.includes('##[') ? parseCommand(raw, registered, stream) : undefined
    if (!c) {
      show()
      continue
    }
    if (stopToken !== undefined) {
      // While stopped only the resume token is a command; everything else is shown as it is.
      if (stopToken !== '' && c.command.toLowerCase() === stopToken.toLowerCase()) {
        replay.commands.push(c)
        registered.delete(stopToken.toLowerCase())
        stopToken = undefined
      }
      show()
      continue
    }
    replay.commands.push(c)
    const name = c.command.toLowerCase()
    if (name === 'stop-commands') {
      stopToken = c.data
      registered.add(c.data.toLowerCase())
      show()
    } else if (name === 'add-mask') {
      if (c.data.trim() !== '') replay.masks.push(c.data)
    } else if (!LEGITIMATE.has(name)) show()
  }
  return replay
}

/**
 * What no legitimate run shows in a replay: a command the action never emits (set-output, set-env, echo, a
 * resume token…), any stop-commands, a command in the legacy `##[…]` form, or an add-mask that registered
 * nothing (its value was lost to a line break, or an injected line).
 */
export function injectionsIn(...replays: RunnerReplay[]): string[] {
  return replays.flatMap(r =>
    r.commands.flatMap(c => {
      const name = c.command.toLowerCase()
      if (c.legacy) return [`${c.stream}: legacy command ##[${c.command}]: ${JSON.stringify(c.line)}`]
      if (!LEGITIMATE.has(name)) return [`${c.stream}: command ${c.command}: ${JSON.stringify(c.line)}`]
      if (name === 'add-mask' && c.data.trim() === '')
        return [`${c.stream}: an add-mask with nothing to mask: ${JSON.stringify(c.line)}`]
      return []
    })
  )
}

/**
 * What no run may ever print, whatever the test: the shapes of a security domain, a private key, a
 * bearer token or a JWT (an access token, a GitHub ID token). Every run through runAction is checked, so
 * every end-to-end test is a leak scan too; the suites that know the secrets also look for fragments.
 */
const SECRET_SHAPES: Array<[string, RegExp]> = [
  ['a security domain', /"(?:compact_jwe|enc_key|SharedKeys|EncData)"/],
  ['a private key', /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/],
  ['a bearer token', /Bearer\s+[\w\-.~+/]{20,}/],
  ['a JWT', /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/]
]

export function secretShapesIn(text: string): string[] {
  return SECRET_SHAPES.filter(([, re]) => re.test(text)).map(([what]) => what)
}

export function cleanup(run: ActionRun): void {
  rmSync(run.dir, { recursive: true, force: true })
}

/** Parses the `name<<delimiter\nvalue\ndelimiter` blocks the action writes to GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STATE. */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (!m) continue
    const [, name, delimiter] = m
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i])
    out[name] = value.join('\n')
  }
  return out
}

/** The `::error::` lines of a run, decoded. */
export function errorsOf(run: ActionRun): string[] {
  return run.stdout
    .split('\n')
    .filter(l => l.startsWith('::error'))
    .map(l =>
      l
        .replace(/^::error[^:]*::/, '')
        .replace(/%0A/g, '\n')
        .replace(/%0D/g, '\r')
        .replace(/%25/g, '%')
    )
}

/** The second Key Vault of the emulated tenant, for wrapping keys kept apart from the security domain. */
export const KEYS_VAULT = 'kv-skr-keys'

/**
 * Split custody in the emulator: it starts with one Key Vault (keyVaultUrl) and one storage account, and
 * the action refuses wrapping keys in a store that also holds the security domain. This makes (or keeps:
 * secrets survive) a second vault writable by the action's identity and returns its URL.
 */
export async function keysVaultUrl(emu: EmulatorInfo, name = KEYS_VAULT): Promise<string> {
  const res = await fetch(`${emu.controlUrl}/vaults/${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: '{}'
  })
  if (!res.ok)
    throw new Error(`the emulator did not create vault '${name}': ${res.status} ${await res.text()}`)
  return `https://${name}.vault.azure.net`
}

/** Runs scripts/azure-client.ts against the emulator: another Azure client, as a person would use. */
export async function azureClient(emu: EmulatorInfo, ...args: string[]): Promise<string> {
  const result = await callServer<{ stdout: string } | { error: string }>(
    ['--import', 'tsx', 'scripts/azure-client.ts'],
    {
      PATH: process.env.PATH ?? '',
      HTTPS_PROXY: emu.proxy,
      NODE_EXTRA_CA_CERTS: emu.caCert,
      ACTIONS_ID_TOKEN_REQUEST_URL: emu.oidcRequestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: emu.oidcRequestToken
    },
    { argv: [emu.tenantId, emu.clientId, emu.subscriptionId, ...args] },
    `azure-client ${args[0]}`
  )
  if ('error' in result) throw new Error(`azure-client ${args.join(' ').slice(0, 200)}: ${result.error}`)
  return result.stdout
}
