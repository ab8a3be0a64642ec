/**
 * Entra's answers in general: its response headers, its OAuth error body (AADSTS code, trace and
 * correlation ids, timestamp), the outage errors, and which tenants this emulator knows.
 */
import { randomUUID } from 'node:crypto'
import type { Exchange } from '../../core/context.js'
import { headerValue, sendJson } from '../../core/http.js'
import { DEFAULT_IDS } from '../../core/state.js'

export const LOGIN_HOST = 'login.microsoftonline.com'
export const AUTHORITY = `https://${LOGIN_HOST}`

export function entraHeaders(ex: Exchange, traceId: string): Record<string, string> {
  const headers: Record<string, string> = {
    'cache-control': 'no-store, no-cache',
    pragma: 'no-cache',
    expires: '-1',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    p3p: 'CP="DSP CUR OTPi IND OTRi ONL FIN"',
    'x-ms-request-id': traceId,
    'x-ms-ests-server': '2.1.20118.4 - WEULR1 ProdSlices'
  }
  const clientRequestId =
    headerValue(ex.req, 'client-request-id') ?? ex.url.searchParams.get('client-request-id')
  if (clientRequestId) headers['client-request-id'] = clientRequestId
  return headers
}

/** Entra's OAuth error body: `AADSTS<code>: <text> Trace ID: … Correlation ID: … Timestamp: …`. */
export function entraError(
  ex: Exchange,
  status: number,
  error: string,
  code: number,
  text: string,
  extraHeaders: Record<string, string> = {}
): void {
  const traceId = randomUUID()
  const correlationId =
    headerValue(ex.req, 'client-request-id') ?? ex.url.searchParams.get('client-request-id') ?? randomUUID()
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z')
  sendJson(
    ex.res,
    status,
    {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${AUTHORITY}/error?code=${code}`
    },
    { ...entraHeaders(ex, traceId), ...extraHeaders }
  )
}

/** What Entra answers when it is throttling or failing (e.g. AADSTS90033 with 503 temporarily_unavailable). */
export const OUTAGE_ERRORS: Record<number, [string, number, string]> = {
  429: ['temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.'],
  500: ['server_error', 50000, 'There was an error issuing a token or an issue with our sign-in service.'],
  503: ['temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.']
}

export function knownTenant(segment: string): boolean {
  const t = segment.toLowerCase()
  return t === DEFAULT_IDS.tenantId || t === DEFAULT_IDS.tenantDomain
}

export const tenantNotFound = (t: string): string =>
  `Tenant '${t}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. ` +
  'Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.'
