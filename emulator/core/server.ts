/**
 * The proxy. Clients set only HTTPS_PROXY and NODE_EXTRA_CA_CERTS and use Azure's real host names:
 * the plain HTTP server answers `CONNECT host:443` and hands the socket to an in-process TLS server
 * that presents a certificate for that host from the emulator's CA, then routes by Host header.
 * Plain requests under /_emulator/ are the control API.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { Duplex } from 'node:stream'
import { CertificateAuthority } from './ca.js'
import type {
  EmulatorContext,
  EmulatorInfo,
  Exchange,
  HostRoute,
  Service,
  ServiceModule,
  Settings
} from './context.js'
import { handleControl } from './control.js'
import { FaultStore, quotedRequest, tamper, type FaultRule } from './faults.js'
import { azureError, readBody, send, sendJson } from './http.js'
import { loggablePath, RequestLog } from './request-log.js'
import { DEFAULT_IDS, StateStore } from './state.js'
import { openKeyPool } from './key-pool.js'

/** POSTs that change nothing (ARM's name check, list actions, key release): not counted as writes. */
const READ_ONLY_POST = /\/(checkMhsmNameAvailability|checkNameAvailability|listKeys|release|backup)$/i

export interface ServerOptions {
  stateDir: string
  port: number
  settings: Settings
  /** The services to serve (services/index.ts SERVICES), in registration order. */
  services: ServiceModule[]
}

export interface RunningServer {
  info: EmulatorInfo
  ctx: EmulatorContext
  close(): Promise<void>
}

/**
 * The proxy user of each tunnelled connection (CONNECT's Proxy-Authorization, Basic): the network a request came
 * from. Keyed by the raw socket, which the TLS socket of the request keeps as its parent.
 */
const proxyUsers = new WeakMap<object, string>()

function proxyUserOf(req: IncomingMessage): string | undefined {
  const parent = tunnelOf(req)
  return parent ? proxyUsers.get(parent) : undefined
}

const tunnelOf = (req: IncomingMessage): object | undefined =>
  (req.socket as unknown as { _parent?: object })._parent

/** When each tunnel's CONNECT arrived, and when its TLS session was ready, until its first request. */
const tunnelOpened = new WeakMap<object, number>()
const tunnelReady = new WeakMap<object, number>()

/**
 * A request that arrives this long after its connection's TLS session was ready did not wait for it: the client
 * opened the connection ahead (a pre-connect) and sends on it when it has a request. A client that waits for its
 * connection sends the request with its TLS Finished message, a few milliseconds at most.
 */
const READY_SLACK_MS = 50

/**
 * How long the first request on a connection waited for it (RequestLogEntry.setupMs): the whole set-up, from the
 * CONNECT, when the request came as soon as the session was ready (at most this: a pre-connect still under way
 * when the request was wanted also shows its whole set-up); none when the connection sat ready before it.
 */
function setupWaitOf(req: IncomingMessage, started: number): number | undefined {
  const tunnel = tunnelOf(req)
  const opened = tunnel && tunnelOpened.get(tunnel)
  if (!tunnel || opened === undefined) return undefined
  tunnelOpened.delete(tunnel)
  const ready = tunnelReady.get(tunnel)
  if (ready !== undefined && started - ready > READY_SLACK_MS) return 0
  return Math.round(started - opened)
}

function basicUser(header: string | undefined): string | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '')
  if (!m) return undefined
  const user = Buffer.from(m[1], 'base64').toString('utf8').split(':')[0]
  return user ? decodeURIComponent(user) : undefined
}

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

