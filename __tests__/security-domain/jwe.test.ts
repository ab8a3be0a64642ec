import { describe, expect, it } from '@jest/globals'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import {
  decryptCompactJwe,
  encryptCompactJwe,
  JweError,
  parseCompactJwe,
  type JweErrorCode
} from '../../src/security-domain/jwe.js'
import { fixture, flipByte, SEGMENT } from './helpers.js'

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
const cek = randomBytes(64)
const message = Buffer.from('opaque HSM backup blob '.repeat(20))

function code(fn: () => unknown): JweErrorCode | undefined {
  try {
    fn()
  } catch (e) {
    if (e instanceof JweError) return e.code
    throw e
  }
  return undefined
}

describe('compact JWE, alg dir', () => {
  const jwe = encryptCompactJwe(message, { alg: 'dir', key: cek, kid: 'hsm_backup' })

  it('writes the header the service writes and an empty encrypted-key segment', () => {
    const [hdr, ek] = jwe.split('.')
    expect(Buffer.from(hdr as string, 'base64url').toString()).toBe(
      '{"alg":"dir","enc":"A256CBC-HS512","kid":"hsm_backup"}'
    )
    expect(ek).toBe('')
  })

  it('round-trips', () => {
    const out = decryptCompactJwe(jwe, cek, { expectedAlg: 'dir' })
    expect(out.plaintext.equals(message)).toBe(true)
    expect(out.header.kid).toBe('hsm_backup')
  })

  it.each([
    ['iv', SEGMENT.iv],
    ['ciphertext', SEGMENT.ciphertext],
    ['tag', SEGMENT.tag]
  ])('detects a flipped byte in the %s', (_name, segment) => {
    expect(code(() => decryptCompactJwe(flipByte(jwe, segment, 3), cek))).toBe('TAG_MISMATCH')
  })

  it('authenticates the header bytes as sent (same JSON, other spacing, fails)', () => {
    const respaced = Buffer.from('{"alg":"dir", "enc":"A256CBC-HS512","kid":"hsm_backup"}').toString(
      'base64url'
    )
    expect(code(() => decryptCompactJwe([respaced, ...jwe.split('.').slice(1)].join('.'), cek))).toBe(
      'TAG_MISMATCH'
    )
  })

  it('fails with the wrong key', () => {
    expect(code(() => decryptCompactJwe(jwe, randomBytes(64)))).toBe('TAG_MISMATCH')
  })

  it('refuses an RSA key for a dir JWE and a 32-byte key', () => {
    expect(code(() => decryptCompactJwe(jwe, rsa.privateKey))).toBe('KEY_MISMATCH')
    expect(code(() => decryptCompactJwe(jwe, randomBytes(32)))).toBe('KEY_MISMATCH')
  })
})

describe.each(['RSA-OAEP-256', 'RSA-OAEP'] as const)('compact JWE, alg %s', alg => {
  const share = randomBytes(64)
  const jwe = encryptCompactJwe(share, { alg, key: rsa.publicKey, kid: 'abc' })

  it('round-trips with the RSA private key', () => {
    expect(decryptCompactJwe(jwe, rsa.privateKey).plaintext.equals(share)).toBe(true)
  })

  it('has a 256-byte encrypted key and an 80-byte ciphertext for a 64-byte plaintext', () => {
    const parsed = parseCompactJwe(jwe)
    expect(parsed.encryptedKey).toHaveLength(256)
    expect(parsed.ciphertext).toHaveLength(80)
    expect(parsed.tag).toHaveLength(32)
  })

  it('fails to unwrap with a foreign private key', () => {
    expect(code(() => decryptCompactJwe(jwe, other.privateKey))).toBe('KEY_UNWRAP_FAILED')
  })

  it('fails on a flipped byte in the encrypted key', () => {
    expect(code(() => decryptCompactJwe(flipByte(jwe, SEGMENT.encryptedKey, 100), rsa.privateKey))).toBe(
      'KEY_UNWRAP_FAILED'
    )
  })

  it('fails on a flipped byte in the ciphertext', () => {
    expect(code(() => decryptCompactJwe(flipByte(jwe, SEGMENT.ciphertext, -1), rsa.privateKey))).toBe(
      'TAG_MISMATCH'
    )
  })

  it('refuses content-key bytes for an RSA JWE, and a pinned alg that differs', () => {
    expect(code(() => decryptCompactJwe(jwe, cek))).toBe('KEY_MISMATCH')
    expect(code(() => decryptCompactJwe(jwe, rsa.privateKey, { expectedAlg: 'dir' }))).toBe('KEY_MISMATCH')
  })
})

