/**
 * A JSON call over @azure/core-rest-pipeline with a bearer token for one audience, for the Azure APIs this
 * action has no SDK for here (Microsoft.Compute disk encryption sets, Microsoft Graph). Statuses outside `ok`
 * become an AzureOperationError naming the operation, as every other Azure call in the action does.
 */
import type { TokenCredential } from '@azure/core-auth'
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  RestError,
  type HttpClient,
  type HttpMethods,
  type Pipeline
} from '@azure/core-rest-pipeline'
import { asAzureError, type Hint } from './call.js'

export interface JsonResponse<T> {
  status: number
  body: T | undefined
  headers: { get(name: string): string | undefined }
}

export class JsonApi {
  private readonly pipeline: Pipeline
  private readonly client: HttpClient = createDefaultHttpClient()

  constructor(
    credential: TokenCredential,
    /** Origin without a trailing slash, e.g. https://management.azure.com */
    readonly endpoint: string,
    private readonly service: string
  ) {
    this.pipeline = createPipelineFromOptions({
      userAgentOptions: { userAgentPrefix: 'managed-hsm-skr-action' },
      retryOptions: { maxRetries: 4, retryDelayInMs: 1000, maxRetryDelayInMs: 30_000 }
    })
    this.pipeline.addPolicy(
      bearerTokenAuthenticationPolicy({ credential, scopes: `${endpoint.replace(/\/+$/, '')}/.default` })
    )
  }

  async send<T = unknown>(
    operation: string,
    method: HttpMethods,
    path: string,
    opts: { body?: unknown; ok?: number[]; hint?: Hint; query?: Record<string, string> } = {}
  ): Promise<JsonResponse<T>> {
    const url = new URL(this.endpoint.replace(/\/+$/, '') + path)
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
      throw asAzureError(this.service, operation, e, opts.hint)
    }
    const text = response.bodyAsText ?? ''
    let body: unknown
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      body = undefined
    }
    if (!(opts.ok ?? [200]).includes(response.status)) {
      const err = new RestError(`${method} answered ${response.status}`, {
        statusCode: response.status,
        request,
        response
      })
      err.details = body
      throw asAzureError(this.service, operation, err, opts.hint)
    }
    return {
      status: response.status,
      body: body as T | undefined,
      headers: { get: (n: string) => response.headers.get(n) ?? undefined }
    }
  }
}
