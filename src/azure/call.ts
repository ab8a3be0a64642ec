/**
 * One place that turns a failed SDK call into an AzureOperationError naming the service, the operation,
 * Azure's status, code and request id, so no caller has to dig through RestError shapes.
 */
import { isRestError } from '@azure/core-rest-pipeline'
import { AzureOperationError, errorMessage } from '../errors.js'

export type Hint = string | ((code: string | undefined, status: number | undefined) => string | undefined)

export async function azureCall<T>(
  service: string,
  operation: string,
  fn: () => Promise<T>,
  hint?: Hint
): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    throw asAzureError(service, operation, e, hint)
  }
}

export function asAzureError(service: string, operation: string, e: unknown, hint?: Hint): Error {
  if (e instanceof AzureOperationError) return e
  if (isRestError(e)) {
    const body = errorBody(e.details) ?? errorBody(safeJson(e.response?.bodyAsText ?? undefined))
    const code = body?.code ?? e.code
    const status = e.statusCode
    const requestId =
      e.response?.headers.get('x-ms-request-id') ??
      e.request?.headers.get('x-ms-client-request-id') ??
      undefined
    const message = body?.message ?? e.message
    return new AzureOperationError(
      {
        service,
        operation,
        status,
        code: code === 'REQUEST_SEND_ERROR' ? undefined : code,
        requestId,
        hint: resolveHint(hint, code, status) ?? defaultHint(status)
      },
      message
    )
  }
  return new AzureOperationError(
    { service, operation, hint: resolveHint(hint, undefined, undefined) },
    errorMessage(e)
  )
}

/** Status of a failed call, when the failure came from a response. */
export function statusOf(e: unknown): number | undefined {
  if (e instanceof AzureOperationError) return e.details.status
  return isRestError(e) ? e.statusCode : undefined
}

function resolveHint(
  hint: Hint | undefined,
  code: string | undefined,
  status: number | undefined
): string | undefined {
  return typeof hint === 'function' ? hint(code, status) : hint
}

function defaultHint(status: number | undefined): string | undefined {
  if (status === 401)
    return 'the access token was refused; check tenant-id and that the app registration exists in it'
  if (status === 403)
    return 'the signed-in identity lacks permission for this operation; grant the role named in the message and rerun'
  if (status === 429 || (status !== undefined && status >= 500))
    return 'Azure kept failing after retries; rerun the job later (every step is safe to rerun)'
  return undefined
}

function errorBody(v: unknown): { code?: string; message?: string } | undefined {
  if (!v || typeof v !== 'object') return undefined
  const o = v as Record<string, unknown>
  const inner = (o.error && typeof o.error === 'object' ? o.error : o) as Record<string, unknown>
  const code = typeof inner.code === 'string' ? inner.code : undefined
  const message = typeof inner.message === 'string' ? inner.message : undefined
  return code || message ? { code, message } : undefined
}

function safeJson(text: string | undefined): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
