/**
 * A client's bearer token goes to the origin it was requested for and nowhere else. The Azure SDKs follow
 * URLs that come in answers: a long-running operation's `Location` and `Azure-AsyncOperation`, a list's
 * `nextLink`. An answer Azure would never give (a compromised path, a hostile proxy) could name another
 * host, and the pipeline would send it the token. Every hand-written and SDK client of ARM and of the HSM's
 * data plane carries this policy as the last step before a request leaves: a request to any other origin
 * fails, naming the URL, and is never sent.
 */
import type { Pipeline, PipelinePolicy } from '@azure/core-rest-pipeline'

export const sameOriginPolicyName = 'sameOriginPolicy'

/** A request the client refused to send: its URL is not on the client's origin. */
export class ForeignOriginError extends Error {
  constructor(
    readonly url: string,
    readonly origin: string
  ) {
    super(`refused to send a request to ${url}: this client sends its token to ${origin} only`)
    this.name = 'ForeignOriginError'
  }
}

/** The URL's origin (scheme, host, port), lower case; undefined when it is not a URL. */
export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin.toLowerCase()
  } catch {
    return undefined
  }
}

export function sameOriginPolicy(origin: string): PipelinePolicy {
  const allowed = originOf(origin)
  return {
    name: sameOriginPolicyName,
    sendRequest(request, next) {
      if (!allowed || originOf(request.url) !== allowed)
        return Promise.reject(new ForeignOriginError(request.url, allowed ?? origin))
      return next(request)
    }
  }
}

/**
 * Adds the policy after every other (after the Sign phase, where the token is set, and after the
 * redirect policy): whatever the SDK or a redirect made of the URL, it is checked as it would be sent.
 */
export function keepToOrigin(pipeline: Pipeline, origin: string): void {
  pipeline.addPolicy(sameOriginPolicy(origin), { afterPhase: 'Sign' })
}
