/**
 * Compact JWE (RFC 7516) limited to what security domains use: `enc` A256CBC-HS512 (RFC 7518
 * §5.2.5) with `alg` `dir`, `RSA-OAEP-256` or `RSA-OAEP`.
 *
 * Decryption always verifies the authentication tag, in constant time, before decrypting. (The
 * Azure CLI skips the check when a tag is not 32 bytes long; here such a tag is an error.)
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHmac,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  timingSafeEqual,
  type KeyObject
} from 'node:crypto'
import { Base64Error, b64urlDecode, b64urlEncode } from './base64url.js'

export const JWE_ENC = 'A256CBC-HS512'
export type JweAlg = 'dir' | 'RSA-OAEP-256' | 'RSA-OAEP'

const CEK_BYTES = 64
const HALF = 32
const IV_BYTES = 16
const TAG_BYTES = 32

export interface JweHeader {
  alg: string
  enc: string
  kid?: string
  [name: string]: unknown
}

export type JweErrorCode =
  | 'MALFORMED' // not five segments, bad base64url, bad header JSON, wrong IV/tag/ciphertext sizes
  | 'UNSUPPORTED' // an alg/enc/crit/zip this profile does not handle
  | 'KEY_MISMATCH' // the kind of key supplied does not fit the header's alg
  | 'KEY_UNWRAP_FAILED' // RSA-OAEP could not recover a 64-byte content key
  | 'TAG_MISMATCH' // authentication failed: tampered data or wrong key
  | 'DECRYPT_FAILED' // tag was valid but the plaintext padding was not (should not happen)

export class JweError extends Error {
  readonly code: JweErrorCode
  constructor(code: JweErrorCode, message: string) {
    super(message)
    this.name = 'JweError'
    this.code = code
  }
}

export interface AeadOutput {
  ciphertext: Buffer
  tag: Buffer
}

function checkCek(cek: Uint8Array): void {
  if (cek.length !== CEK_BYTES) {
    throw new JweError('KEY_MISMATCH', `A256CBC-HS512 needs a ${CEK_BYTES}-byte key, got ${cek.length} bytes`)
  }
}

/** HMAC-SHA-512 over AAD || IV || ciphertext || AL, truncated to 32 bytes (RFC 7518 §5.2.2.1). */
function computeTag(macKey: Uint8Array, aad: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Buffer {
  const al = Buffer.alloc(8)
  al.writeBigUInt64BE(BigInt(aad.length) * 8n)
  return createHmac('sha512', macKey)
    .update(aad)
    .update(iv)
    .update(ciphertext)
    .update(al)
    .digest()
    .subarray(0, TAG_BYTES)
}

/** AES_256_CBC_HMAC_SHA_512 encryption. MAC key = cek[0:32], AES key = cek[32:64]. */
export function aes256CbcHs512Encrypt(
  cek: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array
): AeadOutput {
  checkCek(cek)
  if (iv.length !== IV_BYTES) throw new JweError('MALFORMED', `the IV must be ${IV_BYTES} bytes`)
  const cipher = createCipheriv('aes-256-cbc', cek.subarray(HALF), iv)
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return { ciphertext, tag: computeTag(cek.subarray(0, HALF), aad, iv, ciphertext) }
}

/** AES_256_CBC_HMAC_SHA_512 decryption; throws JweError TAG_MISMATCH unless the tag verifies. */
export function aes256CbcHs512Decrypt(
  cek: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  aad: Uint8Array,
  tag: Uint8Array
): Buffer {
  checkCek(cek)
  if (iv.length !== IV_BYTES)
    throw new JweError('MALFORMED', `the IV must be ${IV_BYTES} bytes, got ${iv.length}`)
  if (tag.length !== TAG_BYTES) {
    throw new JweError('MALFORMED', `the authentication tag must be ${TAG_BYTES} bytes, got ${tag.length}`)
  }
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) {
    throw new JweError('MALFORMED', 'the ciphertext length is not a positive multiple of the AES block size')
  }
  const expected = computeTag(cek.subarray(0, HALF), aad, iv, ciphertext)
  if (!timingSafeEqual(expected, tag)) {
    throw new JweError('TAG_MISMATCH', 'authentication tag mismatch (data was altered or the key is wrong)')
  }
  try {
    const decipher = createDecipheriv('aes-256-cbc', cek.subarray(HALF), iv)
    return Buffer.concat([decipher.update(ciphertext), decipher.final()])
  } catch {
    throw new JweError('DECRYPT_FAILED', 'the ciphertext authenticated but its padding is invalid')
  }
}

