/**
 * Does a release policy let the Confidential VM Orchestrator have the key? It presents a CVM platform token
 * (compliance verdict at the top level), so the question is answered by evaluating the policy against such
 * tokens from each of the policy's own authorities.
 */
import { evaluatePolicy } from './evaluate.js'
import { sevSnpPlatformClaims, tdxPlatformClaims } from './platform-claims.js'
import type { ReleasePolicy } from './types.js'

/** True when a compliant SEV-SNP or TDX platform token from one of the policy's own authorities gets the key. */
export function releasesToCvmPlatform(policy: ReleasePolicy): boolean {
  const authorities = (Array.isArray(policy.anyOf) ? policy.anyOf : [])
    .map(b => b?.authority)
    .filter((a): a is string => typeof a === 'string')
  return authorities.some(issuer =>
    [sevSnpPlatformClaims, tdxPlatformClaims].some(
      claims => evaluatePolicy(policy, claims({ issuer }), issuer).released
    )
  )
}
