/**
 * Authentication for the Key Vault and Managed HSM data planes without the challenge round trip.
 *
 * The SDK's keyVaultAuthenticationPolicy (@azure/keyvault-common 2.x) always starts a client by sending the
 * first request without a token and without its body, to learn the scope and tenant from the 401
 * challenge; it has no option to seed them, and its state lives in the closure of each policy instance, so
 * every client pays that round trip. Here the scope and tenant are already known: the resource from the
 * cloud's DNS suffix of the host (the same check the SDK makes on a challenge's resource), the tenant from
 * the sign-in (for an HSM only when ARM reports it in that tenant). So the first request carries the token.
 * When the service answers 401 with a challenge anyway (another tenant or resource, a claims challenge),
 * the SDK's own policy takes over for the rest of the run and is handed that very answer as its first
 * challenge: it verifies the resource, asks for a token in the challenge's tenant and resends.
 * One policy per known host, shared by every client of that host, so a hand-over happens at most once.
 */
import type { TokenCredential } from '@azure/core-auth'
import type {
  Pipeline,
  PipelinePolicy,
  PipelineRequest,
  PipelineResponse,
  SendRequest
} from '@azure/core-rest-pipeline'
import { keyVaultAuthenticationPolicy, keyVaultAuthenticationPolicyName } from '@azure/keyvault-common'
import type { CloudEndpoints } from './clouds.js'
import { noteDataPlaneRequest } from '../shared/replication.js'

export interface KnownResource {
  /** e.g. https://managedhsm.azure.net/.default */
  scope: string
  tenantId: string
}

/**
 * The SDK's policy, preceded by a token for `known` on every request until the service first answers 401
 * with a challenge. Without `known` it is the SDK's policy alone.
 */
export function preauthorizingPolicy(credential: TokenCredential, known?: KnownResource): PipelinePolicy {
  const sdk = keyVaultAuthenticationPolicy(credential)
  if (!known) return sdk
  // The SDK policy's first challenge, once a challenge came. Its state machine assumes one first
  // request at a time, so requests wait for it before they go through the SDK policy.
  let handover: Promise<PipelineResponse> | undefined
  const afterHandover = async (
    request: PipelineRequest,
    next: SendRequest,
    first: Promise<PipelineResponse>
  ): Promise<PipelineResponse> => {
    await first.catch(() => undefined)
    return sdk.sendRequest(request, next)
  }
  return {
    name: keyVaultAuthenticationPolicyName,
    async sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
      if (handover) return afterHandover(request, next, handover)
      const token = await credential.getToken(known.scope, {
        abortSignal: request.abortSignal,
        tenantId: known.tenantId,
        // As the SDK's policy asks, so both find the same cached token.
        enableCae: true
      })
      if (token) request.headers.set('authorization', `Bearer ${token.token}`)
      const response = await next(request)
      const challenge = response.headers.get('www-authenticate')
      if (response.status !== 401 || !challenge) return response
      request.headers.delete('authorization')
      if (handover) return afterHandover(request, next, handover)
      // A challenge naming a resource is the one the SDK's first (bodiless) request would have got: it
      // receives this one instead of asking again. Anything else (a claims challenge), it asks itself.
      if (!/\b(resource|scope)\s*=/i.test(challenge)) {
        handover = sdk.sendRequest(request, next)
      } else {
        let replayed = false
        handover = sdk.sendRequest(request, async again => {
          if (replayed) return next(again)
          replayed = true
          return response
        })
      }
      return handover
    }
  }
}

/**
 * One authentication policy per data-plane host for the run, on the sign-in's tenant and cloud. A host of
 * neither the cloud's Key Vault nor its Managed HSM suffix gets the SDK's challenge handling alone.
 */
export class DataPlaneAuth {
  private readonly policies = new Map<string, PipelinePolicy>()

  constructor(
    private readonly credential: TokenCredential,
    private readonly tenantId: string,
    private readonly cloud: Pick<CloudEndpoints, 'keyVaultSuffix' | 'managedHsmSuffix'>
  ) {}

  /** The same policies on another credential (one that holds the sign-in's tokens back: engine/prefetch.ts). */
  withCredential(credential: TokenCredential): DataPlaneAuth {
    return new DataPlaneAuth(credential, this.tenantId, this.cloud)
  }

  /**
   * The policy for `url`'s host. `resourceTenant`: the tenant ARM reports the resource in, when it was
   * read; another than the sign-in's leaves the tenant to the challenge.
   */
  policyFor(url: string, resourceTenant?: string): PipelinePolicy {
    const host = new URL(url).hostname.toLowerCase()
    const known = this.known(host, resourceTenant)
    // Unknown: the SDK's policy, one per client as the SDK makes it (its challenge state is not shared).
    if (!known) return preauthorizingPolicy(this.credential)
    let policy = this.policies.get(host)
    if (!policy) {
      policy = preauthorizingPolicy(this.credential, known)
      this.policies.set(host, policy)
    }
    return policy
  }

  private known(host: string, resourceTenant: string | undefined): KnownResource | undefined {
    if (resourceTenant !== undefined && resourceTenant.toLowerCase() !== this.tenantId.toLowerCase())
      return undefined
    const suffix = [this.cloud.managedHsmSuffix, this.cloud.keyVaultSuffix].find(s => host.endsWith(`.${s}`))
    return suffix ? { scope: `https://${suffix}/.default`, tenantId: this.tenantId } : undefined
  }
}

/** A credential that carries the run's data-plane policies (the sign-in's); stub credentials do not. */
export interface WithDataPlaneAuth {
  dataPlaneAuth?: DataPlaneAuth
}

/** The run's policy for this host, or the SDK's own policy for a credential without one. */
export function dataPlanePolicy(
  credential: TokenCredential & WithDataPlaneAuth,
  url: string,
  resourceTenant?: string
): PipelinePolicy {
  const auth =
    credential.dataPlaneAuth?.policyFor(url, resourceTenant) ?? keyVaultAuthenticationPolicy(credential)
  // Every data-plane request passes here: the one place that sees the writes a second region replicates.
  return {
    name: auth.name,
    async sendRequest(request, next) {
      const response = await auth.sendRequest(request, next)
      noteDataPlaneRequest(request.method, request.url, response.status)
      return response
    }
  }
}

/**
 * Puts `policy` in place of the one KeyClient / SecretClient built for themselves. They offer no option
 * for it: both keep their generated client, whose `pipeline` is public, in a field named `client` and
 * swap the default bearer policy for keyVaultAuthenticationPolicy by name, as done here. If a later SDK
 * moves that field, the client keeps the SDK's policy (a challenge per client again, nothing breaks);
 * __tests__/data-plane-auth.test.ts fails so it is noticed.
 */
export function useAuthPolicy(sdkClient: object, policy: PipelinePolicy): boolean {
  const pipeline = (sdkClient as { client?: { pipeline?: Pipeline } }).client?.pipeline
  if (!pipeline?.getOrderedPolicies().some(p => p.name === keyVaultAuthenticationPolicyName)) return false
  pipeline.removePolicy({ name: keyVaultAuthenticationPolicyName })
  pipeline.addPolicy(policy)
  return true
}
