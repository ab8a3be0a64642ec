/**
 * A run's start: sign in, build the run context, and start every read the inputs already name (the tokens,
 * then the steps' reads) so the steps find them in flight.
 */
import { cloudEndpoints, type CloudEndpoints } from '../auth/clouds.js'
import { signIn } from '../auth/credential.js'
import { ManagedHsmArm } from '../azure/managed-hsm-arm.js'
import { CVM_ENCRYPTION_TYPE, isSingleMode, MODE_TABLE, type Config } from '../config/index.js'
import type { RunContext } from '../run/context.js'
import { Reads } from '../run/reads.js'
import { MODES } from '../modes/index.js'
import { prefetchReads } from './prefetch.js'

export async function start(config: Config): Promise<RunContext> {
  const cloud = cloudEndpoints(config.cloud)
  const auth = signIn({
    tenantId: config.tenantId,
    clientId: config.clientId,
    audience: config.audience,
    cloud
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
  const signedIn = auth.prefetch(resourcesFor(config, cloud)).catch(() => undefined)
  // The steps' reads start as soon as their inputs are known; the steps still plan and apply in order.
  prefetchReads(ctx)
  await signedIn
  return ctx
}

/** The token audiences this run will need, from its inputs. */
function resourcesFor(config: Config, cloud: CloudEndpoints): string[] {
  const resources = [cloud.resourceManager]
  const traits = MODE_TABLE[config.mode]
  if (MODES[config.mode].dataPlane(config)) resources.push(`https://${cloud.managedHsmSuffix}`)
  const targets = [
    ...config.activation.securityDomainStores,
    ...config.activation.wrappingKeyStores,
    ...(config.keyBackup ? [config.keyBackup] : [])
  ]
  if (traits.usesStores && targets.some(t => t.kind === 'key-vault-secret'))
    resources.push(`https://${cloud.keyVaultSuffix}`)
  if (traits.usesStores && targets.some(t => t.kind === 'blob')) resources.push('https://storage.azure.com')
  const des = config.des
  if (
    config.steps.includes('des') &&
    des?.encryptionType === CVM_ENCRYPTION_TYPE &&
    !des.orchestratorObjectId
  )
    resources.push(cloud.graph)
  return resources
}
