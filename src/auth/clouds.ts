/** The sovereign clouds the action knows: where to sign in, where ARM is, and the Managed HSM DNS suffix. */
export interface CloudEndpoints {
  name: CloudName
  authorityHost: string
  resourceManager: string
  managedHsmSuffix: string
  keyVaultSuffix: string
  storageSuffix: string
  portal: string
  /** Microsoft Graph (the des step's look-up of the Confidential VM Orchestrator). */
  graph: string
}

export const CLOUD_NAMES = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const
export type CloudName = (typeof CLOUD_NAMES)[number]

// Values as the Azure CLI's `az cloud show` reports them for each cloud.
const CLOUDS: Record<CloudName, Omit<CloudEndpoints, 'name'>> = {
  AzureCloud: {
    authorityHost: 'https://login.microsoftonline.com',
    resourceManager: 'https://management.azure.com',
    managedHsmSuffix: 'managedhsm.azure.net',
    keyVaultSuffix: 'vault.azure.net',
    storageSuffix: 'core.windows.net',
    portal: 'https://portal.azure.com',
    graph: 'https://graph.microsoft.com'
  },
  AzureUSGovernment: {
    authorityHost: 'https://login.microsoftonline.us',
    resourceManager: 'https://management.usgovcloudapi.net',
    managedHsmSuffix: 'managedhsm.usgovcloudapi.net',
    keyVaultSuffix: 'vault.usgovcloudapi.net',
    storageSuffix: 'core.usgovcloudapi.net',
    portal: 'https://portal.azure.us',
    graph: 'https://graph.microsoft.us'
  },
  AzureChinaCloud: {
    authorityHost: 'https://login.chinacloudapi.cn',
    resourceManager: 'https://management.chinacloudapi.cn',
    managedHsmSuffix: 'managedhsm.azure.cn',
    keyVaultSuffix: 'vault.azure.cn',
    storageSuffix: 'core.chinacloudapi.cn',
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
