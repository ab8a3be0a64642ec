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
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline'
import { errorMessage } from './errors.js'
import { debug } from './log.js'
import { sdkProxyFor } from './proxy-env.js'
import { WarmHttpsAgent, WarmProxyAgent } from './warm-agents.js'

/** What every request of the action says it comes from. */
export const USER_AGENT = { userAgentPrefix: 'managed-hsm-skr-action' }

/**
 * Options every Azure client of the action is made with. Not the storage clients: their options take the
 * older HTTP client type of @azure/core-http-compat, and they share the storage SDK's own cached client.
 */
export function clientOptions(): { userAgentOptions: typeof USER_AGENT; httpClient: HttpClient } {
  return { userAgentOptions: USER_AGENT, httpClient: sharedHttpClient() }
}

/**
 * The run's agents: one kept-alive agent per proxy (as the proxy policy named it) and one for direct requests,
 * each able to pre-connect. `env` and `tls` are the process's own in a run; tests give theirs.
 */
export class Connections {
  private readonly proxyAgents = new Map<string, WarmProxyAgent>()
  private direct: WarmHttpsAgent | undefined

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly tls: ConnectionOptions = {}
  ) {}

  /** The agent for an https: request the proxy policy sends through `proxy` (its URL), or directly (undefined). */
  agentFor(proxy: URL | undefined): WarmProxyAgent | WarmHttpsAgent {
    if (!proxy) return (this.direct ??= new WarmHttpsAgent(this.tls))
    let agent = this.proxyAgents.get(proxy.href)
    if (!agent) this.proxyAgents.set(proxy.href, (agent = new WarmProxyAgent(proxy.href, this.tls)))
    return agent
  }

  /**
   * Opens a connection to each URL's host (`count` of them) through the agent its requests will use: the proxy
   * the SDK's proxy policy would choose for it (the same rule: proxy-env.ts), else the direct one. Sends no
   * request; a connection that fails is only noted in the debug log, and the request then opens its own. Settles
   * when every one is ready or has failed; never rejects.
   */
  preconnect(urls: Array<{ url: string; count?: number }>): Promise<void> {
    const opening = urls.flatMap(({ url, count = 1 }) => {
      const { hostname: host, port } = new URL(url)
      const proxy = sdkProxyFor(url, this.env)
      const agent = this.agentFor(proxy ? new URL(proxy) : undefined)
      return Array.from({ length: count }, () =>
        agent
          .preconnect(host, Number(port) || 443)
          .catch(e => debug(`pre-connect to ${host}: ${errorMessage(e)} (its first request opens its own)`))
      )
    })
    return Promise.all(opening).then(() => undefined)
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
    const inner = createDefaultHttpClient()
    return {
      sendRequest: request => {
        if (request.url.startsWith('https:')) {
          // The proxy policy's agent names its proxy (credentials included, as the policy read them).
          const proxy = (request.agent as { proxy?: unknown } | undefined)?.proxy
          if (proxy instanceof URL) request.agent = this.agentFor(proxy)
          else if (!request.agent && !request.tlsSettings && !request.disableKeepAlive)
            request.agent = this.agentFor(undefined)
        }
        return inner.sendRequest(request)
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

let shared: HttpClient | undefined

export function sharedHttpClient(): HttpClient {
  return (shared ??= connections.httpClient())
}
