/**
 * The Managed HSM data plane for what @azure/keyvault-admin would do (it cannot be installed here): the
 * security domain and local RBAC. Requests go over @azure/core-rest-pipeline (proxy, retries with
 * Retry-After, request ids) with the run's authentication policy for the HSM host (data-plane-auth.ts:
 * the token goes on the first request; keyVaultAuthenticationPolicy from @azure/keyvault-common answers
 * any 401 challenge, as in Microsoft's own Key Vault clients). One instance per HSM host.
 */
import { type HttpClient, type HttpMethods, type Pipeline } from '@azure/core-rest-pipeline'
import type { TokenCredential } from '@azure/core-auth'
import { dataPlanePolicy } from '../auth/data-plane-auth.js'
import { jsonPipeline, sendJson, type SendOptions } from './rest.js'
import { sharedHttpClient } from '../shared/connections.js'

/** The data-plane api-version recorded against the live service for security domain, RBAC and keys. */
export const DATA_PLANE_API_VERSION = '7.5'
export const SERVICE = 'Managed HSM'

export interface DataResponse<T> {
  status: number
  body: T
  headers: { get(name: string): string | undefined }
}

export class ManagedHsmDataPlane {
  private readonly pipeline: Pipeline
  private readonly client: HttpClient = sharedHttpClient()
  /** Origin without the trailing slash Azure puts on hsmUri. */
  readonly origin: string

  /** `tenantId`: the HSM's tenant as ARM reports it. */
  constructor(credential: TokenCredential, hsmUri: string, tenantId?: string) {
    this.origin = new URL(hsmUri).origin
    this.pipeline = jsonPipeline(dataPlanePolicy(credential, hsmUri, tenantId), this.origin)
  }

  /**
   * Sends one request; statuses in `ok` come back, anything else becomes an AzureOperationError naming
   * `operation`. The body is parsed as JSON when it is JSON.
   */
  async send<T = unknown>(
    operation: string,
    method: HttpMethods,
    path: string,
    opts: SendOptions = {}
  ): Promise<DataResponse<T>> {
    const url = new URL(this.origin + path)
    url.searchParams.set('api-version', DATA_PLANE_API_VERSION)
    const label = `${method} ${path}`
    const r = await sendJson<T>(
      this.pipeline,
      this.client,
      { service: SERVICE, operation, method, url, label, keepText: true },
      opts
    )
    return r as DataResponse<T>
  }
}
