/**
 * The steps' reads, started as soon as their inputs are known instead of when each step's turn comes. Each
 * step declares its own (Step.prefetch): what needs only the inputs starts at once, beside the HSM's ARM read;
 * what needs the HSM's data plane starts, for every step together, once ARM shows the HSM active. Here only
 * what they share: the SDK chunks, the HSM's read, the posture's reads and the data-plane client. The steps
 * then plan and apply in order as before and join these reads (run/reads.ts); a step that writes makes every
 * later step read again. Nothing here writes, logs or throws: a read that fails is reported by the step that
 * needs it, as its own read would have been.
 */
import { ManagedHsmDataPlane } from '../azure/managed-hsm-data.js'
import { keyVaultKeys, keyVaultSecrets, storageBlob } from '../azure/sdk.js'
import { isSingleMode, MODE_TABLE, type Config } from '../config/index.js'
import type { RunContext } from '../run/context.js'
import type { ActiveHsm } from '../run/step.js'
import { prefetchPosture, prefetchPostureEarly } from '../posture/index.js'
import { STEPS } from '../steps/index.js'

export function prefetchReads(ctx: RunContext): void {
  const { config, reads } = ctx
  if (isSingleMode(config.mode)) return
  warmUpSdk(config)

  // Inputs only: the HSM, in verify the posture's reads that need no more, and each step's own (in step order).
  const hsm = reads.prefetch('hsm', () => ctx.arm.get(config.resourceGroup, config.hsmName))
  if (MODE_TABLE[config.mode].proves) prefetchPostureEarly(ctx, hsm)
  const onActive = config.steps.flatMap(name => {
    const then = quietly(() => STEPS[name].prefetch?.(ctx))
    return then ? [then] : []
  })

  // Once ARM has named the HSM's URI: the posture's reads, then the steps' reads of the data plane.
  void hsm
    .then(h => {
      // Each posture area knows whether it applies to this HSM.
      if (h) prefetchPosture(ctx, h)
      const uri = h?.properties?.hsmUri
      // An HSM that is not active answers no data-plane read: the activate step comes first.
      const active = h?.properties?.securityDomainProperties?.activationStatus === 'Active'
      if (!uri || h.properties?.provisioningState !== 'Succeeded' || !active) return
      const cred = ctx.signIn.credential
      // The client the steps use (run/context.ts dataPlane), made by the first step that reads the data plane.
      const early: ActiveHsm = {
        uri,
        plane: () => (ctx.facts.dataPlane ??= new ManagedHsmDataPlane(cred, uri))
      }
      for (const then of onActive) quietly(() => then(early))
    })
    .catch(() => undefined)
}

/**
 * The SDK chunks the later reads need, loaded (read from disk, compiled) while sign-in and the ARM read are
 * in flight rather than after them, when they would hold back the data-plane wave.
 */
function warmUpSdk(config: Config): void {
  const { securityDomainStores, wrappingKeyStores } = config.activation
  const kinds = new Set([...securityDomainStores, ...wrappingKeyStores].map(t => t.kind))
  if (config.keyBackup) kinds.add(config.keyBackup.kind)
  if (config.steps.includes('key') || (config.steps.includes('des') && config.des))
    void keyVaultKeys().catch(() => undefined)
  if (kinds.has('key-vault-secret')) void keyVaultSecrets().catch(() => undefined)
  if (kinds.has('blob')) void storageBlob().catch(() => undefined)
}

/** A hook that cannot start its reads leaves them to its step, which reads (and reports) in its turn. */
function quietly<T>(hook: () => T): T | undefined {
  try {
    return hook()
  } catch {
    return undefined
  }
}
