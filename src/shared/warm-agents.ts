/**
 * The two kinds of agent the run's HTTPS requests go through (connections.ts picks one per request, as the SDK's
 * proxy policy decided), each able to open a connection to a host ahead of its first request: a pre-connect. The
 * warm connection is made by the same agent, with the same TLS checks, as the request's own would be; the first
 * request to that host that needs a new connection takes it (once), and the agent then keeps it alive as any other.
 * A failed or abandoned pre-connect leaves the request to open its own, as it always did.
 */
import { EventEmitter } from 'node:events'
import type { Agent as HttpAgent, ClientRequest } from 'node:http'
import { Agent as HttpsAgent, type AgentOptions } from 'node:https'
import type { Duplex } from 'node:stream'
import type { ConnectionOptions, TLSSocket } from 'node:tls'
import { HttpsProxyAgent } from 'https-proxy-agent'

/** A pre-connect not done by then is abandoned: a request that was waiting for it opens its own. */
const PRECONNECT_TIMEOUT_MS = 10_000

/** A connection that is, or will be, ready for the first request to its host; undefined when it failed. */
type Warm = Promise<TLSSocket | undefined>

const keyOf = (host: string, port: number | string | null | undefined): string =>
  `${host.toLowerCase()}:${Number(port) || 443}`

/** The warm connections of one agent, per host and port, each handed out once. */
export class WarmSockets {
  private readonly byKey = new Map<string, Warm[]>()
  /** Opened and not handed out (being set up, or idle): what `close` ends. */
  private readonly unclaimed = new Set<TLSSocket>()

  /**
   * Starts a connection (`open`) and keeps it for the host's next new connection once its TLS is done. The answer
   * says why it failed, for the debug log; the connection is then simply not there for the request.
   */
  add(host: string, port: number, open: () => Promise<Duplex>): Promise<void> {
    const key = keyOf(host, port)
    let socket: TLSSocket | undefined
    let abandoned = false
    const setUp = open().then(s => {
      socket = s as TLSSocket
      if (abandoned) socket.destroy()
      // Not yet handed out: it must not keep the process alive, nor crash it if it breaks while idle.
      socket.unref()
      socket.on('error', ignore)
      if (!abandoned) this.unclaimed.add(socket)
      return handshake(socket)
    })
    const ready = new Promise<TLSSocket>((resolve, reject) => {
      // A set-up that never ends (a proxy that never answers the CONNECT, a stalled handshake) is given up on.
      // A deadline on Node's own timers (unref'd), whatever a test's preload does to setTimeout.
      const limit = AbortSignal.timeout(PRECONNECT_TIMEOUT_MS)
      const giveUp = () => {
        abandoned = true
        reject(new Error(`not set up within ${PRECONNECT_TIMEOUT_MS / 1000} s`))
      }
      limit.addEventListener('abort', giveUp, { once: true })
      setUp.then(resolve, reject).finally(() => limit.removeEventListener('abort', giveUp))
    })
    const warm: Warm = ready.then(
      s => {
        s.once('close', () => {
          this.unclaimed.delete(s)
          this.drop(key, warm)
        })
        return s
      },
      () => {
        if (socket) {
          socket.destroy()
          this.unclaimed.delete(socket)
        }
        this.drop(key, warm)
        return undefined
      }
    )
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), warm])
    return ready.then(() => undefined)
  }

  /** The host's next warm connection, if one was opened and not yet taken (it may still be on its way). */
  take(host: string, port: number | string | null | undefined): Warm | undefined {
    const key = keyOf(host, port)
    const queue = this.byKey.get(key)
    const next = queue?.shift()
    if (queue?.length === 0) this.byKey.delete(key)
    if (!next) return undefined
    // A request waits on it now: a handle keeps the process up until it is ready or given up (the set-up's own
    // limit ends that), as the request's own connection would.
    const hold = setInterval(ignore, PRECONNECT_TIMEOUT_MS)
    return next.then(socket => {
      clearInterval(hold)
      if (!socket || !this.unclaimed.delete(socket) || socket.destroyed || !socket.writable) return undefined
      // The request's agent owns it from here: its own listeners and references, as on a fresh connection.
      socket.removeListener('error', ignore)
      socket.ref()
      return socket
    })
  }

  /** How many connections to the host are being opened ahead or wait, ready, for a request. */
  pending(host: string, port: number): number {
    return this.byKey.get(keyOf(host, port))?.length ?? 0
  }

  /** Closes the connections nobody took (at exit; they hold no request). */
  close(): void {
    this.byKey.clear()
    for (const socket of this.unclaimed) socket.destroy()
    this.unclaimed.clear()
  }

  private drop(key: string, warm: Warm): void {
    const queue = this.byKey.get(key)?.filter(w => w !== warm)
    if (queue?.length) this.byKey.set(key, queue)
    else this.byKey.delete(key)
  }
}

