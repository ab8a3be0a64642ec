/**
 * Helpers for the escrow-store tests: run clients/escrow-client.mjs (SecretClient, BlobServiceClient)
 * in a child process with only the proxy environment (scripts/client-pool.ts), and register a second app registration.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { RunningEmulator, EmulatorInfo } from '../../emulator/testing.js'
import { callClient } from '../../scripts/client-pool.js'
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

/** Runs a command of clients/escrow-client.mjs and returns its JSON result (scripts/client-pool.ts). */
export function runEscrow<T = Record<string, unknown>>(
  info: EmulatorInfo,
  command: string,
  args: Record<string, unknown> = {}
): Promise<T & Partial<ClientError>> {
  return callClient<T & Partial<ClientError>>(CLIENT, clientEnv(info), command, args)
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
