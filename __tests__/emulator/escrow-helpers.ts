/**
 * Helpers for the escrow-store tests: run clients/escrow-client.mjs (SecretClient, BlobServiceClient)
 * in a child process with only the proxy environment, and register a second app registration.
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { RunningEmulator, EmulatorInfo } from '../../emulator/testing.js'
import { clientEnv } from './helpers.js'

const CLIENT = join(process.cwd(), '__tests__', 'emulator', 'clients', 'escrow-client.mjs')

export interface ClientError {
  error: {
    name?: string
    message: string
    code?: string
    statusCode?: number
    body?: string
    headers?: Record<string, string>
  }
}

/** Runs a command of clients/escrow-client.mjs and returns its JSON result (last stdout line). */
export function runEscrow<T = Record<string, unknown>>(
  info: EmulatorInfo,
  command: string,
  args: Record<string, unknown> = {}
): Promise<T & Partial<ClientError>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLIENT, command, JSON.stringify(args)],
      { env: clientEnv(info), timeout: 60000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const lines = stdout.trim().split('\n')
        try {
          resolve(JSON.parse(lines[lines.length - 1]) as T & Partial<ClientError>)
        } catch {
          reject(
            new Error(`client ${command} printed no JSON (${error?.message ?? ''})\n${stdout}\n${stderr}`)
          )
        }
      }
    )
  })
}

/** A second app registration trusted for the same GitHub subject; returns its client id and principal. */
export async function addSecondApp(emu: RunningEmulator): Promise<{ clientId: string; principalId: string }> {
  const clientId = randomUUID()
  const app = await emu.control<{ principalId: string }>(`/apps/${clientId}`, {
    method: 'PUT',
    body: JSON.stringify({
      displayName: 'outsider',
      federatedCredentials: [
        { issuer: 'https://token.actions.githubusercontent.com', subject: emu.info.oidcSubject }
      ]
    })
  })
  return { clientId, principalId: app.principalId }
}