/** An error body in the shape the faulted host would use. */
function faultResponse(ex: Exchange, rule: FaultRule, service: Service): void {
  const status = rule.status ?? 500
  if (rule.quoteRequest)
    rule = {
      ...rule,
      message: `${rule.message ?? 'The request is invalid.'} Request: ${quotedRequest(ex.req, ex.host, ex.body)}`
    }
  if (service.faultResponse) {
    const h: Record<string, string> = {}
    if (rule.retryAfter !== undefined) h['retry-after'] = String(rule.retryAfter)
    return service.faultResponse(ex, status, rule.code, rule.message, h)
  }
  const defaults: Record<number, [string, string]> = {
    429: [
      'TooManyRequests',
      'The request is being throttled as the limit has been reached for operation type. Please retry after some time.'
    ],
    500: ['InternalServerError', 'The server encountered an internal error. Please retry the request.'],
    503: ['ServiceUnavailable', 'The service is currently unavailable. Please retry the request.']
  }
  const [code, message] = [
    rule.code ?? defaults[status]?.[0] ?? 'InjectedFault',
    rule.message ?? defaults[status]?.[1] ?? 'Injected fault.'
  ]
  const headers: Record<string, string> = { 'x-ms-request-id': randomUUID() }
  if (rule.retryAfter !== undefined) headers['retry-after'] = String(rule.retryAfter)
  sendJson(ex.res, status, azureError(code, message), headers)
}

/** The host table: the first route whose `match` accepts the host; none means the proxy refuses it. */
export function findRoute(routes: HostRoute[], host: string): HostRoute | undefined {
  return routes.find(r => r.match(host.toLowerCase()))
}

async function handleHttps(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: EmulatorContext,
  routes: HostRoute[]
): Promise<void> {
  const started = performance.now()
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase()
  const url = new URL(req.url ?? '/', `https://${host || 'invalid'}`)
  const method = req.method ?? 'GET'
  const ex: Exchange = { req, res, method, host, url, body: Buffer.alloc(0), proxyUser: proxyUserOf(req) }
  const setupMs = setupWaitOf(req, started)
  let fault: string | undefined
  let logged = false
  const log = (status: number): void => {
    if (logged) return
    logged = true
    ctx.log.append({
      method,
      host,
      path: loggablePath(url),
      status,
      durationMs: Math.round(performance.now() - started),
      ...(ex.callerOid ? { callerOid: ex.callerOid } : {}),
      ...(setupMs !== undefined ? { setupMs } : {}),
      write:
        method !== 'GET' && method !== 'HEAD' && !ex.tokenRequest && !READ_ONLY_POST.test(ex.url.pathname),
      ...(fault ? { fault } : {})
    })
  }
  // Logged when the handler ends the answer, before its last bytes can reach the client: a test that reads the
  // log as soon as its client has the answer finds the entry ('finish' can come after the client has read it).
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
  res.end = ((...args: unknown[]) => {
    log(res.statusCode)
    return end(...args)
  }) as typeof res.end
  res.on('finish', () => log(res.statusCode))
  res.on('close', () => log(res.headersSent ? res.statusCode : 0))

  const route = findRoute(routes, host)
  if (!route)
    return sendJson(res, 421, azureError('MisdirectedRequest', `No emulated service for host '${host}'.`))
  // OIDC and token requests never count as writes, even when a fault answers them.
  if (route.service.tokenRequest?.(ex)) ex.tokenRequest = true

  const rule = ctx.faults.take(method, host, url.pathname + url.search)
  if (rule) {
    fault = rule.reset
      ? 'reset'
      : rule.status !== undefined
        ? `status:${rule.status}`
        : rule.rewrite
          ? 'rewrite'
          : `latency:${rule.latencyMs}`
    if (rule.latencyMs) await sleep(rule.latencyMs)
    if (rule.reset) {
      req.socket.destroy()
      return
    }
    if (rule.status !== undefined) {
      ex.body = await readBody(req).catch(() => Buffer.alloc(0))
      return faultResponse(ex, rule, route.service)
    }
    if (rule.rewrite && !route.service.streaming) tamper(res, rule.rewrite)
  }
  // Streaming services (blob storage) read the body themselves.
  if (!route.service.streaming) ex.body = await readBody(req)
  await route.service.handle(ex, ctx)
  if (!res.headersSent && !res.destroyed) send(res, 500, undefined)
}

