/**
 * The restore blob uploaded to POST /securitydomain/upload to restore a security domain into a
 * new HSM. The recovered items are re-encrypted under a fresh master secret, and that secret is
 * wrapped to the new HSM's transfer key (GET /securitydomain/upload), so the original master never
 * leaves the machine that recovered it.
 */
import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto'
import { parseCertificate, parseX5cCertificate, type ParsedCertificate } from './certificates.js'
import {
  checkX5tS256,
  parseEncData,
  parseJsonText,
  SecurityDomainFormatError,
  type EncData
} from './format.js'
import { decryptCompactJwe, encryptCompactJwe, JweError } from './jwe.js'
import { SD_KDF_NAME, deriveItemKey } from './kdf.js'

const MASTER_BYTES = 32
/** The transfer-key JWE `kid` the Azure CLI writes. */
export const TRANSFER_KID = 'not used'

export interface WrappedKey {
  /** Compact JWE (RSA-OAEP-256 + A256CBC-HS512) of the 32-byte master secret. */
  enc_key: string
  /** b64url SHA-256 of the transfer key's certificate DER. */
  x5t_256: string
}

export interface RestoreBlob {
  EncData: EncData
  WrappedKey: WrappedKey
}

export interface PlaintextItem {
  tag: string
  plaintext: Buffer
}

export type RestoreBlobErrorCode =
  'INVALID_TRANSFER_KEY' | 'INVALID_BLOB' | 'WRONG_TRANSFER_KEY' | 'UNWRAP_FAILED' | 'ITEM_DECRYPT_FAILED'

export class RestoreBlobError extends Error {
  readonly code: RestoreBlobErrorCode
  constructor(code: RestoreBlobErrorCode, message: string) {
    super(message)
    this.name = 'RestoreBlobError'
    this.code = code
  }
}

export interface ParsedTransferKey {
  publicKey: KeyObject
  /** Thumbprint written to WrappedKey.x5t_256. */
  x5tS256: string
  certificate?: ParsedCertificate
}

/**
 * Reads the transfer key: the `transfer_key` member of GET /securitydomain/upload is a JSON
 * *string* holding an RSA JWK with `x5c`. The certificate decides the thumbprint; if `n`/`e` are
 * present as well they must describe the same key, or the blob could be wrapped to the wrong one.
 */
export function parseTransferKey(transferKey: string | object): ParsedTransferKey {
  const bad = (why: string): RestoreBlobError =>
    new RestoreBlobError('INVALID_TRANSFER_KEY', `transfer key: ${why}`)
  let jwk: unknown
  try {
    jwk = typeof transferKey === 'string' ? parseJsonText(transferKey, 'transfer key') : transferKey
  } catch {
    throw bad('is not valid JSON')
  }
  if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk)) throw bad('is not a JSON object')
  const k = jwk as Record<string, unknown>
  if (k.kty !== 'RSA' && k.kty !== 'RSA-HSM') throw bad('kty must be "RSA"')

  let fromJwk: KeyObject | undefined
  if (k.n !== undefined || k.e !== undefined) {
    if (typeof k.n !== 'string' || typeof k.e !== 'string') throw bad('n and e must be strings')
    try {
      fromJwk = createPublicKey({ key: { kty: 'RSA', n: k.n, e: k.e }, format: 'jwk' })
    } catch {
      throw bad('n/e do not form an RSA public key')
    }
  }
  let certificate: ParsedCertificate | undefined
  if (k.x5c !== undefined) {
    if (!Array.isArray(k.x5c) || typeof k.x5c[0] !== 'string')
      throw bad('x5c must be an array of base64 certificates')
    try {
      certificate = parseX5cCertificate(k.x5c[0])
    } catch {
      throw bad('x5c[0] is not a base64 DER X.509 certificate')
    }
    if (certificate.keyType !== 'rsa') throw bad('the x5c certificate does not hold an RSA key')
    if (fromJwk) {
      const a = fromJwk.export({ type: 'spki', format: 'der' })
      const b = certificate.publicKey.export({ type: 'spki', format: 'der' })
      if (!a.equals(b)) throw bad('n/e do not match the x5c certificate')
    }
    return { publicKey: certificate.publicKey, x5tS256: certificate.x5tS256, certificate }
  }
  if (!fromJwk) throw bad('has neither x5c nor n/e')
  let x5tS256: string
  try {
    x5tS256 = checkX5tS256(k['x5t#S256'], 'x5t#S256')
  } catch {
    throw bad('without x5c, an x5t#S256 thumbprint is needed')
  }
  return { publicKey: fromJwk, x5tS256 }
}

export interface BuiltRestoreBlob {
  blob: RestoreBlob
  /** JSON text to send as {"value": text}. */
  text: string
  /** The fresh master secret (only the new HSM should ever learn it). */
  master: Buffer
}

/** Builds the restore blob from recovered items (e.g. RecoveryResult.items). */
export function buildRestoreBlob(
  items: ReadonlyArray<{ tag: string; plaintext: Uint8Array }>,
  transferKey: string | object,
  options: { master?: Uint8Array } = {}
): BuiltRestoreBlob {
  if (items.length === 0) throw new RestoreBlobError('INVALID_BLOB', 'there are no items to restore')
  if (new Set(items.map(i => i.tag)).size !== items.length) {
    throw new RestoreBlobError('INVALID_BLOB', 'item tags must be distinct')
  }
  const key = parseTransferKey(transferKey)
  const master = Buffer.from(options.master ?? randomBytes(MASTER_BYTES))
  if (master.length !== MASTER_BYTES)
    throw new RestoreBlobError('INVALID_BLOB', 'the master secret must be 32 bytes')
  const data = items.map(({ tag, plaintext }) => ({
    compact_jwe: encryptCompactJwe(plaintext, { alg: 'dir', key: deriveItemKey(master, tag), kid: tag }),
    tag
  }))
  const blob: RestoreBlob = {
    EncData: { data, kdf: SD_KDF_NAME },
    WrappedKey: {
      enc_key: encryptCompactJwe(master, { alg: 'RSA-OAEP-256', key: key.publicKey, kid: TRANSFER_KID }),
      x5t_256: key.x5tS256
    }
  }
  return { blob, text: JSON.stringify(blob), master }
}

