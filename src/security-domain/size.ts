/**
 * How large a downloaded security domain will be, before downloading it, so a store that cannot hold it
 * (a Key Vault secret holds at most 25 KB) is refused before anything changes in Azure.
 * Calibrated on real-shaped files (the 2025 Azure CLI recording: 3 × RSA-2048 ≈ 19.7 KB): the encrypted
 * HSM blobs take ≈ 17.6 KB and each wrapping key adds its share JWE (≈ 366 bytes plus the RSA-wrapped
 * content key in base64url). Real files vary by about 5%, which the margin covers.
 */
const BASE_BYTES = 17_572
const PER_SHARE_BYTES = 366
export const SIZE_MARGIN = 1.05

export function estimateSecurityDomainBytes(wrappingKeyBits: readonly number[]): number {
  const shares = wrappingKeyBits.reduce(
    (sum, bits) => sum + PER_SHARE_BYTES + Math.ceil(((bits / 8) * 4) / 3),
    0
  )
  return Math.ceil((BASE_BYTES + shares) * SIZE_MARGIN)
}
