/**
 * A run context for the posture assessors' unit tests: the HSM as ARM's read answers it, and any other read
 * already started (as the engine's prefetch starts them), so an assessor runs in-process without Azure.
 */
import type { ManagedHsm } from '../../src/azure/managed-hsm-arm.js'
import type { RunContext } from '../../src/run/context.js'
import { Reads } from '../../src/run/reads.js'

export const RG = 'rg'
export const HSM_NAME = 'hsm1'
export const HSM_ID = `/subscriptions/s/resourceGroups/${RG}/providers/Microsoft.KeyVault/managedHSMs/${HSM_NAME}`

export function fakeContext(
  hsm: ManagedHsm | undefined,
  config: Record<string, unknown> = {},
  reads: Record<string, () => Promise<unknown>> = {},
  facts: Record<string, unknown> = {}
): RunContext {
  const r = new Reads(true)
  for (const [key, read] of Object.entries(reads)) void r.prefetch(key, read)
  return {
    config: { mode: 'verify', resourceGroup: RG, hsmName: HSM_NAME, administrators: [], ...config },
    arm: {
      get: async () => hsm,
      resourceId: (rg: string, name: string) =>
        `/subscriptions/s/resourceGroups/${rg}/providers/Microsoft.KeyVault/managedHSMs/${name}`
    },
    // The signed-in identity's object id cannot be learnt here: no token.
    signIn: { principalId: () => Promise.reject(new Error('no token in a unit test')) },
    facts: { ...facts },
    reads: r
  } as unknown as RunContext
}
