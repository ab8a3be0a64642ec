/**
 * The key attestation blob of format MRVL-1 (Marvell LiquidSecurity), as the recorded Azure response holds it
 * (__tests__/attestation/fixtures, from Azure/azure-cli's test_keyvault_hsm_key_attestation.yaml) and as
 * Microsoft's validator reads it (Azure/azure-managed-hsm-key-attestation, src/vendor/marvell/):
 *
 *   0..15   reserved (zero)           16  u32 object length (12 + attribute area)
 *   20      u32 object handle         24  u32 attribute count     28  u32 attribute area length
 *   32..    attributes: u32 type, u32 length, value (PKCS#11 attribute numbers), then zero padding
 *   last    the partition key's RSA signature over every byte before it (its modulus length, 256 bytes)
 *
 * All integers are big-endian. The signature is PKCS#1 v1.5 (type 1) padding around either a bare SHA-256
 * digest (the recorded response: firmware 2.x) or a DigestInfo (firmware 3.x, in Microsoft's validator).
 */
import { createHash, publicDecrypt, verify, constants, type KeyObject } from 'node:crypto'

/** PKCS#11 attribute numbers the report reads (CKA_*). */
export const ATTR = {
  class: 0x0000,
  token: 0x0001,
  label: 0x0003,
  keyType: 0x0100,
  id: 0x0102,
  sensitive: 0x0103,
  encrypt: 0x0104,
  decrypt: 0x0105,
  wrap: 0x0106,
  unwrap: 0x0107,
  sign: 0x0108,
  verify: 0x010a,
  modulus: 0x0120,
  modulusBits: 0x0121,
  publicExponent: 0x0122,
  extractable: 0x0162,
  local: 0x0163,
  neverExtractable: 0x0164,
  alwaysSensitive: 0x0165,
  keyGenMechanism: 0x0166
} as const

/** CKO_* object classes. */
export const CLASS = { publicKey: 2, privateKey: 3, secretKey: 4 } as const

export class BlobFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BlobFormatError'
  }
}

export interface ParsedBlob {
  /** Attribute number -> value (the last one wins; the recorded blobs have no repeats). */
  attributes: Map<number, Buffer>
  /** Every byte the signature covers. */
  signed: Buffer
  signature: Buffer
}

const HEADER = 32
const MAX_ATTRIBUTES = 256

/** Splits a blob into its attributes and signature; `signatureLength` is the signing key's modulus in bytes. */
export function parseBlob(blob: Buffer, signatureLength: number): ParsedBlob {
  if (blob.length < HEADER + signatureLength) throw new BlobFormatError(`${blob.length} bytes is too short`)
  const signed = blob.subarray(0, blob.length - signatureLength)
  const objectLength = signed.readUInt32BE(16)
  const count = signed.readUInt32BE(24)
  const areaLength = signed.readUInt32BE(28)
  if (objectLength !== areaLength + 12 || HEADER + areaLength > signed.length)
    throw new BlobFormatError('its lengths do not agree with its size')
  if (count > MAX_ATTRIBUTES) throw new BlobFormatError(`it claims ${count} attributes`)
  const attributes = new Map<number, Buffer>()
  const end = HEADER + areaLength
  let o = HEADER
  for (let i = 0; i < count; i++) {
    if (o + 8 > end) throw new BlobFormatError('an attribute runs past the attribute area')
    const type = signed.readUInt32BE(o)
    const length = signed.readUInt32BE(o + 4)
    if (o + 8 + length > end) throw new BlobFormatError('an attribute runs past the attribute area')
    attributes.set(type, signed.subarray(o + 8, o + 8 + length))
    o += 8 + length
  }
  return { attributes, signed, signature: blob.subarray(blob.length - signatureLength) }
}

/** Which signature form matched, or undefined when the signature does not verify with `key`. */
export function blobSignatureForm(
  parsed: ParsedBlob,
  key: KeyObject
): 'PKCS#1 v1.5, bare SHA-256' | 'PKCS#1 v1.5, SHA-256 DigestInfo' | undefined {
  if (verify('sha256', parsed.signed, key, parsed.signature)) return 'PKCS#1 v1.5, SHA-256 DigestInfo'
  let recovered: Buffer
  try {
    recovered = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, parsed.signature)
  } catch {
    return undefined
  }
  const digest = createHash('sha256').update(parsed.signed).digest()
  return recovered.length === digest.length && recovered.equals(digest)
    ? 'PKCS#1 v1.5, bare SHA-256'
    : undefined
}

/** A boolean attribute (CK_BBOOL: one byte), undefined when absent or not one byte. */
export function flag(attributes: Map<number, Buffer>, type: number): boolean | undefined {
  const v = attributes.get(type)
  return v?.length === 1 ? v[0] !== 0 : undefined
}

/** An unsigned integer attribute, without leading zero bytes (for comparing RSA numbers). */
export function unsigned(attributes: Map<number, Buffer>, type: number): Buffer | undefined {
  const v = attributes.get(type)
  return v ? stripZeros(v) : undefined
}

export function stripZeros(b: Buffer): Buffer {
  let i = 0
  while (i < b.length - 1 && b[i] === 0) i++
  return b.subarray(i)
}

/** A text attribute (label, id) without its NUL padding. */
export function text(attributes: Map<number, Buffer>, type: number): string | undefined {
  const v = attributes.get(type)
  return v ? v.toString('latin1').replace(/\0+$/, '') : undefined
}
