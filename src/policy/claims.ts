/**
 * What we know about Microsoft Azure Attestation (MAA) token claims, and how a policy condition reads them.
 *
 * Sources (paraphrased): MicrosoftDocs azure-docs `articles/attestation/attestation-token-examples.md` (SEV-SNP
 * and TDX platform tokens: top-level `x-ms-attestation-type` sevsnpvm/tdxvm, `x-ms-compliance-status`
 * azure-compliant-cvm), `articles/confidential-computing/skr-flow-confidential-vm-sev-snp.md` (CVM guest token:
 * `x-ms-attestation-type` azurevm, the hardware verdict nested under `x-ms-isolation-tee`),
 * `articles/attestation/claim-sets.md` (SEV-SNP and SGX claims). The TDX claims nested under
 * `x-ms-isolation-tee` in a TDX guest token are inferred from the TDX platform token: no Microsoft sample of a
 * TDX guest token was found.
 */

import type { ClaimValue } from './types.js'
import { isPlainObject } from './json.js'

export type ClaimKind = 'string' | 'number' | 'boolean' | 'object' | 'array'

/** In every MAA token. */
const COMMON_CLAIMS: Record<string, ClaimKind> = {
  iss: 'string',
  iat: 'number',
  exp: 'number',
  nbf: 'number',
  jti: 'string',
  nonce: 'string',
  'x-ms-ver': 'string',
  'x-ms-attestation-type': 'string',
  'x-ms-policy-hash': 'string',
  'x-ms-policy-signer': 'object',
  'x-ms-runtime': 'object',
  'x-ms-inittime': 'object'
}

/** Top level of a confidential VM guest attestation token (`x-ms-attestation-type` = azurevm). */
const GUEST_CLAIMS: Record<string, ClaimKind> = {
  secureboot: 'boolean',
  'x-ms-azurevm-attestation-protocol-ver': 'string',
  'x-ms-azurevm-attested-pcrs': 'array',
  'x-ms-azurevm-bootdebug-enabled': 'boolean',
  'x-ms-azurevm-dbvalidated': 'boolean',
  'x-ms-azurevm-dbxvalidated': 'boolean',
  'x-ms-azurevm-debuggersdisabled': 'boolean',
  'x-ms-azurevm-default-securebootkeysvalidated': 'boolean',
  'x-ms-azurevm-elam-enabled': 'boolean',
  'x-ms-azurevm-flightsigning-enabled': 'boolean',
  'x-ms-azurevm-hvci-policy': 'number',
  'x-ms-azurevm-hypervisordebug-enabled': 'boolean',
  'x-ms-azurevm-is-windows': 'boolean',
  'x-ms-azurevm-kerneldebug-enabled': 'boolean',
  'x-ms-azurevm-osbuild': 'string',
  'x-ms-azurevm-osdistro': 'string',
  'x-ms-azurevm-ostype': 'string',
  'x-ms-azurevm-osversion-major': 'number',
  'x-ms-azurevm-osversion-minor': 'number',
  'x-ms-azurevm-signingdisabled': 'boolean',
  'x-ms-azurevm-testsigning-enabled': 'boolean',
  'x-ms-azurevm-vmid': 'string',
  'x-ms-isolation-tee': 'object',
  'x-ms-runtime.client-payload': 'object',
  'x-ms-runtime.client-payload.nonce': 'string',
  'x-ms-runtime.keys': 'array'
}

/** Claims of the hardware (platform) verdict, shared by SEV-SNP and TDX: top level in a platform token. */
const PLATFORM_SHARED_CLAIMS: Record<string, ClaimKind> = {
  'x-ms-attestation-type': 'string',
  'x-ms-compliance-status': 'string',
  'x-ms-runtime': 'object',
  'x-ms-runtime.keys': 'array',
  'x-ms-runtime.vm-configuration': 'object',
  'x-ms-runtime.vm-configuration.console-enabled': 'boolean',
  'x-ms-runtime.vm-configuration.current-time': 'number',
  'x-ms-runtime.vm-configuration.secure-boot': 'boolean',
  'x-ms-runtime.vm-configuration.secure-boot-template-id': 'string',
  'x-ms-runtime.vm-configuration.tpm-enabled': 'boolean',
  'x-ms-runtime.vm-configuration.tpm-persisted': 'boolean',
  'x-ms-runtime.vm-configuration.vmUniqueId': 'string',
  'x-ms-runtime.user-data': 'string'
}

