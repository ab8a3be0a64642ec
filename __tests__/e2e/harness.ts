/**
 * The one emulator harness of the end-to-end and reliability suites: a test file's emulator, started
 * before its tests (with the split-custody second vault, `keysVaultUrl` of scripts/local-runner.ts) and
 * stopped after them, and the request-log helpers the suites share.
 *
 * Azure is instant by default: long-running operations (creation, activation) are done when first read, so
 * the action's first poll finds them finished and never sleeps. A file whose subject is waiting passes its
 * own seconds (e.g. `{ provisioningSeconds: 4 }`).
 */
import { afterAll, beforeAll, expect } from '@jest/globals'
import {
  startEmulator,
  type FaultRule,
  type RequestLogEntry,
  type RunningEmulator,
  type StartOptions
} from '../../emulator/testing.js'
import {
  baseInputs,
  keysVaultUrl,
  runAction,
  runDirListeners,
  type ActionRun,
  type EmulatorInfo,
  type RunOptions
} from '../../scripts/local-runner.js'
import { note, type LedgerEntry } from '../support/isolation.js'

/** Long-running operations done at once: the default of every file's emulator. */
export const INSTANT: StartOptions = {
  provisioningSeconds: 0,
  activationSeconds: 0,
  backupSeconds: 0,
  regionSeconds: 0
}

/** The test file running in this module registry (each file has its own). */
export function testFile(): string {
  return (expect.getState().testPath ?? 'unknown').replace(/^.*?(__tests__\/)/, '$1')
}

/** Notes a port or folder this file uses in the run's ledger (checked after the run: no two files share one). */
export function noteUse(kind: LedgerEntry['kind'], value: string | number, to?: number): void {
  note({ file: testFile(), kind, value: String(value), from: Date.now(), ...(to ? { to } : {}) })
}

runDirListeners.push(dir => noteUse('temporary folder', dir))

/**
 * Starts the file's emulator before its tests and hands it to `ready` with the URL of the wrapping keys'
 * own vault (split custody: apart from the security domain's vault and account); stops it after them,
 * then runs `after` (the suite's own clean-up), if given. Options override INSTANT.
 */
export function useEmulator(
  options: StartOptions,
  ready: (emu: RunningEmulator, keysVault: string) => void,
  after?: () => void | Promise<void>
): void {
  let emu: RunningEmulator | undefined
  let since = 0
  beforeAll(async () => {
    emu = await startEmulator({ ...INSTANT, ...options })
    since = Date.now()
    noteUse('state folder', emu.info.stateDir)
    ready(emu, await keysVaultUrl(emu.info))
  })
  afterAll(async () => {
    try {
      await emu?.stop()
      if (emu)
        note({ file: testFile(), kind: 'port', value: String(emu.info.port), from: since, to: Date.now() })
    } finally {
      await after?.()
    }
  })
}

/** ARM refusing the subscription's list of `resource` (disks, diskEncryptionSets) with 403 AuthorizationFailed. */
export function computeListRefused(resource: 'disks' | 'diskEncryptionSets'): FaultRule {
  return {
    host: 'management\\.azure\\.com',
    path: `/providers/Microsoft\\.Compute/${resource}\\?`,
    status: 403,
    code: 'AuthorizationFailed',
    message: `no ${resource}/read here`
  }
}

/** Request-log index to continue from. */
export async function mark(emu: RunningEmulator): Promise<number> {
  return (await emu.requests()).length
}

/** The writes (any method but GET/HEAD) the emulator saw from log index `since` on. */
export async function writesFrom(emu: RunningEmulator, since: number): Promise<RequestLogEntry[]> {
  return (await emu.requests(since)).filter(r => r.write)
}

/**
 * What a second Azure client would print, read through the emulator's control API (its peeks,
 * emulator/core/control.ts) in one local request: `azureClient` of scripts/local-runner.ts starts a process that signs in (1.5 s) for the
 * same answer. Same commands and output as there: 'hsm-show' rg name (the ARM JSON), 'secret-get' vaultUrl
 * name (the value), 'blob-get' url (the content); rejects when the object does not exist. Keep azureClient
 * where a second client is the point (its sign-in, its SDK, its writes).
 */
export async function peek(
  emu: EmulatorInfo,
  command: 'hsm-show' | 'secret-get' | 'blob-get',
  ...args: string[]
): Promise<string> {
  const path =
    command === 'hsm-show'
      ? `hsms/${args[0]}/${args[1]}`
      : command === 'secret-get'
        ? `secrets/${new URL(args[0]).hostname.split('.')[0]}/${args[1]}`
        : (() => {
            const u = new URL(args[0])
            return `blobs/${u.hostname.split('.')[0]}${u.pathname}`
          })()
  const res = await fetch(`${emu.controlUrl}/peek/${path}`)
  if (!res.ok) throw new Error(`${command} ${args.join(' ')}: ${res.status} ${await res.text()}`)
  if (command === 'secret-get') return ((await res.json()) as { value: string }).value
  return res.text()
}

