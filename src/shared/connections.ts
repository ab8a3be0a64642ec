/**
 * The run's connections to Azure: one HTTP client shared by every Azure client (the SDK clients, the
 * hand-written ones and the sign-in), so that each host is reached over kept-alive connections.
 *
 * Without a proxy the SDK's own HTTP client already keeps connections alive. Through an HTTPS proxy
 * (HTTPS_PROXY, read by the SDK's proxy policy with its NO_PROXY rules) each SDK pipeline makes a proxy agent
 * of its own without keep-alive, so every request paid a CONNECT and a TLS handshake (66 of them in a fresh
 * apply). Here a request the proxy policy sends to a proxy goes through one kept-alive agent for that proxy
 * instead; whether a request goes through a proxy, and which, stays the SDK's decision.
 */
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline'
import { HttpsProxyAgent } from 'https-proxy-agent'

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
 * agent-base files an idle connection under a name that says HTTPS only when Node's request options say so,
 * else it guesses from the call stack, and the guess differed between filing and lookup: no connection was
 * ever reused. Every request this agent carries is HTTPS (only https: URLs are given to it).
 */
class KeepAliveProxyAgent extends HttpsProxyAgent<string> {
  override isSecureEndpoint(): boolean {
    return true
  }
}

const proxyAgents = new Map<string, KeepAliveProxyAgent>()
let shared: HttpClient | undefined

export function sharedHttpClient(): HttpClient {
  if (shared) return shared
  const inner = createDefaultHttpClient()
  shared = {
    sendRequest(request) {
      // The proxy policy's agent names its proxy (credentials included, as the policy read them).
      const proxy = (request.agent as { proxy?: unknown } | undefined)?.proxy
      if (proxy instanceof URL && request.url.startsWith('https:')) {
        let agent = proxyAgents.get(proxy.href)
        if (!agent)
          proxyAgents.set(proxy.href, (agent = new KeepAliveProxyAgent(proxy.href, { keepAlive: true })))
        request.agent = agent
      }
      return inner.sendRequest(request)
    }
  }
  return shared
}