export const SEV_SNP_CLAIMS: Record<string, ClaimKind> = {
  'x-ms-sevsnpvm-authorkeydigest': 'string',
  'x-ms-sevsnpvm-bootloader-svn': 'number',
  'x-ms-sevsnpvm-familyId': 'string',
  'x-ms-sevsnpvm-guestsvn': 'number',
  'x-ms-sevsnpvm-hostdata': 'string',
  'x-ms-sevsnpvm-idkeydigest': 'string',
  'x-ms-sevsnpvm-imageId': 'string',
  'x-ms-sevsnpvm-is-debuggable': 'boolean',
  'x-ms-sevsnpvm-launchmeasurement': 'string',
  'x-ms-sevsnpvm-microcode-svn': 'number',
  'x-ms-sevsnpvm-migration-allowed': 'boolean',
  'x-ms-sevsnpvm-reportdata': 'string',
  'x-ms-sevsnpvm-reportid': 'string',
  'x-ms-sevsnpvm-smt-allowed': 'boolean',
  'x-ms-sevsnpvm-snpfw-svn': 'number',
  'x-ms-sevsnpvm-tee-svn': 'number',
  'x-ms-sevsnpvm-vmpl': 'number'
}

export const TDX_CLAIMS: Record<string, ClaimKind> = {
  attester_tcb_status: 'string',
  dbgstat: 'string',
  eat_profile: 'string',
  intuse: 'string',
  tdx_mrconfigid: 'string',
  tdx_mrowner: 'string',
  tdx_mrownerconfig: 'string',
  tdx_mrseam: 'string',
  tdx_mrsignerseam: 'string',
  tdx_mrtd: 'string',
  tdx_report_data: 'string',
  tdx_rtmr0: 'string',
  tdx_rtmr1: 'string',
  tdx_rtmr2: 'string',
  tdx_rtmr3: 'string',
  tdx_seam_attributes: 'string',
  tdx_seamsvn: 'number',
  tdx_td_attributes: 'string',
  tdx_td_attributes_debug: 'boolean',
  tdx_td_attributes_key_locker: 'boolean',
  tdx_td_attributes_perfmon: 'boolean',
  tdx_td_attributes_protection_keys: 'boolean',
  tdx_td_attributes_septve_disable: 'boolean',
  tdx_tee_tcb_svn: 'string',
  tdx_xfam: 'string'
}

/** SGX enclave claims (claim-sets.md); not CVM, but documented MAA claims a policy may use. */
const SGX_CLAIMS: Record<string, ClaimKind> = {
  'x-ms-sgx-is-debuggable': 'boolean',
  'x-ms-sgx-product-id': 'number',
  'x-ms-sgx-mrsigner': 'string',
  'x-ms-sgx-mrenclave': 'string',
  'x-ms-sgx-svn': 'number',
  'x-ms-sgx-ehd': 'string',
  'x-ms-sgx-report-data': 'string',
  'x-ms-sgx-collateral': 'object',
  'x-ms-sgx-config-id': 'string',
  'x-ms-sgx-config-svn': 'number',
  'x-ms-sgx-isv-extended-product-id': 'string',
  'x-ms-sgx-isv-family-id': 'string'
}

export const ISOLATION_TEE = 'x-ms-isolation-tee'
export const ATTESTATION_TYPE = 'x-ms-attestation-type'
export const COMPLIANCE_STATUS = 'x-ms-compliance-status'
export const TEE_ATTESTATION_TYPE = `${ISOLATION_TEE}.${ATTESTATION_TYPE}`
export const TEE_COMPLIANCE_STATUS = `${ISOLATION_TEE}.${COMPLIANCE_STATUS}`
export const SEV_SNP_TYPE = 'sevsnpvm'
export const TDX_TYPE = 'tdxvm'
export const AZURE_VM_TYPE = 'azurevm'
export const COMPLIANT_CVM = 'azure-compliant-cvm'

