/** Small HTTP helpers: body reading, JSON replies, header reading and the Azure error body. */
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