export interface ParsedCompactJwe {
  header: JweHeader
  /** The header segment exactly as transmitted: the MAC covers these ASCII bytes. */
  protectedHeader: string
  encryptedKey: Buffer
  iv: Buffer
  ciphertext: Buffer
  tag: Buffer
}

/** Splits and decodes a compact JWE without decrypting it; checks shapes only. */
export function parseCompactJwe(compact: string): ParsedCompactJwe {
  if (typeof compact !== 'string') throw new JweError('MALFORMED', 'a compact JWE must be a string')
  const parts = compact.split('.')
  if (parts.length !== 5) {
    throw new JweError('MALFORMED', `a compact JWE has 5 dot-separated segments, this has ${parts.length}`)
  }
  const [hdr, ek, iv, ct, tag] = parts as [string, string, string, string, string]
  let header: unknown
  try {
    const decoded = b64urlDecode(hdr, 'JWE header')
    header = JSON.parse(decoded.toString('utf8'))
  } catch (e) {
    throw new JweError('MALFORMED', e instanceof Base64Error ? e.message : 'the JWE header is not valid JSON')
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new JweError('MALFORMED', 'the JWE header is not a JSON object')
  }
  const h = header as Record<string, unknown>
  if (typeof h.alg !== 'string' || typeof h.enc !== 'string') {
    throw new JweError('MALFORMED', 'the JWE header lacks string "alg" and "enc" members')
  }
  try {
    const result: ParsedCompactJwe = {
      header: h as JweHeader,
      protectedHeader: hdr,
      encryptedKey: b64urlDecode(ek, 'JWE encrypted key'),
      iv: b64urlDecode(iv, 'JWE IV'),
      ciphertext: b64urlDecode(ct, 'JWE ciphertext'),
      tag: b64urlDecode(tag, 'JWE tag')
    }
    if (result.iv.length !== IV_BYTES) throw new JweError('MALFORMED', `the JWE IV must be ${IV_BYTES} bytes`)
    if (result.tag.length !== TAG_BYTES)
      throw new JweError('MALFORMED', `the JWE tag must be ${TAG_BYTES} bytes`)
    return result
  } catch (e) {
    if (e instanceof JweError) throw e
    throw new JweError('MALFORMED', e instanceof Error ? e.message : 'bad JWE segment')
  }
}

function oaepHash(alg: string): 'sha256' | 'sha1' | undefined {
  if (alg === 'RSA-OAEP-256') return 'sha256'
  if (alg === 'RSA-OAEP') return 'sha1'
  return undefined
}

export type EncryptOptions =
  | { alg: 'dir'; key: Uint8Array; kid?: string; iv?: Uint8Array }
  | { alg: 'RSA-OAEP-256' | 'RSA-OAEP'; key: KeyObject; kid?: string; iv?: Uint8Array; cek?: Uint8Array }

/**
 * Produces a compact JWE. The header is serialized as {"alg","enc","kid"} in that order, compact,
 * which is how Azure writes it (the order does not matter to readers, only the exact bytes to the MAC).
 */
