/**
 * Helpers for the Managed HSM data-plane suites: extra principals, batched data-plane requests and
 * KeyClient operations (both in a child process with Microsoft's clients), attestation tokens.
 */
import { expect } from '@jest/globals'
import type { RunningEmulator } from '../../emulator/testing.js'
import { runClient } from './helpers.js'

export const ROLES = {
  administrator: 'a290e904-7015-4bba-90c8-60543313cdb4',
  cryptoOfficer: '515eb02d-2335-4d2d-92f2-b1cbdf9c3778',
  cryptoUser: '21dbd100-6940-42c2-9190-5d6cb909625b',
  releaseUser: '21dbd100-6940-42c2-9190-5d6cb909625c',
  auditor: '2c18b078-7c48-4d3a-af88-5a3a1b3f82b3'
} as const

export const roleId = (guid: string): string =>
  `Microsoft.KeyVault/providers/Microsoft.Authorization/roleDefinitions/${guid}`

export interface Principal {
  clientId: string
  principalId: string
  env: Record<string, string>
}

/** Another app registration (same GitHub subject), signing in as its own principal. */
export async function addPrincipal(
  emu: RunningEmulator,
  clientId: string,
  principalId: string
): Promise<Principal> {
  await emu.control(`/apps/${clientId}`, {
    method: 'PUT',
    body: JSON.stringify({
      principalId,
      federatedCredentials: [
        { issuer: 'https://token.actions.githubusercontent.com', subject: emu.info.oidcSubject }
      ]
    })
  })
  return { clientId, principalId, env: { EMU_CLIENT_ID: clientId } }
}

export async function createHsm(emu: RunningEmulator, name: string): Promise<void> {
  const out = await runClient<{ hsm?: unknown; error?: unknown }>(emu.info, 'hsm-create', { name })
  expect(out.error).toBeUndefined()
}

export async function activateByHook(emu: RunningEmulator, name: string): Promise<void> {
  await emu.control(`/hsms/${name}/activation`, { method: 'PUT', body: JSON.stringify({ status: 'Active' }) })
}

/**
 * An active HSM `name` on which the default principal is Crypto User at `/keys` (role assignment
 * `assignment`): what the key suites start from.
 */
export async function activeHsmForKeys(
  emu: RunningEmulator,
  name: string,
  assignment: string
): Promise<void> {
  await createHsm(emu, name)
  await activateByHook(emu, name)
  const [grant] = await dataPlane(emu, name, [
    {
      method: 'PUT',
      path: `/keys/providers/Microsoft.Authorization/roleAssignments/${assignment}?${API}`,
      body: assignmentBody(emu.info.principalId, ROLES.cryptoUser)
    }
  ])
  expect(grant.status).toBe(201)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface DataResult<B = any> {
  status: number
  body: B
  headers: Record<string, string | undefined>
}

export interface DataRequest {
  method?: string
  path: string
  body?: unknown
  waitMs?: number
}

/** Sequential data-plane requests through keyVaultAuthenticationPolicy, as `as` (default: the app). */
export async function dataPlane(
  emu: RunningEmulator,
  name: string,
  requests: DataRequest[],
  as?: Principal
): Promise<DataResult[]> {
  const out = await runClient<{ results?: DataResult[]; error?: unknown }>(
    emu.info,
    'mhsm-requests',
    { name, requests },
    as?.env ?? {}
  )
  if (!out.results) throw new Error(`mhsm-requests failed: ${JSON.stringify(out.error)}`)
  return out.results
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface KeyResult<V = any> {
  ok: boolean
  value: V
  error?: { statusCode?: number; code?: string; message: string }
}

/** Sequential @azure/keyvault-keys KeyClient operations (see clients/azure-client.mjs keyOp). */
export async function keyOps(
  emu: RunningEmulator,
  name: string,
  ops: Record<string, unknown>[],
  as?: Principal
): Promise<KeyResult[]> {
  const out = await runClient<{ results?: KeyResult[]; error?: unknown }>(
    emu.info,
    'keys',
    { name, ops },
    as?.env ?? {}
  )
  if (!out.results) throw new Error(`keys failed: ${JSON.stringify(out.error)}`)
  return out.results
}

export async function mintAttestation(
  emu: RunningEmulator,
  claims: Record<string, unknown>,
  options: { issuer?: string; lifetimeSeconds?: number; untrusted?: boolean } = {}
): Promise<string> {
  const out = await emu.control<{ token: string }>('/attestation/tokens', {
    method: 'POST',
    body: JSON.stringify({ claims, ...options })
  })
  return out.token
}

export function assignmentBody(principalId: string, roleGuid: string): Record<string, unknown> {
  return { properties: { roleDefinitionId: roleId(roleGuid), principalId } }
}

export const API = 'api-version=7.5'
