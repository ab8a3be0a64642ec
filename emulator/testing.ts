/**
 * Test helper: spawns the emulator as a child process (`tsx emulator/main.ts`), waits for its JSON
 * line and offers typed wrappers over the control API. A separate process keeps the emulator's
 * sockets and timers out of the test runner and matches how the action meets it in CI.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EmulatorInfo, Settings } from './core/context.js'
import type { FaultRule } from './core/faults.js'
import type { RequestLogEntry } from './core/request-log.js'

export type { EmulatorInfo, Settings, FaultRule, RequestLogEntry }

/**
 * A state folder holding only the emulator's CA and token-signing keys (ca/, keys/), made once for a whole
 * test run (makeStateTemplate): an emulator started from it skips generating four RSA keys. Named by
 * EMULATOR_STATE_TEMPLATE (Jest's global set-up sets it) unless StartOptions.template says otherwise.
 */
export const STATE_TEMPLATE_ENV = 'EMULATOR_STATE_TEMPLATE'
/**
 * A build of emulator/main.ts in one file (esbuild, packages left external), made once by the test suite's
 * global set-up: each emulator then starts without the TypeScript loader. Unset, `node --import tsx` runs the
 * sources.
 */
export const ENTRY_ENV = 'EMULATOR_ENTRY'
const TEMPLATE_PARTS = ['ca', 'keys']

export interface StartOptions {
  /** Reuse a state dir (e.g. to test restarts); default: a fresh temp dir, removed by stop(). */
  stateDir?: string
  /** A state template (see STATE_TEMPLATE_ENV) copied into a state dir that has no CA yet. */
  template?: string
  port?: number
  provisioningSeconds?: number
  activationSeconds?: number
  rbacPropagationSeconds?: number
  keyCreationSeconds?: number
  /** How long a Managed HSM full backup or restore job runs. */
  backupSeconds?: number
  /** Seconds before a network rule change takes effect on the HSM's data plane (default 0). */
  networkRuleSeconds?: number
  /** How long adding or removing an extended region takes. */
  regionSeconds?: number
  /** How long to wait for the JSON line. */
  startTimeoutMs?: number
}

export interface RunningEmulator {
  info: EmulatorInfo
  process: ChildProcess
  stop(): Promise<void>
  /** Request-log entries from `since` (an index) on; all of them by default. */
  requests(since?: number): Promise<RequestLogEntry[]>
  setFaults(rules: FaultRule[]): Promise<void>
  clearFaults(): Promise<void>
  setSettings(settings: Partial<Settings>): Promise<Settings>
  /** Calls `<controlUrl><path>` (path like '/state') and returns the parsed JSON body. */
  control<T = unknown>(path: string, init?: RequestInit): Promise<T>
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir)
  return dir
}

/** Writes the CA and signing keys of a fresh emulator state into `dir` (for StartOptions.template). */
export async function makeStateTemplate(dir: string): Promise<void> {
  const [{ CertificateAuthority }, { SERVICES }] = await Promise.all([
    import('./core/ca.js'),
    import('./services/index.js')
  ])
  // What the server writes on a first start (core/server.ts startServer, ServiceModule.prepare).
  await Promise.all([CertificateAuthority.open(dir), ...SERVICES.map(s => s.prepare?.(dir))])
}

export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const root = repoRoot()
  const args = [join('emulator', 'main.ts')]
  const flag = (name: string, value: string | number | undefined): void => {
    if (value !== undefined) args.push(`--${name}`, String(value))
  }
  const template = options.template ?? process.env[STATE_TEMPLATE_ENV]
  // A state dir made here is this emulator's alone, and removed when it stops.
  const ownDir = options.stateDir === undefined ? mkdtempSync(join(tmpdir(), 'azure-emulator-')) : undefined
  const stateDir = resolve(options.stateDir ?? (ownDir as string))
  if (template && existsSync(join(template, 'ca')) && !existsSync(join(stateDir, 'ca')))
    for (const part of TEMPLATE_PARTS) cpSync(join(template, part), join(stateDir, part), { recursive: true })
  flag('state-dir', stateDir)
  flag('port', options.port)
  flag('provisioning-seconds', options.provisioningSeconds)
  flag('activation-seconds', options.activationSeconds)
  flag('rbac-propagation-seconds', options.rbacPropagationSeconds)
  flag('key-creation-seconds', options.keyCreationSeconds)
  flag('backup-seconds', options.backupSeconds)
  flag('network-rule-seconds', options.networkRuleSeconds)
  flag('region-seconds', options.regionSeconds)

  // The emulator itself must not go through a proxy or inherit a test's CA settings.
  const env = { ...process.env }
  for (const k of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NODE_OPTIONS']) delete env[k]
  // `node --import tsx` rather than the tsx command, which starts a second Node process to run this one:
  // about a CPU-second less per emulator (docs/development.md, "Test speed and coverage").
  const entry = process.env[ENTRY_ENV]
  const child = spawn(process.execPath, entry ? [entry, ...args.slice(1)] : ['--import', 'tsx', ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })

  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString()
    if (stderr.length > 20000) stderr = stderr.slice(-10000)
  })
  const info = await new Promise<EmulatorInfo>((resolveInfo, reject) => {
    let out = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`emulator did not start within ${options.startTimeoutMs ?? 30000} ms\n${stderr}`))
    }, options.startTimeoutMs ?? 30000)
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const nl = out.indexOf('\n')
      if (nl >= 0) {
        clearTimeout(timer)
        try {
          resolveInfo(JSON.parse(out.slice(0, nl)) as EmulatorInfo)
        } catch (e) {
          reject(new Error(`emulator printed no JSON line: ${out.slice(0, nl)} (${(e as Error).message})`))
        }
      }
    })
    child.once('exit', code => {
      clearTimeout(timer)
      reject(new Error(`emulator exited with ${code} before it was ready\n${stderr}`))
    })
  })

  const control = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${info.controlUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) }
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`control ${init.method ?? 'GET'} ${path}: ${res.status} ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }

  return {
    info,
    process: child,
    control,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>(r => child.once('exit', () => r()))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
        await exited
        clearTimeout(timer)
      }
      if (ownDir) rmSync(ownDir, { recursive: true, force: true })
    },
    async requests(since = 0) {
      return (await control<{ requests: RequestLogEntry[] }>(`/requests?since=${since}`)).requests
    },
    async setFaults(rules) {
      await control('/faults', { method: 'PUT', body: JSON.stringify(rules) })
    },
    async clearFaults() {
      await control('/faults', { method: 'DELETE' })
    },
    async setSettings(settings) {
      return control<Settings>('/settings', { method: 'PUT', body: JSON.stringify(settings) })
    }
  }
}
