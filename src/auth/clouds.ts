// auth/: signing in: the clouds' endpoints, the GitHub ID token and its exchange for Azure tokens.
/** The sovereign clouds the action knows: where to sign in, where ARM is, and the Managed HSM DNS suffix. */
export interface CloudEndpoints {
  name: CloudName
  authorityHost: string
  resourceManager: string
  managedHsmSuffix: string
  keyVaultSuffix: string
  storageSuffix: string
  /** DNS suffix of the cloud's Azure Attestation providers (https://NAME.REGION.{suffix}). */
  attestationSuffix: string
  portal: string
  /** Microsoft Graph (the des step's look-up of the Confidential VM Orchestrator). */
  graph: string
}

export const CLOUD_NAMES = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const
export type CloudName = (typeof CLOUD_NAMES)[number]

// Values as the Azure CLI's `az cloud show` reports them for each cloud. The CLI has no attestation suffix:
// AzureCloud's is the documented one (MAA providers and samples); AzureUSGovernment's `attest.azure.us` is what
// Microsoft's guest-attestation SDK maps the usgov regions to (sharedugv.ugv.attest.azure.us); AzureChinaCloud's
// `attest.azure.cn` is NOT confirmed (Az PowerShell lists no attestation suffix for that cloud): the pattern of
// the other China endpoints. A wrong suffix here can only refuse an authority, never admit a foreign host.
const CLOUDS: Record<CloudName, Omit<CloudEndpoints, 'name'>> = {
  AzureCloud: {
    authorityHost: 'https://login.microsoftonline.com',
    resourceManager: 'https://management.azure.com',
    managedHsmSuffix: 'managedhsm.azure.net',
    keyVaultSuffix: 'vault.azure.net',
    storageSuffix: 'core.windows.net',
    attestationSuffix: 'attest.azure.net',
    portal: 'https://portal.azure.com',
    graph: 'https://graph.microsoft.com'
  },
  AzureUSGovernment: {
    authorityHost: 'https://login.microsoftonline.us',
    resourceManager: 'https://management.usgovcloudapi.net',
    managedHsmSuffix: 'managedhsm.usgovcloudapi.net',
    keyVaultSuffix: 'vault.usgovcloudapi.net',
    storageSuffix: 'core.usgovcloudapi.net',
    attestationSuffix: 'attest.azure.us',
    portal: 'https://portal.azure.us',
    graph: 'https://graph.microsoft.us'
  },
  AzureChinaCloud: {
    authorityHost: 'https://login.chinacloudapi.cn',
    resourceManager: 'https://management.chinacloudapi.cn',
    managedHsmSuffix: 'managedhsm.azure.cn',
    keyVaultSuffix: 'vault.azure.cn',
    storageSuffix: 'core.chinacloudapi.cn',
    attestationSuffix: 'attest.azure.cn',
    portal: 'https://portal.azure.cn',
    graph: 'https://microsoftgraph.chinacloudapi.cn'
  }
}

export function cloudEndpoints(name: CloudName): CloudEndpoints {
  return { name, ...CLOUDS[name] }
}

/** The scope a token for this resource is requested with. */
export function scopeFor(resource: string): string {
  return `${resource.replace(/\/+$/, '')}/.default`
}

/** The cloud's Azure Attestation domain, as the release-policy rules take it. */
export function attestationDomain(name: CloudName): { cloud: CloudName; suffix: string } {
  return { cloud: name, suffix: CLOUDS[name].attestationSuffix }
}
