/**
 * What decryptCompactJwe / encryptCompactJwe / aes256CbcHs512Decrypt (src/security-domain/jwe.ts) refuse,
 * each with its JweError code: a tag of the wrong size, bad padding under a valid tag, a header that is
 * JSON but not an object, an unknown key-management algorithm, and an RSA-unwrapped key of the wrong size.
 */
import { describe, expect, it } from '@jest/globals'
import {
  constants,
  createCipheriv,
  createHmac,
  generateKeyPairSync,
  publicEncrypt,
  randomBytes
} from 'node:crypto'
import {
  aes256CbcHs512Decrypt,
  decryptCompactJwe,
  encryptCompactJwe,
  JweError,
  parseCompactJwe,
  type EncryptOptions
} from '../../src/security-domain/jwe.js'

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (e) {
    if (e instanceof JweError) return `${e.code}: ${e.message}`
    throw e
  }
  return undefined
}

/** RFC 7518 §5.2.2.1: HMAC-SHA-512 over AAD || IV || ciphertext || AAD length in bits (64-bit), first 32 bytes. */
function tagOf(macKey: Buffer, aad: Buffer, iv: Buffer, ct: Buffer): Buffer {
  const al = Buffer.alloc(8)
  al.writeBigUInt64BE(BigInt(aad.length * 8))
  return createHmac('sha512', macKey)
    .update(Buffer.concat([aad, iv, ct, al]))
    .digest()
    .subarray(0, 32)
}

describe('aes256CbcHs512Decrypt', () => {
  const cek = randomBytes(64)
  const iv = randomBytes(16)

  it('refuses a tag that is not 32 bytes before computing anything', () => {
    expect(
      codeOf(() => aes256CbcHs512Decrypt(cek, iv, Buffer.alloc(16), Buffer.alloc(0), Buffer.alloc(31)))
    ).toBe('MALFORMED: the authentication tag must be 32 bytes, got 31')
  })

  it('refuses an IV that is not 16 bytes, on both sides', () => {
    expect(
      codeOf(() =>
        aes256CbcHs512Decrypt(cek, Buffer.alloc(12), Buffer.alloc(16), Buffer.alloc(0), Buffer.alloc(32))
      )
    ).toBe('MALFORMED: the IV must be 16 bytes, got 12')
    expect(
      codeOf(() => encryptCompactJwe(Buffer.from('x'), { alg: 'dir', key: cek, iv: Buffer.alloc(12) }))
    ).toBe('MALFORMED: the IV must be 16 bytes')
  })

  it('refuses a ciphertext that is empty or not whole AES blocks', () => {
    for (const ct of [Buffer.alloc(0), Buffer.alloc(20)])
      expect(codeOf(() => aes256CbcHs512Decrypt(cek, iv, ct, Buffer.alloc(0), Buffer.alloc(32)))).toBe(
        'MALFORMED: the ciphertext length is not a positive multiple of the AES block size'
      )
  })

  it('says the padding is invalid when the tag verifies but the last block does not unpad', () => {
    // one block whose plaintext ends in 0x00: never valid PKCS#7 padding
    const cipher = createCipheriv('aes-256-cbc', cek.subarray(32), iv).setAutoPadding(false)
    const ct = Buffer.concat([cipher.update(Buffer.alloc(16)), cipher.final()])
    const aad = Buffer.from('hdr', 'ascii')
    const tag = tagOf(cek.subarray(0, 32), aad, iv, ct)
    expect(codeOf(() => aes256CbcHs512Decrypt(cek, iv, ct, aad, tag))).toBe(
      'DECRYPT_FAILED: the ciphertext authenticated but its padding is invalid'
    )
  })
})

describe('parseCompactJwe', () => {
  it('refuses a header that is JSON but not an object', () => {
    const hdr = Buffer.from('["dir"]').toString('base64url')
    const compact = [hdr, '', 'AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAA', 'A'.repeat(43)].join('.')
    expect(codeOf(() => parseCompactJwe(compact))).toBe('MALFORMED: the JWE header is not a JSON object')
  })
})

describe('RSA key management', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })

  it('encryptCompactJwe refuses an algorithm it does not implement', () => {
    const options = { alg: 'RSA1_5', key: publicKey } as unknown as EncryptOptions
    expect(codeOf(() => encryptCompactJwe(Buffer.from('x'), options))).toBe(
      'UNSUPPORTED: unsupported key management algorithm'
    )
  })

  it('encryptCompactJwe needs an RSA public key for RSA-OAEP-256, not the private one', () => {
    expect(codeOf(() => encryptCompactJwe(Buffer.from('x'), { alg: 'RSA-OAEP-256', key: privateKey }))).toBe(
      'KEY_MISMATCH: RSA-OAEP-256 needs an RSA public key'
    )
  })

  it('refuses a content key that unwraps to the wrong size', () => {
    const compact = encryptCompactJwe(Buffer.from('secret'), { alg: 'RSA-OAEP-256', key: publicKey })
    const parts = compact.split('.')
    parts[1] = publicEncrypt(
      { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      randomBytes(32)
    ).toString('base64url')
    expect(codeOf(() => decryptCompactJwe(parts.join('.'), privateKey))).toBe(
      'KEY_UNWRAP_FAILED: the unwrapped content key is 32 bytes, expected 64'
    )
    // the untouched JWE still opens with the same key
    expect(decryptCompactJwe(compact, privateKey).plaintext.toString()).toBe('secret')
  })
})
