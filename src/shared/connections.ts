/**
 * The run's connections to Azure: one HTTP client shared by every Azure client (the SDK clients, the
 * hand-written ones and the sign-in), so that each host is reached over kept-alive connections.
 *
 * Without a proxy the SDK's own HTTP client already keeps connections alive. Through an HTTPS proxy
 * (HTTPS_PROXY, read by the SDK's proxy policy with its NO_PROXY rules) each SDK pipeline makes a proxy agent
 * of its own without keep-alive, so every request paid a CONNECT and a TLS handshake (66 of them in a fresh
 * apply). Here a request the proxy policy sends to a proxy goes through one kept-alive agent for that proxy
 * instead; whether a request goes through a proxy, and which, stays the SDK's decision. A direct request goes
 * through one kept-alive agent of ours too (as the SDK's own would), so that a connection opened ahead of the
 * run's first request to a host (`preconnect`, while the tokens are fetched) is the one that request finds.
 */
import type { ConnectionOptions } from 'node:tls'
import type { HttpClient, Pipeline, PipelinePolicy } from '@azure/core-rest-pipeline'
import { errorMessage } from './errors.js'
import { debug } from './log.js'
import { sdkProxyFor } from './proxy-env.js'
import { connectionsTo, WarmHttpsAgent, WarmProxyAgent } from './warm-agents.js'

/** What every request of the action says it comes from. */
export const USER_AGENT = { userAgentPrefix: 'managed-hsm-skr-action' }

/**
 * Options every Azure client of the action is made with. Not the storage clients: their options take the
 * older HTTP client type of @azure/core-http-compat, and they share the storage SDK's own cached client.
 */
export function clientOptions(): {
  userAgentOptions: typeof USER_AGENT
  httpClient: HttpClient
  additionalPolicies: Array<{ policy: PipelinePolicy; position: 'perCall' }>
} {
  return {
    userAgentOptions: USER_AGENT,
    httpClient: sharedHttpClient(),
    additionalPolicies: [{ policy: connections.policy(), position: 'perCall' }]
  }
}

/**
 * Options for a storage SDK client of `url` (their options cannot take our HTTP client): the agent our shared
 * client would use for that host, chosen by the SDK proxy policy's own rule (proxy-env.ts, NO_PROXY included),
 * so that its requests reuse the run's kept-alive connections, the one opened ahead included. The SDK's agent
 * policy sets it on each request, and its proxy policy leaves a request that has an agent alone.
 */
export function storageClientOptions(url: string): { userAgentOptions: typeof USER_AGENT } {
  return { userAgentOptions: USER_AGENT, agent: connections.agentForUrl(url, process.env) } as {
    userAgentOptions: typeof USER_AGENT
  }
}

const PRECONNECT_POLICY = 'preconnectPolicy'

/**
 * The run's agents: one kept-alive agent per proxy (as the proxy policy named it) and one for direct requests,
 * each able to pre-connect. `env` and `tls` are the process's own in a run; tests give theirs.
 */
