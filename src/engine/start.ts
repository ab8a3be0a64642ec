/**
 * A run's start: sign in, build the run context, and start every read the inputs already name (the tokens,
 * then the steps' reads) so the steps find them in flight.
 */
import { cloudEndpoints } from '../auth/clouds.js'
import { signIn } from '../auth/credential.js'
import { ManagedHsmArm } from '../azure/managed-hsm-arm.js'
import { isSingleMode, type Config } from '../config/index.js'
import type { RunContext } from '../run/context.js'
import { Reads } from '../run/reads.js'
import { MODES } from '../modes/index.js'
import { preconnect } from '../shared/connections.js'
import { prefetchReads } from './prefetch.js'
import { hostsFor, needsOf, resourcesFor } from './needs.js'

/** `idToken`: the GitHub ID token main.ts asked for early, if it did. */
export async function start(config: Config, idToken?: Promise<string>): Promise<RunContext> {
  const cloud = cloudEndpoints(config.cloud)
  const needs = needsOf(config, cloud, MODES[config.mode].dataPlane(config))
  // The connections the run will need, opened while the GitHub and Entra tokens are fetched (each request before
  // them needs one of those), so the first request to each host finds its connection ready.
  preconnect(hostsFor(needs, config, cloud))
  const auth = signIn({
    tenantId: config.tenantId,
    clientId: config.clientId,
    audience: config.audience,
    cloud,
    idToken
  })
  const ctx: RunContext = {
    config,
    cloud,
    signIn: auth,
    arm: new ManagedHsmArm(
      auth.credential,
      config.subscriptionId,
      cloud.resourceManager,
      cloud.managedHsmSuffix
    ),
    deadline: Date.now() + config.timeoutMinutes * 60_000,
    facts: {},
    // The single-purpose modes write between their reads: they read as they go.
    reads: new Reads(!isSingleMode(config.mode))
  }
  // Sign in for every service the run will call at once, rather than one after another as each is
  // first reached; a failure here is left to the first real call, which explains it in context.
  const signedIn = auth.prefetch(resourcesFor(needs, cloud)).catch(() => undefined)
  // The steps' reads start as soon as their inputs are known; the steps still plan and apply in order.
  prefetchReads(ctx)
  await signedIn
  return ctx
}
