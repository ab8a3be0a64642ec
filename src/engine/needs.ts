/**
 * What a run will reach, from its inputs alone: the token audiences the sign-in asks for at once and the hosts
 * whose connections are opened ahead. Light on purpose: main.ts uses it before the run's modules load.
 */
import type { CloudEndpoints } from '../auth/clouds.js'
import { expectsOrchestrator, MODE_TABLE, type Config } from '../config/index.js'

/** The services this run will call, from its inputs alone. */
export interface Needs {
  /** The HSM's data plane, by the name the inputs give it. */
  hsmHost?: string
  /** The Key Vaults (secret stores) it reads or writes. */
  vaults: string[]
  blob: boolean
  graph: boolean
}

/** `dataPlane`: whether the mode reaches the HSM's data plane (RunMode.dataPlane). */
export function needsOf(config: Config, cloud: CloudEndpoints, dataPlane: boolean): Needs {
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
      dataPlane && /^[a-z0-9-]+$/i.test(config.hsmName)
        ? `${config.hsmName}.${cloud.managedHsmSuffix}`
        : undefined,
    vaults: [...new Set(targets.filter(t => t.kind === 'key-vault-secret').map(t => t.serviceUrl))],
    blob: targets.some(t => t.kind === 'blob'),
    graph: expectsOrchestrator(config)
  }
}

/** The token audiences this run will need. */
export function resourcesFor(needs: Needs, cloud: CloudEndpoints): string[] {
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
export function hostsFor(
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
