/**
 * A run's start: sign in, build the run context, and start every read the inputs already name (the tokens,
 * then the steps' reads) so the steps find them in flight.
 */
import { cloudEndpoints, type CloudEndpoints } from '../auth/clouds.js'
import { signIn } from '../auth/credential.js'
import { ManagedHsmArm } from '../azure/managed-hsm-arm.js'
import { isSingleMode, MODE_TABLE, type Config } from '../config/index.js'
import { expectsOrchestrator } from '../run/disk-encryption-sets.js'
import type { RunContext } from '../run/context.js'
import { Reads } from '../run/reads.js'
import { MODES } from '../modes/index.js'
import { preconnect } from '../shared/connections.js'
import { prefetchReads } from './prefetch.js'

export async function start(config: Config): Promise<RunContext> {
  const cloud = cloudEndpoints(config.cloud)
  const needs = needsOf(config, cloud)
  // The connections the run will need, opened while the GitHub and Entra tokens are fetched (each request before
  // them needs one of those), so the first request to each host finds its connection ready.
  preconnect(hostsFor(needs, config, cloud))
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
  const signedIn = auth.prefetch(resourcesFor(needs, cloud)).catch(() => undefined)
  // The steps' reads start as soon as their inputs are known; the steps still plan and apply in order.
  prefetchReads(ctx)
  await signedIn
  return ctx
}

/** The services this run will call, from its inputs alone. */
interface Needs {
  /** The HSM's data plane, by the name the inputs give it. */
  hsmHost?: string
  /** The Key Vaults (secret stores) it reads or writes. */
  vaults: string[]
  blob: boolean
  graph: boolean
}

function needsOf(config: Config, cloud: CloudEndpoints): Needs {
  const traits = MODE_TABLE[config.mode]
  const targets = traits.usesStores
    ? [
        ...config.activation.securityDomainStores,
        ...config.activation.wrappingKeyStores,
        ...(config.keyBackup ? [config.keyBackup] : [])
      ]
    : []
  return {
    // A name pattern (teardown's `PREFIX*`) names no host.
    hsmHost:
      MODES[config.mode].dataPlane(config) && /^[a-z0-9-]+$/i.test(config.hsmName)
        ? `${config.hsmName}.${cloud.managedHsmSuffix}`
        : undefined,
    vaults: [...new Set(targets.filter(t => t.kind === 'key-vault-secret').map(t => t.serviceUrl))],
    blob: targets.some(t => t.kind === 'blob'),
    graph: expectsOrchestrator(config)
  }
}

/** The token audiences this run will need. */
function resourcesFor(needs: Needs, cloud: CloudEndpoints): string[] {
  return [
    cloud.resourceManager,
    ...(needs.hsmHost ? [`https://${cloud.managedHsmSuffix}`] : []),
    ...(needs.vaults.length ? [`https://${cloud.keyVaultSuffix}`] : []),
    ...(needs.blob ? ['https://storage.azure.com'] : []),
    ...(needs.graph ? [cloud.graph] : [])
  ]
}

/**
 * The hosts to pre-connect: Entra's (one connection per token, as the sign-in asks for them all at once), ARM, the
 * HSM, Graph when its token is asked for, and the escrow stores the run reads back at its start, one connection per
 * copy (they are read at once): the security domain's wherever the activate step runs, the wrapping keys' only in
 * verify (a converged apply never reaches them, and an unused connection is one too many).
 */
function hostsFor(
  needs: Needs,
  config: Config,
  cloud: CloudEndpoints
): Array<{ url: string; count?: number }> {
  return [
    { url: cloud.authorityHost, count: resourcesFor(needs, cloud).length },
    { url: cloud.resourceManager },
    ...(needs.hsmHost ? [{ url: `https://${needs.hsmHost}` }] : []),
    ...storeHosts(config),
    ...(needs.graph ? [{ url: cloud.graph }] : [])
  ]
}

function storeHosts(config: Config): Array<{ url: string; count: number }> {
  const { securityDomainStores, wrappingKeyStores } = config.activation
  if (!MODE_TABLE[config.mode].usesStores || !config.steps.includes('activate')) return []
  const read = [...securityDomainStores, ...(MODE_TABLE[config.mode].proves ? wrappingKeyStores : [])]
  const count = new Map<string, number>()
  for (const t of read) count.set(t.serviceUrl, (count.get(t.serviceUrl) ?? 0) + 1)
  return [...count].map(([url, n]) => ({ url, count: n }))
}
