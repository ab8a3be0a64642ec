/**
 * Control API: plain HTTP on the proxy port under /_emulator/ (never reachable through CONNECT).
 * Lets tests and scripts read the request log and state, inject faults and change settings; each service
 * answers its own endpoints (ServiceModule.control) and peeks.
 *
 * Peeks: what another Azure client would read, without a second client. A test that only needs to see the
 * result of a run (the HSM as ARM shows it, an escrowed secret or blob) reads it in one local request,
 * instead of starting a process that signs in and calls the SDK (__tests__ keep that second client where
 * it is the point). Unlike the rest of the control API they return values: the emulator's secrets are test
 * data, and the control API listens on loopback only. `GET /_emulator/peek/{kind}/...`; the kinds are the
 * services' (ServiceModule.peek).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EmulatorContext, ServiceModule } from './context.js'
import { validateRules } from './faults.js'
import { isRecord, parseJsonBody, readBody, send, sendJson } from './http.js'

const started = Date.now()

const bad = (res: ServerResponse, message: string): void => sendJson(res, 400, { error: message })

function updateSettings(ctx: EmulatorContext, services: ServiceModule[], body: unknown): string | undefined {
  if (!isRecord(body)) return 'settings must be a JSON object'
  for (const [key, value] of Object.entries(body)) {
    const check = services.find(s => s.settings && Object.hasOwn(s.settings, key))?.settings?.[key]
    if (!check) return `unknown setting '${key}'`
    const error = check(value, key)
    if (error) return error
    ;(ctx.settings as unknown as Record<string, unknown>)[key] = value
  }
  return undefined
}

/** State for tests: no private keys, no request tokens, nothing secret. */
function publicState(ctx: EmulatorContext, services: ServiceModule[]): Record<string, unknown> {
  return {
    ...Object.assign({}, ...services.map(s => s.publicState?.(ctx) ?? {})),
    settings: ctx.settings,
    faults: ctx.faults.list(),
    requestCount: ctx.log.length
  }
}

async function peek(
  ctx: EmulatorContext,
  services: ServiceModule[],
  method: string,
  path: string,
  res: ServerResponse
): Promise<void> {
  if (method !== 'GET') return sendJson(res, 405, { error: 'peeks are GET only' })
  const parts = path.slice('/_emulator/peek/'.length).split('/').map(decodeURIComponent)
  for (const s of services) if (await s.peek?.(ctx, parts, res)) return
  sendJson(res, 404, { error: `no peek ${path}` })
}

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: EmulatorContext,
  services: ServiceModule[]
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const path = url.pathname.replace(/\/+$/, '')
  const method = req.method ?? 'GET'
  const body = parseJsonBody(await readBody(req))
  if (body instanceof Error) return bad(res, `invalid JSON: ${body.message}`)

  if (path === '/_emulator/health' && method === 'GET') {
    return sendJson(res, 200, { status: 'ok', pid: process.pid, uptimeMs: Date.now() - started })
  }
  if (path === '/_emulator/requests' && method === 'GET') {
    const since = Number(url.searchParams.get('since') ?? '0') || 0
    return sendJson(res, 200, { requests: ctx.log.since(since), next: ctx.log.length })
  }
  if (path === '/_emulator/connections' && method === 'GET') {
    return sendJson(res, 200, { connections: Object.fromEntries(ctx.log.connections) })
  }
  if (path === '/_emulator/state' && method === 'GET') return sendJson(res, 200, publicState(ctx, services))
  if (path === '/_emulator/faults') {
    if (method === 'GET') return sendJson(res, 200, { faults: ctx.faults.list() })
    if (method === 'DELETE') {
      ctx.faults.clear()
      return send(res, 204, undefined)
    }
    if (method === 'PUT') {
      const rules = validateRules(body)
      if (typeof rules === 'string') return bad(res, rules)
      ctx.faults.set(rules)
      return sendJson(res, 200, { faults: ctx.faults.list() })
    }
  }
  if (path === '/_emulator/settings') {
    if (method === 'PUT' || method === 'PATCH') {
      const error = updateSettings(ctx, services, body)
      if (error) return bad(res, error)
    } else if (method !== 'GET') {
      return send(res, 405, undefined)
    }
    return sendJson(res, 200, ctx.settings)
  }
  if (path.startsWith('/_emulator/peek/')) return peek(ctx, services, method, path, res)
  for (const s of services) if (await s.control?.({ ctx, method, path, body, res })) return
  sendJson(res, 404, { error: `no control endpoint ${method} ${path}` })
}
