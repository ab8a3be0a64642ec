/**
 * Authority handling. The docs say a block's `authority` "functions in the same fashion as the iss claim in a
 * JSON Web Token", i.e. it is matched against the attestation token's issuer.
 *
 * ASSUMPTION (not documented): the match ignores letter case in scheme and host and a trailing slash. Evidence
 * for the slash: Microsoft's CVM deployment policy (Azure/confidential-computing-cvm, cvm_deployment/key/
 * skr-policy.json) writes `https://sharedeus.eus.attest.azure.net/` while MAA tokens carry `iss` without the
 * slash, and Managed HSM stores the authority exactly as sent (azure-cli recording
 * test_keyvault_hsm_key_release_policy.yaml). Case-insensitivity follows RFC 3986 for scheme and host.
 */

/** Comparable form of an authority or issuer URL: lower-case scheme and host, no trailing slash. */
export function canonicalAuthority(authority: string): string {
  const trimmed = authority.trim()
  try {
    const u = new URL(trimmed)
    const path = u.pathname.replace(/\/+$/, '')
    return `${u.protocol}//${u.host.toLowerCase()}${path}${u.search}`
  } catch {
    return trimmed.replace(/\/+$/, '').toLowerCase()
  }
}

export function authoritiesMatch(a: string, b: string): boolean {
  return canonicalAuthority(a) === canonicalAuthority(b)
}

/** Hosts of Microsoft Azure Attestation in the public cloud; Key Vault only trusts MAA tokens. */
export const DEFAULT_ATTESTATION_HOST_SUFFIXES: readonly string[] = ['.attest.azure.net']

export function isAttestationHost(
  host: string,
  suffixes: readonly string[] = DEFAULT_ATTESTATION_HOST_SUFFIXES
): boolean {
  const h = host.toLowerCase()
  return suffixes.some(s => h.endsWith(s.toLowerCase()) && h.length > s.length)
}