function ignore(): void {}

/**
 * The connections an agent has to a host: carrying a request, idle (kept alive), or opened ahead. Node files both
 * pools under a name that begins `host:port:`. (A connection a request is opening on demand is that request's.)
 */
export function connectionsTo(agent: HttpAgent & { warm: WarmSockets }, host: string, port: number): number {
  const prefix = `${host}:${port}:`
  const count = (pool: NodeJS.ReadOnlyDict<unknown[]>) =>
    Object.entries(pool).reduce(
      (n, [name, list]) => n + (name.startsWith(prefix) ? (list?.length ?? 0) : 0),
      0
    )
  return count(agent.sockets) + count(agent.freeSockets) + agent.warm.pending(host, port)
}

/** Resolves when the TLS handshake is done; rejects if the connection fails or closes first. */
function handshake(socket: TLSSocket): Promise<TLSSocket> {
  return new Promise<TLSSocket>((resolve, reject) => {
    const failed = (e: Error) => {
      socket.removeListener('close', closed)
      reject(e)
    }
    const closed = () => {
      socket.removeListener('error', failed)
      reject(new Error('the connection closed during its set-up'))
    }
    socket.once('secureConnect', () => {
      socket.removeListener('error', failed)
      socket.removeListener('close', closed)
      resolve(socket)
    })
    socket.once('error', failed)
    socket.once('close', closed)
  })
}

/**
 * An HTTPS proxy agent that keeps connections alive and can pre-connect. agent-base files an idle connection under
 * a name that says HTTPS only when Node's request options say so, else it guesses from the call stack, and the
 * guess differed between filing and lookup: no connection was ever reused. Every request this agent carries is
 * HTTPS (only https: URLs are given to it).
 */
export class WarmProxyAgent extends HttpsProxyAgent<string> {
  readonly warm = new WarmSockets()

  /** `tls`: options of the TLS session with the host (tests give their own CA; the run gives none). */
  constructor(
    proxy: string,
    private readonly tls: ConnectionOptions = {}
  ) {
    super(proxy, { keepAlive: true })
  }

  override isSecureEndpoint(): boolean {
    return true
  }

  /** Opens a tunnel and a TLS session to `host` for its first request (no request is sent). */
  preconnect(host: string, port = 443): Promise<void> {
    const opts = { ...this.tls, host, port, servername: host, secureEndpoint: true }
    // The CONNECT's own events go to a stand-in for the request that is not made yet.
    const req = new EventEmitter() as unknown as ClientRequest
    let status: number | undefined
    req.once('proxyConnect', (answer: { statusCode?: number }) => (status = answer.statusCode))
    return this.warm.add(host, port, async () => {
      const socket = await super.connect(req, opts)
      // A refused CONNECT comes back as a stand-in socket that replays the refusal to a request: none here.
      if (status !== 200) {
        socket.destroy()
        throw new Error(`the proxy answered the CONNECT with ${status ?? 'nothing'}`)
      }
      return socket
    })
  }

  override async connect(req: ClientRequest, opts: Parameters<HttpsProxyAgent<string>['connect']>[1]) {
    const socket = await this.warm.take(opts.host ?? '', opts.port)
    return socket ?? super.connect(req, { ...this.tls, ...opts })
  }
}

/** A kept-alive agent for direct HTTPS requests (no proxy for their host) that can pre-connect. */
export class WarmHttpsAgent extends HttpsAgent {
  readonly warm = new WarmSockets()

  constructor(options: AgentOptions = {}) {
    super({ ...options, keepAlive: true })
  }

  /** Opens a TLS session to `host` for its first request (no request is sent). */
  preconnect(host: string, port = 443): Promise<void> {
    const options = { ...this.options, host, port, servername: host }
    return this.warm.add(host, port, async () => super.createConnection(options) as Duplex)
  }

  /**
   * Node's agent asks for a new connection here; a warm one, when the host has one, is handed over through the
   * callback (which Node accepts in place of a returned socket).
   */
  override createConnection(
    options: ConnectionOptions & { host?: string; port?: number },
    callback: (err: Error | null, socket?: Duplex) => void
  ): Duplex | undefined {
    const warm = this.warm.take(options.host ?? '', options.port)
    if (!warm) return super.createConnection(options) as Duplex
    void warm.then(socket => callback(null, socket ?? (super.createConnection(options) as Duplex)))
    return undefined
  }
}
