/**
 * Keys on the Managed HSM data plane, through Microsoft's KeyClient (it answers the HSM's challenge
 * itself). Reads return undefined for "absent"; failures are AzureOperationErrors naming the operation.
 */
import { KeyClient, type KeyVaultKey } from '@azure/keyvault-keys'
import type { TokenCredential } from '@azure/core-auth'
import { azureCall, statusOf, type Hint } from './call.js'
import { DATA_PLANE_API_VERSION, SERVICE } from './managed-hsm-data.js'

export type { KeyVaultKey }

const KEY_HINT: Hint = (code, status) => {
  if (status === 403)
    return "the signed-in identity needs 'Managed HSM Crypto User' on /keys (the Administrator role cannot manage keys); the rbac step grants it"
  if (code === 'BadParameter') return undefined
  return undefined
}

export class ManagedHsmKeys {
  readonly client: KeyClient

  constructor(credential: TokenCredential, hsmUri: string) {
    this.client = new KeyClient(new URL(hsmUri).origin, credential, {
      serviceVersion: DATA_PLANE_API_VERSION,
      userAgentOptions: { userAgentPrefix: 'managed-hsm-skr-action' }
    })
  }

  async get(name: string): Promise<KeyVaultKey | undefined> {
    try {
      return await azureCall(SERVICE, `read key '${name}'`, () => this.client.getKey(name), KEY_HINT)
    } catch (e) {
      if (statusOf(e) === 404) return undefined
      throw e
    }
  }

  call<T>(operation: string, fn: (client: KeyClient) => Promise<T>, hint: Hint = KEY_HINT): Promise<T> {
    return azureCall(SERVICE, operation, () => fn(this.client), hint)
  }
}