/** Strictly validates a restore blob (object or JSON text); errors name the path, never the data. */
export function parseRestoreBlob(input: string | unknown): RestoreBlob {
  try {
    const root = typeof input === 'string' ? parseJsonText(input, 'restore blob') : input
    if (root === null || typeof root !== 'object' || Array.isArray(root)) {
      throw new SecurityDomainFormatError('', 'the restore blob must be a JSON object')
    }
    const r = root as Record<string, unknown>
    const encData = parseEncData(r.EncData)
    const wk = r.WrappedKey
    if (wk === null || typeof wk !== 'object' || Array.isArray(wk)) {
      throw new SecurityDomainFormatError('WrappedKey', 'must be an object')
    }
    const w = wk as Record<string, unknown>
    if (typeof w.enc_key !== 'string' || w.enc_key.split('.').length !== 5) {
      throw new SecurityDomainFormatError('WrappedKey.enc_key', 'must be a compact JWE')
    }
    return {
      EncData: encData,
      WrappedKey: { enc_key: w.enc_key, x5t_256: checkX5tS256(w.x5t_256, 'WrappedKey.x5t_256') }
    }
  } catch (e) {
    if (e instanceof SecurityDomainFormatError) {
      throw new RestoreBlobError('INVALID_BLOB', e.message.replace(/^security domain: /, 'restore blob: '))
    }
    throw e
  }
}

export interface OpenedRestoreBlob {
  master: Buffer
  items: PlaintextItem[]
}

/**
 * Unwraps a restore blob with the transfer private key and authenticates and decrypts every item
 * (what the emulator's upload endpoint does). With `transferCertificate`, a blob wrapped to any
 * other transfer key is refused up front by its thumbprint.
 */
export function openRestoreBlob(
  blobInput: RestoreBlob | string,
  transferPrivateKey: KeyObject | string,
  options: { transferCertificate?: string | Uint8Array } = {}
): OpenedRestoreBlob {
  const blob = parseRestoreBlob(blobInput)
  if (options.transferCertificate !== undefined) {
    const expected = parseCertificate(options.transferCertificate).x5tS256
    if (blob.WrappedKey.x5t_256 !== expected) {
      throw new RestoreBlobError(
        'WRONG_TRANSFER_KEY',
        'the blob is wrapped to a different transfer key (x5t_256 mismatch)'
      )
    }
  }
  let key: KeyObject
  try {
    key = typeof transferPrivateKey === 'string' ? createPrivateKey(transferPrivateKey) : transferPrivateKey
  } catch {
    throw new RestoreBlobError('UNWRAP_FAILED', 'the transfer private key cannot be read')
  }
  let master: Buffer
  try {
    master = decryptCompactJwe(blob.WrappedKey.enc_key, key, {
      expectedAlg: ['RSA-OAEP-256', 'RSA-OAEP']
    }).plaintext
  } catch (e) {
    throw new RestoreBlobError(
      'UNWRAP_FAILED',
      `WrappedKey could not be unwrapped: ${e instanceof JweError ? e.message : 'unexpected error'}`
    )
  }
  if (master.length !== MASTER_BYTES) {
    throw new RestoreBlobError(
      'UNWRAP_FAILED',
      `the wrapped master secret is ${master.length} bytes, expected ${MASTER_BYTES}`
    )
  }
  const items = blob.EncData.data.map((item, i) => {
    try {
      return {
        tag: item.tag,
        plaintext: decryptCompactJwe(item.compact_jwe, deriveItemKey(master, item.tag), {
          expectedAlg: 'dir'
        }).plaintext
      }
    } catch (e) {
      throw new RestoreBlobError(
        'ITEM_DECRYPT_FAILED',
        `EncData item "${item.tag}" (EncData.data[${i}]) failed: ${e instanceof JweError ? e.message : 'unexpected error'}`
      )
    }
  })
  return { master, items }
}

/**
 * Compares two item lists by tag (order-insensitive): the emulator accepts an upload only if it
 * carries exactly the blobs of the security domain it issued.
 */
export function comparePlaintexts(
  expected: ReadonlyArray<{ tag: string; plaintext: Uint8Array }>,
  actual: ReadonlyArray<{ tag: string; plaintext: Uint8Array }>
): { equal: boolean; reason?: string } {
  const want = new Map(expected.map(i => [i.tag, Buffer.from(i.plaintext)]))
  const got = new Map(actual.map(i => [i.tag, Buffer.from(i.plaintext)]))
  for (const tag of want.keys())
    if (!got.has(tag)) return { equal: false, reason: `item "${tag}" is missing` }
  for (const tag of got.keys())
    if (!want.has(tag)) return { equal: false, reason: `unexpected item "${tag}"` }
  for (const [tag, bytes] of want) {
    if (!bytes.equals(got.get(tag) as Buffer)) return { equal: false, reason: `item "${tag}" differs` }
  }
  return { equal: true }
}
