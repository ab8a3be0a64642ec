import { beforeAll, describe, expect, it } from '@jest/globals'
import { createPrivateKey } from 'node:crypto'
import { buildDownloadJwk } from '../../src/security-domain/certificates.js'
import { generateSecurityDomain, type GeneratedSecurityDomain } from '../support/generate-security-domain.js'
import { parseCompactJwe } from '../../src/security-domain/jwe.js'
import { decryptSecurityDomain } from '../../src/security-domain/decrypt.js'
import {
  buildRestoreBlob,
  comparePlaintexts,
  openRestoreBlob,
  parseRestoreBlob,
  parseTransferKey,
  RestoreBlobError,
  type RestoreBlobErrorCode
} from '../../src/security-domain/restore-blob.js'
import { generateWrappingKeys, type WrappingKey } from '../../src/security-domain/wrapping-keys.js'
import { deepClone, flipByte, SEGMENT } from './helpers.js'

let wrapping: WrappingKey[]
let transfer: WrappingKey
let otherTransfer: WrappingKey
let original: GeneratedSecurityDomain
/** GET /securitydomain/upload → {"key_format":"jwk","transfer_key":"<JSON string>"} */
let transferKeyString: string

function restoreCode(fn: () => unknown): RestoreBlobErrorCode | undefined {
  try {
    fn()
  } catch (e) {
    if (e instanceof RestoreBlobError) return e.code
    throw e
  }
  return undefined
}

beforeAll(async () => {
  const keys = await generateWrappingKeys({ count: 5, bits: 2048 })
  wrapping = keys.slice(0, 3)
  transfer = keys[3] as WrappingKey
  otherTransfer = keys[4] as WrappingKey
  original = generateSecurityDomain({
    certificates: wrapping.map(k => buildDownloadJwk(k.certificatePem)),
    required: 2
  })
  const jwk = buildDownloadJwk(transfer.certificatePem)
  // The service's transfer key JWK: kid "not used", key_ops in its own order.
  transferKeyString = JSON.stringify({
    ...jwk,
    key_ops: ['wrapKey', 'verify', 'encrypt'],
    kid: 'not used',
    alg: undefined
  })
})

describe('restore blob round trip', () => {
  it('SD → recover with a quorum → blob for the transfer key → open → the original plaintexts', () => {
    const recovered = decryptSecurityDomain(
      original.text,
      wrapping.slice(1).map(k => ({ ...k }))
    )
    const built = buildRestoreBlob(recovered.items, transferKeyString)
    const opened = openRestoreBlob(built.text, transfer.privateKeyPem, {
      transferCertificate: transfer.certificatePem
    })
    expect(opened.master.equals(built.master)).toBe(true)
    expect(comparePlaintexts(original.plaintexts, opened.items)).toEqual({ equal: true })
    opened.items.forEach((item, i) =>
      expect(item.plaintext.equals(original.plaintexts[i]!.plaintext)).toBe(true)
    )
  })

  it('uses a fresh master, not the SD one, and the layout the CLI uploads', () => {
    const built = buildRestoreBlob(original.plaintexts, transferKeyString)
    expect(built.master).toHaveLength(32)
    expect(built.master.equals(original.master)).toBe(false)
    expect(Object.keys(JSON.parse(built.text))).toEqual(['EncData', 'WrappedKey'])
    expect(built.blob.EncData.kdf).toBe('sp108_kdf')
    expect(built.blob.EncData.data.map(d => d.tag)).toEqual(original.plaintexts.map(p => p.tag))
    const wrapped = parseCompactJwe(built.blob.WrappedKey.enc_key)
    expect(wrapped.header).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256CBC-HS512', kid: 'not used' })
    expect(wrapped.ciphertext).toHaveLength(48) // 32-byte master + a padding block
    expect(built.blob.WrappedKey.x5t_256).toBe(transfer.x5tS256)
    for (const item of built.blob.EncData.data) {
      expect(parseCompactJwe(item.compact_jwe).header).toEqual({
        alg: 'dir',
        enc: 'A256CBC-HS512',
        kid: item.tag
      })
    }
  })

  it('accepts the transfer key as an object and as a KeyObject-backed private key', () => {
    const built = buildRestoreBlob(original.plaintexts, JSON.parse(transferKeyString) as object)
    const opened = openRestoreBlob(built.blob, createPrivateKey(transfer.privateKeyPem))
    expect(comparePlaintexts(original.plaintexts, opened.items).equal).toBe(true)
  })
})

