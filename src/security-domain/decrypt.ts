/**
 * The offline recovery check: given a security domain and some wrapping private keys with their
 * certificates, recover the master secret and authenticate every EncData item with it. Success is
 * proof that those keys can restore the HSM; nothing is sent anywhere.
 *
 * Keys are matched to shares only by certificate thumbprint (b64url SHA-256 of the DER equals
 * the share's x5t_256), as the Azure CLI does, so each private key needs its certificate.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { parseCertificate, type ParsedCertificate } from './certificates.js'
import { parseSecurityDomain, SecurityDomainFormatError, type SecurityDomainFile } from './format.js'
import { decryptCompactJwe, JweError } from './jwe.js'
import { deriveItemKey } from './kdf.js'
import { combineShares, decodeShare, ShamirError, type DecodedShare } from './shamir.js'

const SHARE_BYTES = 64
const MAX_SUBSETS = 5000

export interface WrappingKeyInput {
  /** PEM (PKCS#8 or PKCS#1) or a KeyObject. Encrypted PEM is not supported. */
  privateKeyPem: string | KeyObject
  /** PEM or DER certificate of the same key. */
  certificatePem: string | Uint8Array
}

export type RecoveryErrorCode =
  | 'INVALID_SD' // the file is not a well-formed version-2 security domain
  | 'INVALID_KEY' // a supplied private key or certificate cannot be read
  | 'KEY_CERT_MISMATCH' // a private key does not belong to the certificate given with it
  | 'TOO_FEW_KEYS' // fewer distinct shares matched than the quorum
  | 'UNMATCHED_KEY' // (subset report) a supplied key's certificate is not among the SD's shares
  | 'SHARE_DECRYPT_FAILED' // a matched share's JWE did not authenticate/decrypt
  | 'SHARE_INVALID' // a share decrypted but is not a valid 64-byte Shamir share
  | 'COMBINE_FAILED' // the shares do not interpolate to a 32-byte secret
  | 'ITEM_DECRYPT_FAILED' // an EncData item did not authenticate under the recovered master

export interface RecoveryErrorDetails {
  required?: number
  matched?: number
  keyIndex?: number
  shareIndex?: number
  itemIndex?: number
  tag?: string
}

export class RecoveryError extends Error {
  readonly code: RecoveryErrorCode
  readonly details: RecoveryErrorDetails
  constructor(code: RecoveryErrorCode, message: string, details: RecoveryErrorDetails = {}) {
    super(message)
    this.name = 'RecoveryError'
    this.code = code
    this.details = details
  }
}

export interface RecoveredItem {
  tag: string
  plaintext: Buffer
}

export interface RecoveryResult {
  ok: true
  master: Buffer
  required: number
  /** 0-based indices of the supplied keys that matched a share, in input order. */
  matched: number[]
  /** 0-based enc_shares indices used for interpolation (the first `required` matches). */
  sharesUsed: number[]
  /** Every EncData item, authenticated and decrypted, in file order. */
  items: RecoveredItem[]
}

export interface RecoveryFailure {
  ok: false
  error: RecoveryError
}

interface PreparedKey {
  index: number
  cert: ParsedCertificate
  privateKey: KeyObject
  /** enc_shares indices whose x5t_256 is this key's certificate thumbprint. */
  shareIndices: number[]
}

function keyLabel(index: number, cert?: ParsedCertificate): string {
  return cert ? `key #${index + 1} (${cert.subject || 'no subject'})` : `key #${index + 1}`
}

function loadSd(sd: SecurityDomainFile | string | unknown): SecurityDomainFile {
  try {
    return parseSecurityDomain(sd)
  } catch (e) {
    if (e instanceof SecurityDomainFormatError) throw new RecoveryError('INVALID_SD', e.message)
    throw e
  }
}

function prepareKey(sd: SecurityDomainFile, input: WrappingKeyInput, index: number): PreparedKey {
  let cert: ParsedCertificate
  try {
    cert = parseCertificate(input.certificatePem)
  } catch {
    throw new RecoveryError(
      'INVALID_KEY',
      `${keyLabel(index)}: the certificate is not a valid X.509 certificate`,
      {
        keyIndex: index
      }
    )
  }
  let privateKey: KeyObject
  try {
    privateKey =
      typeof input.privateKeyPem === 'string' ? createPrivateKey(input.privateKeyPem) : input.privateKeyPem
  } catch {
    throw new RecoveryError(
      'INVALID_KEY',
      `${keyLabel(index, cert)}: the private key cannot be read (PEM expected, unencrypted)`,
      {
        keyIndex: index
      }
    )
  }
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa') {
    throw new RecoveryError('INVALID_KEY', `${keyLabel(index, cert)}: not an RSA private key`, {
      keyIndex: index
    })
  }
  const derived = createPublicKey(privateKey).export({ type: 'spki', format: 'der' })
  const certified = cert.publicKey.export({ type: 'spki', format: 'der' })
  if (!derived.equals(certified)) {
    throw new RecoveryError(
      'KEY_CERT_MISMATCH',
      `${keyLabel(index, cert)}: the private key does not belong to this certificate`,
      {
        keyIndex: index
      }
    )
  }
  const shareIndices: number[] = []
  sd.SharedKeys.enc_shares.forEach((share, i) => {
    if (share.x5t_256 === cert.x5tS256) shareIndices.push(i)
  })
  return { index, cert, privateKey, shareIndices }
}

