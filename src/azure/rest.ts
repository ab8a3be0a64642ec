/**
 * A JSON call over @azure/core-rest-pipeline with a bearer token for one audience, for the Azure APIs this
 * action has no SDK for here (Microsoft.Compute disk encryption sets, Microsoft Graph). Statuses outside `ok`
 * become an AzureOperationError naming the operation, as every other Azure call in the action does.
 */
import type { TokenCredential } from '@azure/core-auth'
import {
  bearerTokenAuthenticationPolicy,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  RestError,
  type HttpClient,
  type HttpMethods,
  type Pipeline,
  type PipelinePolicy
} from '@azure/core-rest-pipeline'
import { asAzureError, type Hint } from './call.js'
import { keepToOrigin } from './origin.js'
import { preconnectFirst, sharedHttpClient, USER_AGENT } from '../shared/connections.js'

export interface JsonResponse<T> {
  status: number
  body: T | undefined
  headers: { get(name: string): string | undefined }
}

export interface SendOptions {
  body?: unknown
  ok?: number[]
  hint?: Hint
  query?: Record<string, string>
  /** Ends the request (and its retries) when it fires: a bounded probe. */
  abortSignal?: AbortSignal
}

/**
 * The pipeline every hand-written Azure client uses: the SDK's retry policy (it reads Retry-After), our user
 * agent, the authentication policy, and nothing sent (nor its token) to any origin but `origin`.
 */
export function jsonPipeline(auth: PipelinePolicy, origin: string): Pipeline {
  const pipeline = createPipelineFromOptions({
    userAgentOptions: USER_AGENT,
    retryOptions: { maxRetries: 4, retryDelayInMs: 1000, maxRetryDelayInMs: 30_000 }
  })
  pipeline.addPolicy(auth)
  preconnectFirst(pipeline)
  keepToOrigin(pipeline, origin)
  return pipeline
}

/**
 * Sends one JSON request; statuses in `ok` come back, anything else becomes an AzureOperationError naming
 * `operation`. A body that is not JSON is kept as text when `keepText` (the data plane's challenge answers
 * "OK"), else read as no body. `label` starts the status error's message.
 */
export async function sendJson<T>(
  pipeline: Pipeline,
  client: HttpClient,
  call: {
    service: string
    operation: string
    method: HttpMethods
    url: URL
    label: string
    keepText: boolean
  },
  opts: SendOptions
): Promise<JsonResponse<T>> {
  const { service, operation, method } = call
  for (const [k, v] of Object.entries(opts.query ?? {})) call.url.searchParams.set(k, v)
  const request = createPipelineRequest({
    url: call.url.toString(),
    method,
    headers: createHttpHeaders({ accept: 'application/json' }),
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    abortSignal: opts.abortSignal
  })
  if (opts.body !== undefined) request.headers.set('content-type', 'application/json')
  let response
  try {
    response = await pipeline.sendRequest(client, request)
  } catch (e) {
    throw asAzureError(service, operation, e, opts.hint)
  }
  const text = response.bodyAsText ?? ''
  let body: unknown = call.keepText ? text : undefined
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    // not JSON: kept as text or dropped, as the caller chose
  }
  if (!(opts.ok ?? [200]).includes(response.status)) {
    const err = new RestError(`${call.label} answered ${response.status}`, {
      statusCode: response.status,
      request,
      response
    })
    err.details = body
    throw asAzureError(service, operation, err, opts.hint)
  }
  return {
    status: response.status,
    body: body as T | undefined,
    headers: { get: (n: string) => response.headers.get(n) ?? undefined }
  }
}

export class JsonApi {
  private readonly pipeline: Pipeline
  private readonly client: HttpClient = sharedHttpClient()

  constructor(
    credential: TokenCredential,
    /** Origin without a trailing slash, e.g. https://management.azure.com */
    readonly endpoint: string,
    private readonly service: string
  ) {
    this.pipeline = jsonPipeline(
      bearerTokenAuthenticationPolicy({ credential, scopes: `${endpoint.replace(/\/+$/, '')}/.default` }),
      endpoint
    )
  }

  async send<T = unknown>(
    operation: string,
    method: HttpMethods,
    path: string,
    opts: SendOptions = {}
  ): Promise<JsonResponse<T>> {
    const url = new URL(this.endpoint.replace(/\/+$/, '') + path)
    return sendJson<T>(
      this.pipeline,
      this.client,
      { service: this.service, operation, method, url, label: method, keepText: false },
      opts
    )
  }
}
