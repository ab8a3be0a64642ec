/**
 * The one emulator harness of the end-to-end and reliability suites: a test file's emulator, started
 * before its tests (with the split-custody second vault, `keysVaultUrl` of scripts/local-runner.ts) and
 * stopped after them, and the request-log helpers the suites share.
 */
import { afterAll, beforeAll } from '@jest/globals'
import {
  startEmulator,
  type RequestLogEntry,
  type RunningEmulator,
  type StartOptions
} from '../../emulator/testing.js'
import { keysVaultUrl } from '../../scripts/local-runner.js'

/**
 * Starts the file's emulator before its tests and hands it to `ready` with the URL of the wrapping keys'
 * own vault (split custody: apart from the security domain's vault and account); stops it after them,
 * then runs `after` (the suite's own clean-up), if given.
 */
export function useEmulator(
  options: StartOptions,
  ready: (emu: RunningEmulator, keysVault: string) => void,
  after?: () => void | Promise<void>
): void {
  let emu: RunningEmulator | undefined
  beforeAll(async () => {
    emu = await startEmulator(options)
    ready(emu, await keysVaultUrl(emu.info))
  })
  afterAll(async () => {
    try {
      await emu?.stop()
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
