import { beforeAll, describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { buildDownloadJwk } from '../../src/security-domain/certificates.js'
import type { SecurityDomainFile } from '../../src/security-domain/format.js'
import {
  AZURE_SD_TAGS,
  generateSecurityDomain,
  type GeneratedSecurityDomain
} from '../support/generate-security-domain.js'
import { parseCompactJwe } from '../../src/security-domain/jwe.js'
import {
  checkSecurityDomainRecovery,
  recoverableSubsets,
  decryptSecurityDomain,
  RecoveryError,
  type RecoveryErrorCode,
  type WrappingKeyInput
} from '../../src/security-domain/decrypt.js'
import { generateWrappingKeys, type WrappingKey } from '../../src/security-domain/wrapping-keys.js'
import { deepClone, flipByte, SEGMENT, subsetsOf } from './helpers.js'

let keys: WrappingKey[] // 10 × RSA-2048
let foreign: WrappingKey
const input = (k: WrappingKey): WrappingKeyInput => ({
  privateKeyPem: k.privateKeyPem,
  certificatePem: k.certificatePem
})

function makeSd(count: number, required: number): GeneratedSecurityDomain {
  return generateSecurityDomain({
    certificates: keys.slice(0, count).map(k => buildDownloadJwk(k.certificatePem)),
    required
  })
}

function failure(sd: SecurityDomainFile | string, supplied: WrappingKey[]): RecoveryError {
  const result = checkSecurityDomainRecovery(sd, supplied.map(input))
  if (result.ok) throw new Error('expected recovery to fail')
  return result.error
}

beforeAll(async () => {
  const all = await generateWrappingKeys({ count: 11, bits: 2048 })
  keys = all.slice(0, 10)
  foreign = all[10] as WrappingKey
})

describe('generated security domains have the service layout', () => {
  it('3 items (dir, kid = tag), N shares (RSA-OAEP-256, GUID-like kid) in certificate order', () => {
    const g = makeSd(3, 2)
    expect(g.sd.version).toBe(2)
    expect(g.sd.EncData.kdf).toBe('sp108_kdf')
    expect(g.sd.EncData.data.map(d => d.tag)).toEqual([...AZURE_SD_TAGS])
    for (const item of g.sd.EncData.data) {
      expect(parseCompactJwe(item.compact_jwe).header).toEqual({
        alg: 'dir',
        enc: 'A256CBC-HS512',
        kid: item.tag
      })
    }
    expect(g.sd.SharedKeys).toMatchObject({ key_algorithm: 'shamir_share', required: 2 })
    expect(g.sd.SharedKeys.enc_shares.map(s => s.x5t_256)).toEqual(keys.slice(0, 3).map(k => k.x5tS256))
    const kids = g.sd.SharedKeys.enc_shares.map(s => parseCompactJwe(s.enc_key).header.kid)
    for (const kid of kids)
      expect(kid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(new Set(kids).size).toBe(3)
    expect(g.master).toHaveLength(32)
    expect(g.text).toBe(JSON.stringify(g.sd))
  })

  it('refuses impossible requests', () => {
    const certificates = keys.slice(0, 3).map(k => buildDownloadJwk(k.certificatePem))
    expect(() => generateSecurityDomain({ certificates, required: 4 })).toThrow(/required \(4\) exceeds/)
    expect(() => generateSecurityDomain({ certificates, required: 1 })).toThrow(/from 2 to 10/)
    expect(() =>
      generateSecurityDomain({ certificates: [{ x5c: ['bm90IGEgY2VydA=='] }, ...certificates], required: 2 })
    ).toThrow(/certificates\[0\]\.x5c\[0\] is not a base64 DER/)
  })
})

describe.each([
  [3, 2],
  [5, 3],
  [10, 10]
])('%i keys, quorum %i', (count, required) => {
  let g: GeneratedSecurityDomain
  beforeAll(() => {
    g = makeSd(count, required)
  })

  it('every subset of exactly `required` keys recovers the master and every item', () => {
    const subsets = subsetsOf(count, required)
    expect(subsets.length).toBeGreaterThan(0)
    for (const subset of subsets) {
      const result = decryptSecurityDomain(
        g.text,
        subset.map(i => input(keys[i] as WrappingKey))
      )
      expect(result.ok).toBe(true)
      expect(result.master.equals(g.master)).toBe(true)
      expect(result.matched).toEqual(subset.map((_, j) => j))
      expect(result.sharesUsed).toEqual(subset)
      expect(result.items.map(i => i.tag)).toEqual(g.plaintexts.map(p => p.tag))
      result.items.forEach((item, j) => expect(item.plaintext.equals(g.plaintexts[j]!.plaintext)).toBe(true))
    }
  })

  it('all keys plus a foreign one recover too (the foreign key is simply not matched)', () => {
    const supplied = [foreign, ...keys.slice(0, count)].map(input)
    const result = decryptSecurityDomain(g.sd, supplied)
    expect(result.master.equals(g.master)).toBe(true)
    expect(result.matched).toEqual(Array.from({ length: count }, (_, i) => i + 1))
  })

  it('every subset of `required − 1` keys fails with TOO_FEW_KEYS, saying how many matched', () => {
    for (const subset of subsetsOf(count, required - 1).slice(0, 20)) {
      const error = failure(
        g.text,
        subset.map(i => keys[i] as WrappingKey)
      )
      expect(error.code).toBe('TOO_FEW_KEYS')
      expect(error.details).toMatchObject({ matched: required - 1, required })
      expect(error.message).toBe(
        `${required - 1} of the supplied key(s) match a share of this security domain, ${required} are required`
      )
    }
  })

  it('recoverableSubsets reports every quorum subset as recovering', () => {
    const report = recoverableSubsets(g.sd, keys.slice(0, count).map(input))
    expect(report.required).toBe(required)
    expect(report.subsets).toHaveLength(subsetsOf(count, required).length)
    expect(report.allRecover).toBe(true)
    expect(report.keyProblems).toEqual([])
  })
})

describe('recovery failures say what is wrong', () => {
  let g: GeneratedSecurityDomain // 3 keys, quorum 2
  beforeAll(() => {
    g = makeSd(3, 2)
  })

  it('a foreign key with one real key: 1 matched of 2 required, naming the unmatched key', () => {
    const error = failure(g.sd, [keys[0]!, foreign])
    expect(error.code).toBe('TOO_FEW_KEYS')
    expect(error.message).toBe(
      '1 of the supplied key(s) match a share of this security domain, 2 are required (matching no share: key #2)'
    )
  })

  it('only foreign keys: 0 matched', () => {
    expect(failure(g.sd, [foreign]).details).toMatchObject({ matched: 0, required: 2 })
  })

  it('the same key twice counts once', () => {
    expect(failure(g.sd, [keys[1]!, keys[1]!]).code).toBe('TOO_FEW_KEYS')
  })

  it.each([
    ['ciphertext', SEGMENT.ciphertext, 5],
    ['tag', SEGMENT.tag, 5],
    ['iv', SEGMENT.iv, 5],
    // Byte 43 lies inside the kid value, so the header stays valid JSON and only the MAC can tell.
    ['header', SEGMENT.header, 43]
  ])('a flipped byte in an EncData item %s names the item', (_name, segment, byteIndex) => {
    for (const [index, tag] of AZURE_SD_TAGS.entries()) {
      const sd = deepClone(g.sd)
      sd.EncData.data[index]!.compact_jwe = flipByte(sd.EncData.data[index]!.compact_jwe, segment, byteIndex)
      const error = failure(sd, keys.slice(0, 2))
      expect(error.code).toBe('ITEM_DECRYPT_FAILED')
      expect(error.details).toMatchObject({ itemIndex: index, tag })
      expect(error.message).toMatch(
        new RegExp(`^EncData item "${tag}" \\(EncData\\.data\\[${index}\\]\\) failed`)
      )
      expect(error.message).toMatch(/authentication tag mismatch/)
    }
  })

  it('an EncData header that is no longer JSON is reported for that item', () => {
    const sd = deepClone(g.sd)
    sd.EncData.data[1]!.compact_jwe = flipByte(sd.EncData.data[1]!.compact_jwe, SEGMENT.header, 1)
    const error = failure(sd, keys.slice(0, 2))
    expect(error.code).toBe('ITEM_DECRYPT_FAILED')
    expect(error.message).toMatch(/^EncData item "base_enclave_backup" .*not valid JSON/)
  })

  it('a renamed item tag derives another key and fails', () => {
    const sd = deepClone(g.sd)
    sd.EncData.data[0]!.tag = 'hsm_backup2'
    expect(failure(sd, keys.slice(0, 2)).details).toMatchObject({ itemIndex: 0, tag: 'hsm_backup2' })
  })

  it.each<[string, number, RecoveryErrorCode]>([
    ['ciphertext', SEGMENT.ciphertext, 'SHARE_DECRYPT_FAILED'],
    ['tag', SEGMENT.tag, 'SHARE_DECRYPT_FAILED'],
    ['encrypted key', SEGMENT.encryptedKey, 'SHARE_DECRYPT_FAILED']
  ])('a flipped byte in share #2 %s names the share and the key', (_name, segment, code) => {
    const sd = deepClone(g.sd)
    sd.SharedKeys.enc_shares[1]!.enc_key = flipByte(sd.SharedKeys.enc_shares[1]!.enc_key, segment, 7)
    const error = failure(sd, keys.slice(0, 3))
    expect(error.code).toBe(code)
    expect(error.details).toMatchObject({ shareIndex: 1, keyIndex: 1 })
    expect(error.message).toMatch(
      /^share #2 \(SharedKeys\.enc_shares\[1\]\) could not be decrypted with key #2 \(CN=SKR wrapping key 2\): /
    )
  })

  it('a damaged share is reported even when the other keys would still reach the quorum', () => {
    const sd = deepClone(g.sd)
    sd.SharedKeys.enc_shares[2]!.enc_key = flipByte(sd.SharedKeys.enc_shares[2]!.enc_key, SEGMENT.ciphertext)
    expect(failure(sd, keys.slice(0, 3)).details.shareIndex).toBe(2)
    // ...while the two intact shares alone recover it.
    expect(decryptSecurityDomain(sd, keys.slice(0, 2).map(input)).master.equals(g.master)).toBe(true)
  })

  it('a share swapped in from another SD for the same certificates does not combine', () => {
    const other = makeSd(3, 2)
    const sd = deepClone(g.sd)
    sd.SharedKeys.enc_shares[1] = other.sd.SharedKeys.enc_shares[1]!
    const error = failure(sd, keys.slice(0, 2))
    expect(['COMBINE_FAILED', 'ITEM_DECRYPT_FAILED']).toContain(error.code)
  })

  it('thumbprints swapped between two shares: the keys reach the wrong shares and fail to unwrap', () => {
    const sd = deepClone(g.sd)
    const [a, b] = [sd.SharedKeys.enc_shares[0]!, sd.SharedKeys.enc_shares[1]!]
    ;[a.x5t_256, b.x5t_256] = [b.x5t_256, a.x5t_256]
    const error = failure(sd, keys.slice(0, 2))
    expect(error.code).toBe('SHARE_DECRYPT_FAILED')
    expect(error.message).toMatch(/RSA-OAEP could not unwrap/)
  })

  it('a private key that does not belong to its certificate', () => {
    const result = checkSecurityDomainRecovery(g.sd, [
      input(keys[0]!),
      { privateKeyPem: foreign.privateKeyPem, certificatePem: keys[1]!.certificatePem }
    ])
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('KEY_CERT_MISMATCH')
      expect(result.error.message).toBe(
        'key #2 (CN=SKR wrapping key 2): the private key does not belong to this certificate'
      )
    }
  })

  it('unreadable keys and SDs', () => {
    const bad = checkSecurityDomainRecovery(g.sd, [
      { privateKeyPem: 'nope', certificatePem: keys[0]!.certificatePem }
    ])
    expect(!bad.ok && bad.error.code).toBe('INVALID_KEY')
    expect(!bad.ok && bad.error.message).not.toContain('nope')
    const notSd = checkSecurityDomainRecovery('{"version":2}', keys.slice(0, 2).map(input))
    expect(!notSd.ok && notSd.error.code).toBe('INVALID_SD')
  })

  it('decryptSecurityDomain throws a RecoveryError', () => {
    expect(() => decryptSecurityDomain(g.sd, [input(foreign)])).toThrow(RecoveryError)
  })
})

describe('recoverableSubsets with a damaged and a foreign key (nightly check)', () => {
  it('says which subsets recover and why the others do not', () => {
    const g = makeSd(5, 3)
    const sd = deepClone(g.sd)
    sd.SharedKeys.enc_shares[4]!.enc_key = flipByte(sd.SharedKeys.enc_shares[4]!.enc_key, SEGMENT.tag)
    const supplied = [...keys.slice(0, 5), foreign].map(input)
    const report = recoverableSubsets(sd, supplied)
    expect(report.subsets).toHaveLength(20) // C(6, 3)
    expect(report.allRecover).toBe(false)
    const ok = report.subsets.filter(s => s.ok).map(s => s.keys)
    expect(ok).toEqual(subsetsOf(4, 3)) // only subsets of the four intact, matching keys
    expect(report.keyProblems.map(p => [p.keyIndex, p.code])).toEqual([
      [4, 'SHARE_DECRYPT_FAILED'],
      [5, 'UNMATCHED_KEY']
    ])
    const withForeign = report.subsets.find(s => s.keys.includes(5) && !s.keys.includes(4))!
    expect(withForeign.reason).toMatch(/key #6 .*matches no share/)
  })

  it('reports a subset whose shares combine to the wrong master', () => {
    const g = makeSd(3, 2)
    const other = makeSd(3, 2)
    const sd = deepClone(g.sd)
    sd.SharedKeys.enc_shares[2] = other.sd.SharedKeys.enc_shares[2]!
    const report = recoverableSubsets(sd, keys.slice(0, 3).map(input))
    expect(report.subsets.map(s => s.ok)).toEqual([true, false, false]) // {0,1} ok; {0,2}, {1,2} not
    for (const s of report.subsets.slice(1))
      expect(['COMBINE_FAILED', 'ITEM_DECRYPT_FAILED']).toContain(s.code)
  })
})

describe('tags other than the current three', () => {
  it('recovers whatever items are present (older SDs: kmsp_enclave_backup)', () => {
    const payloads = ['hsm_backup', 'base_enclave_backup', 'kmsp_enclave_backup'].map(tag => ({
      tag,
      plaintext: randomBytes(300)
    }))
    const g = generateSecurityDomain({
      certificates: keys.slice(0, 3).map(k => buildDownloadJwk(k.certificatePem)),
      required: 2,
      payloads
    })
    const result = decryptSecurityDomain(g.text, keys.slice(1, 3).map(input))
    expect(result.items.map(i => i.tag)).toEqual(['hsm_backup', 'base_enclave_backup', 'kmsp_enclave_backup'])
    expect(result.items[2]!.plaintext.equals(payloads[2]!.plaintext)).toBe(true)
  })
})