describe('hash choice of RSA-OAEP-256 vs RSA-OAEP', () => {
  it('uses different OAEP hashes (a relabelled header cannot be unwrapped)', () => {
    const jwe = encryptCompactJwe(randomBytes(64), { alg: 'RSA-OAEP-256', key: rsa.publicKey })
    const relabelled = [
      Buffer.from('{"alg":"RSA-OAEP","enc":"A256CBC-HS512"}').toString('base64url'),
      ...jwe.split('.').slice(1)
    ].join('.')
    expect(code(() => decryptCompactJwe(relabelled, rsa.privateKey))).toBe('KEY_UNWRAP_FAILED')
  })
})

describe('malformed and unsupported JWEs', () => {
  const good = encryptCompactJwe(message, { alg: 'dir', key: cek })
  const withHeader = (h: string) =>
    [Buffer.from(h).toString('base64url'), ...good.split('.').slice(1)].join('.')

  it.each([
    ['four segments', good.split('.').slice(0, 4).join('.'), 'MALFORMED'],
    ['non-JSON header', withHeader('not json'), 'MALFORMED'],
    ['header without enc', withHeader('{"alg":"dir"}'), 'MALFORMED'],
    ['bad base64url', good.replace(/\.[^.]+$/, '.***'), 'MALFORMED'],
    ['short tag', good.replace(/\.[^.]+$/, '.AAAA'), 'MALFORMED'],
    ['enc A128GCM', withHeader('{"alg":"dir","enc":"A128GCM"}'), 'UNSUPPORTED'],
    ['alg RSA1_5', withHeader('{"alg":"RSA1_5","enc":"A256CBC-HS512"}'), 'UNSUPPORTED'],
    ['zip', withHeader('{"alg":"dir","enc":"A256CBC-HS512","zip":"DEF"}'), 'UNSUPPORTED'],
    ['crit', withHeader('{"alg":"dir","enc":"A256CBC-HS512","crit":["x"],"x":1}'), 'UNSUPPORTED']
  ])('%s → %s', (_name, jwe, expected) => {
    expect(code(() => decryptCompactJwe(jwe, cek))).toBe(expected)
  })

  it('refuses a non-empty encrypted key on a dir JWE', () => {
    const parts = good.split('.')
    parts[1] = 'AAAA'
    expect(code(() => decryptCompactJwe(parts.join('.'), cek))).toBe('MALFORMED')
  })
})

describe('real shares from the service (Azure CLI recording, 2025)', () => {
  const recording = JSON.parse(fixture('azure-cli-recording-2025.json')) as {
    responseSharedKeys: { enc_shares: Array<{ enc_key: string }> }
  }

  it('parse with this profile: RSA-OAEP-256, GUID-like kid, 256/16/80/32-byte segments', () => {
    for (const { enc_key } of recording.responseSharedKeys.enc_shares) {
      const jwe = parseCompactJwe(enc_key)
      expect(jwe.header).toEqual({
        alg: 'RSA-OAEP-256',
        enc: 'A256CBC-HS512',
        kid: expect.stringMatching(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/)
      })
      expect([jwe.encryptedKey.length, jwe.iv.length, jwe.ciphertext.length, jwe.tag.length]).toEqual([
        256, 16, 80, 32
      ])
    }
  })

  it('cannot be unwrapped with an unrelated key (and say so)', () => {
    const share = recording.responseSharedKeys.enc_shares[0]!.enc_key
    expect(code(() => decryptCompactJwe(share, rsa.privateKey))).toBe('KEY_UNWRAP_FAILED')
  })
})