describe('restore blob failures', () => {
  let blobText: string
  beforeAll(() => {
    blobText = buildRestoreBlob(original.plaintexts, transferKeyString).text
  })

  it('a blob for another transfer key is refused by thumbprint, and cannot be unwrapped', () => {
    expect(
      restoreCode(() =>
        openRestoreBlob(blobText, otherTransfer.privateKeyPem, {
          transferCertificate: otherTransfer.certificatePem
        })
      )
    ).toBe('WRONG_TRANSFER_KEY')
    expect(restoreCode(() => openRestoreBlob(blobText, otherTransfer.privateKeyPem))).toBe('UNWRAP_FAILED')
  })

  it('a flipped byte in an item names it', () => {
    const blob = JSON.parse(blobText)
    blob.EncData.data[2].compact_jwe = flipByte(blob.EncData.data[2].compact_jwe, SEGMENT.ciphertext, 9)
    expect(() => openRestoreBlob(blob, transfer.privateKeyPem)).toThrow(
      /^EncData item "partition_enclave_backup" \(EncData\.data\[2\]\) failed: authentication tag mismatch/
    )
  })

  it('a flipped byte in the wrapped key fails to unwrap', () => {
    const blob = JSON.parse(blobText)
    blob.WrappedKey.enc_key = flipByte(blob.WrappedKey.enc_key, SEGMENT.tag)
    expect(restoreCode(() => openRestoreBlob(blob, transfer.privateKeyPem))).toBe('UNWRAP_FAILED')
  })

  it('malformed blobs are reported by path', () => {
    expect(() => parseRestoreBlob('{"EncData":{"data":[],"kdf":"sp108_kdf"}}')).toThrow(
      /^restore blob: EncData\.data must not be empty$/
    )
    const noWrapped = deepClone(JSON.parse(blobText))
    delete noWrapped.WrappedKey
    expect(() => parseRestoreBlob(noWrapped)).toThrow(/WrappedKey must be an object/)
    expect(restoreCode(() => parseRestoreBlob('not json'))).toBe('INVALID_BLOB')
  })

  it('comparePlaintexts finds a missing, extra or different item', () => {
    const base = original.plaintexts
    expect(comparePlaintexts(base, base.slice(1)).reason).toBe('item "hsm_backup" is missing')
    expect(comparePlaintexts(base.slice(1), base).reason).toBe('unexpected item "hsm_backup"')
    const changed = base.map(p => ({ tag: p.tag, plaintext: Buffer.from(p.plaintext) }))
    changed[1]!.plaintext[0] ^= 1
    expect(comparePlaintexts(base, changed)).toEqual({
      equal: false,
      reason: 'item "base_enclave_backup" differs'
    })
  })
})

describe('parseTransferKey', () => {
  it('reads the service shape (a JSON string) and takes the thumbprint from x5c', () => {
    const key = parseTransferKey(transferKeyString)
    expect(key.x5tS256).toBe(transfer.x5tS256)
    expect(key.certificate?.subject).toBe('CN=SKR wrapping key 4')
  })

  it('refuses n/e that do not match the certificate', () => {
    const jwk = JSON.parse(transferKeyString)
    jwk.n = buildDownloadJwk(otherTransfer.certificatePem).n
    expect(() => parseTransferKey(jwk)).toThrow(/n\/e do not match the x5c certificate/)
  })

  it('without x5c, needs x5t#S256', () => {
    const { x5c: _x5c, ...rest } = JSON.parse(transferKeyString)
    expect(parseTransferKey(rest).x5tS256).toBe(transfer.x5tS256)
    const { 'x5t#S256': _t, ...bare } = rest
    expect(() => parseTransferKey(bare)).toThrow(/x5t#S256/)
  })

  it('refuses non-RSA and non-JSON transfer keys', () => {
    expect(() => parseTransferKey('{"kty":"EC"}')).toThrow(/kty must be "RSA"/)
    expect(restoreCode(() => parseTransferKey('{'))).toBe('INVALID_TRANSFER_KEY')
  })
})