function decryptShare(sd: SecurityDomainFile, key: PreparedKey, shareIndex: number): DecodedShare {
  const share = sd.SharedKeys.enc_shares[shareIndex]
  const where = `share #${shareIndex + 1} (SharedKeys.enc_shares[${shareIndex}])`
  if (!share) throw new RecoveryError('SHARE_INVALID', `${where} does not exist`, { shareIndex })
  let plaintext: Buffer
  try {
    plaintext = decryptCompactJwe(share.enc_key, key.privateKey, {
      expectedAlg: ['RSA-OAEP-256', 'RSA-OAEP']
    }).plaintext
  } catch (e) {
    const why = e instanceof JweError ? e.message : 'unexpected error'
    throw new RecoveryError(
      'SHARE_DECRYPT_FAILED',
      `${where} could not be decrypted with ${keyLabel(key.index, key.cert)}: ${why}`,
      {
        shareIndex,
        keyIndex: key.index
      }
    )
  }
  if (plaintext.length !== SHARE_BYTES) {
    throw new RecoveryError(
      'SHARE_INVALID',
      `${where} decrypted to ${plaintext.length} bytes, expected ${SHARE_BYTES}`,
      {
        shareIndex,
        keyIndex: key.index
      }
    )
  }
  try {
    return decodeShare(plaintext)
  } catch (e) {
    throw new RecoveryError(
      'SHARE_INVALID',
      `${where} is not a valid Shamir share: ${e instanceof ShamirError ? e.message : 'bad encoding'}`,
      {
        shareIndex,
        keyIndex: key.index
      }
    )
  }
}

function combine(shares: DecodedShare[], required: number, shareIndices: number[]): Buffer {
  try {
    return combineShares(shares, required)
  } catch (e) {
    const which = shareIndices.map(i => `#${i + 1}`).join(', ')
    throw new RecoveryError(
      'COMBINE_FAILED',
      `shares ${which} do not combine: ${e instanceof ShamirError ? e.message : 'unexpected error'}`
    )
  }
}

function decryptItems(sd: SecurityDomainFile, master: Buffer): RecoveredItem[] {
  return sd.EncData.data.map((item, itemIndex) => {
    try {
      const { plaintext } = decryptCompactJwe(item.compact_jwe, deriveItemKey(master, item.tag), {
        expectedAlg: 'dir'
      })
      return { tag: item.tag, plaintext }
    } catch (e) {
      const why = e instanceof JweError ? e.message : 'unexpected error'
      throw new RecoveryError(
        'ITEM_DECRYPT_FAILED',
        `EncData item "${item.tag}" (EncData.data[${itemIndex}]) failed under the recovered master secret: ${why}`,
        { itemIndex, tag: item.tag }
      )
    }
  })
}

/**
 * Recovers the master secret with the supplied keys and decrypts and authenticates every EncData
 * item. Every share a supplied key matches is decrypted and checked (a damaged share is reported
 * even when enough others remain); the first `required` of them are interpolated, as the Azure CLI
 * does. Throws RecoveryError on any failure.
 */
export function decryptSecurityDomain(
  sdInput: SecurityDomainFile | string,
  keys: readonly WrappingKeyInput[]
): RecoveryResult {
  const sd = loadSd(sdInput)
  const required = sd.SharedKeys.required
  const prepared = keys.map((k, i) => prepareKey(sd, k, i))

  const owner = new Map<number, PreparedKey>()
  for (const key of prepared) for (const s of key.shareIndices) if (!owner.has(s)) owner.set(s, key)
  if (owner.size < required) {
    const unmatched = prepared.filter(k => k.shareIndices.length === 0).map(k => `#${k.index + 1}`)
    throw new RecoveryError(
      'TOO_FEW_KEYS',
      `${owner.size} of the supplied key(s) match a share of this security domain, ${required} are required` +
        (unmatched.length ? ` (matching no share: key ${unmatched.join(', ')})` : ''),
      { required, matched: owner.size }
    )
  }
  const shareOrder = [...owner.keys()].sort((a, b) => a - b)
  const decoded = shareOrder.map(s => decryptShare(sd, owner.get(s) as PreparedKey, s))
  const sharesUsed = shareOrder.slice(0, required)
  const master = combine(decoded.slice(0, required), required, sharesUsed)
  const items = decryptItems(sd, master)
  return {
    ok: true,
    master,
    required,
    matched: prepared.filter(k => k.shareIndices.length > 0).map(k => k.index),
    sharesUsed,
    items
  }
}

