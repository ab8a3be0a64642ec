/**
 * Test support: realistic attestation-token claim sets (guests here, platforms in src/policy/platform-claims.ts).
 * Claim names and shapes follow Microsoft's documented samples (see claims.ts for the sources); every value is
 * synthetic. Each builder returns a fresh object, so callers may change it.
 *
 * Modelling choices (not documented by Microsoft): a TDX guest token nests the TDX platform claims under
 * `x-ms-isolation-tee` the way a SEV-SNP guest token nests the SEV-SNP ones; a non-compliant CVM's token simply
 * lacks `x-ms-compliance-status`.
 */

import type { JsonValue } from '../../src/policy/types.js'
import {
  DEFAULT_VM_ID,
  SAMPLE_ISSUED_AT,
  fakeBase64url,
  sevSnpPlatformClaims,
  sevSnpReport,
  tdxPlatformClaims,
  tdxReport,
  tokenFrame,
  type ClaimSet,
  type RsaPublicJwk,
  type SampleClaimOptions
} from '../../src/policy/platform-claims.js'

export * from '../../src/policy/platform-claims.js'

function defaultEncryptionKey(): RsaPublicJwk {
  return { kty: 'RSA', n: fakeBase64url(256, 7), e: 'AQAB' }
}

function vmConfiguration(o: SampleClaimOptions): ClaimSet {
  const iat = o.issuedAt ?? SAMPLE_ISSUED_AT
  return {
    'console-enabled': true,
    'current-time': iat - 60,
    'secure-boot': true,
    'tpm-enabled': true,
    vmUniqueId: o.vmId ?? DEFAULT_VM_ID
  }
}

/** The vTPM attestation key the paravisor (HCL) reports inside the hardware verdict; not the release target. */
function hclKeys(seed: number): JsonValue {
  return [{ kid: 'HCLAkPub', kty: 'RSA', key_ops: ['sign'], e: 'AQAB', n: fakeBase64url(256, seed) }]
}

/** Top-level claims of a confidential VM guest attestation (`x-ms-attestation-type` azurevm). */
function guestTop(o: SampleClaimOptions, seed: number, tee: ClaimSet | undefined): ClaimSet {
  const claims: ClaimSet = {
    ...tokenFrame(o, seed),
    secureboot: true,
    'x-ms-attestation-type': 'azurevm',
    'x-ms-azurevm-attestation-protocol-ver': '2.0',
    'x-ms-azurevm-attested-pcrs': [0, 1, 2, 3, 4, 5, 6, 7],
    'x-ms-azurevm-bootdebug-enabled': false,
    'x-ms-azurevm-dbvalidated': true,
    'x-ms-azurevm-dbxvalidated': true,
    'x-ms-azurevm-debuggersdisabled': true,
    'x-ms-azurevm-default-securebootkeysvalidated': true,
    'x-ms-azurevm-elam-enabled': false,
    'x-ms-azurevm-flightsigning-enabled': false,
    'x-ms-azurevm-hvci-policy': 0,
    'x-ms-azurevm-hypervisordebug-enabled': false,
    'x-ms-azurevm-is-windows': false,
    'x-ms-azurevm-kerneldebug-enabled': false,
    'x-ms-azurevm-osbuild': 'NotApplication',
    'x-ms-azurevm-osdistro': 'Ubuntu',
    'x-ms-azurevm-ostype': 'Linux',
    'x-ms-azurevm-osversion-major': 22,
    'x-ms-azurevm-osversion-minor': 4,
    'x-ms-azurevm-signingdisabled': true,
    'x-ms-azurevm-testsigning-enabled': false,
    'x-ms-azurevm-vmid': o.vmId ?? DEFAULT_VM_ID
  }
  if (tee) claims['x-ms-isolation-tee'] = tee
  claims['x-ms-policy-hash'] = fakeBase64url(32, seed + 1)
  claims['x-ms-runtime'] = {
    'client-payload': { nonce: o.nonce ?? '' },
    keys: [
      {
        kid: 'TpmEphemeralEncryptionKey',
        key_ops: ['encrypt'],
        ...(o.encryptionKey ?? defaultEncryptionKey())
      }
    ]
  }
  claims['x-ms-ver'] = '1.0'
  return claims
}

/** A compliant AMD SEV-SNP confidential VM's guest attestation (releases under sev-snp-cvm and confidential-vm). */
export function sevSnpCvmGuestClaims(o: SampleClaimOptions = {}): ClaimSet {
  return guestTop(o, 11, {
    'x-ms-attestation-type': 'sevsnpvm',
    'x-ms-compliance-status': 'azure-compliant-cvm',
    'x-ms-runtime': { keys: hclKeys(12), 'vm-configuration': vmConfiguration(o) },
    ...sevSnpReport(13)
  })
}

/** A compliant Intel TDX confidential VM's guest attestation (releases under tdx-cvm and confidential-vm). */
export function tdxCvmGuestClaims(o: SampleClaimOptions = {}): ClaimSet {
  return guestTop(o, 21, {
    'x-ms-attestation-type': 'tdxvm',
    'x-ms-compliance-status': 'azure-compliant-cvm',
    'x-ms-runtime': { keys: hclKeys(22), 'vm-configuration': vmConfiguration(o) },
    ...tdxReport(23)
  })
}

/** SEV-SNP hardware, but not an Azure-compliant CVM (debuggable, no compliance verdict): every preset denies it. */
export function nonCompliantCvmGuestClaims(o: SampleClaimOptions = {}): ClaimSet {
  return guestTop(o, 31, {
    'x-ms-attestation-type': 'sevsnpvm',
    'x-ms-runtime': { keys: hclKeys(32), 'vm-configuration': vmConfiguration(o) },
    ...sevSnpReport(33, true)
  })
}

/** A non-confidential (Trusted Launch) VM: no hardware TEE verdict at all. */
export function trustedLaunchVmClaims(o: SampleClaimOptions = {}): ClaimSet {
  return guestTop(o, 41, undefined)
}

export type SampleName =
  'sevSnpGuest' | 'tdxGuest' | 'nonCompliantGuest' | 'trustedLaunch' | 'sevSnpPlatform' | 'tdxPlatform'

export const SAMPLE_BUILDERS: Readonly<Record<SampleName, (o?: SampleClaimOptions) => ClaimSet>> = {
  sevSnpGuest: sevSnpCvmGuestClaims,
  tdxGuest: tdxCvmGuestClaims,
  nonCompliantGuest: nonCompliantCvmGuestClaims,
  trustedLaunch: trustedLaunchVmClaims,
  sevSnpPlatform: sevSnpPlatformClaims,
  tdxPlatform: tdxPlatformClaims
}
