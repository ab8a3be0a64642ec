/** Shared by the ARM router and its resource providers. */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http'
import type { EmulatorContext, Exchange } from '../../core/context.js'
import { azureError, headerValue, send, sendJson } from '../../core/http.js'

export const ARM_HOST = 'management.azure.com'
export const ARM = `https://${ARM_HOST}`
export interface ArmRequest {
  ex: Exchange
  ctx: EmulatorContext
  /** Path segments as sent, and lower-cased for matching (ARM paths are case-insensitive). */
  segs: string[]
  lower: string[]
  apiVersion: string
  headers: OutgoingHttpHeaders
  caller: { oid: string; appid: string }
}

/**
 * A resource provider below /subscriptions/{sub}/ (services/index.ts lists them for the router): answers and
 * returns true when the path is one of its own, returns false otherwise.
 */
export type ArmProvider = (r: ArmRequest) => boolean | Promise<boolean>

/**
 * Who ARM records in a resource's systemData for this caller (common-types `SystemData`: `createdBy`,
 * `createdByType`). The emulator signs in applications only (service principals, `idtyp: app`), which ARM
 * records by their client id (the token's `appid`) as `Application`.
 */
export function recordedIdentity(r: ArmRequest): { by: string; type: 'Application' } {
  return { by: r.caller.appid || r.caller.oid, type: 'Application' }
}

export function reply(r: ArmRequest, status: number, body?: unknown, extra: OutgoingHttpHeaders = {}): void {
  if (body === undefined) return send(r.ex.res, status, undefined, { ...r.headers, ...extra })
  sendJson(r.ex.res, status, body, { ...r.headers, ...extra })
}

export function fail(r: ArmRequest, status: number, code: string, message: string): void {
  reply(r, status, azureError(code, message))
}

/** ARM accepts display names ("West Europe") and normalizes them to "westeurope". */
export function normalizeLocation(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase()
}

/** Headers every ARM response carries (protocol notes §1.9). */
export function armHeaders(req: IncomingMessage, write: boolean): OutgoingHttpHeaders {
  const requestId = randomUUID()
  const correlation = headerValue(req, 'x-ms-correlation-request-id') ?? randomUUID()
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  const headers: OutgoingHttpHeaders = {
    'cache-control': 'no-cache',
    pragma: 'no-cache',
    expires: '-1',
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id': correlation,
    'x-ms-routing-request-id': `WESTEUROPE:${stamp}:${requestId}`,
    'x-ms-keyvault-service-version': '2.2.66.0',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'x-cache': 'CONFIG_NOCACHE'
  }
  if (write) headers['x-ms-ratelimit-remaining-subscription-writes'] = '199'
  else headers['x-ms-ratelimit-remaining-subscription-reads'] = '249'
  return headers
}