/** decryptSecurityDomain without throwing: failures come back as { ok: false, error }. */
export function checkSecurityDomainRecovery(
  sd: SecurityDomainFile | string,
  keys: readonly WrappingKeyInput[]
): RecoveryResult | RecoveryFailure {
  try {
    return decryptSecurityDomain(sd, keys)
  } catch (e) {
    if (e instanceof RecoveryError) return { ok: false, error: e }
    throw e
  }
}

export interface SubsetOutcome {
  /** 0-based indices into the supplied keys. */
  keys: number[]
  ok: boolean
  /** Why this subset does not recover the SD. */
  reason?: string
  code?: RecoveryErrorCode
}

export interface SubsetReport {
  required: number
  /** Every subset of `required` supplied keys, in lexicographic order. */
  subsets: SubsetOutcome[]
  /** True when every subset recovers the SD (the quorum guarantee holds for these keys). */
  allRecover: boolean
  /** Problems with individual keys (unreadable, mismatched, matching no share, damaged share). */
  keyProblems: Array<{ keyIndex: number; code: RecoveryErrorCode; reason: string }>
}

function* combinations(n: number, k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i)
  if (k > n || k <= 0) return
  for (;;) {
    yield [...idx]
    let i = k - 1
    while (i >= 0 && (idx[i] as number) === n - k + i) i--
    if (i < 0) return
    idx[i] = (idx[i] as number) + 1
    for (let j = i + 1; j < k; j++) idx[j] = (idx[j - 1] as number) + 1
  }
}

function binomial(n: number, k: number): number {
  let r = 1
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i
  return Math.round(r)
}

/**
 * Tries every subset of `required` supplied keys and reports which of them recover the SD (the
 * nightly "verify-security-domain" check). Each share is RSA-decrypted once; the subsets then cost
 * only interpolation and the item MACs. Throws RecoveryError only for an unreadable SD.
 */
export function recoverableSubsets(
  sdInput: SecurityDomainFile | string,
  keys: readonly WrappingKeyInput[]
): SubsetReport {
  const sd = loadSd(sdInput)
  const required = sd.SharedKeys.required
  if (binomial(keys.length, required) > MAX_SUBSETS) {
    throw new RangeError(`too many key subsets to try (${keys.length} keys, quorum ${required})`)
  }
  const keyProblems: SubsetReport['keyProblems'] = []
  // Per key: its decrypted shares (index → share), or the reason it contributes nothing.
  const perKey = keys.map((input, i) => {
    try {
      const key = prepareKey(sd, input, i)
      if (key.shareIndices.length === 0) {
        throw new RecoveryError(
          'UNMATCHED_KEY',
          `${keyLabel(i, key.cert)}: matches no share of this security domain`,
          { keyIndex: i }
        )
      }
      return new Map(key.shareIndices.map(s => [s, decryptShare(sd, key, s)] as const))
    } catch (e) {
      if (!(e instanceof RecoveryError)) throw e
      keyProblems.push({ keyIndex: i, code: e.code, reason: e.message })
      return e
    }
  })

  const subsets: SubsetOutcome[] = []
  for (const subset of combinations(keys.length, required)) {
    const broken = subset.map(i => perKey[i]).find((p): p is RecoveryError => p instanceof RecoveryError)
    if (broken) {
      subsets.push({ keys: subset, ok: false, code: broken.code, reason: broken.message })
      continue
    }
    const shares = new Map<number, DecodedShare>()
    for (const i of subset)
      for (const [s, share] of perKey[i] as Map<number, DecodedShare>) shares.set(s, share)
    if (shares.size < required) {
      subsets.push({
        keys: subset,
        ok: false,
        code: 'TOO_FEW_KEYS',
        reason: `these keys hold ${shares.size} distinct share(s), ${required} are required`
      })
      continue
    }
    const order = [...shares.keys()].sort((a, b) => a - b).slice(0, required)
    try {
      const master = combine(
        order.map(s => shares.get(s) as DecodedShare),
        required,
        order
      )
      decryptItems(sd, master)
      subsets.push({ keys: subset, ok: true })
    } catch (e) {
      if (!(e instanceof RecoveryError)) throw e
      subsets.push({ keys: subset, ok: false, code: e.code, reason: e.message })
    }
  }
  return { required, subsets, allRecover: subsets.length > 0 && subsets.every(s => s.ok), keyProblems }
}
