/**
 * Attestation-token claim sets of a confidential VM's platform (the Confidential VM Orchestrator's view), as
 * Microsoft documents them (see claims.ts for the sources) with synthetic values: the des step asks whether a
 * release policy releases to such a token (cvm-platform.ts). Guest tokens for tests are built on these in
 * __tests__/support/sample-claims.ts. Each builder returns a fresh object, so callers may change it.
 */

import type { JsonValue } from './types.js'

export type ClaimSet = Record<string, JsonValue>

export const SAMPLE_AUTHORITY = 'https://sharedweu.weu.attest.azure.net'

/** 2026-01-01T00:00:00Z, so fixtures are stable; the emulator passes the current time. */
export const SAMPLE_ISSUED_AT = 1767225600

/** MAA tokens are valid for 8 hours. */
export const MAA_TOKEN_LIFETIME_SECONDS = 8 * 60 * 60

export interface RsaPublicJwk {
  kty: 'RSA'
  n: string
  e: string
}

export interface SampleClaimOptions {
  /** Token issuer (`iss`); default SAMPLE_AUTHORITY. */
  issuer?: string
  /** Unix seconds for `iat`/`nbf`; `exp` is 8 hours later. */
  issuedAt?: number
  /** `x-ms-runtime.client-payload.nonce`. */
  nonce?: string
  /** The vTPM ephemeral key Key Vault wraps the released key to (`x-ms-runtime.keys[0]`, TpmEphemeralEncryptionKey). */
  encryptionKey?: RsaPublicJwk
  /** `x-ms-azurevm-vmid` / vmUniqueId. */
  vmId?: string
}

/** Deterministic fake hex of `bytes` bytes, different per seed. */
export function fakeHex(bytes: number, seed: number): string {
  let out = ''
  let x = Math.imul(seed, 2654435761) >>> 0
  for (let i = 0; i < bytes; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    out += ((x >>> 16) & 0xff).toString(16).padStart(2, '0')
  }
  return out
}

export function fakeBase64url(bytes: number, seed: number): string {
  return Buffer.from(fakeHex(bytes, seed), 'hex').toString('base64url')
}

export const DEFAULT_VM_ID = '5D6C2E1A-3B7F-4C21-9E0D-8A4B6F2C1D90'

export function tokenFrame(o: SampleClaimOptions, seed: number): ClaimSet {
  const iat = o.issuedAt ?? SAMPLE_ISSUED_AT
  return {
    iss: o.issuer ?? SAMPLE_AUTHORITY,
    iat,
    nbf: iat,
    exp: iat + MAA_TOKEN_LIFETIME_SECONDS,
    jti: fakeHex(32, seed)
  }
}

export function sevSnpReport(seed: number, debuggable = false): ClaimSet {
  return {
    'x-ms-sevsnpvm-authorkeydigest': '0'.repeat(96),
    'x-ms-sevsnpvm-bootloader-svn': 3,
    'x-ms-sevsnpvm-familyId': '01000000000000000000000000000000',
    'x-ms-sevsnpvm-guestsvn': 2,
    'x-ms-sevsnpvm-hostdata': '0'.repeat(64),
    'x-ms-sevsnpvm-idkeydigest': fakeHex(48, seed + 2),
    'x-ms-sevsnpvm-imageId': '02000000000000000000000000000000',
    'x-ms-sevsnpvm-is-debuggable': debuggable,
    'x-ms-sevsnpvm-launchmeasurement': fakeHex(48, seed + 3),
    'x-ms-sevsnpvm-microcode-svn': 115,
    'x-ms-sevsnpvm-migration-allowed': false,
    'x-ms-sevsnpvm-reportdata': fakeHex(32, seed + 4) + '0'.repeat(64),
    'x-ms-sevsnpvm-reportid': fakeHex(32, seed + 5),
    'x-ms-sevsnpvm-smt-allowed': true,
    'x-ms-sevsnpvm-snpfw-svn': 8,
    'x-ms-sevsnpvm-tee-svn': 0,
    'x-ms-sevsnpvm-vmpl': 0
  }
}

export function tdxReport(seed: number): ClaimSet {
  const zeros48 = '0'.repeat(96)
  return {
    attester_tcb_status: 'UpToDate',
    dbgstat: 'disabled',
    eat_profile: 'https://aka.ms/maa-eat-profile-tdxvm',
    intuse: 'generic',
    tdx_mrconfigid: zeros48,
    tdx_mrowner: zeros48,
    tdx_mrownerconfig: zeros48,
    tdx_mrseam: fakeHex(48, seed + 2),
    tdx_mrsignerseam: zeros48,
    tdx_mrtd: fakeHex(48, seed + 3),
    tdx_report_data: fakeHex(32, seed + 4) + '0'.repeat(64),
    tdx_rtmr0: fakeHex(48, seed + 5),
    tdx_rtmr1: fakeHex(48, seed + 6),
    tdx_rtmr2: fakeHex(48, seed + 7),
    tdx_rtmr3: zeros48,
    tdx_seam_attributes: '0000000000000000',
    tdx_seamsvn: 3,
    tdx_td_attributes: '0000000010000000',
    tdx_td_attributes_debug: false,
    tdx_td_attributes_key_locker: false,
    tdx_td_attributes_perfmon: false,
    tdx_td_attributes_protection_keys: false,
    tdx_td_attributes_septve_disable: true,
    tdx_tee_tcb_svn: '03000600000000000000000000000000',
    tdx_xfam: 'e718060000000000'
  }
}

/** Platform token of a SEV-SNP CVM (the CVM orchestrator's view): verdict at the top level. cvm-platform releases it. */
export function sevSnpPlatformClaims(o: SampleClaimOptions = {}): ClaimSet {
  return {
    ...tokenFrame(o, 51),
    'x-ms-attestation-type': 'sevsnpvm',
    'x-ms-compliance-status': 'azure-compliant-cvm',
    'x-ms-policy-hash': fakeBase64url(32, 52),
    'x-ms-runtime': {
      keys: [
        { kid: 'HCLTransferKey', kty: 'RSA', key_ops: ['encrypt'], e: 'AQAB', n: fakeBase64url(256, 53) }
      ],
      'vm-configuration': { 'secure-boot': true, 'tpm-enabled': true, vmUniqueId: o.vmId ?? DEFAULT_VM_ID }
    },
    ...sevSnpReport(54),
    'x-ms-ver': '1.0'
  }
}

/** Platform token of a TDX CVM: the TDX EAT profile claims with the verdict at the top level. */
export function tdxPlatformClaims(o: SampleClaimOptions = {}): ClaimSet {
  return {
    ...tokenFrame(o, 61),
    ...tdxReport(62),
    'x-ms-attestation-type': 'tdxvm',
    'x-ms-compliance-status': 'azure-compliant-cvm',
    'x-ms-policy-hash': fakeBase64url(32, 63),
    'x-ms-runtime': {
      keys: [
        { kid: 'HCLTransferKey', kty: 'RSA', key_ops: ['encrypt'], e: 'AQAB', n: fakeBase64url(256, 64) }
      ]
    },
    'x-ms-ver': '1.0'
  }
}
