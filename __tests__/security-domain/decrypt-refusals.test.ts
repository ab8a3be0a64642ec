/**
 * How security-domain recovery (src/security-domain/decrypt.ts) names what is wrong: a supplied key that is
 * not a certificate or not RSA, a share that decrypts to the wrong size or to no Shamir share, two shares
 * that cannot be combined, a subset whose keys hold one share between them, and too many subsets to try.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto'
import { buildDownloadJwk } from '../../src/security-domain/certificates.js'
import { decryptCompactJwe, encryptCompactJwe } from '../../src/security-domain/jwe.js'
import {
  checkSecurityDomainRecovery,
  recoverableSubsets,
  RecoveryError,
  type WrappingKeyInput
} from '../../src/security-domain/decrypt.js'
import type { SecurityDomainFile } from '../../src/security-domain/format.js'
import { generateWrappingKeys, type WrappingKey } from '../../src/security-domain/wrapping-keys.js'
import { generateSecurityDomain } from '../support/generate-security-domain.js'
import { deepClone } from './helpers.js'

let keys: WrappingKey[]
let sd: SecurityDomainFile
const input = (k: WrappingKey): WrappingKeyInput => ({
  privateKeyPem: k.privateKeyPem,
  certificatePem: k.certificatePem
})

function failure(sdIn: SecurityDomainFile, supplied: WrappingKeyInput[]): RecoveryError {
  const result = checkSecurityDomainRecovery(sdIn, supplied)
  if (result.ok) throw new Error('expected recovery to fail')
  return result.error
}

/** The SD with share `index` re-encrypted to its own key's certificate around `plaintext`. */
function withShare(index: number, plaintext: Uint8Array): SecurityDomainFile {
  const copy = deepClone(sd)
  const share = copy.SharedKeys.enc_shares[index] as { enc_key: string }
  share.enc_key = encryptCompactJwe(plaintext, {
    alg: 'RSA-OAEP-256',
    key: createPublicKey((keys[index] as WrappingKey).certificatePem)
  })
  return copy
}

beforeAll(async () => {
  keys = await generateWrappingKeys({ count: 2, bits: 2048 })
  sd = generateSecurityDomain({
    certificates: keys.map(k => buildDownloadJwk(k.certificatePem)),
    required: 2
  }).sd
})

describe('supplied keys', () => {
  it('refuses a certificate that is not X.509, naming the key by position', () => {
    const e = failure(sd, [{ ...input(keys[0] as WrappingKey), certificatePem: 'not a certificate' }])
    expect([e.code, e.message]).toEqual([
      'INVALID_KEY',
      'key #1: the certificate is not a valid X.509 certificate'
    ])
  })

  it('refuses a private key that is not RSA, naming the key by its certificate subject', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
    const e = failure(sd, [
      input(keys[0] as WrappingKey),
      { ...input(keys[1] as WrappingKey), privateKeyPem: ec }
    ])
    expect(e.code).toBe('INVALID_KEY')
    expect(e.message).toBe('key #2 (CN=SKR wrapping key 2): not an RSA private key')
  })
})

describe('shares', () => {
  it('refuses a share that decrypts to the wrong number of bytes', () => {
    const e = failure(withShare(0, Buffer.alloc(32, 7)), keys.map(input))
    expect([e.code, e.message]).toEqual([
      'SHARE_INVALID',
      'share #1 (SharedKeys.enc_shares[0]) decrypted to 32 bytes, expected 64'
    ])
  })

  it('refuses a share of the right size that is no Shamir share, with the Shamir reason', () => {
    const e = failure(withShare(1, Buffer.alloc(64)), keys.map(input))
    expect(e.code).toBe('SHARE_INVALID')
    expect(e.message).toMatch(
      /^share #2 \(SharedKeys\.enc_shares\[1\]\) is not a valid Shamir share: share x 0 is outside 1\.\./
    )
  })

  it('says which shares do not combine when two carry the same x', () => {
    const first = decryptCompactJwe(
      (sd.SharedKeys.enc_shares[0] as { enc_key: string }).enc_key,
      createPrivateKey((keys[0] as WrappingKey).privateKeyPem)
    ).plaintext
    const e = failure(withShare(1, first), keys.map(input))
    expect(e.code).toBe('COMBINE_FAILED')
    expect(e.message).toMatch(/^shares #1, #2 do not combine: two shares have the same x/)
  })
})

describe('recoverableSubsets', () => {
  it('reports a subset whose keys hold only one distinct share as too few', () => {
    const report = recoverableSubsets(sd, [input(keys[0] as WrappingKey), input(keys[0] as WrappingKey)])
    expect(report.allRecover).toBe(false)
    expect(report.subsets).toEqual([
      {
        keys: [0, 1],
        ok: false,
        code: 'TOO_FEW_KEYS',
        reason: 'these keys hold 1 distinct share(s), 2 are required'
      }
    ])
  })

  it('refuses to try more than 5000 subsets before reading any key', () => {
    const many = Array.from({ length: 101 }, () => ({ privateKeyPem: 'x', certificatePem: 'x' }))
    expect(() => recoverableSubsets(sd, many)).toThrow(
      new RangeError('too many key subsets to try (101 keys, quorum 2)')
    )
  })
})