const HARDWARE_CLAIMS: Record<string, ClaimKind> = {
  ...PLATFORM_SHARED_CLAIMS,
  ...SEV_SNP_CLAIMS,
  ...TDX_CLAIMS
}

const KNOWN: ReadonlyMap<string, ClaimKind> = (() => {
  const m = new Map<string, ClaimKind>()
  const add = (claims: Record<string, ClaimKind>, prefix = ''): void => {
    for (const [k, v] of Object.entries(claims)) m.set(prefix + k, v)
  }
  add(COMMON_CLAIMS)
  add(GUEST_CLAIMS)
  add(HARDWARE_CLAIMS) // platform token: the hardware verdict sits at the top level
  add(HARDWARE_CLAIMS, `${ISOLATION_TEE}.`) // guest token: the same verdict nested
  add(SGX_CLAIMS)
  return m
})()

/** The JSON type MAA gives a claim, or undefined for a claim this library does not know. */
export function knownClaimKind(path: string): ClaimKind | undefined {
  return KNOWN.get(path)
}

export function knownClaimNames(): string[] {
  return [...KNOWN.keys()]
}

/** Claims only a hardware TEE token carries; a plain (for example Trusted Launch) VM's token has none of them. */
export function isTeeEvidenceClaim(path: string): boolean {
  if (path === ISOLATION_TEE || path.startsWith(`${ISOLATION_TEE}.`)) return true
  if (path === COMPLIANCE_STATUS) return true
  return path in SEV_SNP_CLAIMS || path in TDX_CLAIMS || path in SGX_CLAIMS
}

export type ClaimLookup = { found: true; value: unknown } | { found: false; stoppedAt: string }

/**
 * Follow a dotted claim path into the claims ("object.object.claim", per the grammar doc). Only objects are
 * navigated: the doc says array specifications are not supported. A missing step means the claim is missing.
 */
export function resolveClaim(claims: Readonly<Record<string, unknown>>, path: string): ClaimLookup {
  let current: unknown = claims
  const parts = path.split('.')
  for (let i = 0; i < parts.length; i++) {
    if (!isPlainObject(current) || !Object.prototype.hasOwnProperty.call(current, parts[i])) {
      return { found: false, stoppedAt: parts.slice(0, i + 1).join('.') }
    }
    current = current[parts[i]]
  }
  return { found: true, value: current }
}

/** The text a scalar compares by: strings as they are, true/false, numbers in JSON form. */
export function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'number' && Number.isFinite(v)) return JSON.stringify(v)
  return undefined
}

/**
 * Does a claim value satisfy `equals`?
 *
 * CHOICE: by default scalars compare by their text, so the policy string "false" matches the boolean claim false
 * and "0" matches the number 0. The grammar doc does not say; Microsoft's own samples rely on it
 * (microsoft/confidential-sidecar-containers examples/skr/importkeyconfig.json writes
 * `x-ms-sevsnpvm-is-debuggable` equals "false"; its Managed HSM deploy script also pins `x-ms-sevsnpvm-vmpl`
 * equals "0"), which could never release if the service compared JSON types. Strings compare case-sensitively.
 * `strict` compares type and value instead. Objects, arrays and null never match (objects are not allowed as values).
 */
export function claimValueMatches(expected: ClaimValue, actual: unknown, strict = false): boolean {
  if (strict) return typeof actual === typeof expected && actual === expected
  const a = scalarText(actual)
  return a !== undefined && a === scalarText(expected)
}

export function describeValue(v: unknown): string {
  if (v === undefined) return 'missing'
  try {
    const s = JSON.stringify(v)
    return s.length > 80 ? `${s.slice(0, 77)}...` : s
  } catch {
    return String(v)
  }
}
