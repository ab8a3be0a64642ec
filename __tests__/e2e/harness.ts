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
  type RequestLogEntry,
  type RunningEmulator,
  type StartOptions
} from '../../emulator/testing.js'
import { keysVaultUrl, runDirListeners, type EmulatorInfo } from '../../scripts/local-runner.js'
import { note, type LedgerEntry } from '../support/isolation.js'

/** Long-running operations done at once: the default of every file's emulator. */
export const INSTANT: StartOptions = { provisioningSeconds: 0, activationSeconds: 0 }

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

/** Request-log index to continue from. */
export async function mark(emu: RunningEmulator): Promise<number> {
  return (await emu.requests()).length
}

/** The writes (any method but GET/HEAD) the emulator saw from log index `since` on. */
export async function writesFrom(emu: RunningEmulator, since: number): Promise<RequestLogEntry[]> {
  return (await emu.requests(since)).filter(r => r.write)
}

/**
 * What a second Azure client would print, read through the emulator's control API (emulator/peek.ts) in one
 * local request: `azureClient` of scripts/local-runner.ts starts a process that signs in (1.5 s) for the
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
