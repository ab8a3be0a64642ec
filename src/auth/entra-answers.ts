/**
 * What Entra answered to the last failed token request, per scope. MSAL keeps the HTTP status to itself
 * and @azure/identity passes on only MSAL's message, so without this an outage (503) reads like any other
 * sign-in failure and carries no request id. A pipeline policy on the credential's own HTTP client sees
 * the final answer (after the client's retries) and keeps what an error report needs.
 */
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline'

export interface EntraFailure {
  status: number
  /** OAuth error, e.g. `invalid_client` or `temporarily_unavailable`. */
  error?: string
  /** x-ms-request-id, or the body's trace_id (Entra sends the same value in both). */
  requestId?: string
}

export interface EntraAnswers {
  policy: PipelinePolicy
  /** The failure Entra answered to the last token request for these scopes, if that request failed. */
  failureFor(scopes: string | string[]): EntraFailure | undefined
}

export function recordEntraAnswers(): EntraAnswers {
  const failures = new Map<string, EntraFailure>()
  const policy: PipelinePolicy = {
    name: 'recordEntraAnswers',
    async sendRequest(request, next) {
      const scopes = scopesOf(request)
      // A request in flight makes the previous answer stale, whatever comes back (or if nothing does).
      for (const s of scopes) failures.delete(s)
      const response = await next(request)
      if (response.status >= 400) {
        const failure = failureOf(response)
        for (const s of scopes) failures.set(s, failure)
      }
      return response
    }
  }
  return { policy, failureFor: scopes => failures.get([scopes].flat()[0] ?? '') }
}

/** The scopes of a token request (a form-encoded POST); none for metadata and discovery requests. */
function scopesOf(request: PipelineRequest): string[] {
  if (request.method !== 'POST' || typeof request.body !== 'string') return []
  return (new URLSearchParams(request.body).get('scope') ?? '').split(' ').filter(Boolean)
}

export function failureOf(
  response: Pick<PipelineResponse, 'status' | 'headers' | 'bodyAsText'>
): EntraFailure {
  let body: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(response.bodyAsText ?? '')
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>
  } catch {
    // Not JSON (a gateway's HTML page): the status and headers still say enough.
  }
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined)
  return {
    status: response.status,
    error: text(body.error),
    requestId: response.headers.get('x-ms-request-id') ?? text(body.trace_id) ?? text(body.correlation_id)
  }
}
