import { describe, expect, it } from '@jest/globals'
import { Base64Error, b64Decode, b64urlDecode, b64urlEncode } from '../../src/security-domain/base64url.js'
import { aes256CbcHs512Decrypt, aes256CbcHs512Encrypt, JweError } from '../../src/security-domain/jwe.js'
import { deriveItemKey, sp108_kdf } from '../../src/security-domain/kdf.js'
import { sha256Hex } from '../../src/shared/hash.js'
import { hex } from './helpers.js'

describe('sp108_kdf (SP 800-108 counter mode, HMAC-SHA-512)', () => {
  it('matches the verified vector (key 32×0x41, "label", "context", L=256)', () => {
    const out = sp108_kdf(Buffer.alloc(32, 0x41), 'label', 'context', 256)
    expect(out.toString('hex')).toBe('f0ca51f6308791404bf68b56024ee7c64d6c737716f81d47e1e68b5c4e399575')
  })

  it('concatenates counter blocks for L > 512 and encodes L in every block', () => {
    const key = Buffer.alloc(32, 0x41)
    const long = sp108_kdf(key, 'label', 'context', 1024)
    expect(long).toHaveLength(128)
    // L is part of the input, so a longer output is not an extension of a shorter one.
    expect(long.subarray(0, 32).equals(sp108_kdf(key, 'label', 'context', 256))).toBe(false)
    expect(long.subarray(0, 64).equals(long.subarray(64))).toBe(false)
  })

  it('derives 64-byte item keys that depend on the tag', () => {
    const master = Buffer.alloc(32, 7)
    const a = deriveItemKey(master, 'hsm_backup')
    expect(a).toHaveLength(64)
    expect(a.equals(sp108_kdf(master, 'hsm_backup', '', 512))).toBe(true)
    expect(a.equals(deriveItemKey(master, 'base_enclave_backup'))).toBe(false)
  })

  it('rejects lengths that are not positive multiples of 8 and empty keys', () => {
    expect(() => sp108_kdf(Buffer.alloc(32), 'l', '', 0)).toThrow(RangeError)
    expect(() => sp108_kdf(Buffer.alloc(32), 'l', '', 12)).toThrow(RangeError)
    expect(() => sp108_kdf(Buffer.alloc(0), 'l', '', 256)).toThrow(RangeError)
  })
})

describe('AES_256_CBC_HMAC_SHA_512: RFC 7518 Appendix B.3', () => {
  // K = 00..3f: MAC_KEY = 00..1f, ENC_KEY = 20..3f.
  const K = Buffer.from(Array.from({ length: 64 }, (_, i) => i))
  const P = Buffer.from(
    'A cipher system must not be required to be secret, and it must be able to fall into the hands of the enemy without inconvenience'
  )
  const IV = hex('1a f3 8c 2d c2 b9 6f fd d8 66 94 09 23 41 bc 04')
  const A = Buffer.from('The second principle of Auguste Kerckhoffs')
  const E = hex(`
    4a ff aa ad b7 8c 31 c5 da 4b 1b 59 0d 10 ff bd 3d d8 d5 d3 02 42 35 26 91 2d a0 37 ec bc c7 bd
    82 2c 30 1d d6 7c 37 3b cc b5 84 ad 3e 92 79 c2 e6 d1 2a 13 74 b7 7f 07 75 53 df 82 94 10 44 6b
    36 eb d9 70 66 29 6a e6 42 7e a7 5c 2e 08 46 a1 1a 09 cc f5 37 0d c8 0b fe cb ad 28 c7 3f 09 b3
    a3 b7 5e 66 2a 25 94 41 0a e4 96 b2 e2 e6 60 9e 31 e6 e0 2c c8 37 f0 53 d2 1f 37 ff 4f 51 95 0b
    be 26 38 d0 9d d7 a4 93 09 30 80 6d 07 03 b1 f6`)
  const T = hex(
    '4d d3 b4 c0 88 a7 f4 5c 21 68 39 64 5b 20 12 bf 2e 62 69 a8 c5 6a 81 6d bc 1b 26 77 61 95 5b c5'
  )

  it('sanity-checks the vector inputs (P is 128 bytes; AL = 336 bits)', () => {
    expect(P).toHaveLength(128)
    expect(A.length * 8).toBe(0x150)
  })

  it('encrypts to exactly E and T', () => {
    const { ciphertext, tag } = aes256CbcHs512Encrypt(K, IV, P, A)
    expect(ciphertext.toString('hex')).toBe(E.toString('hex'))
    expect(tag.toString('hex')).toBe(T.toString('hex'))
  })

  it('decrypts E with T back to P', () => {
    expect(aes256CbcHs512Decrypt(K, IV, E, A, T).equals(P)).toBe(true)
  })

  it.each([
    ['tag', () => [K, IV, E, A, Buffer.from(T).fill(0, 31)] as const],
    [
      'ciphertext',
      () => [K, IV, Buffer.concat([E.subarray(0, -1), Buffer.from([E[E.length - 1]! ^ 1])]), A, T] as const
    ],
    ['IV', () => [K, Buffer.from(IV).fill(0, 0, 1), E, A, T] as const],
    ['AAD', () => [K, IV, E, Buffer.from('The second principle of Auguste Kerckhoffz'), T] as const],
    ['MAC key half', () => [Buffer.from(K).fill(0xff, 0, 1), IV, E, A, T] as const]
  ])('refuses a changed %s with TAG_MISMATCH', (_name, args) => {
    const [k, iv, e, a, t] = args()
    expect(() => aes256CbcHs512Decrypt(k, iv, e, a, t)).toThrow(
      expect.objectContaining({ code: 'TAG_MISMATCH' })
    )
  })

  it('refuses a truncated tag instead of skipping the check', () => {
    expect(() => aes256CbcHs512Decrypt(K, IV, E, A, T.subarray(0, 16))).toThrow(JweError)
    expect(() => aes256CbcHs512Decrypt(K, IV, E, A, T.subarray(0, 16))).toThrow(/32 bytes/)
  })
})

describe('base64url / base64', () => {
  it('round-trips and is unpadded', () => {
    const data = Buffer.from([0xfb, 0xff, 0xfe, 0x00])
    expect(b64urlEncode(data)).toBe('-__-AA')
    expect(b64urlDecode('-__-AA').equals(data)).toBe(true)
  })

  it('rejects characters outside the alphabet, impossible lengths and non-canonical trailing bits', () => {
    expect(() => b64urlDecode('ab+c')).toThrow(Base64Error)
    expect(() => b64urlDecode('ab c')).toThrow(Base64Error)
    expect(() => b64urlDecode('abcde')).toThrow(Base64Error)
    // "AA" is canonical for 0x00; "AF" encodes the same byte with non-zero spare bits.
    expect(b64urlDecode('AA')).toEqual(Buffer.from([0]))
    expect(() => b64urlDecode('AF')).toThrow(/canonical/)
  })

  it('decodes standard base64 strictly (x5c)', () => {
    expect(b64Decode('+/8=')).toEqual(Buffer.from([0xfb, 0xff]))
    expect(() => b64Decode('-_8=')).toThrow(Base64Error)
    expect(() => b64Decode('+/8')).toThrow(Base64Error)
  })

  it('never echoes the rejected text', () => {
    expect(() => b64urlDecode('SECRET!!', 'share')).toThrow(/^share is not valid base64url$/)
  })
})

describe('sha256Hex', () => {
  it('is the hex SHA-256 of the UTF-8 text', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(sha256Hex(Buffer.from('abc'))).toBe(sha256Hex('abc'))
  })
})
