/**
 * The Managed HSM data plane for what @azure/keyvault-admin would do (it cannot be installed here): the
 * security domain and local RBAC. Requests go over @azure/core-rest-pipeline (proxy, retries with
 * Retry-After, request ids) with keyVaultAuthenticationPolicy from @azure/keyvault-common answering the
 * HSM's 401 challenge, exactly as Microsoft's own Key Vault clients do. One instance per HSM host, since
 * the policy pins the challenged origin.
 */
import {
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  RestError,
  type HttpClient,
  type HttpMethods,
  type Pipeline
} from '@azure/core-rest-pipeline'
import type { TokenCredential } from '@azure/core-auth'
import { keyVaultAuthenticationPolicy } from '@azure/keyvault-common'
import { asAzureError, type Hint } from './call.js'

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
  private readonly client: HttpClient = createDefaultHttpClient()
  /** Origin without the trailing slash Azure puts on hsmUri. */
  readonly origin: string

  constructor(credential: TokenCredential, hsmUri: string) {
    this.origin = new URL(hsmUri).origin
    this.pipeline = createPipelineFromOptions({
      userAgentOptions: { userAgentPrefix: 'managed-hsm-skr-action' },
      retryOptions: { maxRetries: 4, retryDelayInMs: 1000, maxRetryDelayInMs: 30_000 }
    })
    this.pipeline.addPolicy(keyVaultAuthenticationPolicy(credential))
  }

  /**
   * Sends one request; statuses in `ok` come back, anything else becomes an AzureOperationError naming
   * `operation`. The body is parsed as JSON when it is JSON.
   */
  async send<T = unknown>(
    operation: string,
    method: HttpMethods,
    path: string,
    opts: { body?: unknown; ok?: number[]; hint?: Hint; query?: Record<string, string> } = {}
  ): Promise<DataResponse<T>> {
    const url = new URL(this.origin + path)
    url.searchParams.set('api-version', DATA_PLANE_API_VERSION)
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v)
    const request = createPipelineRequest({
      url: url.toString(),
      method,
      headers: createHttpHeaders({ accept: 'application/json' }),
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body)
    })
    if (opts.body !== undefined) request.headers.set('content-type', 'application/json')
    let response
    try {
      response = await this.pipeline.sendRequest(this.client, request)
    } catch (e) {
      throw asAzureError(SERVICE, operation, e, opts.hint)
    }
    const text = response.bodyAsText ?? ''
    let body: unknown = text
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      // not JSON (the challenge answers "OK"); keep the text
    }
    const headers = { get: (n: string) => response.headers.get(n) ?? undefined }
    if (!(opts.ok ?? [200]).includes(response.status)) {
      const err = new RestError(`${method} ${path} answered ${response.status}`, {
        statusCode: response.status,
        request,
        response
      })
      err.details = body
      throw asAzureError(SERVICE, operation, err, opts.hint)
    }
    return { status: response.status, body: body as T, headers }
  }
}