export class Connections {
  private readonly proxyAgents = new Map<string, WarmProxyAgent>()
  private direct: WarmHttpsAgent | undefined
  /** Requests between the front of their pipeline and their answer, per host and port. */
  private readonly inFlight = new Map<string, number>()
  /** The hosts the run named from its inputs (preconnect): the only ones a request may open ahead. */
  private readonly named = new Set<string>()
  /**
   * Named hosts a connection opened ahead could not reach (an HSM still to be created has no name in DNS yet):
   * none is opened ahead to them again; their requests open their own.
   */
  private readonly unreachable = new Set<string>()

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly tls: ConnectionOptions = {}
  ) {}

  /** Opens one connection ahead to a named host through `agent`, unless that host proved unreachable. */
  private openAhead(agent: WarmProxyAgent | WarmHttpsAgent, host: string, port: number): Promise<void> {
    const key = `${host}:${port}`
    if (this.unreachable.has(key)) return Promise.resolve()
    return agent.preconnect(host, port).then(
      () => undefined,
      (e: unknown) => {
        this.unreachable.add(key)
        debug(`pre-connect to ${host}: ${errorMessage(e)} (its requests open their own)`)
      }
    )
  }

  /** The agent for an https: request the proxy policy sends through `proxy` (its URL), or directly (undefined). */
  agentFor(proxy: URL | undefined): WarmProxyAgent | WarmHttpsAgent {
    if (!proxy) return (this.direct ??= new WarmHttpsAgent(this.tls))
    let agent = this.proxyAgents.get(proxy.href)
    if (!agent) this.proxyAgents.set(proxy.href, (agent = new WarmProxyAgent(proxy.href, this.tls)))
    return agent
  }

  /** The agent a request to `url` goes through: the proxy the SDK's proxy policy would choose (proxy-env.ts), or none. */
  agentForUrl(url: string, env: NodeJS.ProcessEnv = this.env): WarmProxyAgent | WarmHttpsAgent {
    const proxy = sdkProxyFor(url, env)
    return this.agentFor(proxy ? new URL(proxy) : undefined)
  }

  /**
   * Opens connections to each URL's host, up to `count` of them (busy, idle or being opened), through the agent its requests will use: the proxy
   * the SDK's proxy policy would choose for it (the same rule: proxy-env.ts), else the direct one. Sends no
   * request; a connection that fails is only noted in the debug log, and the request then opens its own. Settles
   * when every one is ready or has failed; never rejects.
   */
  preconnect(urls: Array<{ url: string; count?: number }>): Promise<void> {
    const opening = urls.flatMap(({ url, count = 1 }) => {
      const { hostname: host, port } = new URL(url)
      this.named.add(`${host}:${Number(port) || 443}`)
      const agent = this.agentForUrl(url)
      // Up to `count` in all: main.ts may have opened some before the run's modules loaded.
      const missing = count - connectionsTo(agent, host, Number(port) || 443)
      return Array.from({ length: Math.max(0, missing) }, () =>
        this.openAhead(agent, host, Number(port) || 443)
      )
    })
    return Promise.all(opening).then(() => undefined)
  }

  /**
   * For the front of a pipeline, before its token is awaited: a request to one of the run's hosts (named by
   * `preconnect`) with fewer connections (busy, idle or opened ahead) than requests in flight opens one ahead.
   * A wave of reads that waits for its token then finds as many connections ready as it has reads; a request
   * that would find an idle one opens none.
   */
  policy(): PipelinePolicy {
    return {
      name: PRECONNECT_POLICY,
      sendRequest: async (request, next) => {
        // This runs before the origin checks (azure/origin.ts, after the token): a URL from an answer (a nextLink,
        // an operation's Location) must not get a connection before they refuse it. Only the run's own hosts do.
        const leave = this.enter(request.url)
        try {
          return await next(request)
        } finally {
          leave()
        }
      }
    }
  }

  /**
   * A request to `url` that will be sent once something it needs arrives (its URL names the signed-in identity,
   * known from the token): counted in flight from now, as if it already waited at the front of its pipeline, so
   * its connection opens with its wave's instead of after the token. The returned function ends the count: call
   * it as the request is sent (it then counts as itself) or dropped. Only for the run's own hosts (preconnect).
   */
  announce(url: string): () => void {
    return this.enter(url)
  }

  /**
   * Counts a request to `url` in flight, opening one more connection ahead when its host, one of the run's own,
   * has fewer (busy, idle or being opened) than requests in flight. Returns the end of the count (once).
   */
  private enter(url: string): () => void {
    const { protocol, hostname: host, port: p } = new URL(url)
    const port = Number(p) || 443
    const key = `${host}:${port}`
    if (protocol !== 'https:' || !this.named.has(key)) return () => undefined
    const inFlight = (this.inFlight.get(key) ?? 0) + 1
    this.inFlight.set(key, inFlight)
    const agent = this.agentForUrl(url)
    if (connectionsTo(agent, host, port) < inFlight) void this.openAhead(agent, host, port)
    let ended = false
    return () => {
      if (ended) return
      ended = true
      this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1)
    }
  }

  /** Closes the pre-opened connections no request took. */
  close(): void {
    this.direct?.warm.close()
    for (const agent of this.proxyAgents.values()) agent.warm.close()
  }

  /**
   * The HTTP client every Azure client of the run shares: a request the proxy policy sends through a proxy goes
   * through our kept-alive agent for that proxy; one with no agent (direct) through our direct one, unless it
   * asks for TLS settings or no keep-alive, which the SDK's own client honours.
   */
  httpClient(): HttpClient {
    // Loaded on the first request, not with this module: main.ts pre-connects before the SDK's modules load.
    let inner: Promise<HttpClient> | undefined
    const client = (): Promise<HttpClient> =>
      (inner ??= import('@azure/core-rest-pipeline').then(m => m.createDefaultHttpClient()))
    return {
      sendRequest: async request => {
        if (request.url.startsWith('https:')) {
          // The proxy policy's agent names its proxy (credentials included, as the policy read them).
          const proxy = (request.agent as { proxy?: unknown } | undefined)?.proxy
          if (proxy instanceof URL) request.agent = this.agentFor(proxy)
          else if (!request.agent && !request.tlsSettings && !request.disableKeepAlive)
            request.agent = this.agentFor(undefined)
        }
        return (await client()).sendRequest(request)
      }
    }
  }
}

const connections = new Connections()
// Unused warm connections are unref'd (they never hold the process); at its end they are closed.
process.once('exit', () => connections.close())

/** Pre-connects the run's hosts (Connections.preconnect) for the requests of the shared HTTP client. */
export function preconnect(urls: Array<{ url: string; count?: number }>): void {
  void connections.preconnect(urls)
}

/** Connections.announce, for the shared client's requests. */
export function announceRequest(url: string): () => void {
  return connections.announce(url)
}

/**
 * Puts the run's pre-connect policy (Connections.policy) at the front of a pipeline that sends through the shared
 * client, before the policy that waits for a token. (An SDK client adds clientOptions' policies after its own
 * token policy: this moves it.)
 */
export function preconnectFirst(pipeline: Pipeline): void {
  pipeline.removePolicy({ name: PRECONNECT_POLICY })
  pipeline.addPolicy(connections.policy(), { phase: 'Serialize' })
}

let shared: HttpClient | undefined

export function sharedHttpClient(): HttpClient {
  return (shared ??= connections.httpClient())
}
