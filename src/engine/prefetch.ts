/**
 * The steps' reads, started as soon as their inputs are known instead of when each step's turn comes. Each
 * step declares its own (Step.prefetch): what needs only the inputs starts at once, beside the HSM's ARM read;
 * what needs the HSM's data plane starts for every step together, held until ARM shows the HSM active (in verify
 * sent at once: see expectedHsm). Here only
 * what they share: the SDK chunks, the HSM's read, the posture's reads and the data-plane client. The steps
 * then plan and apply in order as before and join these reads (run/reads.ts); a step that writes makes every
 * later step read again. Nothing here writes, logs or throws: a read that fails is reported by the step that
 * needs it, as its own read would have been.
 */
import type { TokenCredential } from '@azure/core-auth'
import type { WithDataPlaneAuth } from '../auth/data-plane-auth.js'
import type { ManagedHsmDataPlane } from '../azure/managed-hsm-data.js'
import type { ManagedHsmKeys } from '../azure/keys.js'
import { keyVaultKeys, keyVaultSecrets, storageBlob } from '../azure/sdk.js'
import { isSingleMode, MODE_TABLE, type Config } from '../config/index.js'
import { keysOf, planeOf, type RunContext } from '../run/context.js'
import { MODES } from '../modes/index.js'
import type { ActiveHsm } from '../run/step.js'
import { hsmActive, prefetchPosture, prefetchPostureEarly } from '../posture/index.js'
import type { ManagedHsm } from '../azure/managed-hsm-arm.js'
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

  // The data-plane reads, for an HSM shown active (each posture area knows whether it applies to it), once.
  let started = false
  const readDataPlane = (h: ManagedHsm): void => {
    prefetchPosture(ctx, h)
    const uri = h.properties?.hsmUri
    if (started || !uri || !hsmActive(h)) return
    started = true
    const early: ActiveHsm = {
      uri,
      plane: () => planeOf(ctx, h) as ManagedHsmDataPlane,
      keys: () => keysOf(ctx, h) as ManagedHsmKeys
    }
    for (const then of onActive) quietly(() => then(early))
  }
  const expected = expectedHsm(ctx)
  if (expected && MODE_TABLE[config.mode].proves) readDataPlane(expected)
  else if (expected && (ctx.signIn.credential as WithDataPlaneAuth).dataPlaneAuth) {
    // Any other mode holds the requests until ARM shows the HSM active (held, below). A credential without the
    // run's data-plane policies would send a first request without its token to learn the challenge: not held.
    const active = hsm.then(h => !!h && hsmActive(h))
    ctx.facts.hsmCredential = held(ctx.signIn.credential, active)
    // What these reads find counts only once ARM shows the HSM active; when it does not, none is handed out.
    ctx.reads.hold(active)
    readDataPlane(expected)
  }
  // Once ARM has answered: its own areas (network, regions, ...), and the data plane if not started yet; reads
  // already in flight are joined, not sent again (run/reads.ts).
  void hsm.then(h => h && readDataPlane(h)).catch(() => undefined)
}

/**
 * The HSM as the run expects it, active at the one URI ARM may name for it (managed-hsm-arm.ts refuses any
 * other, isHsmUri), so that the data-plane reads need only the inputs. verify expects an HSM that exists and is
 * active: its reads start beside ARM's read rather than a round trip after it, and one made for an HSM that is
 * not is only a request spent on a run that fails anyway. apply and plan may find no HSM, or one still to
 * activate: their reads start too, but each request waits at its token (held) until ARM shows the HSM active,
 * with its connection opened meanwhile (shared/connections.ts counts it from the front of its pipeline); none is
 * sent before. Either way ARM's answer decides: the steps and the posture read the HSM from ARM before they use a
 * data-plane read, and an HSM ARM does not show active gets no data-plane check. No tenant: the data-plane
 * clients ask for the sign-in tenant's token and follow a challenge for another (auth/data-plane-auth.ts).
 */
function expectedHsm(ctx: RunContext): ManagedHsm | undefined {
  const { config, cloud } = ctx
  if (!MODES[config.mode].dataPlane(config) || !/^[a-z0-9-]+$/i.test(config.hsmName)) return undefined
  return {
    properties: {
      hsmUri: `https://${config.hsmName.toLowerCase()}.${cloud.managedHsmSuffix}/`,
      provisioningState: 'Succeeded',
      securityDomainProperties: { activationStatus: 'Active' }
    }
  } as ManagedHsm
}

/** Why a held request was never sent (it fails quietly: the read is made again in its step's turn). */
class HsmNotShownActive extends Error {
  constructor() {
    super('not sent: ARM does not show the HSM active')
  }
}

/**
 * `credential`, except that a token asked for before `active` settles waits for it, and is refused when ARM does
 * not show the HSM active. A token asked for later is not held: the steps' own requests, after provisioning and
 * activation, pass as with the sign-in's credential.
 */
function held(
  credential: TokenCredential & WithDataPlaneAuth,
  active: Promise<boolean>
): TokenCredential & WithDataPlaneAuth {
  let answered = false
  const settled = active.then(
    ok => ((answered = true), ok),
    () => ((answered = true), false)
  )
  const holding: TokenCredential & WithDataPlaneAuth = {
    async getToken(scopes, options) {
      if (!answered && !(await settled)) throw new HsmNotShownActive()
      return credential.getToken(scopes, options)
    }
  }
  // The sign-in's data-plane policies (the token on the first request, no bodiless one to learn a challenge).
  holding.dataPlaneAuth = credential.dataPlaneAuth?.withCredential(holding)
  return holding
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
