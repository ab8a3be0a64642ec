/**
 * The emulator's own security-domain cryptography, written from the protocol notes (§3.2–3.4) and
 * RFC 7516/7518, independently of the action's src/security-domain so that each checks the other:
 * compact JWE with A256CBC-HS512 (key management `dir`, RSA-OAEP-256, or RSA-OAEP on input), the
 * NIST SP 800-108 counter-mode KDF with HMAC-SHA-512 ("sp108_kdf"), and Shamir sharing of each
 * secret byte over GF(257) ("shamir_share").
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHmac,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  randomInt,
  timingSafeEqual,
  type KeyObject
} from 'node:crypto'

export const ENC = 'A256CBC-HS512'
export const KDF_NAME = 'sp108_kdf'
export const SHARE_ALGORITHM = 'shamir_share'
export const MASTER_BYTES = 32
const CEK_BYTES = 64
const TAG_BYTES = 32
const PRIME = 257

/** A JWE that cannot be read; the message names the part, never key or plaintext bytes. */
export class JweFailure extends Error {}

// ---------------------------------------------------------------------------------------------
// KDF

/**
 * SP 800-108 counter mode with HMAC-SHA-512: K(i) = PRF(key, BE32(i) ‖ label ‖ 0x00 ‖ context ‖
 * BE32(bits)), concatenated and cut to `bits`. The security domain uses label = item tag, empty
 * context and 512 bits (one block).
 */
export function counterModeKdf(key: Uint8Array, label: string, context: Uint8Array, bits: number): Buffer {
  const bytes = Math.ceil(bits / 8)
  const lengthField = Buffer.alloc(4)
  lengthField.writeUInt32BE(bits)
  const blocks: Buffer[] = []
  for (let i = 1; blocks.length * 64 < bytes; i++) {
    const counter = Buffer.alloc(4)
    counter.writeUInt32BE(i)
    blocks.push(
      createHmac('sha512', key)
        .update(Buffer.concat([counter, Buffer.from(label, 'utf8'), Buffer.from([0]), context, lengthField]))
        .digest()
    )
  }
  return Buffer.concat(blocks).subarray(0, bytes)
}

/** The 64-byte content key of the EncData item tagged `tag`. */
export function itemKey(master: Uint8Array, tag: string): Buffer {
  return counterModeKdf(master, tag, Buffer.alloc(0), CEK_BYTES * 8)
}

// ---------------------------------------------------------------------------------------------
// JWE (compact serialisation, A256CBC-HS512)

function authTag(macKey: Buffer, aad: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  const al = Buffer.alloc(8)
  al.writeBigUInt64BE(BigInt(aad.length) * 8n)
  return createHmac('sha512', macKey)
    .update(Buffer.concat([aad, iv, ciphertext, al]))
    .digest()
    .subarray(0, TAG_BYTES)
}

export type WrapAlg = 'dir' | 'RSA-OAEP-256'

export interface JweKey {
  alg: WrapAlg
  /** The 64-byte CEK for `dir`, the recipient's public key for RSA-OAEP-256. */
  key: Uint8Array | KeyObject
  kid: string
}

