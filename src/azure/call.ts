// azure/: thin clients for the Azure APIs the action calls, with their errors and long-operation waits.
/**
 * One place that turns a failed SDK call into an AzureOperationError naming the service, the operation,
 * Azure's status, code and request id, so no caller has to dig through RestError shapes.
 */
import { isRestError, RestError, type PipelinePolicy, type PipelineResponse } from '@azure/core-rest-pipeline'
import { AzureOperationError, errorMessage, isTransientStatus, serviceText } from '../shared/errors.js'
import { ForeignOriginError } from './origin.js'

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
  if (e instanceof ForeignOriginError)
    return new AzureOperationError(
      {
        service,
        operation,
        code: 'ForeignOrigin',
        hint:
          `${service} answered with a URL on another origin, which Azure never does: check what stands between ` +
          'the runner and Azure (HTTPS_PROXY, a TLS-inspecting proxy) before you rerun'
      },
      serviceText(e.message)
    )
  if (isRestError(e) && (e.statusCode === undefined || (e.response && notFromService(e.response))))
    return unreachableError(service, operation, e, hint)
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
        hint:
          // A network refusal first: the caller's own hint for a 403 would name a missing role.
          networkHint(service, body?.inner) ??
          resolveHint(hint, code, status) ??
          (code === 'AuthorizationFailed' ? authorizationHint(message) : undefined) ??
          defaultHint(service, status)
      },
      serviceText(message)
    )
  }
  return new AzureOperationError(
    { service, operation, hint: resolveHint(hint, undefined, undefined) },
    serviceText(errorMessage(e))
  )
}

/**
 * No answer from the service: what failed on the way, and no request id, since Azure saw nothing (the SDK's
 * client request id would send a support case looking for a request that never arrived).
 */
function unreachableError(
  service: string,
  operation: string,
  e: RestError,
  hint?: Hint
): AzureOperationError {
  const host = hostOf(e.request?.url)
  const message =
    e.statusCode === undefined
      ? e.message || 'no answer'
      : `${host} did not answer: ${viaProxy() ? 'the HTTPS proxy' : 'something on the way'} answered ` +
        `${e.statusCode} with an empty body, as a proxy does for a host it cannot reach`
  // "getaddrinfo ENOTFOUND host" names its code; "socket hang up" (ECONNRESET) does not.
  const code = e.code && e.code !== 'REQUEST_SEND_ERROR' && !message.includes(e.code) ? e.code : undefined
  return new AzureOperationError(
    {
      service,
      operation,
      code,
      unreachable: true,
      hint:
        resolveHint(hint, undefined, undefined) ??
        `check the URL and that the runner can reach ${host} (DNS name, firewall, HTTPS_PROXY); ` +
          `if ${service} was down, rerun the job later`
    },
    serviceText(message)
  )
}

/**
 * An error answer with no body and no Azure request id comes from something on the way, not from the
 * service: proxies answer 502/503/504 so for a host that does not resolve or refuses connections.
 */
function notFromService(r: PipelineResponse): boolean {
  return r.status >= 500 && bare(r)
}

/** No body and no Azure request id: not an answer an Azure service writes. */
function bare(r: PipelineResponse): boolean {
  return !r.bodyAsText?.trim() && !r.headers.get('x-ms-request-id')
}

/**
 * Key Vault's SDK reads every error answer as Key Vault JSON and throws a TypeError ("Cannot read properties
 * of undefined (reading 'error')") on one without a body, such as a proxy's 502 for an unknown vault. This
 * policy (perCall: after the SDK's retries) raises such answers as a RestError the SDK passes through.
 */
export const emptyErrorAnswerPolicy: PipelinePolicy = {
  name: 'emptyErrorAnswerPolicy',
  async sendRequest(request, next) {
    const response = await next(request)
    if (response.status >= 400 && bare(response))
      throw new RestError(`${request.method} answered ${response.status} with an empty body`, {
        statusCode: response.status,
        request,
        response
      })
    return response
  }
}

function hostOf(url: string | undefined): string {
  try {
    return new URL(url ?? '').host || 'the service'
  } catch {
    return 'the service'
  }
}

function viaProxy(): boolean {
  return !!(process.env.HTTPS_PROXY || process.env.https_proxy)
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

/**
 * ARM's AuthorizationFailed names the action and the scope it refused: the hint repeats the action (read from
 * Azure's words only when it has an action's shape) and names the role of docs/setup.md that holds it.
 */
export function authorizationHint(message: string): string | undefined {
  const m = /perform action '([A-Za-z0-9._/-]{1,200})' over scope '(\/[A-Za-z0-9._/-]{0,400})'/.exec(message)
  if (!m) return undefined
  const [, action, scope] = m
  const subscription = /^\/subscriptions\/[0-9a-fA-F-]{36}(\/providers\/[^/]+(\/.*)?)?$/.test(scope)
  return subscription
    ? `the workflow's identity may not perform ${action} at subscription scope: create and assign the custom role ` +
        `"Managed HSM SKR subscription operator" of docs/setup.md (setup script, step 4: the subscription-scope ` +
        `actions the action needs) at /subscriptions/SUBSCRIPTION-ID, then rerun (a new assignment can take a few minutes to apply)`
    : `the workflow's identity may not perform ${action} at ${scope}: assign the role docs/setup.md gives for ` +
        `that scope ("Permissions by mode"), then rerun (a new assignment can take a few minutes to apply)`
}

function defaultHint(service: string, status: number | undefined): string | undefined {
  if (status === 401)
    return 'the access token was refused; check tenant-id and that the app registration exists in it'
  if (status === 403)
    return 'the signed-in identity lacks permission for this operation; grant the role named in the message and rerun'
  if (status !== undefined && isTransientStatus(status))
    return `${service} kept failing after retries; rerun the job later (every step is safe to rerun)`
  return undefined
}

function errorBody(v: unknown): { code?: string; message?: string; inner?: string } | undefined {
  if (!v || typeof v !== 'object') return undefined
  const o = v as Record<string, unknown>
  const inner = (o.error && typeof o.error === 'object' ? o.error : o) as Record<string, unknown>
  const code = typeof inner.code === 'string' ? inner.code : undefined
  const message = typeof inner.message === 'string' ? inner.message : undefined
  const nested = inner.innererror as Record<string, unknown> | undefined
  const innerCode = nested && typeof nested.code === 'string' ? nested.code : undefined
  return code || message ? { code, message, inner: innerCode } : undefined
}

/** A data plane's network rules refused the runner (Key Vault's and Managed HSM's inner codes): what to do. */
function networkHint(service: string, inner: string | undefined): string | undefined {
  const hsm = service === 'Managed HSM'
  if (inner === 'ForbiddenByFirewall')
    return hsm
      ? "the HSM's firewall refuses the runner's address: add it to allowed-ips, set jit-runner-access: 'true' (apply), or run from a network with a private path (docs/network.md)"
      : `the firewall of the ${service} resource refuses the runner's address (named above): allow it in that resource's network rules, or run from a network that reaches it privately`
  if (inner === 'ForbiddenByConnection')
    return `public network access of the ${hsm ? 'HSM' : `${service} resource`} is Disabled: run from a network with a private path to it${hsm ? ' (docs/network.md)' : ''}`
  return undefined
}

function safeJson(text: string | undefined): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The value fn reads, or undefined when Azure answers 404 (not there); any other failure is thrown. */
export async function absentOn404<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn()
  } catch (e) {
    if (statusOf(e) === 404) return undefined
    throw e
  }
}
