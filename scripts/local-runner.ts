/**
 * Runs the bundled action (dist/index.js) as a child process exactly as the runner does: inputs as
 * INPUT_<NAME> (upper-cased, hyphens kept), GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files,
 * RUNNER_TEMP, the OIDC request variables, and the emulator reached as an HTTPS proxy with its CA trusted.
 */
import { execFile, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import type { EmulatorInfo } from '../emulator/context.js'

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
  dir: string
  /** The signal that ended the process (SIGKILL when killOn matched). */
  signal: NodeJS.Signals | null
  /** The stdout line that triggered the kill, when killOn matched. */
  killedAt?: string
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
  /** Milliseconds between the match and the SIGKILL (to land in the middle of a wait). */
  killDelayMs?: number
  /** Called with every stdout line as it arrives (e.g. to inject a fault at a moment of the run). */
  onLine?: (line: string) => void
}

export const DIST = resolve(process.cwd(), 'dist/index.js')

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

export async function runAction(
  emu: EmulatorInfo | undefined,
  inputs: Record<string, string>,
  opts: RunOptions = {}
): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'action-run-'))
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
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  if (opts.phase === 'post') env.STATE_isPost = 'true'
  for (const [k, v] of Object.entries(opts.state ?? {})) env[`STATE_${k}`] = v
  Object.assign(env, opts.env ?? {})

  const started = Date.now()
  const child = spawn(process.execPath, [opts.entry ?? DIST], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  let killedAt: string | undefined
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
      setTimeout(() => child.kill('SIGKILL'), opts.killDelayMs ?? 0)
    }
  })
  child.stderr.on('data', d => (stderr += d))
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(r =>
    child.on('close', (c, sig) => r([c, sig]))
  )
  const outputRaw = readFileSync(files.output, 'utf8')
  const stateRaw = readFileSync(files.state, 'utf8')
  const summary = readFileSync(files.summary, 'utf8')
  const everything = [stdout.replace(/^::add-mask::.*$/gm, ''), stderr, outputRaw, stateRaw, summary].join(
    '\n'
  )
  const leaked = secretShapesIn(everything)
  if (leaked.length > 0)
    throw new Error(
      `the action printed or wrote something shaped like ${leaked.join(', ')} (run directory ${dir})`
    )
  return {
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
    durationMs: Date.now() - started
  }
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

/** Parses the `name<<delimiter\nvalue\ndelimiter` blocks @actions/core writes to GITHUB_OUTPUT and GITHUB_STATE. */
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
  const { stdout } = await promisify(execFile)(
    resolve(process.cwd(), 'node_modules/.bin/tsx'),
    ['scripts/azure-client.ts', emu.tenantId, emu.clientId, emu.subscriptionId, ...args],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HTTPS_PROXY: emu.proxy,
        NODE_EXTRA_CA_CERTS: emu.caCert,
        ACTIONS_ID_TOKEN_REQUEST_URL: emu.oidcRequestUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: emu.oidcRequestToken
      }
    }
  )
  return stdout
}