export function encryptCompactJwe(plaintext: Uint8Array, options: EncryptOptions): string {
  const header: JweHeader = { alg: options.alg, enc: JWE_ENC }
  if (options.kid !== undefined) header.kid = options.kid
  let cek: Uint8Array
  let encryptedKey: Buffer
  if (options.alg === 'dir') {
    cek = options.key
    encryptedKey = Buffer.alloc(0)
  } else {
    const hash = oaepHash(options.alg)
    if (!hash) throw new JweError('UNSUPPORTED', 'unsupported key management algorithm')
    if (options.key.type !== 'public' || options.key.asymmetricKeyType !== 'rsa') {
      throw new JweError('KEY_MISMATCH', `${options.alg} needs an RSA public key`)
    }
    cek = options.cek ?? randomBytes(CEK_BYTES)
    encryptedKey = publicEncrypt(
      { key: options.key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash },
      cek
    )
  }
  checkCek(cek)
  const iv = options.iv ?? randomBytes(IV_BYTES)
  const protectedHeader = b64urlEncode(JSON.stringify(header))
  const { ciphertext, tag } = aes256CbcHs512Encrypt(cek, iv, plaintext, Buffer.from(protectedHeader, 'ascii'))
  return [
    protectedHeader,
    b64urlEncode(encryptedKey),
    b64urlEncode(iv),
    b64urlEncode(ciphertext),
    b64urlEncode(tag)
  ].join('.')
}

export interface DecryptOutput {
  header: JweHeader
  plaintext: Buffer
}

/**
 * Decrypts a compact JWE. `key` is the 64-byte content key for `dir`, or an RSA private KeyObject
 * for the RSA-OAEP algorithms; a key of the wrong kind for the header's `alg` is refused rather than
 * guessed at. `expectedAlg` pins the algorithm (e.g. shares must be RSA-OAEP-256, not `dir`).
 */
export function decryptCompactJwe(
  compact: string,
  key: Uint8Array | KeyObject,
  options: { expectedAlg?: JweAlg | readonly JweAlg[] } = {}
): DecryptOutput {
  const jwe = parseCompactJwe(compact)
  const { alg, enc } = jwe.header
  if (enc !== JWE_ENC)
    throw new JweError('UNSUPPORTED', `unsupported JWE "enc" ${JSON.stringify(enc.slice(0, 40))}`)
  if (jwe.header.zip !== undefined)
    throw new JweError('UNSUPPORTED', 'compressed JWEs ("zip") are not supported')
  if (jwe.header.crit !== undefined)
    throw new JweError('UNSUPPORTED', 'JWE "crit" extensions are not supported')
  if (alg !== 'dir' && !oaepHash(alg)) {
    throw new JweError('UNSUPPORTED', `unsupported JWE "alg" ${JSON.stringify(alg.slice(0, 40))}`)
  }
  if (options.expectedAlg !== undefined) {
    const allowed: readonly string[] =
      typeof options.expectedAlg === 'string' ? [options.expectedAlg] : options.expectedAlg
    if (!allowed.includes(alg))
      throw new JweError('KEY_MISMATCH', `expected JWE alg ${allowed.join(' or ')}, found ${alg}`)
  }

  let cek: Buffer
  if (alg === 'dir') {
    if (!(key instanceof Uint8Array))
      throw new JweError('KEY_MISMATCH', 'a "dir" JWE needs the content key bytes')
    if (jwe.encryptedKey.length !== 0)
      throw new JweError('MALFORMED', 'a "dir" JWE must have an empty encrypted key')
    cek = Buffer.from(key)
  } else {
    if (key instanceof Uint8Array || key.type !== 'private' || key.asymmetricKeyType !== 'rsa') {
      throw new JweError('KEY_MISMATCH', `an ${alg} JWE needs an RSA private key`)
    }
    try {
      cek = privateDecrypt(
        { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepHash(alg) },
        jwe.encryptedKey
      )
    } catch {
      throw new JweError(
        'KEY_UNWRAP_FAILED',
        'RSA-OAEP could not unwrap the content key (wrong private key or altered data)'
      )
    }
    if (cek.length !== CEK_BYTES) {
      throw new JweError(
        'KEY_UNWRAP_FAILED',
        `the unwrapped content key is ${cek.length} bytes, expected ${CEK_BYTES}`
      )
    }
  }
  const aad = Buffer.from(jwe.protectedHeader, 'ascii')
  const plaintext = aes256CbcHs512Decrypt(cek, jwe.iv, jwe.ciphertext, aad, jwe.tag)
  return { header: jwe.header, plaintext }
}