export function jweEncrypt(plaintext: Uint8Array, k: JweKey): string {
  let cek: Buffer
  let wrapped = Buffer.alloc(0)
  if (k.alg === 'dir') {
    cek = Buffer.from(k.key as Uint8Array)
    if (cek.length !== CEK_BYTES) throw new RangeError('a dir key for A256CBC-HS512 is 64 bytes')
  } else {
    cek = randomBytes(CEK_BYTES)
    wrapped = publicEncrypt(
      { key: k.key as KeyObject, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      cek
    )
  }
  const header = Buffer.from(JSON.stringify({ alg: k.alg, enc: ENC, kid: k.kid }), 'utf8').toString(
    'base64url'
  )
  const iv = randomBytes(16)
  const cipher = createCipheriv('aes-256-cbc', cek.subarray(32), iv)
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  const tag = authTag(cek.subarray(0, 32), Buffer.from(header, 'ascii'), iv, ciphertext)
  return [header, wrapped, iv, ciphertext, tag]
    .map(p => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.')
}

const B64URL = /^[A-Za-z0-9_-]*$/

/**
 * Authenticates and decrypts a compact JWE. `key` is the 64-byte CEK for `dir`, an RSA private
 * key for RSA-OAEP-256/RSA-OAEP; `allow` lists the key-management algorithms the caller accepts.
 */
export function jweDecrypt(compact: string, key: Uint8Array | KeyObject, allow: readonly string[]): Buffer {
  const parts = compact.split('.')
  if (parts.length !== 5 || !parts.every(p => B64URL.test(p)))
    throw new JweFailure('not a compact JWE (five base64url parts)')
  const [h, ek, ivText, ctText, tagText] = parts
  let header: Record<string, unknown>
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>
  } catch {
    throw new JweFailure('the protected header is not JSON')
  }
  if (header === null || typeof header !== 'object')
    throw new JweFailure('the protected header is not an object')
  if (header.enc !== ENC) throw new JweFailure(`unsupported enc ${JSON.stringify(header.enc)}`)
  const alg = header.alg
  if (typeof alg !== 'string' || !allow.includes(alg))
    throw new JweFailure(`unexpected alg ${JSON.stringify(alg)}`)
  let cek: Buffer
  if (alg === 'dir') {
    if (ek !== '') throw new JweFailure('a dir JWE has an empty encrypted-key part')
    cek = Buffer.from(key as Uint8Array)
  } else {
    try {
      cek = privateDecrypt(
        {
          key: key as KeyObject,
          padding: constants.RSA_PKCS1_OAEP_PADDING,
          oaepHash: alg === 'RSA-OAEP-256' ? 'sha256' : 'sha1'
        },
        Buffer.from(ek, 'base64url')
      )
    } catch {
      throw new JweFailure('the content key cannot be unwrapped with this key')
    }
  }
  if (cek.length !== CEK_BYTES) throw new JweFailure('the content key is not 64 bytes')
  const iv = Buffer.from(ivText, 'base64url')
  const ciphertext = Buffer.from(ctText, 'base64url')
  const tag = Buffer.from(tagText, 'base64url')
  if (iv.length !== 16) throw new JweFailure('the IV is not 16 bytes')
  const expected = authTag(cek.subarray(0, 32), Buffer.from(h, 'ascii'), iv, ciphertext)
  // Unlike the CLI, a tag of the wrong length is a failure, not a reason to skip the check.
  if (tag.length !== TAG_BYTES || !timingSafeEqual(tag, expected))
    throw new JweFailure('the authentication tag does not verify')
  try {
    const decipher = createDecipheriv('aes-256-cbc', cek.subarray(32), iv)
    return Buffer.concat([decipher.update(ciphertext), decipher.final()])
  } catch {
    throw new JweFailure('the ciphertext does not decrypt')
  }
}

// ---------------------------------------------------------------------------------------------
// Shamir over GF(257)

/**
 * Splits `secret` into `count` shares, any `threshold` of which recover it. Share for x = 1..count
 * is 32 little-endian uint16 words, word j = (x << 9) | f_j(x), f_j a random polynomial of degree
 * threshold − 1 over GF(257) with f_j(0) = secret[j].
 */
export function shamirSplit(secret: Uint8Array, count: number, threshold: number): Buffer[] {
  if (!Number.isInteger(threshold) || threshold < 2 || threshold > count)
    throw new RangeError('the threshold must be 2..count')
  if (count > 126) throw new RangeError('at most 126 shares')
  const shares = Array.from({ length: count }, () => Buffer.alloc(secret.length * 2))
  for (let j = 0; j < secret.length; j++) {
    const coefficients = [secret[j], ...Array.from({ length: threshold - 1 }, () => randomInt(PRIME))]
    for (let x = 1; x <= count; x++) {
      // Horner's rule, highest coefficient first
      let v = 0
      for (let c = coefficients.length - 1; c >= 0; c--) v = (v * x + coefficients[c]) % PRIME
      shares[x - 1].writeUInt16LE((x << 9) | v, j * 2)
    }
  }
  return shares
}
