/** Helpers shared by the data-plane areas: replies, Key Vault error bodies, paths and bodies. */
import { randomUUID } from 'node:crypto'
import type { OutgoingHttpHeaders } from 'node:http'
import { isRecord, parseJsonBody, send, sendJson } from '../../core/http.js'
import type { AreaRequest } from './area.js'

export const activityId = (): string => randomUUID()

export function reply(r: AreaRequest, status: number, body?: unknown, extra: OutgoingHttpHeaders = {}): void {
  if (body === undefined) return send(r.ex.res, status, undefined, { ...r.headers, ...extra })
  sendJson(r.ex.res, status, body, { ...r.headers, ...extra })
}

/** `{"error":{"code","message","innererror"?}}`, the data plane's error envelope. */
export function fail(r: AreaRequest, status: number, code: string, message: string, inner?: string): void {
  reply(r, status, { error: { code, message, ...(inner ? { innererror: { code: inner } } : {}) } })
}

export const badParameter = (r: AreaRequest, message: string): void => fail(r, 400, 'BadParameter', message)

/** Collapses repeated slashes (SDKs send `///providers/...`). */
export const collapse = (path: string): string => path.replace(/\/{2,}/g, '/')

/** "/", "/keys" or "/keys/{name}": no repeated or trailing slashes. */
export function normaliseScope(scope: string): string {
  const s = collapse(scope.startsWith('/') ? scope : `/${scope}`).replace(/\/+$/, '')
  return s === '' ? '/' : s
}

/** Parses the JSON body; answers 400 and returns undefined when it is malformed or not an object. */
export function jsonBody(r: AreaRequest, required = true): Record<string, unknown> | undefined {
  const body = parseJsonBody(r.ex.body)
  if (body instanceof Error) {
    badParameter(r, `The request body is not valid JSON: ${body.message}`)
    return undefined
  }
  if (body === undefined && !required) return {}
  if (!isRecord(body)) {
    badParameter(r, 'The request body must be a JSON object.')
    return undefined
  }
  return body
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const nowSeconds = (): number => Math.floor(Date.now() / 1000)

/** The HSM's base URL as it appears in kids and links (no trailing slash). */
export const hsmOrigin = (r: AreaRequest): string => `https://${r.ex.host}`