function refuseConnect(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`)
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  mkdirSync(options.stateDir, { recursive: true })
  openKeyPool(options.stateDir)
  const { services } = options
  const routes = services.flatMap(s => s.routes ?? [])
  const state = StateStore.open(
    options.stateDir,
    services.map(s => s.seed?.() ?? {})
  )
  const caOpening = CertificateAuthority.open(options.stateDir)
  // The services fill in their keys and stores (ServiceModule.open) before the emulator listens.
  const ctx = {
    stateDir: options.stateDir,
    state,
    settings: options.settings,
    keys: {},
    log: new RequestLog(options.stateDir),
    faults: new FaultStore(options.stateDir)
  } as EmulatorContext
  const [ca] = await Promise.all([caOpening, ...services.map(s => s.open?.(ctx, caOpening))])

  const fallback = ca.secureContext('localhost')
  const tls = createHttpsServer(
    {
      SNICallback: (servername, cb) => {
        try {
          cb(null, ca.secureContext(servername))
        } catch (e) {
          cb(e as Error)
        }
      },
      // Used only when a client sends no SNI.
      secureContext: fallback
    },
    (req, res) => {
      handleHttps(req, res, ctx, routes).catch(e => {
        process.stderr.write(`emulator: ${req.method} ${req.headers.host}${req.url}: ${(e as Error).stack}\n`)
        if (!res.headersSent) send(res, 500, undefined)
        else res.destroy()
      })
    }
  )
  tls.on('tlsClientError', () => undefined)
  tls.on('secureConnection', (socket: { _parent?: object }) => {
    if (socket._parent) tunnelReady.set(socket._parent, performance.now())
  })

  const http: Server = createHttpServer((req, res) => {
    if ((req.url ?? '').startsWith('/_emulator/')) {
      handleControl(req, res, ctx, services).catch(e => {
        if (!res.headersSent) sendJson(res, 500, { error: (e as Error).message })
      })
      return
    }
    sendJson(res, 400, { error: 'This is an HTTPS proxy: use CONNECT, or /_emulator/ for the control API.' })
  })

  http.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined)
    const target = req.url ?? ''
    const m = /^([^:/]+):(\d+)$/.exec(target)
    const host = m?.[1].toLowerCase() ?? ''
    const route = m && m[2] === '443' ? findRoute(routes, host) : undefined
    if (!route || (route.resolves && !route.resolves(host, ctx))) {
      ctx.log.append({
        method: 'CONNECT',
        host: host || target,
        path: '',
        status: 502,
        durationMs: 0,
        write: false
      })
      return refuseConnect(socket, 502, 'Bad Gateway')
    }
    const user = basicUser(req.headers['proxy-authorization'])
    if (user) proxyUsers.set(socket, user)
    tunnelOpened.set(socket, performance.now())
    ctx.log.connected(host)
    const establish = (): void => {
      if (socket.destroyed) return
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) socket.unshift(head)
      tls.emit('connection', socket)
    }
    // A connectMs fault: the set-up of a new connection on a real network (faults.ts).
    const delay = ctx.faults.takeConnect(host)
    if (delay > 0) setTimeout(establish, delay)
    else establish()
  })
  http.on('clientError', (_err, socket) => socket.destroy())

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port, '127.0.0.1', () => resolve())
  })
  const address = http.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const proxy = `http://127.0.0.1:${port}`
  const info: EmulatorInfo = {
    proxy,
    port,
    caCert: ca.certPath,
    tenantId: DEFAULT_IDS.tenantId,
    subscriptionId: DEFAULT_IDS.subscriptionId,
    clientId: DEFAULT_IDS.clientId,
    stateDir: options.stateDir,
    resourceGroup: DEFAULT_IDS.resourceGroup,
    location: DEFAULT_IDS.location,
    controlUrl: `${proxy}/_emulator`,
    pid: process.pid,
    ...Object.assign({}, ...services.map(s => s.info?.(ctx) ?? {}))
  }
  return {
    info,
    ctx,
    close: async () => {
      const listening = new Promise<void>(resolve => {
        http.close(() => resolve())
        http.closeAllConnections()
        tls.close()
        // Open keep-alive tunnels must not hold the shutdown.
        setTimeout(resolve, 500).unref()
      })
      // A service's close (Azurite flushing its store) is awaited so a restart finds it complete.
      await Promise.all([listening, ...services.map(s => s.close?.(ctx))])
    }
  }
}