/**
 * The escrow URLs of an HSM in the emulator, split custody: the security domain in the pre-created storage
 * account (and, for a second store, the pre-created vault), the wrapping keys in `keysVault` (their own
 * vault, or the pre-created one where a file keeps them there).
 */
export function escrowUrls(info: EmulatorInfo, keysVault: string, hsm: string, sdFile = 'sd.json') {
  return {
    sdBlob: (file = sdFile) => `${info.storageAccountUrl}/${info.storageContainer}/${hsm}/${file}`,
    sdSecret: `${info.keyVaultUrl}/secrets/${hsm}-sd`,
    keySecret: `${keysVault}/secrets/${hsm}-wrap`,
    /** The i-th escrowed wrapping key (1-based), as the action names it. */
    keySecretN: (i: number) => `${keysVault}/secrets/${hsm}-wrap-${i}`
  }
}
export type EscrowUrls = ReturnType<typeof escrowUrls>

export interface ScenarioOptions {
  /** The emulator's settings over INSTANT (e.g. `{ rbacPropagationSeconds: 4 }`). */
  emulator?: StartOptions
  /** The HSM the file works on when a call names none. */
  hsm?: string
  /**
   * Escrow stores every run gets: 'split' (default) the security domain to Blob storage and the wrapping keys
   * to their own vault; 'both' the security domain to Blob storage and to Key Vault too; 'none' neither.
   */
  stores?: 'split' | 'both' | 'none'
  /**
   * Where the wrapping keys go: 'own vault' (default, the split-custody vault of useEmulator) or 'escrow vault'
   * (the pre-created vault, apart from the security domain's blob; beside its secret with `stores: 'both'`,
   * which the action refuses unless `escrow-same-store: accept`).
   */
  keys?: 'own vault' | 'escrow vault'
  /** The security domain's blob name under the HSM's folder (default sd.json; a file's faults may match it). */
  sdFile?: string
  /**
   * The file's own inputs, after the base inputs and the stores (a function of the HSM and its escrow URLs
   * for names in them).
   */
  inputs?: Record<string, string> | ((hsm: string, urls: EscrowUrls) => Record<string, string>)
}

/** A file's emulator and the inputs of its runs; the fields are set before its first test. */
export interface Scenario {
  readonly emu: RunningEmulator
  readonly info: EmulatorInfo
  /** URL of the wrapping keys' own vault. */
  readonly keysVault: string
  readonly hsm: string
  /** The file's inputs for `hsm` (the file's own HSM by default), `extra` last. */
  inputs(extra?: Record<string, string>, hsm?: string): Record<string, string>
  /** The same for another HSM of the file, `extra` last. */
  inputsFor(hsm: string, extra?: Record<string, string>): Record<string, string>
  urls(hsm?: string): EscrowUrls
  /** runAction against this emulator. */
  run(inputs: Record<string, string>, opts?: RunOptions): Promise<ActionRun>
}

/**
 * The scenario builder: one call instead of each file's set-up and inputs() copy. Starts the file's emulator
 * (useEmulator) and returns what its tests use:
 *
 *   const s = useScenario({ hsm: 'key-e2e', inputs: { 'release-policy-preset': 'sev-snp-cvm' } })
 *   const run = await s.run(s.inputs({ steps: 'provision,activate' }))
 */
export function useScenario(options: ScenarioOptions = {}): Scenario {
  const state: { emu?: RunningEmulator; keysVault?: string } = {}
  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the scenario is ready only inside tests and hooks')
    return v
  }
  const scenario: Scenario = {
    get emu() {
      return need(state.emu)
    },
    get info() {
      return need(state.emu).info
    },
    get keysVault() {
      return need(state.keysVault)
    },
    hsm: options.hsm ?? 'e2e-hsm',
    urls: (hsm = scenario.hsm) =>
      escrowUrls(
        scenario.info,
        options.keys === 'escrow vault' ? scenario.info.keyVaultUrl : scenario.keysVault,
        hsm,
        options.sdFile
      ),
    inputs(extra = {}, hsm = scenario.hsm) {
      const u = scenario.urls(hsm)
      const stores: Record<string, string> =
        options.stores === 'none'
          ? {}
          : {
              'security-domain-store':
                options.stores === 'both' ? `${u.sdBlob()}\n${u.sdSecret}` : u.sdBlob(),
              'wrapping-key-store': u.keySecret,
              'wrapping-key-size': '2048'
            }
      const own = typeof options.inputs === 'function' ? options.inputs(hsm, u) : (options.inputs ?? {})
      return { ...baseInputs(scenario.info, hsm), ...stores, ...own, ...extra }
    },
    inputsFor: (hsm, extra) => scenario.inputs(extra, hsm),
    run: (inputs, opts) => runAction(scenario.info, inputs, opts)
  }
  useEmulator(options.emulator ?? {}, (e, vault) => {
    state.emu = e
    state.keysVault = vault
  })
  return scenario
}
