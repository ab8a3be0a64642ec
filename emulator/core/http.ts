/** Small HTTP helpers: body reading, JSON replies and the header sets Azure services send. */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'

export const JSON_TYPE = 'application/json; charset=utf-8'

export function readBody(req: IncomingMessage, limit = 8 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new Error('request body too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer | undefined,
  headers: OutgoingHttpHeaders = {}
): void {
  if (res.headersSent) return
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(body)
  res.writeHead(status, { ...headers, 'content-length': payload.length })
  res.end(payload)
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: OutgoingHttpHeaders = {}
): void {
  send(res, status, JSON.stringify(value), { 'content-type': JSON_TYPE, ...headers })
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Parses a JSON body; `undefined` for an empty body, `Error` for malformed JSON. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined
  try {
    return JSON.parse(body.toString('utf8'))
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e))
  }
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

/** Headers of Managed HSM data-plane responses (protocol notes §7). */
export function mhsmHeaders(req: IncomingMessage, region = 'westeurope'): OutgoingHttpHeaders {
  const remote = req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1'
  return {
    'cache-control': 'no-cache',
    'content-security-policy': "default-src 'self'",
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'x-ms-request-id': randomUUID(),
    'x-ms-keyvault-region': region,
    'x-ms-keyvault-network-info': `conn_type=Ipv4;addr=${remote};act_addr_fam=Ipv4;`,
    'x-ms-server-latency': '1',
    'x-ms-build-version': '1.0.20250415-1-5a9b3c7e-develop'
  }
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** Azure-style error envelope used by ARM and the Key Vault data planes. */
export function azureError(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } }
}

/** ISO time with .NET's seven fractional digits, as Entra and ARM print times. */
export function dotnetTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z')
}

/** A host-table match for one host name. */
export const exactHost =
  (name: string) =>
  (host: string): boolean =>
    host === name

/** Sends a JSON answer and returns true: for control handlers, which return whether they answered. */
export function answer(res: ServerResponse, status: number, body: unknown): true {
  sendJson(res, status, body)
  return true
}
